"""Streaming ZIP of a fiscal year's documents: peak memory must stay flat, whatever the size.

Creates documents of random bytes (incompressible, the worst case) in a temporary MEDIA_ROOT
and a temporary SQLite database, then downloads /documentos/vigencia-<year>.zip through
Django's test client, reading the streamed response chunk by chunk, for a small and a large
total size. Prints, for each: size, time, throughput, the peak of Python allocations while
streaming (tracemalloc) and the process's maximum resident memory so far (ru_maxrss), which
would grow with the archive if it were built in memory.

    python bench/zip_bench.py            # 20 MB and 200 MB
    python bench/zip_bench.py 500        # 20 MB and 500 MB
"""

import os
import resource
import sys
import tempfile
import time
import tracemalloc
import warnings
import zipfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

WORK_DIR = Path(tempfile.mkdtemp(prefix="zip-bench-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{WORK_DIR / 'bench.sqlite3'}"
os.environ["MEDIA_ROOT"] = str(WORK_DIR / "media")

warnings.filterwarnings("ignore", "No directory at")  # no collected static files here

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from wagtail.models import Collection  # noqa: E402

from rendicion.models import PortalDocument, PublicCollection  # noqa: E402

FILE_SIZE = 5 * 1024 * 1024
MB = 1024 * 1024


def max_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def create_documents(collection, year, total_mb):
    count = max(1, total_mb * MB // FILE_SIZE)
    media = Path(settings.MEDIA_ROOT) / "documents"
    media.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        name = f"documents/bench-{year}-{i:03d}.pdf"
        with open(Path(settings.MEDIA_ROOT) / name, "wb") as out:
            out.write(b"%PDF-1.4\n")
            out.write(os.urandom(FILE_SIZE - 9))
        PortalDocument.objects.create(
            title=f"Documento {year}-{i}",
            file=name,
            file_size=FILE_SIZE,
            sha256="0" * 64,
            collection=collection,
            fiscal_year=year,
        )
    return count * FILE_SIZE


def stream(client, year, trace):
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    response = client.get(f"/documentos/vigencia-{year}.zip")
    assert response.status_code == 200 and response.streaming
    received = 0
    for chunk in response.streaming_content:
        received += len(chunk)
    elapsed = time.perf_counter() - started
    peak = 0
    if trace:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return received, elapsed, peak


def main():
    large_mb = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    with override_settings(MEDIA_ROOT=os.environ["MEDIA_ROOT"]):
        call_command("migrate", verbosity=0)
        collection = Collection.get_first_root_node().add_child(name="Bench")
        PublicCollection.objects.create(collection=collection)
        client = Client()
        print(
            f"{'documents':>10} {'zip MB':>8} {'seconds':>8} {'MB/s':>6} "
            f"{'py peak MB':>10} {'max RSS MB':>10}"
        )
        peaks = []
        for year, total_mb in ((2020, 20), (2021, large_mb)):
            stored = create_documents(collection, year, total_mb)
            received, elapsed, _ = stream(client, year, trace=False)
            rss = max_rss_mb()
            _, _, peak = stream(client, year, trace=True)
            peaks.append(peak)
            print(
                f"{stored // FILE_SIZE:>10} {received / MB:>8.1f} {elapsed:>8.2f} "
                f"{received / MB / elapsed:>6.0f} {peak / MB:>10.2f} {rss:>10.1f}"
            )
        # The archive is sound: every entry's CRC checks out.
        archive_path = WORK_DIR / "check.zip"
        with open(archive_path, "wb") as out:
            for chunk in client.get("/documentos/vigencia-2021.zip").streaming_content:
                out.write(chunk)
        with zipfile.ZipFile(archive_path) as archive:
            bad = archive.testzip()
            entries = len(archive.namelist())
        print(f"archive check: {entries} entries, {'all CRCs valid' if bad is None else bad}")
        flat = bad is None and peaks[1] < peaks[0] * 1.5 + MB
        print(
            f"peak memory {'flat' if flat else 'NOT flat'}: {peaks[0] / MB:.2f} MB for 20 MB, "
            f"{peaks[1] / MB:.2f} MB for {large_mb} MB of documents"
        )
    return 0 if flat else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    finally:
        import shutil

        shutil.rmtree(WORK_DIR, ignore_errors=True)
