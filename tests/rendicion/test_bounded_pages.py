"""Pages that do not grow with content (rendicion/listing.py): a cycle, a department section
and an SDG goal show the first items of each list, the total, and a link to a paginated
listing that holds every item; an indicator's reports are paginated. Adding ten times the
items leaves the page the same size."""

import datetime
import re
from decimal import Decimal
from itertools import count

import pytest
from django.utils import timezone

from rendicion.listing import LISTING_PAGE_SIZE, PREVIEW_SIZE
from rendicion.models.index_pages import GOAL_INDICATOR_CARDS, TARGET_INDICATOR_LINKS
from tests.factories import (
    CycleFactory,
    DepartmentFactory,
    DepartmentSectionFactory,
    EncounterFactory,
    ImprovementPlanFactory,
    IndicatorFactory,
    IndicatorIndexFactory,
    MeasurementFactory,
    ReportFactory,
    SdgIndexFactory,
    home_page,
)

pytestmark = pytest.mark.django_db

_serial = count(1)
# Adding this many times the items changes a page by a few digits at most.
GROWTH_ALLOWANCE_BYTES = 100


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def links_to(html, url):
    return f'href="{url}"' in html


@pytest.fixture
def education():
    return DepartmentFactory(name="Secretaría de Educación", slug="educacion")


@pytest.fixture
def health():
    return DepartmentFactory(name="Secretaría de Salud", slug="salud")


@pytest.fixture
def cycle():
    home = home_page()
    IndicatorIndexFactory(parent=home)
    SdgIndexFactory(parent=home)
    return CycleFactory(parent=home, year=2021, slug="rendicion-de-cuentas-2021")


@pytest.fixture
def sections(cycle, education, health):
    return {
        department.slug: DepartmentSectionFactory(
            parent=cycle, department=department, slug=department.slug
        )
        for department in (education, health)
    }


def add_encounters(section, n, **kwargs):
    pages = []
    for _ in range(n):
        i = next(_serial)
        pages.append(
            EncounterFactory(
                parent=section,
                title=f"Encuentro número {i}",
                department=section.department,
                start=timezone.make_aware(datetime.datetime(2021, 1, 1, 9))
                + datetime.timedelta(days=i),
                **kwargs,
            )
        )
    return pages


def add_section_content(section, n):
    add_encounters(section, n)
    for _ in range(n):
        i = next(_serial)
        ReportFactory(parent=section, title=f"Informe número {i}", department=section.department)
        ImprovementPlanFactory(
            parent=section, title=f"Plan número {i}", department=section.department
        )
        indicator = IndicatorFactory(
            department=section.department, code=f"77{i:07d}", sdg_targets=["4.1"]
        )
        MeasurementFactory(indicator=indicator, value=Decimal(i))


def test_a_cycle_shows_its_latest_encounters_and_links_every_one(client, cycle, sections):
    encounters = add_encounters(sections["educacion"], PREVIEW_SIZE + 4)
    draft = add_encounters(sections["educacion"], 1, live=False)[0]

    html = html_of(client, cycle.url)

    shown = [page for page in encounters if links_to(html, page.url)]
    assert shown == encounters[-PREVIEW_SIZE:]  # the newest first, no more than the preview
    listing_url = f"{cycle.url}encuentros/"
    assert links_to(html, listing_url)
    assert f"Ver los {len(encounters)} encuentros" in html

    listing = html_of(client, listing_url)
    assert all(links_to(listing, page.url) for page in encounters)
    assert not links_to(listing, draft.url)
    assert f"{len(encounters)} páginas" in listing


def test_a_section_links_to_the_cycle_listing_filtered_by_its_department(client, cycle, sections):
    add_section_content(sections["educacion"], PREVIEW_SIZE + 1)
    other = add_encounters(sections["salud"], 2)

    html = html_of(client, sections["educacion"].url)

    for path, total in [
        (f"{cycle.url}encuentros/?dependencia=educacion", "Ver los 7 encuentros"),
        (f"{cycle.url}informes/?dependencia=educacion", "Ver los 7 informes"),
        (f"{cycle.url}planes-de-mejora/?dependencia=educacion", "Ver los 7 planes de mejora"),
        ("/indicadores/?dependencia=educacion", "Ver los 7 indicadores de la dependencia"),
    ]:
        assert links_to(html, path), path
        assert total in html
    assert html.count('class="card indicator-card"') == PREVIEW_SIZE

    filtered = html_of(client, f"{cycle.url}encuentros/?dependencia=educacion")
    assert "7 páginas" in filtered
    assert not any(links_to(filtered, page.url) for page in other)
    everything = html_of(client, f"{cycle.url}encuentros/")
    assert "9 páginas" in everything


