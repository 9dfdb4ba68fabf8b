"""The public hearing's video: the livestream link until the hearing is over, then the
recording, and only with captions or a transcript (WCAG 1.2.2 and 1.2.3)."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import override

from tests.factories import CycleFactory, HearingFactory, home_page

LIVE = "https://www.facebook.com/AlcaldiaDePalmira/live"
RECORDING = "https://www.youtube.com/watch?v=abc123"
TRANSCRIPT = "<p><b>Alcalde:</b> Buenos días a todos.</p>"

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle():
    return CycleFactory(parent=home_page(), year=2021)


def links(client, hearing):
    response = client.get(hearing.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    # The video buttons, not the question form's nor the registration and calendar ones.
    buttons = [
        a for a in soup.select("main .button-list a.button") if not a.find_parent(id="inscripcion")
    ]
    return {a.get_text(strip=True): a["href"] for a in buttons}, soup


def hours_from_now(hours):
    return timezone.now() + datetime.timedelta(hours=hours)


def test_before_and_during_the_hearing_the_livestream_is_shown(client, cycle):
    for start in (hours_from_now(48), hours_from_now(-1)):  # tomorrow; started an hour ago
        hearing = HearingFactory(
            parent=cycle,
            start=start,
            end=start + datetime.timedelta(hours=3),
            livestream_url=LIVE,
            video_url=RECORDING,
            recording_has_captions=True,
        )
        buttons, _soup = links(client, hearing)
        assert buttons == {"Ver la transmisión en vivo": LIVE}


def test_after_the_hearing_the_recording_replaces_the_livestream(client, cycle):
    hearing = HearingFactory(
        parent=cycle,
        livestream_url=LIVE,
        video_url=RECORDING,
        recording_has_captions=True,
        transcript=TRANSCRIPT,
    )
    buttons, soup = links(client, hearing)
    assert buttons == {
        "Ver la grabación (con subtítulos)": RECORDING,
        "Leer la transcripción": "#transcripcion-title",
    }
    section = soup.find(id="transcripcion-title")
    assert section.get_text(strip=True) == "Transcripción"
    assert "Buenos días a todos." in section.find_parent("section").get_text()


def test_after_the_hearing_without_a_recording_nothing_points_to_the_livestream(client, cycle):
    hearing = HearingFactory(parent=cycle, livestream_url=LIVE)
    buttons, soup = links(client, hearing)
    assert buttons == {}
    assert "transmisión en vivo" not in soup.find("main").get_text().replace(
        "Preguntas recibidas en la transmisión en vivo", ""
    )


def test_a_hearing_without_an_end_is_over_the_next_day(cycle):
    start = timezone.make_aware(datetime.datetime(2021, 12, 16, 9, 0))
    hearing = HearingFactory(parent=cycle, start=start, end=None)
    assert hearing.ends_at == timezone.make_aware(datetime.datetime(2021, 12, 17, 0, 0))
    assert hearing.is_over
    tomorrow = HearingFactory(parent=cycle, start=hours_from_now(24), end=None)
    assert not tomorrow.is_over


def test_a_recording_needs_captions_or_a_transcript(cycle):
    with override("es"), pytest.raises(ValidationError) as error:
        HearingFactory(parent=cycle, video_url=RECORDING, transcript="<p> </p>")
    assert error.value.message_dict["video_url"] == [
        "Una grabación necesita subtítulos o una transcripción: marque «la grabación tiene "
        "subtítulos» o escriba la transcripción."
    ]
    with_transcript = HearingFactory(parent=cycle, video_url=RECORDING, transcript=TRANSCRIPT)
    assert with_transcript.shows_recording
