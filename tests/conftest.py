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


@pytest.fixture(scope="session", autouse=True)
def _remove_test_media():
    yield
    shutil.rmtree(settings.BASE_DIR / ".test-media", ignore_errors=True)


@pytest.fixture(scope="session")
def chromium_browser():
    """Debian's Chromium driven by Playwright. Never downloads a browser."""
    if not os.path.exists(CHROMIUM):
        if BROWSER_REQUIRED:
            pytest.fail(
                f"Chromium not found at {CHROMIUM}: install it with apt-get install chromium"
            )
        pytest.skip("Chromium is not installed")
    # Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run
    # inside one unless told it is safe, which it is here (the loop only drives the browser).
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
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
