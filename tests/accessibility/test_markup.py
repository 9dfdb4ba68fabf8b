"""Markup a keyboard or screen-reader user relies on, checked in the HTML."""

import pytest
from bs4 import BeautifulSoup

from rendicion.models import SdgTarget
from tests.factories import IndicatorFactory, IndicatorIndexFactory, home_page


@pytest.mark.django_db
def test_every_scroll_region_on_the_open_data_page_is_focusable_and_named(client):
    soup = BeautifulSoup(client.get("/datos/").content, "html.parser")
    regions = soup.select(".table-scroll")
    assert len(regions) >= 3  # the "Campos" tables and the code recipes
    for region in regions:
        # A region that scrolls sideways must take the focus, or a keyboard cannot scroll it
        # (WCAG 2.1.1); its name says what it holds.
        assert region.get("tabindex") == "0", region.prettify()[:200]
        assert region.get("role") == "region"
        labelledby = region.get("aria-labelledby")
        assert labelledby and soup.find(id=labelledby).get_text(strip=True)
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))


@pytest.mark.django_db
def test_a_target_badge_is_named_by_its_code_and_its_text(client):
    IndicatorIndexFactory(parent=home_page())
    IndicatorFactory(code="220100900", sdg_targets=["4.1"])
    target = SdgTarget.objects.get(code="4.1")

    card = BeautifulSoup(client.get("/indicadores/").content, "html.parser")
    badge = card.select_one(".card .sdg-badge--tip")
    assert badge.get("tabindex") == "0"  # the keyboard reaches its text too
    name = badge.get_text()
    assert name.startswith("4.1: ")
    assert target.title[:60] in name

    detail = BeautifulSoup(client.get("/indicadores/220100900/").content, "html.parser")
    link = detail.select_one("a.sdg-badge[aria-labelledby]")
    named_by = " ".join(
        detail.find(id=i).get_text(" ", strip=True) for i in link["aria-labelledby"].split()
    )
    assert "4.1" in named_by and target.title in named_by
