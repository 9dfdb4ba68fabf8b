"""Markup a keyboard or screen-reader user relies on, checked in the HTML."""

import pytest
from bs4 import BeautifulSoup


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
