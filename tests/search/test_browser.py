"""The header search on a phone: suggestions as an accessible combobox, and a plain form
without JavaScript."""

import re

import pytest
from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from home.models import HomePage
from tests.factories import (
    CycleFactory,
    DepartmentFactory,
    DepartmentSectionFactory,
    IndicatorFactory,
    home_page,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def ensure_home():
    """The home page and default site of the migrations: a transactional test before this one
    may have flushed them."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return site.root_page.specific
    language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    locale, _created = Locale.objects.get_or_create(language_code=language)
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale)
    )
    home = root.add_child(instance=HomePage(title="Inicio", slug="inicio", locale=locale))
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    return home


@pytest.fixture
def education_section():
    ensure_home()
    education = DepartmentFactory(name="Secretaría de Educación", slug="educacion")
    cycle = CycleFactory(parent=home_page(), year=2021)
    IndicatorFactory(
        code="220100900",
        name="Docentes beneficiados con estrategias de mejoramiento de sus competencias",
        department=education,
    )
    return DepartmentSectionFactory(
        parent=cycle, department=education, title="Secretaría de Educación"
    )


def test_typing_without_accents_suggests_and_the_keyboard_chooses(
    live_server, browser_page, education_section
):
    page = browser_page
    page.goto(live_server.url + "/")
    search = page.locator("#site-search-q")
    assert search.get_attribute("role") == "combobox"
    assert search.get_attribute("aria-expanded") == "false"
    listbox_id = search.get_attribute("aria-controls")

    search.click()
    search.type("educacion", delay=30)
    option = page.locator(f"#{listbox_id} [role=option]").first
    option.wait_for(state="visible")
    assert search.get_attribute("aria-expanded") == "true"
    assert "Secretaría de Educación" in option.inner_text()

    search.press("ArrowDown")
    assert search.get_attribute("aria-activedescendant") == option.get_attribute("id")
    assert option.get_attribute("aria-selected") == "true"
    search.press("Escape")
    assert search.get_attribute("aria-expanded") == "false"

    search.press("ArrowDown")
    assert search.get_attribute("aria-expanded") == "true"
    with page.expect_navigation():
        search.press("Enter")
    assert page.url == live_server.url + education_section.url
    assert page.locator("h1").inner_text() == "Secretaría de Educación"


def test_without_javascript_the_form_searches(live_server, chromium_browser, education_section):
    context = chromium_browser.new_context(
        java_script_enabled=False, locale="es-CO", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        search = page.locator("#site-search-q")
        assert search.get_attribute("role") is None  # a plain search box
        search.fill("docente")
        with page.expect_navigation():
            search.press("Enter")
        assert re.search(r"/buscar/\?q=docente$", page.url)
        result = page.locator(".search-result .item__title a").first
        assert result.inner_text() == (
            "Docentes beneficiados con estrategias de mejoramiento de sus competencias"
        )
        assert result.locator("mark").inner_text() == "Docentes"
    finally:
        context.close()
