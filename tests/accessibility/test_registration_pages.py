"""The registration pages (inscripciones/) pass axe (WCAG 2.1 AA) on a phone and a desktop:
the event's registration section, the form (empty and with errors), the confirmation, the
cancellation page and a refused link, and the cycle page's calendar links."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from inscripciones.models import Registration
from inscripciones.tokens import cancellation_token
from tests.accessibility.test_axe import WCAG_21_AA, describe
from tests.inscripciones.helpers import cycle, encounter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill(page):
    page.fill("#id_name", "Ana María Gómez")
    page.fill("#id_email", "ana@example.org")
    page.fill("#id_territory", "Comuna 1")
    page.check("#id_consent")


def test_registration_pages_have_no_wcag_violations(live_server, chromium_browser):
    vigencia = cycle(2026)
    event = encounter(vigencia, capacity=1)
    form_url = live_server.url + reverse("inscripciones:register", args=[event.pk])
    axe = Axe()
    found = {}

    def check(page, name):
        violations = axe.run(page, options=WCAG_21_AA).response["violations"]
        if violations:
            found[name] = describe(violations)

    for width in (375, 1280):
        context = chromium_browser.new_context(
            locale="es-CO", viewport={"width": width, "height": 900}
        )
        page = context.new_page()
        try:
            page.goto(live_server.url + event.url)
            check(page, f"{width} px event page")
            page.goto(live_server.url + vigencia.url)
            check(page, f"{width} px cycle page")
            page.goto(form_url)
            check(page, f"{width} px form")
            page.click(".registration-form button[type=submit]")
            page.wait_for_selector(".form-errors")
            check(page, f"{width} px form with errors")
            fill(page)
            page.fill("#id_email", f"ana{width}@example.org")
            page.click(".registration-form button[type=submit]")
            page.wait_for_selector("#confirmacion")
            check(page, f"{width} px confirmation")
            registration = Registration.objects.get(email=f"ana{width}@example.org")
            cancel_url = reverse("inscripciones:cancel", args=[cancellation_token(registration)])
            page.goto(live_server.url + cancel_url)
            check(page, f"{width} px cancellation")
            page.goto(live_server.url + reverse("inscripciones:cancel", args=["x:y"]))
            check(page, f"{width} px refused link")
        finally:
            context.close()
    assert not found, found
