"""axe-core (bundled with axe-playwright-python: nothing is downloaded) finds no WCAG 2.1 A
or AA violation on the demo site's pages, on a phone and on a desktop."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def describe(violations):
    return [
        f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes']][:3]}"
        for v in violations
    ]


def test_no_wcag_2_1_aa_violations(live_server, chromium_browser, demo_site):
    axe = Axe()
    found = {}
    for width in (375, 1280):
        context = chromium_browser.new_context(
            locale="es-CO", viewport={"width": width, "height": 900}
        )
        page = context.new_page()
        try:
            for url in demo_site:
                page.goto(live_server.url + url)
                violations = axe.run(page, options=WCAG_21_AA).response["violations"]
                if violations:
                    found[f"{width} px {url}"] = describe(violations)
        finally:
            context.close()
    assert not found, found


def test_axe_reports_a_violation(live_server, browser_page):
    # Guard the guard: an image without a text alternative is reported.
    browser_page.set_content('<html lang="es"><body><main><img src="x.png"></main></body></html>')
    violations = Axe().run(browser_page, options=WCAG_21_AA).response["violations"]
    assert "image-alt" in {v["id"] for v in violations}
