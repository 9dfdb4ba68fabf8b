"""Text on an SDG colour reaches 4.5:1 (WCAG 1.4.3) for all 17 goals, with the colours the
templates actually put in their style attributes."""

import re

import pytest

from rendicion.contrast import contrast_ratio, text_background, text_colour_on
from rendicion.models import SdgGoal
from tests.factories import IndicatorFactory, IndicatorIndexFactory, SdgIndexFactory, home_page

STYLE = re.compile(r"--sdg: (#[0-9a-fA-F]{6}); --sdg-text: (#[0-9a-fA-F]{6})")


@pytest.mark.django_db
def test_every_seeded_goal_has_text_colours_of_at_least_4_5_to_1():
    goals = list(SdgGoal.objects.all())
    assert len(goals) == 17
    for goal in goals:
        ratio = contrast_ratio(goal.text_background, goal.text_colour)
        assert ratio >= 4.5, f"ODS {goal.number}: {ratio:.2f}:1"


@pytest.mark.django_db
def test_the_sdg_pages_put_those_colours_on_every_goal(client):
    SdgIndexFactory(parent=home_page())
    IndicatorIndexFactory(parent=home_page())
    IndicatorFactory(sdg_targets=["1.2", "4.1"])
    pages = [client.get("/ods/"), client.get("/ods/1/"), client.get("/indicadores/")]
    pairs = set()
    for response in pages:
        assert response.status_code == 200
        pairs |= set(STYLE.findall(response.content.decode()))
    numbers_on_index = len(STYLE.findall(pages[0].content.decode()))
    assert numbers_on_index == 17
    sdg1 = SdgGoal.objects.get(number=1)
    assert (sdg1.text_background, sdg1.text_colour) in pairs  # the red the audit flagged
    for background, text in pairs:
        assert contrast_ratio(background, text) >= 4.5, (background, text)


def test_the_near_black_the_audit_flagged_fails_and_pure_black_passes():
    assert contrast_ratio("#e5243b", "#111111") < 4.5
    assert text_colour_on("#e5243b") == "#000000"
    assert contrast_ratio("#e5243b", "#000000") >= 4.5


def test_black_or_white_reaches_4_5_to_1_on_any_colour():
    # The worst case is a luminance of about 0.18, where black and white tie at 4.58:1; a
    # sweep of greys and the primaries shows no colour needs its background darkened.
    colours = [f"#{v:02x}{v:02x}{v:02x}" for v in range(256)]
    colours += ["#ff0000", "#00ff00", "#0000ff", "#e5243b", "#dd1367"]
    for colour in colours:
        background = text_background(colour)
        assert background == colour
        assert contrast_ratio(background, text_colour_on(background)) >= 4.5, colour
    assert text_background("not a colour") == "#5f6b66"
