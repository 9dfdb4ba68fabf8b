"""The reminder the day before an event (``manage.py send_registration_reminders``).

Idempotent: each registration is claimed with a conditional UPDATE (``reminder_sent_at`` still
empty) before its e-mail is sent, so two runs at once, or a second run the same day, never
remind the same person twice. A send that fails releases the claim for the next run.
"""

import datetime
import logging

from django.utils import timezone

from inscripciones import emails
from inscripciones.models import Registration
from rendicion.visibility import public_pages

logger = logging.getLogger(__name__)


def events_on(day):
    """The public encounters and hearings starting on ``day`` (Bogotá's local date)."""
    from rendicion.models import DialogueEncounterPage, PublicHearingPage

    local = timezone.get_current_timezone()
    start = datetime.datetime.combine(day, datetime.time(), tzinfo=local)
    end = start + datetime.timedelta(days=1)
    pages = []
    for model in (DialogueEncounterPage, PublicHearingPage):
        pages += list(public_pages(model.objects.filter(start__gte=start, start__lt=end)))
    return pages


def send_reminders(today=None):
    """Remind the people holding a seat at tomorrow's events; returns how many were sent."""
    today = today or timezone.localdate()
    pages = events_on(today + datetime.timedelta(days=1))
    due = Registration.objects.filter(
        page__in=[page.pk for page in pages],
        status=Registration.Status.REGISTERED,
        reminder_sent_at__isnull=True,
    ).select_related("page")
    sent = 0
    for registration in due:
        claimed = Registration.objects.filter(
            pk=registration.pk, reminder_sent_at__isnull=True
        ).update(reminder_sent_at=timezone.now())
        if not claimed:
            continue  # another run got it first
        try:
            emails.send_reminder(registration)
        except Exception:
            logger.exception("Reminder to registration %s failed", registration.pk)
            Registration.objects.filter(pk=registration.pk).update(reminder_sent_at=None)
            continue
        sent += 1
    return sent
