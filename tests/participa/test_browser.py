"""The whole path as people do it, in Debian's Chromium: a citizen on a phone (375 px) asks on
an encounter and sees the confirmation, the Salud reviewer answers in the admin, the citizen
sees the answer on the page."""

import types

import pytest
from playwright.sync_api import expect

from tests.participa.helpers import build_questions_site
from tests.workflow_helpers import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTION = "¿Cuándo abre por las tardes el puesto de salud de La Buitrera?"
ANSWER = "Desde marzo abre martes y jueves por la tarde."


@pytest.fixture
def site():
    roles = types.SimpleNamespace()
    build_questions_site(roles)
    return roles


def new_page(chromium_browser, width):
    context = chromium_browser.new_context(locale="es-CO", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def test_a_citizen_asks_a_reviewer_answers_the_citizen_reads_it(
    live_server, chromium_browser, site
):
    citizen_context, citizen = new_page(chromium_browser, 375)
    reviewer_context, reviewer = new_page(chromium_browser, 1280)
    try:
        citizen.goto(live_server.url + site.encounter.url)
        citizen.get_by_role("link", name="Envíe una pregunta o propuesta").click()
        citizen.get_by_label("Su nombre").fill("María Caicedo")
        citizen.get_by_label("Correo electrónico (opcional)").fill("maria@example.org")
        citizen.get_by_label("Comuna o corregimiento donde vive").fill("La Buitrera")
        citizen.get_by_label("Su pregunta o propuesta").fill(QUESTION)
        # Forgetting the consent keeps what was typed, with a Spanish error.
        citizen.get_by_role("button", name="Enviar").click()
        expect(citizen.get_by_text("debe autorizar el tratamiento")).to_be_visible()
        expect(citizen.get_by_label("Su pregunta o propuesta")).to_have_value(QUESTION)
        citizen.get_by_label("Autorizo el tratamiento de mis datos personales").check()
        citizen.get_by_role("button", name="Enviar").click()
        expect(citizen.get_by_role("heading", name="Recibimos su mensaje")).to_be_visible()

        reviewer.goto(f"{live_server.url}/admin/login/")
        reviewer.locator("input[name=username]").fill("revisor.salud")
        reviewer.locator("input[name=password]").fill(PASSWORD)
        reviewer.get_by_role("button", name="Iniciar sesión").click()
        reviewer.wait_for_url(f"{live_server.url}/admin/")
        reviewer.goto(f"{live_server.url}/admin/participa/preguntas/")
        reviewer.get_by_role("link", name=QUESTION).click()
        reviewer.locator("select[name=status]").select_option("published")
        reviewer.locator("textarea[name=answer]").fill(ANSWER)
        reviewer.get_by_role("button", name="Guardar").first.click()
        reviewer.wait_for_url(f"{live_server.url}/admin/participa/preguntas/")

        citizen.goto(live_server.url + site.encounter.url)
        expect(citizen.get_by_text(QUESTION)).to_be_visible()
        expect(citizen.get_by_text(ANSWER)).to_be_visible()
        expect(citizen.get_by_text("maria@example.org")).to_have_count(0)
    finally:
        citizen_context.close()
        reviewer_context.close()
