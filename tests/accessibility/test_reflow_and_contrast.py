"""The demo site in Debian's Chromium: it reflows at 320 px (WCAG 1.4.10), its text survives
200 % text size (1.4.4), and every sideways-scrolling region takes the keyboard focus
(2.1.1)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Elements the audit found overflowing at 200 % text size, and the text inside them.
ZOOM_COMPONENTS = ".site-footer, .card, .filters, .search-facets, .questions, .agenda"

# Each text-holding element inside a component: does its text stick out of its nearest block
# container (scrollWidth past clientWidth), or out of the component itself?
OVERFLOWING_TEXT_JS = """(selector) => {
  const found = [];
  const isBlock = (el) => !getComputedStyle(el).display.startsWith('inline');
  for (const component of document.querySelectorAll(selector)) {
    const box = component.getBoundingClientRect();
    for (const el of component.querySelectorAll('*')) {
      const hasText = [...el.childNodes].some(
        (n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
      if (!hasText || !el.getClientRects().length) continue;
      // Hidden on purpose until hover or focus; tables scroll in their own region.
      if (el.closest('.visually-hidden, .sdg-badge__tip, .table-scroll')) continue;
      let container = el.parentElement;
      while (container && container !== component && !isBlock(container)) {
        container = container.parentElement;
      }
      container = container || component;
      const rect = el.getBoundingClientRect();
      const own = isBlock(el) && el.scrollWidth > el.clientWidth + 1;
      const outOfContainer = rect.right > container.getBoundingClientRect().right + 1
        || rect.left < container.getBoundingClientRect().left - 1;
      const outOfComponent = rect.right > box.right + 1 || rect.bottom > box.bottom + 1;
      if (own || outOfContainer || outOfComponent) {
        const why = own ? 'clipped' : outOfContainer ? 'out of its container' : 'out of the box';
        found.push(`${component.className} > ${el.tagName.toLowerCase()}.${el.className} `
          + `(${why}): ${el.textContent.trim().slice(0, 40)}`);
      }
    }
  }
  return found;
}"""


def test_no_page_scrolls_sideways_at_320_px(live_server, chromium_browser, demo_site):
    context = chromium_browser.new_context(locale="es-CO", viewport={"width": 320, "height": 640})
    page = context.new_page()
    wide = {}
    try:
        for url in demo_site:
            response = page.goto(live_server.url + url)
            assert response.status == 200, url
            width = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            if width[0] > width[1]:
                wide[url] = width
    finally:
        context.close()
    assert not wide, f"pages wider than the 320 px screen (scrollWidth, clientWidth): {wide}"


def test_text_at_200_percent_stays_inside_its_box(live_server, chromium_browser, demo_site):
    overflowing = {}
    checked = set()
    # A phone, the width where the multi-column layouts start, and a desktop.
    for width in (375, 640, 1280):
        context = chromium_browser.new_context(
            locale="es-CO", viewport={"width": width, "height": 900}
        )
        page = context.new_page()
        try:
            for url in demo_site:
                page.goto(live_server.url + url)
                # WCAG 1.4.4: the root font size doubled, as the browser's text-only zoom does.
                page.evaluate("document.documentElement.style.fontSize = '200%'")
                found = page.evaluate(OVERFLOWING_TEXT_JS, ZOOM_COMPONENTS)
                if found:
                    overflowing[f"{width} px {url}"] = found
                checked |= {
                    selector.strip()
                    for selector in ZOOM_COMPONENTS.split(",")
                    if page.locator(selector.strip()).count()
                }
        finally:
            context.close()
    # Every component of the audit was on some page, so none passed by being absent.
    assert checked == {selector.strip() for selector in ZOOM_COMPONENTS.split(",")}
    assert not overflowing, f"text sticking out of its box at 200 %: {overflowing}"


def test_the_overflow_check_catches_clipped_text(live_server, browser_page):
    # Guard the guard: a fixed-height, fixed-width box with long text is caught.
    browser_page.set_content(
        '<div class="card" style="width:100px;height:1.5em;overflow:hidden">'
        "<p>Texto que no cabe en una tarjeta tan angosta y baja</p></div>"
        '<footer class="site-footer" style="width:100px"><p style="white-space:nowrap">'
        "correo-muy-largo@municipio.gov.co</p></footer>"
    )
    found = browser_page.evaluate(OVERFLOWING_TEXT_JS, ZOOM_COMPONENTS)
    assert any("card" in item for item in found)
    assert any("site-footer" in item for item in found)


def test_every_scroll_region_takes_the_keyboard_focus(live_server, browser_page, demo_site):
    page = browser_page
    checked = 0
    for url in demo_site:
        page.goto(live_server.url + url)
        regions = page.locator(".table-scroll")
        for index in range(regions.count()):
            region = regions.nth(index)
            region.focus()
            focused = region.evaluate("(el) => document.activeElement === el")
            assert focused, f"{url}: .table-scroll #{index} does not take the focus"
            assert region.get_attribute("role") == "region"
            assert region.get_attribute("aria-labelledby") or region.get_attribute("aria-label")
            checked += 1
    assert checked >= 5


def test_a_table_that_scrolls_shows_it_and_the_measurements_fit_a_phone(
    live_server, chromium_browser, demo_site
):
    """WCAG 1.4.10: what scrolls sideways says so; the measurements need no scrolling."""
    context = chromium_browser.new_context(locale="es-CO", viewport={"width": 375, "height": 800})
    page = context.new_page()
    try:
        page.goto(live_server.url + "/indicadores/220100900/")
        region = page.locator(".table-scroll[aria-labelledby=mediciones-title]")
        fits = region.evaluate("(el) => el.scrollWidth <= el.clientWidth")
        assert fits, "the measurements table scrolls on a phone: its Fuente column is cut off"
        source = region.locator("th", has_text="Fuente").bounding_box()
        box = region.bounding_box()
        assert source["x"] + source["width"] <= box["x"] + box["width"] + 1
        assert not region.locator(".table-scroll__hint").is_visible()  # nothing to scroll

        # The pandas recipe is wider than a phone: its region shows a shadow at the edge where
        # the rest hides, drawn by gradients that stay put while the content scrolls.
        page.goto(live_server.url + "/datos/")
        wide = page.locator(".table-scroll[aria-labelledby=indicadores-pandas]")
        assert wide.evaluate("(el) => el.scrollWidth > el.clientWidth")
        style = wide.evaluate(
            "(el) => { const s = getComputedStyle(el);"
            " return [s.backgroundImage, s.backgroundAttachment]; }"
        )
        assert style[0].count("radial-gradient") == 2, style
        assert "local" in style[1] and "scroll" in style[1], style
    finally:
        context.close()

    # Between phone and desktop the actions table (stacked on a phone) is wider than the
    # screen: it says so in words, and no longer once the window is wide enough.
    plan = next(url for url in demo_site if "plan-de-mejora" in url)
    for width, scrolls in ((680, True), (1280, False)):
        context = chromium_browser.new_context(
            locale="es-CO", viewport={"width": width, "height": 800}
        )
        page = context.new_page()
        try:
            page.goto(live_server.url + plan)
            actions = page.locator(".table-scroll[aria-labelledby=acciones-title]")
            assert actions.evaluate("(el) => el.scrollWidth > el.clientWidth") is scrolls
            hint = actions.get_by_text("Desliza para ver más columnas")
            assert hint.is_visible() is scrolls, width
        finally:
            context.close()


def test_a_target_badge_shows_its_text_on_focus_and_hover(live_server, browser_page, demo_site):
    """WCAG 1.4.13 and 2.4.6: "4.1" alone says little; its text shows on focus and hover,
    inside the screen, and is part of the badge's name."""
    page = browser_page
    page.goto(live_server.url + "/indicadores/?ods=4")
    badge = page.locator(".card .sdg-badge--tip").first
    tip = badge.locator(".sdg-badge__tip")
    assert tip.bounding_box()["width"] <= 1  # hidden until asked for
    badge.focus()
    shown = tip.bounding_box()
    assert shown["width"] > 100 and shown["height"] > 10
    assert shown["x"] >= 0 and shown["x"] + shown["width"] <= 390
    text = tip.inner_text()
    assert len(text) > 20
    page.mouse.move(0, 0)
    badge.evaluate("(el) => el.blur()")
    assert tip.bounding_box()["width"] <= 1
    badge.hover()
    assert tip.bounding_box()["width"] > 100
    code = badge.evaluate("(el) => el.firstChild.textContent")
    assert badge.evaluate("(el) => el.textContent").startswith(f"{code}: ")
