"""Seats and the waiting list: who gets a seat, in one transaction per change.

Two people taking the last seat at once must not both get it. Every change that counts seats
first locks the event's page row (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite runs the
portal's transactions as ``BEGIN IMMEDIATE``, portal/settings/base.py, so writers already
take turns), then counts, then writes: the second person counts after the first committed.
"""

import time

from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Max
from django.utils import timezone
from wagtail.models import Page

from inscripciones import emails
from inscripciones.models import Registration, normalised_email, registration_options


class RegistrationClosedError(Exception):
    pass


def _lock_event(page):
    Page.objects.select_for_update().filter(pk=page.pk).values_list("pk", flat=True).first()


LOCKED_RETRIES = 5


def _taking_turns(write):
    """Run ``write`` (a transaction), again if SQLite answers that another writer holds the
    database: a file database waits its turn (the busy timeout), but an in-memory one shared
    between connections (the tests') refuses at once."""
    for attempt in range(LOCKED_RETRIES):
        try:
            return write()
        except OperationalError as error:
            if "locked" not in str(error) or attempt == LOCKED_RETRIES - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    return None


def register(page, **person):
    """Register a person; returns ``(registration, created)``. An e-mail already registered
    to the event gets its registration back (``created`` False) and its confirmation again."""
    return _taking_turns(lambda: _register(page, **person))


def _register(page, *, name, email, territory, phone="", population_group=None, policy):
    options = registration_options(page)
    if options is None or not options.accepts_registrations():
        raise RegistrationClosedError
    email = normalised_email(email)
    now = timezone.now()
    try:
        with transaction.atomic():
            _lock_event(page)
            existing = Registration.objects.active().filter(page=page, email=email).first()
            if existing is not None:
                transaction.on_commit(lambda: emails.send_confirmation(existing))
                return existing, False
            taken = Registration.objects.filter(page=page).holding_seat().count()
            full = options.capacity is not None and taken >= options.capacity
            last = Registration.objects.filter(page=page).aggregate(last=Max("position"))["last"]
            registration = Registration.objects.create(
                page=page,
                name=name,
                email=email,
                phone=phone,
                territory=territory,
                population_group=population_group,
                status=Registration.Status.WAITING if full else Registration.Status.REGISTERED,
                position=(last or 0) + 1,
                created_at=now,
                consent_at=now,
                consent_version=policy.version,
            )
            transaction.on_commit(lambda: emails.send_confirmation(registration))
            return registration, True
    except IntegrityError:
        # The same e-mail in two requests at once: the first one won; answer as a duplicate.
        existing = Registration.objects.active().filter(page=page, email=email).first()
        if existing is None:
            raise
        return existing, False


def cancel(registration):
    """Cancel a registration (by its link, or in the admin); a seat freed goes to the first
    people on the waiting list, who are told by e-mail. Returns the people promoted."""
    return _taking_turns(lambda: _cancel(registration))


def _cancel(registration):
    with transaction.atomic():
        _lock_event(registration.page)
        current = Registration.objects.get(pk=registration.pk)
        if not current.is_cancellable:
            return []
        current.status = Registration.Status.CANCELLED
        current.cancelled_at = timezone.now()
        current.save(update_fields=["status", "cancelled_at"])
        registration.status, registration.cancelled_at = current.status, current.cancelled_at
        return _fill_free_seats(registration.page)


def set_status(registration, status):
    """The admin's change of status: cancelling frees the seat as a citizen's cancellation
    does; giving a seat or marking attendance is written as it is."""
    if status == Registration.Status.CANCELLED:
        return cancel(registration)
    return _taking_turns(lambda: _set_status(registration, status))


def _set_status(registration, status):
    with transaction.atomic():
        _lock_event(registration.page)
        Registration.objects.filter(pk=registration.pk).update(status=status)
        registration.status = status
        return _fill_free_seats(registration.page)


def _fill_free_seats(page):
    """Give the free seats to the waiting list, first come first served."""
    options = registration_options(page)
    if options is None:
        return []
    waiting = Registration.objects.filter(page=page).waiting()
    if options.capacity is not None:
        free = options.capacity - Registration.objects.filter(page=page).holding_seat().count()
        waiting = waiting[: max(free, 0)]
    promoted = list(waiting)
    now = timezone.now()
    for person in promoted:
        person.status = Registration.Status.REGISTERED
        person.promoted_at = now
        person.save(update_fields=["status", "promoted_at"])
        transaction.on_commit(lambda person=person: emails.send_promotion(person))
    return promoted


def fill_free_seats(page):
    """After an editor publishes more seats: the waiting list takes them, first come first
    served, and each person promoted is told by e-mail."""
    return _taking_turns(lambda: _locked_fill(page))


def _locked_fill(page):
    with transaction.atomic():
        _lock_event(page)
        return _fill_free_seats(page)
