"""The registration form against hostile and mistaken input: CSRF, honeypot, rate limits,
length limits, Spanish messages, what was typed kept, what a citizen typed escaped; and the
page cache never stores it."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from inscripciones.models import Registration
from tests.query_budgets import CHROME

from .helpers import cycle, encounter, form_data

pytestmark = pytest.mark.django_db

# Measured: 13 (the event, its ancestors' visibility, its registration options and seats taken,
# the site and its settings, the population groups of the form, the user bar check) plus the
# GOV.CO chrome.
REGISTRATION_FORM_BUDGET = 13 + CHROME

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def event():
    return encounter(cycle(), capacity=5)


def url(event):
    return reverse("inscripciones:register", args=[event.pk])


def test_errors_are_in_spanish_and_the_form_keeps_what_was_typed(client, event):
    response = client.post(
        url(event),
        form_data(email="no-es-un-correo", territory="", consent="", name="Ana " + "x" * 200),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Revise el formulario" in html
    assert "Escriba un correo electrónico válido" in html
    assert "Escriba su comuna, corregimiento o municipio." in html
    assert "Para inscribirse debe autorizar el tratamiento de sus datos." in html
    assert "El nombre puede tener como máximo 150 caracteres." in html
    assert 'value="no-es-un-correo"' in html and 'value="+57 300 123 4567"' in html
    assert not Registration.objects.exists()


def test_the_form_needs_a_csrf_token(event):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(url(event), form_data()).status_code == 403
    assert not Registration.objects.exists()


def test_a_filled_honeypot_is_answered_as_received_and_stores_nothing(client, event, commit):
    response = commit(client.post, url(event), form_data(sitio_web="http://spam.example"))
    assert "Recibimos su inscripción." in response.content.decode()
    assert not Registration.objects.exists() and not mail.outbox


def test_over_the_rate_limit_the_submission_is_refused_and_kept(client, event, settings):
    settings.PARTICIPATION_RATE_PER_ADDRESS = "2/h"
    for n in range(2):
        client.post(url(event), form_data(email=f"persona{n}@example.org"))
    response = client.post(url(event), form_data(email="otra@example.org"))
    html = response.content.decode()
    assert "Intente de nuevo en una hora; lo que escribió sigue en el formulario." in html
    assert 'value="otra@example.org"' in html
    assert Registration.objects.count() == 2


def test_what_a_citizen_typed_is_inert_on_the_page_and_in_the_email(client, event, commit):
    response = commit(client.post, url(event), form_data(name=XSS, territory=XSS))
    assert response.status_code == 200
    registration = Registration.objects.get()
    assert registration.name == XSS
    cancel = client.get(
        reverse(
            "inscripciones:cancel",
            args=[__import__("inscripciones.tokens").tokens.cancellation_token(registration)],
        )
    )
    html = cancel.content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    # Plain text only: no HTML part a mail program would render.
    message = mail.outbox[0]
    assert not getattr(message, "alternatives", None)
    assert XSS in message.body and "\n" not in message.subject


def test_a_name_cannot_hold_a_line_break(client, event):
    response = client.post(url(event), form_data(name="Ana\r\nBcc: todos@example.org"))
    assert "Escríbalo en una sola línea." in response.content.decode()


def test_the_page_cache_never_stores_the_form(client, event, settings):
    settings.PAGE_CACHE_SECONDS = 300
    first = client.get(url(event))
    second = client.get(url(event))
    assert "X-Cache" not in first and "X-Cache" not in second
    assert "no-store" in first["Cache-Control"]
    assert 'name="csrfmiddlewaretoken"' in first.content.decode()


def test_the_event_page_links_to_the_form_and_stays_cacheable(client, event, settings):
    settings.PAGE_CACHE_SECONDS = 300
    client.get("/")  # a site's first request writes its settings row, which empties the cache
    first = client.get(event.url)
    html = first.content.decode()
    assert url(event) in html and "Inscribirme" in html
    assert "csrfmiddlewaretoken" not in html
    assert first["X-Cache"] == "MISS" and client.get(event.url)["X-Cache"] == "HIT"


def test_the_form_keeps_a_fixed_query_budget(client, event, django_assert_max_num_queries, commit):
    client.get(url(event))
    with django_assert_max_num_queries(REGISTRATION_FORM_BUDGET) as empty:
        client.get(url(event))
    for n in range(10):
        commit(client.post, url(event), form_data(email=f"p{n}@example.org"))
    with django_assert_max_num_queries(REGISTRATION_FORM_BUDGET) as full:
        client.get(url(event))
    assert len(full) == len(empty)  # ten registrations later, not one query more


def test_the_preview_of_an_event_shows_its_registration_from_the_revision():
    page = encounter(cycle(), capacity=7)
    draft = page.get_latest_revision_as_object()
    response = draft.make_preview_request()
    assert response.status_code == 200
    assert "7 cupos; cuando se ocupen" in response.content.decode()