def test_a_listing_is_paginated_and_keeps_its_filter(client, cycle, sections):
    add_encounters(sections["educacion"], LISTING_PAGE_SIZE + 3)
    first = html_of(client, f"{cycle.url}encuentros/?dependencia=educacion")
    assert first.count('class="item"') == LISTING_PAGE_SIZE
    assert 'href="?dependencia=educacion&amp;pagina=2"' in first
    second = html_of(client, f"{cycle.url}encuentros/?dependencia=educacion&pagina=2")
    assert second.count('class="item"') == 3
    # An unknown department is ignored with a message, not an error.
    unknown = html_of(client, f"{cycle.url}encuentros/?dependencia=no-existe")
    assert "Esta opción no existe" in unknown


def test_listing_addresses_never_hide_a_section(client, cycle, sections):
    assert client.get(f"{cycle.url}educacion/").status_code == 200
    assert client.get(f"{cycle.url}otra-cosa/").status_code == 404


def test_an_sdg_goal_shows_some_cards_and_links_every_indicator(client, cycle, education):
    indicators = [
        IndicatorFactory(department=education, code=f"88{i:07d}", sdg_targets=["4.1"])
        for i in range(GOAL_INDICATOR_CARDS + 2)
    ]
    html = html_of(client, "/ods/4/")
    assert html.count('class="card indicator-card"') == GOAL_INDICATOR_CARDS
    assert links_to(html, "/indicadores/?ods=4")
    assert f"Ver los {len(indicators)} indicadores del ODS 4" in html
    target_links = re.findall(r'<a href="/indicadores/(88\d+)/">', html)
    assert len(set(target_links)) == GOAL_INDICATOR_CARDS  # cards; codes under 4.1 repeat them
    assert links_to(html, "/indicadores/?meta=4.1")
    assert f"ver los {len(indicators)} indicadores de la meta 4.1" in html
    target_section = html.split('id="metas-title"')[1]
    assert len(re.findall(r"/indicadores/88\d+/", target_section)) == TARGET_INDICATOR_LINKS

    listing = html_of(client, "/indicadores/?meta=4.1")
    assert f"{len(indicators)} indicadores" in listing


def test_an_indicator_paginates_the_reports_that_cite_it(client, cycle, education):
    indicator = IndicatorFactory(department=education, code="990000001")
    reports = [
        ReportFactory(parent=cycle, title=f"Informe que cita {i}", indicators=[indicator])
        for i in range(LISTING_PAGE_SIZE + 2)
    ]
    first = html_of(client, "/indicadores/990000001/")
    assert sum(links_to(first, report.url) for report in reports) == LISTING_PAGE_SIZE
    second = html_of(client, "/indicadores/990000001/?pagina=2")
    assert sum(links_to(second, report.url) for report in reports) == 2


def test_growing_pages_stay_the_same_size(client, cycle, sections, education):
    indicator = IndicatorFactory(department=education, code="990000002", sdg_targets=["4.1"])

    def add(n):
        add_section_content(sections["educacion"], n)
        for _ in range(n):
            ReportFactory(
                parent=cycle, title=f"Informe citado {next(_serial)}", indicators=[indicator]
            )

    urls = [
        cycle.url,
        sections["educacion"].url,
        "/ods/4/",
        "/indicadores/990000002/",
        f"{cycle.url}encuentros/",
    ]
    add(LISTING_PAGE_SIZE + 1)  # every list already overflows its preview and first page
    before = {url: len(html_of(client, url)) for url in urls}
    add(LISTING_PAGE_SIZE)
    after = {url: len(html_of(client, url)) for url in urls}
    for url in urls:
        assert after[url] - before[url] <= GROWTH_ALLOWANCE_BYTES, (url, before[url], after[url])
