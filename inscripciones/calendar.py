"""Calendars: an ``.ics`` file per event and a feed per vigencia (docs/participation.md).

Written with icalendar (RFC 5545: CRLF line ends, folded lines, escaped text), with the
America/Bogota VTIMEZONE, METHOD:PUBLISH, and UIDs that stay the same for the same event or
activity whatever address the portal is reached at, so a subscribed calendar updates entries
instead of duplicating them. Only public pages go in (rendicion.visibility).
"""

import datetime

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event
from wagtail.models import Page

from inscripciones.models import event_end
from rendicion.visibility import hidden_branches, public_pages

PRODID = "-//Alcaldía de Palmira//Rendición de Cuentas//ES"


def _uid(kind, pk):
    return f"{kind}-{pk}@{settings.CALENDAR_UID_DOMAIN}"


def _stamp(page):
    moment = page.last_published_at or page.latest_revision_created_at or timezone.now()
    return moment.astimezone(datetime.UTC)


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def _finish(calendar):
    calendar.add_missing_timezones()
    return calendar.to_ical()


def event_component(page, base_url):
    """A VEVENT for an encounter or the hearing, in Bogotá's time."""
    local = timezone.get_current_timezone()
    event = Event()
    event.add("uid", _uid("evento", page.pk))
    event.add("dtstamp", _stamp(page))
    event.add("summary", page.title)
    event.add("dtstart", timezone.localtime(page.start, local))
    event.add("dtend", timezone.localtime(event_end(page), local))
    place = ", ".join(part for part in (page.place, getattr(page, "address", "")) if part)
    if place:
        event.add("location", place)
    url = base_url + (page.get_url() or "")
    event.add("url", url)
    description = "\n\n".join(part for part in (page.summary.strip(), url) if part)
    event.add("description", description)
    event.add("status", "CONFIRMED")
    return event


def event_ics(page, base_url):
    calendar = _calendar(page.title)
    calendar.add_component(event_component(page, base_url))
    return _finish(calendar)


def cycle_events(cycle):
    """The cycle's public hearing and encounters, in order of start."""
    from rendicion.models import DialogueEncounterPage, PublicHearingPage

    branches = hidden_branches()
    pages = []
    for model in (PublicHearingPage, DialogueEncounterPage):
        pages += list(public_pages(model.objects.descendant_of(cycle), branches))
    return sorted(pages, key=lambda page: (page.start, page.pk))


def activity_component(activity, cycle, public_ids, base_url):
    """A cronograma entry: an all-day event (the end date is exclusive in iCalendar)."""
    event = Event()
    event.add("uid", _uid("actividad", activity.pk))
    event.add("dtstamp", _stamp(cycle))
    event.add("summary", activity.title)
    event.add("dtstart", activity.start_date)
    last_day = activity.end_date or activity.start_date
    event.add("dtend", last_day + datetime.timedelta(days=1))
    event.add("categories", [activity.get_phase_display()])
    event.add("transp", "TRANSPARENT")
    linked = activity.linked_page
    url = base_url + (
        (linked.get_url() or "") if linked and linked.pk in public_ids else (cycle.get_url() or "")
    )
    event.add("url", url)
    event.add("description", f"{activity.get_phase_display()}\n\n{url}")
    return event


def cycle_ics(cycle, base_url):
    calendar = _calendar(cycle.title)
    activities = list(cycle.activities.select_related("linked_page").order_by("start_date", "pk"))
    linked_ids = [a.linked_page_id for a in activities if a.linked_page_id]
    public_ids = set(
        public_pages(Page.objects.filter(pk__in=linked_ids)).values_list("pk", flat=True)
    )
    for activity in activities:
        calendar.add_component(activity_component(activity, cycle, public_ids, base_url))
    for page in cycle_events(cycle):
        calendar.add_component(event_component(page, base_url))
    return _finish(calendar)
