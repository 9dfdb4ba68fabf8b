"""The citizen-question pages (participa/) pass axe (WCAG 2.1 AA) at 375 and 1280 px: a hearing
and an encounter with published answers, the question form, the form showing its errors."""

import types

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.accessibility.test_axe import WCAG_21_AA, describe
from tests.participa.helpers import build_questions_site, make_question

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site():
    roles = types.SimpleNamespace()
    build_questions_site(roles)
    return roles


def new_page(chromium_browser, width):
    context = chromium_browser.new_context(locale="es-CO", viewport={"width": width, "height": 900})
    return context, context.new_page()


def test_the_question_pages_pass_axe_at_375_and_1280(live_server, chromium_browser, site):
    make_question(
        site.encounter, site.salud, status="published", answer="Respuesta publicada", text="Q1"
    )
    urls = [
        site.encounter.url,
        site.hearing.url,
        f"/participa/preguntar/{site.encounter.pk}/",
        f"/participa/preguntar/{site.hearing.pk}/",
    ]
    axe = Axe()
    found = {}
    for width in (375, 1280):
        context, page = new_page(chromium_browser, width)
        try:
            for url in urls:
                page.goto(live_server.url + url)
                violations = axe.run(page, options=WCAG_21_AA).response["violations"]
                if violations:
                    found[f"{width} px {url}"] = describe(violations)
            # The form with its errors shown, and the confirmation.
            page.goto(live_server.url + urls[2])
            page.get_by_role("button", name="Enviar").click()
            violations = axe.run(page, options=WCAG_21_AA).response["violations"]
            if violations:
                found[f"{width} px errors"] = describe(violations)
        finally:
            context.close()
    assert not found, found
