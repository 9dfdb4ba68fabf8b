"""With the keyboard alone, from the top of the home page, a citizen reaches the GOV.CO bar's
link (first after the skip link), the search box, the main menu, the Transparency and
Participate menus and the footer's links (docs/govco.md)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUSED = """() => {
  const el = document.activeElement;
  const nav = el.closest('nav');
  return {
    href: el.getAttribute('href') || '',
    id: el.id || '',
    inBar: !!el.closest('.govco-bar'),
    nav: nav ? (nav.getAttribute('aria-label') || nav.getAttribute('aria-labelledby') || '') : '',
    inFooter: !!el.closest('footer'),
  };
}"""


def test_tab_from_the_top_reaches_the_chrome(live_server, browser_page, demo_site):
    page = browser_page
    page.goto(live_server.url + "/")
    stops = []
    for _ in range(400):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if stops and stop == stops[0]:
            break  # back at the start
        stops.append(stop)
    assert stops[1]["inBar"] and stops[1]["href"] == "https://www.gov.co/", stops[:2]
    assert any(s["id"] == "site-search-q" for s in stops)
    assert any(s["nav"] == "Menú principal" and s["href"] == "/indicadores/" for s in stops)
    assert any(s["nav"] == "Menú principal" and s["href"] == "/transparencia/" for s in stops)
    transparency = [s for s in stops if s["nav"] == "footer-transparency"]
    participation = [s for s in stops if s["nav"] == "footer-participation"]
    assert any(s["href"] == "/datos/" for s in transparency), transparency
    assert any(s["href"].startswith("/participa/#") for s in participation), participation
    footer = [s["href"] for s in stops if s["inFooter"]]
    assert "/mapa-del-sitio/" in footer and "/politica-de-tratamiento-de-datos/" in footer
