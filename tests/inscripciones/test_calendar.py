"""The .ics of an event and the vigencia's feed parse back with icalendar: the events, in
Bogotá's time, with stable UIDs, and never a draft or private event."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from rendicion.models import AccountabilityCycleIndexPage, CycleActivity

from .helpers import cycle, encounter, hearing

pytestmark = pytest.mark.django_db
BOGOTA = ZoneInfo("America/Bogota")


@pytest.fixture
def vigencia():
    parent = cycle(2026)
    page = AccountabilityCycleIndexPage.objects.get(pk=parent.pk)
    page.activities = [
        CycleActivity(
            phase="dialogue",
            title="Encuentros de diálogo participativo",
            start_date=datetime.date(2026, 11, 3),
            end_date=datetime.date(2026, 11, 28),
        )
    ]
    page.save_revision().publish()
    return AccountabilityCycleIndexPage.objects.get(pk=parent.pk)


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert b"\r\n" in response.content
    return icalendar.Calendar.from_ical(response.content)


def test_an_event_ics(client, vigencia):
    page = encounter(vigencia, title='Encuentro de Educación, comuna 1; salón "Los Andes"')
    calendar = parse(client.get(reverse("inscripciones:event_ics", args=[page.pk])))
    assert calendar["METHOD"] == "PUBLISH"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["America/Bogota"]
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == page.title
    start = event.decoded("DTSTART")
    assert start == page.start and str(start.tzinfo) == "America/Bogota"
    assert event.decoded("DTEND") - start == datetime.timedelta(hours=2)
    assert str(event["UID"]) == f"evento-{page.pk}@rendicion.palmira.gov.co"
    assert "DTSTAMP" in event and page.url in str(event["URL"])


def test_the_cycle_feed_has_the_schedule_and_public_events_only(client, vigencia):
    public = encounter(vigencia, title="Encuentro público")
    the_hearing = hearing(vigencia)
    draft = encounter(vigencia, title="Encuentro en borrador", days=12)
    draft.unpublish()
    private = encounter(vigencia, title="Encuentro privado", days=13)
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    response = client.get(reverse("inscripciones:cycle_ics", args=[2026]))
    calendar = parse(response)
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        "Encuentros de diálogo participativo",
        public.title,
        the_hearing.title,
    }
    schedule = events["Encuentros de diálogo participativo"]
    assert schedule.decoded("DTSTART") == datetime.date(2026, 11, 3)
    assert schedule.decoded("DTEND") == datetime.date(2026, 11, 29)  # exclusive end
    assert events[public.title].decoded("DTSTART").tzinfo.key == "America/Bogota"
    # The same UIDs on the next download: a subscribed calendar updates, never duplicates.
    again = parse(client.get(reverse("inscripciones:cycle_ics", args=[2026])))
    assert sorted(str(e["UID"]) for e in again.walk("VEVENT")) == sorted(
        str(e["UID"]) for e in calendar.walk("VEVENT")
    )


def test_a_draft_event_has_no_ics(client, vigencia):
    draft = encounter(vigencia)
    draft.unpublish()
    assert client.get(reverse("inscripciones:event_ics", args=[draft.pk])).status_code == 404


def test_a_draft_cycle_has_no_feed(client, vigencia):
    vigencia.unpublish()
    assert client.get(reverse("inscripciones:cycle_ics", args=[2026])).status_code == 404


def test_the_feeds_are_cached_like_the_other_public_files(client, vigencia, settings):
    settings.PAGE_CACHE_SECONDS = 300
    feed = reverse("inscripciones:cycle_ics", args=[2026])
    first = client.get(feed)
    assert first["X-Cache"] == "MISS" and "public" in first["Cache-Control"]
    assert client.get(feed)["X-Cache"] == "HIT"


def test_the_cycle_page_offers_the_feed_as_webcal(client, vigencia):
    html = client.get(vigencia.url).content.decode()
    assert "webcal://testserver/calendario/rendicion-de-cuentas-2026.ics" in html
    assert "Agregar a mi calendario" in html
