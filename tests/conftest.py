import os
import shutil

import pytest
from django.conf import settings

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# In CI a browser test that cannot run is a failure, not a skip.
BROWSER_REQUIRED = (
    os.environ.get("CI", "").lower() in {"1", "true", "yes"}
    or os.environ.get("REQUIRE_BROWSER") == "1"
)


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rolling a test's rows back fires no signal, so
    the page cache would otherwise serve one test's pages to the next."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def _flush_past_the_record_triggers():
    """Transactional tests end by emptying every table; SQLite empties with DELETE, which the
    public record's triggers refuse (registro/triggers.py). Only for that flush, drop them and
    create them again. (PostgreSQL empties with TRUNCATE, which they let through.)"""
    # Through the backend's base module: importing operations first is a circular import.
    from django.db.backends.sqlite3.base import DatabaseOperations

    from registro.triggers import create_statements, drop_statements

    original = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, **kwargs):
        statements = original(self, style, tables, **kwargs)
        if not any(table.startswith("registro_") for table in tables):
            return statements
        return [
            *(f"{sql};" for sql in drop_statements("sqlite")),
            *statements,
            *(f"{sql};" for sql in create_statements("sqlite")),
        ]

    DatabaseOperations.sql_flush = sql_flush
    yield
    DatabaseOperations.sql_flush = original


@pytest.fixture(scope="session", autouse=True)
def _remove_test_media():
    yield
    shutil.rmtree(settings.BASE_DIR / ".test-media", ignore_errors=True)


@pytest.fixture
def redis_cache(settings):
    """The default cache on the real Redis, under a key prefix of this test's own."""
    import uuid

    import redis

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/2")
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.ConnectionError:
        if BROWSER_REQUIRED:  # in CI every real component runs: a missing one is a failure
            pytest.fail(f"Redis is not running at {url}")
        pytest.skip("Redis is not running")
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
        }
    }
    yield client
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)


@pytest.fixture(scope="module")
def chromium_browser():
    """Debian's Chromium driven by Playwright. Never downloads a browser.

    One per test module: Playwright's sync API keeps an event loop running in this thread
    while it is open, and Django's test client cannot call an async view (``/salud/``) while
    one runs, so the loop must not outlive the browser tests."""
    if not os.path.exists(CHROMIUM):
        if BROWSER_REQUIRED:
            pytest.fail(
                f"Chromium not found at {CHROMIUM}: install it with apt-get install chromium"
            )
        pytest.skip("Chromium is not installed")
    # Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run
    # inside one unless told it is safe, which it is here (the loop only drives the browser).
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        # Playwright's sync API switches greenlets, each with its own context variables, so
        # Django hands out new connection objects from here on: give them the snapshot that
        # serialized rollback restores, or later transactional tests start on an empty DB.
        for alias, contents in serialized.items():
            connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium_browser):
    context = chromium_browser.new_context(locale="es-CO", viewport={"width": 390, "height": 844})
    page = context.new_page()
    yield page
    context.close()


def pytest_collection_modifyitems(items):
    """Transactional tests flush the database when they finish, wiping the rows that data
    migrations create (SDGs, population groups, the home page, the root collection). Restore
    them for every transactional test, so their order never matters."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        kwargs = dict(marker.kwargs) if marker else {}
        fixtures = getattr(item, "fixturenames", ())
        transactional = kwargs.get("transaction") or (
            marker is None and ("live_server" in fixtures or "transactional_db" in fixtures)
        )
        if transactional and "serialized_rollback" not in kwargs:
            kwargs.update(transaction=True, serialized_rollback=True)
            item.add_marker(pytest.mark.django_db(**kwargs), append=False)
