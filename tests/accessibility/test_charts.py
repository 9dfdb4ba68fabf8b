"""The charts in Debian's Chromium (docs/indicator-charts.md): the trend is an image named
and described in Spanish, it fits a 320 px screen without sideways scrolling, and a goal
badge without a target shows the goal's title like a target badge."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHART_PAGES = [
    "/indicadores/220100900/",
    "/indicadores/tasa-mortalidad-infantil/",  # a decreasing indicator
    "/ods/",
    "/ods/4/",
]


def test_the_trend_chart_is_an_image_named_and_described_in_spanish(
    live_server, browser_page, demo_site
):
    page = browser_page
    page.goto(live_server.url + "/indicadores/220100900/")
    chart = page.get_by_role("img", name="Evolución del indicador", exact=False)
    assert chart.count() == 1
    name = chart.evaluate(
        "(el) => el.getAttribute('aria-labelledby').split(' ')"
        ".map((id) => document.getElementById(id).textContent).join(' ')"
    )
    assert "Línea base 400" in name and "Meta 1.050" in name
    assert "del camino entre la línea base y la meta" in name


def test_the_chart_pages_do_not_scroll_sideways_at_320_px(live_server, chromium_browser, demo_site):
    cycle = next(url for url in demo_site if url.startswith("/rendicion-de-cuentas"))
    context = chromium_browser.new_context(locale="es-CO", viewport={"width": 320, "height": 640})
    page = context.new_page()
    wide = {}
    try:
        for url in [*CHART_PAGES, cycle]:
            page.goto(live_server.url + url)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                wide[url] = width
            for box in page.locator(".chart__svg, .status-bar").all():
                bounds = box.bounding_box()
                in_region = box.evaluate("(el) => !!el.closest('.table-scroll')")
                if bounds and bounds["x"] + bounds["width"] > 320 + 1 and not in_region:
                    wide[f"{url} chart"] = bounds
    finally:
        context.close()
    assert not wide, wide


def test_a_goal_badge_without_a_target_shows_the_goals_title(live_server, browser_page, demo_site):
    page = browser_page
    page.goto(live_server.url + "/indicadores/?ods=3")
    badge = page.locator(".card .sdg-badge--tip", has_text="ODS 3:").first
    tip = badge.locator(".sdg-badge__tip")
    assert tip.bounding_box()["width"] <= 1  # hidden until asked for
    badge.focus()
    assert tip.bounding_box()["width"] > 50
    assert badge.evaluate("(el) => el.textContent").startswith("ODS 3: Salud y Bienestar")
