"""A person on a phone (375 px) registers for an encounter from its page and sees the
confirmation (Debian's Chromium through Playwright)."""

import pytest
from django.core import mail

from inscripciones.models import Registration

from .helpers import cycle, encounter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_registering_for_an_encounter_on_a_phone(live_server, chromium_browser):
    event = encounter(cycle(2026), capacity=30, title="Encuentro de diálogo de Educación")
    context = chromium_browser.new_context(locale="es-CO", viewport={"width": 375, "height": 800})
    page = context.new_page()
    try:
        page.goto(live_server.url + event.url)
        page.get_by_role("link", name="Inscribirme").click()
        assert "Quedan 30 cupos" in page.content()
        page.get_by_label("Nombre completo").fill("Ana María Gómez")
        page.get_by_label("Correo electrónico").fill("ana@example.org")
        page.get_by_label("Comuna, corregimiento o municipio donde vive").fill("Comuna 1")
        page.get_by_label("Grupo poblacional (opcional)").select_option(label="Mujeres")
        page.get_by_label("Autorizo a la Alcaldía de Palmira").check()
        page.get_by_role("button", name="Inscribirme").click()
        confirmation = page.locator("#confirmacion")
        confirmation.wait_for()
        assert "Su inscripción está confirmada." in confirmation.inner_text()
        # Nothing is wider than the phone's screen.
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
    finally:
        context.close()
    registration = Registration.objects.get()
    assert registration.population_group.slug == "mujeres"
    assert registration.consent_version and registration.consent_at
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]
