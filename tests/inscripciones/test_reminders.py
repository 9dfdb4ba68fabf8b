"""The reminder the day before: to people holding a seat, once, whatever how often cron runs."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from inscripciones import seats
from inscripciones.models import Registration
from participa.consent import current_policy

from .helpers import cycle, encounter

pytestmark = pytest.mark.django_db


def add(page, email, commit):
    return commit(
        seats.register,
        page,
        name="Persona",
        email=email,
        territory="Comuna 2",
        policy=current_policy(),
    )[0]


def run(today):
    out = StringIO()
    call_command("send_registration_reminders", "--today", today.isoformat(), stdout=out)
    return out.getvalue()


def test_reminders_go_once_to_people_holding_a_seat_tomorrow(commit):
    parent = cycle()
    tomorrow = encounter(parent, capacity=1, days=1, title="Mañana")
    later = encounter(parent, capacity=5, days=3, title="Más adelante")
    seated = add(tomorrow, "cupo@example.org", commit)
    add(tomorrow, "espera@example.org", commit)  # waiting list: no reminder
    cancelled = add(tomorrow, "cancelo@example.org", commit)
    add(later, "despues@example.org", commit)
    seats.cancel(cancelled)  # it was waiting; cancelling it changes nothing else
    mail.outbox.clear()

    today = timezone.localdate()
    assert "Recordatorios enviados: 1" in run(today)
    assert [m.to for m in mail.outbox] == [["cupo@example.org"]]
    assert mail.outbox[0].subject == "Mañana: Mañana"
    assert "mañana es el evento" in mail.outbox[0].body
    assert Registration.objects.get(pk=seated.pk).reminder_sent_at is not None

    assert "Recordatorios enviados: 0" in run(today)  # cron again: nobody twice
    assert len(mail.outbox) == 1


def test_no_reminder_for_an_event_taken_offline(commit):
    page = encounter(cycle(), days=1)
    add(page, "cupo@example.org", commit)
    page.unpublish()
    mail.outbox.clear()
    assert "Recordatorios enviados: 0" in run(timezone.localdate())
    assert not mail.outbox


def test_a_failed_send_is_tried_again_on_the_next_run(commit, monkeypatch):
    page = encounter(cycle(), days=1)
    add(page, "cupo@example.org", commit)
    mail.outbox.clear()

    def broken(registration):
        raise OSError("SMTP down")

    monkeypatch.setattr("inscripciones.emails.send_reminder", broken)
    assert "Recordatorios enviados: 0" in run(timezone.localdate())
    monkeypatch.undo()
    assert "Recordatorios enviados: 1" in run(timezone.localdate())
