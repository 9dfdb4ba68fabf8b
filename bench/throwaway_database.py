"""A throwaway test database for the benchmarks that run the portal in-process.

SQLite in a temporary folder unless DATABASE_URL is set; on PostgreSQL a test_<name>
database is created and dropped, as Django's test runner does.
"""

import os
import tempfile
from pathlib import Path


def fresh_database(url):
    """Delete the SQLite file or drop and create the PostgreSQL database of ``url``; returns
    ``url``."""
    if url.startswith("sqlite:"):
        Path(url.split("sqlite:///", 1)[1]).unlink(missing_ok=True)
        return url
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return url


def run_in_throwaway_database(run):
    """Set Django up, create the test database, call ``run(folder)``, then drop it."""
    import django

    folder = Path(tempfile.mkdtemp(prefix="rendicion-bench-"))
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    django.setup()

    from django.conf import settings
    from django.db import connection

    if connection.vendor == "sqlite":
        settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = str(
            folder / "bench-test.sqlite3"
        )
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(folder)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
