"""Search benchmark: 5,000 pages, 2,000 indicators and 1,000 documents; p50/p95 per query type.

Builds the corpus in a throwaway database, indexes it with ``update_index`` and times each
kind of query through the real views (Django's test client: no network), as a citizen would
get them: results page with facets, filtered page, suggestions.

    python bench/search_bench.py                  # SQLite file in /tmp
    SEARCH_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/search_bench \\
        python bench/search_bench.py              # PostgreSQL (the database is recreated)

``SEARCH_BENCH_REPEAT`` (default 30) sets the number of timed runs per query type.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATABASE_URL = os.environ.get("SEARCH_BENCH_DATABASE_URL", "sqlite:////tmp/search-bench.sqlite3")
REPEAT = int(os.environ.get("SEARCH_BENCH_REPEAT", "30"))
SCALE = float(os.environ.get("SEARCH_BENCH_SCALE", "1"))  # a smaller corpus while developing
PAGES, INDICATORS, DOCUMENTS = int(5000 * SCALE), int(2000 * SCALE), int(1000 * SCALE)
YEARS = (2019, 2020, 2021, 2022, 2023)


from throwaway_database import fresh_database  # noqa: E402 - bench/, this folder

fresh_database(DATABASE_URL)
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
os.environ.setdefault("MEDIA_ROOT", os.path.join(tempfile.gettempdir(), "search-bench-media"))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

# Index once, at the end, as a bulk load would; the portal itself updates on every save.
settings.WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = False

from corpus import build_site  # noqa: E402 - bench/, the script's own folder
from wagtail.signal_handlers import disable_reference_index_auto_update  # noqa: E402

from portal.gc_tuning import freeze_after_first_request  # noqa: E402


def build_corpus():
    return build_site(pages=PAGES, indicators=INDICATORS, documents=DOCUMENTS, years=YEARS)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


QUERIES = [
    ("one word", "/buscar/", {"q": "educacion"}),
    ("two words", "/buscar/", {"q": "alumbrado publico"}),
    ("inflections", "/buscar/", {"q": "docentes atendido"}),
    ("indicator code", "/buscar/", {"q": "220000042"}),
    ("SDG target", "/buscar/", {"q": "meta 4.1"}),
    ("no results", "/buscar/", {"q": "zzzzzz"}),
    ("filtered", "/buscar/", {"q": "educacion", "vigencia": "2021", "tipo": "informes"}),
    ("page 3", "/buscar/", {"q": "salud", "pagina": "3"}),
    ("suggestions", "/buscar/sugerencias/", {"q": "alumb"}),
]


def main():
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    with disable_reference_index_auto_update(), transaction.atomic():
        counts = build_corpus()
    built = time.perf_counter()
    print(f"corpus built in {built - started:.1f} s", flush=True)
    call_command("update_index", verbosity=0)
    if connection.vendor == "postgresql":
        # Planner statistics, as autovacuum keeps them in production.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    indexed = time.perf_counter()

    client = Client()
    # As portal.wsgi does in every gunicorn worker.
    freeze_after_first_request()
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    print(f"Search benchmark on {connection.vendor} ({backend})")
    print(
        f"corpus: {counts[0]} pages, {counts[1]} indicators, {counts[2]} documents; "
        f"built in {built - started:.1f} s, update_index {indexed - built:.1f} s"
    )
    print(f"{'query type':<16} {'p50 ms':>8} {'p95 ms':>8}  results")
    for label, path, params in QUERIES:
        response = client.get(path, params)  # warm caches
        assert response.status_code == 200, (label, response.status_code)
        timings = []
        for _ in range(REPEAT):
            start = time.perf_counter()
            response = client.get(path, params)
            timings.append((time.perf_counter() - start) * 1000)
        body = response.content.decode()
        if path.endswith("sugerencias/"):
            found = f"{len(response.json()['results'])} suggestions"
        else:
            found = body.split('class="results-count">', 1)[-1].split("<", 1)[0].strip()[:40]
        print(
            f"{label:<16} {statistics.median(timings):8.1f} {percentile(timings, 0.95):8.1f}  "
            f"{found}"
        )


if __name__ == "__main__":
    main()
