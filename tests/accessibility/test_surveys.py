"""A survey sent with answers missing: the page that says what to fix passes axe too, on a
phone and on a desktop, and keeps what was typed."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from encuestas.models import SurveyPage
from tests.accessibility.test_axe import WCAG_21_AA, describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_survey_with_errors_has_no_wcag_2_1_aa_violations(
    live_server, chromium_browser, demo_site
):
    axe = Axe()
    found = {}
    for survey in SurveyPage.objects.live().order_by("path"):
        for width in (375, 1280):
            context = chromium_browser.new_context(
                locale="es-CO", viewport={"width": width, "height": 900}
            )
            page = context.new_page()
            try:
                page.goto(live_server.url + survey.url)
                textarea = page.locator("textarea").last
                textarea.fill("Lo que escribí")
                page.get_by_role("button", name="Enviar").click()
                page.wait_for_load_state()
                assert page.get_by_role("alert").is_visible()
                assert textarea.input_value() == "Lo que escribí"
                violations = axe.run(page, options=WCAG_21_AA).response["violations"]
                if violations:
                    found[f"{width} px {survey.url} (errors)"] = describe(violations)
            finally:
                context.close()
    assert not found, found
