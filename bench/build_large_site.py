"""Build the large site (``corpus.build_large_site``) in the database the environment names,
already migrated: run by ``cache_bench.py`` before it starts gunicorn on that database.

    DJANGO_SETTINGS_MODULE=… DATABASE_URL=… python bench/build_large_site.py
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import django  # noqa: E402 - after the path

django.setup()

from corpus import build_large_site  # noqa: E402

if __name__ == "__main__":
    pages, indicators, documents = build_large_site()
    print(f"large site: {pages} pages, {indicators} indicators, {documents} documents more")
