"""Large-site benchmark: every kind of public page, in-process, at the issue's large size.

The demo site plus 5 more vigencias × 8 department sections (5,000 pages), 3,000 indicators
with 3 measurements each, cited by the reports, and 1,000 documents (``corpus.py``). Each
page is requested through the real views (Django's test client, no network, page cache off)
after one warm-up; prints p50/p95 milliseconds, the size of the HTML and the queries, and
whether it meets the targets of docs/caching.md (under 60 ms and 150 KB).

    python bench/page_bench.py                     # SQLite in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python bench/page_bench.py
    PAGE_BENCH_SCALE=0.2 python bench/page_bench.py   # a smaller site while developing

On PostgreSQL a throwaway ``test_<name>`` database is created and dropped.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

from throwaway_database import run_in_throwaway_database  # noqa: E402 - after the path

REPEAT = int(os.environ.get("PAGE_BENCH_REPEAT", "20"))
SCALE = float(os.environ.get("PAGE_BENCH_SCALE", "1"))
TARGET_MS, TARGET_KB = 60, 150


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def addresses():
    from rendicion.models import DialogueEncounterPage, Indicator, ReportPage

    encounter = DialogueEncounterPage.objects.live().filter(slug__startswith="p").first()
    report = ReportPage.objects.live().filter(slug__startswith="p").first()
    indicator = Indicator.objects.filter(code__startswith="2200").first()
    return {
        "home": "/",
        "cycle (demo 2021)": "/rendicion-de-cuentas-2021/",
        "cycle (2020)": "/rendicion-2020/",
        "section (2020)": "/rendicion-2020/educacion/",
        "encounter list": "/rendicion-2020/encuentros/",
        "encounter": encounter.url,
        "report": report.url,
        "indicators ?ods=4": "/indicadores/?ods=4",
        "indicator": f"/indicadores/{indicator.slug}/",
        "SDG index": "/ods/",
        "SDG goal 4": "/ods/4/",
        "documents": "/documentos/",
        "open data": "/datos/",
        "search": "/buscar/?q=educacion",
        "API pages": "/api/v2/pages/",
        "API indicators": "/api/datos/v1/indicadores/",
    }


def measure(_folder):
    from corpus import build_large_site
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from portal.gc_tuning import freeze_after_first_request

    started = time.perf_counter()
    counts = build_large_site(SCALE)
    print(
        f"Page benchmark on {connection.vendor}: the demo site and {counts[0]} pages, "
        f"{counts[1]} indicators, {counts[2]} documents more; built in "
        f"{time.perf_counter() - started:.0f} s; {REPEAT} requests per page"
    )
    client = Client()
    freeze_after_first_request()  # as portal.wsgi does in every gunicorn worker
    print(f"{'page':<20} {'p50 ms':>7} {'p95 ms':>7} {'KB':>6} {'queries':>7}  targets")
    missed = 0
    for label, url in addresses().items():
        response = client.get(url)
        assert response.status_code == 200, (label, url, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        query_count = len(queries)  # now: the log is a bounded deque
        timings = []
        for _ in range(REPEAT):
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        size = len(response.content) / 1024
        p95 = percentile(timings, 0.95)
        met = p95 < TARGET_MS and size < TARGET_KB
        missed += not met
        print(
            f"{label:<20} {statistics.median(timings):7.1f} {p95:7.1f} {size:6.0f} "
            f"{query_count:7d}  {'met' if met else 'NOT MET'}"
        )
    print(f"{missed} page(s) over {TARGET_MS} ms (p95) or {TARGET_KB} KB")


if __name__ == "__main__":
    run_in_throwaway_database(measure)
