"""Benchmark: the cost of "which documents are public?" (rendicion/visibility.py) as the
reference index grows — the question the document library, /datos/ and the ZIPs ask.

    python bench/visibility_bench.py              # throwaway SQLite database
    DATABASE_URL=postgres://… python bench/visibility_bench.py

Builds, in a throwaway database, SIZES of content: live pages that each refer to documents
(as reports do), documents nobody refers to, and references between pages (links in rich
text), the bulk of a real index. Then times, median of 5 runs, the three queries the library
runs per request (the years present, the count, one page of 20) and one document check.
"""

import os
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

from throwaway_database import run_in_throwaway_database  # noqa: E402 - after the path

# (pages, documents per page, unreferenced documents, page-to-page references)
SIZES = [(50, 4, 100, 2_000), (500, 4, 1_000, 20_000), (2_000, 4, 4_000, 80_000)]
RUNS = 5


def median_ms(run):
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def grow_to(pages_wanted, per_page, loose, links):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, ReferenceIndex, Site

    from rendicion.models import PortalDocument

    home = Site.objects.get(is_default_site=True).root_page
    have = Page.objects.filter(depth=home.depth + 1).count()
    for i in range(have, pages_wanted):
        home.add_child(instance=Page(title=f"Informe {i}", slug=f"informe-{i}", live=True))
    pages = list(Page.objects.filter(depth=home.depth + 1).values_list("pk", flat=True))
    wanted_documents = pages_wanted * per_page + loose
    have_documents = PortalDocument.objects.count()
    PortalDocument.objects.bulk_create(
        PortalDocument(title=f"Documento {i}", file=f"documents/d{i}.pdf", fiscal_year=2021)
        for i in range(have_documents, wanted_documents)
    )
    documents = list(PortalDocument.objects.order_by("pk").values_list("pk", flat=True))
    page_type = ContentType.objects.get_for_model(Page)
    document_type = ContentType.objects.get_for_model(PortalDocument)

    def reference(page, to_type, to_id, path):
        return ReferenceIndex(
            content_type=page_type,
            base_content_type=page_type,
            object_id=str(page),
            to_content_type=to_type,
            to_object_id=str(to_id),
            model_path=path,
            content_path=path,
            content_path_hash=uuid.uuid4(),
        )

    ReferenceIndex.objects.all().delete()
    ReferenceIndex.objects.bulk_create(
        (
            reference(page, document_type, documents[n * per_page + k], f"documents.{k}")
            for n, page in enumerate(pages)
            for k in range(per_page)
        ),
        batch_size=2_000,
    )
    ReferenceIndex.objects.bulk_create(
        (
            reference(pages[i % len(pages)], page_type, pages[(i * 7) % len(pages)], f"body.{i}")
            for i in range(links)
        ),
        batch_size=2_000,
    )
    return len(documents)


def measure(folder):
    from django.db import connection

    from rendicion.models import PortalDocument
    from rendicion.visibility import is_public_document, public_documents

    print(f"database: {connection.vendor}")
    print(
        f"{'pages':>6} {'docs':>6} {'refs':>7} | {'years':>7} {'count':>7} {'page':>7} "
        f"{'check':>7}  (ms, median of {RUNS})"
    )
    for pages, per_page, loose, links in SIZES:
        total = grow_to(pages, per_page, loose, links)
        sample = PortalDocument.objects.order_by("-pk").first()
        figures = [
            median_ms(
                lambda: list(
                    public_documents().values_list("fiscal_year", flat=True).distinct().order_by()
                )
            ),
            median_ms(lambda: public_documents().count()),
            median_ms(lambda: list(public_documents().order_by("title")[:20])),
            median_ms(lambda sample=sample: is_public_document(sample)),
        ]
        public = public_documents().count()
        assert public == pages * per_page, (public, pages * per_page)
        print(
            f"{pages:>6} {total:>6} {pages * per_page + links:>7} | "
            + " ".join(f"{value:>7.1f}" for value in figures)
        )


if __name__ == "__main__":
    run_in_throwaway_database(measure)
