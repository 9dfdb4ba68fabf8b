"""Capacity, the waiting list, and cancellation by the signed link in the e-mail."""

import re
import time
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse

from inscripciones.models import Registration
from inscripciones.tokens import cancellation_token

from .helpers import cycle, encounter, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return encounter(cycle(), capacity=2)


@pytest.fixture
def register(client, commit):
    def post(_client, event, **overrides):
        url = reverse("inscripciones:register", args=[event.pk])
        return commit(client.post, url, form_data(**overrides))

    return post


def cancellation_link(message):
    return re.search(r"https?://\S+/inscripciones/cancelar/\S+/", message.body).group(0)


def test_seats_then_the_waiting_list(client, register, commit, event):
    first = register(client, event, email="uno@example.org")
    register(client, event, email="dos@example.org")
    third = register(client, event, email="tres@example.org")
    assert "Su inscripción está confirmada" in first.content.decode()
    assert "Usted está en la lista de espera" in third.content.decode()
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "uno@example.org": "registered",
        "dos@example.org": "registered",
        "tres@example.org": "waiting",
    }
    assert [m.to for m in mail.outbox] == [
        ["uno@example.org"],
        ["dos@example.org"],
        ["tres@example.org"],
    ]
    assert mail.outbox[0].subject.startswith("Inscripción confirmada")
    assert "lista de espera" in mail.outbox[2].body


def test_the_form_shows_the_seats_left(client, register, commit, event):
    url = reverse("inscripciones:register", args=[event.pk])
    assert "Quedan 2 cupos" in client.get(url).content.decode()
    register(client, event, email="uno@example.org")
    register(client, event, email="dos@example.org")
    assert "lista de espera" in client.get(url).content.decode()


def test_cancelling_by_the_link_gives_the_seat_to_the_first_waiting(
    client, register, commit, event
):
    for email in ("uno@example.org", "dos@example.org", "tres@example.org", "cuatro@example.org"):
        register(client, event, email=email)
    link = cancellation_link(mail.outbox[0])
    mail.outbox.clear()

    page = client.get(link)  # opening the link (or a mail scanner opening it) cancels nothing
    assert page.status_code == 200 and "Cancelar mi inscripción" in page.content.decode()
    assert Registration.objects.get(email="uno@example.org").status == "registered"

    done = commit(client.post, link)
    assert "Su inscripción quedó cancelada" in done.content.decode()
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses["uno@example.org"] == "cancelled"
    assert statuses["tres@example.org"] == "registered"  # first on the list
    assert statuses["cuatro@example.org"] == "waiting"
    assert [m.to for m in mail.outbox] == [["tres@example.org"]]
    assert mail.outbox[0].subject.startswith("Tiene cupo")

    again = commit(client.post, link)  # a second click changes nothing
    assert "ya estaba cancelada" in again.content.decode()
    assert Registration.objects.get(email="cuatro@example.org").status == "waiting"


def test_a_tampered_link_is_refused_in_spanish(client, register, commit, event):
    register(client, event)
    registration = Registration.objects.get()
    token = cancellation_token(registration)
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    response = client.post(reverse("inscripciones:cancel", args=[tampered]))
    assert response.status_code == 400
    assert "Este enlace de cancelación no es válido" in response.content.decode()
    assert Registration.objects.get().status == "registered"


def test_an_expired_link_is_refused_in_spanish(client, register, commit, event, settings):
    settings.REGISTRATION_LINK_MAX_AGE_DAYS = 30
    register(client, event)
    registration = Registration.objects.get()
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 31 * 86400):
        token = cancellation_token(registration)
    response = client.post(reverse("inscripciones:cancel", args=[token]))
    assert response.status_code == 400
    assert "Este enlace de cancelación venció" in response.content.decode()
    assert Registration.objects.get().status == "registered"


def test_the_same_email_twice_is_answered_kindly_and_the_confirmation_sent_again(
    client, register, commit, event
):
    register(client, event, email="Ana@Example.org")
    again = register(client, event, email=" ana@example.org ", name="Otra persona")
    assert "ya estaba inscrito" in again.content.decode()
    assert Registration.objects.count() == 1
    assert Registration.objects.get().name == "Ana María Gómez"
    assert len(mail.outbox) == 2 and mail.outbox[1].to == ["ana@example.org"]


def test_after_cancelling_the_same_email_may_register_again(client, register, commit, event):
    register(client, event)
    commit(client.post, cancellation_link(mail.outbox[0]))
    register(client, event)
    assert sorted(Registration.objects.values_list("status", flat=True)) == [
        "cancelled",
        "registered",
    ]


def test_a_closed_or_past_event_takes_no_registration(client, register):
    from .helpers import open_registration

    parent = cycle()
    closed = encounter(parent, title="Cerrado")
    closed = open_registration(closed, is_open=False)
    past = encounter(parent, days=-1, title="Pasado")
    for page in (closed, past):
        response = register(client, page)
        assert "Las inscripciones para este evento están cerradas" in response.content.decode()
    assert not Registration.objects.exists()


def test_a_draft_event_has_no_form(client):
    page = encounter(cycle())
    page.unpublish()
    assert client.get(reverse("inscripciones:register", args=[page.pk])).status_code == 404


def test_more_seats_published_go_to_the_waiting_list(client, register, commit, event):
    from .helpers import open_registration

    for email in ("uno@example.org", "dos@example.org", "tres@example.org"):
        register(client, event, email=email)
    mail.outbox.clear()
    commit(open_registration, event, capacity=3)
    assert Registration.objects.get(email="tres@example.org").status == "registered"
    assert [m.to for m in mail.outbox] == [["tres@example.org"]]
