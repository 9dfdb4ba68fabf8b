"""Whatever citizens (or robots) type, the search page answers with a page and a clear message."""

import json

import pytest
from django.db import transaction
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Page

from rendicion.models import Department
from search.analysis import MAX_QUERY_LENGTH
from tests.factories import (
    CycleFactory,
    DepartmentFactory,
    DepartmentSectionFactory,
    EncounterFactory,
    home_page,
)

pytestmark = pytest.mark.django_db

NO_WORDS = _(
    "Your search has no words we can look for. Try words such as "
    "“educación”, “audiencia pública” or an indicator code."
)
UNKNOWN_FILTER = "The “%(filter)s” filter had a value we do not know, so it was ignored."


@pytest.fixture(scope="module")
def site_pages(django_db_setup, django_db_blocker):
    """Built once for the module, rolled back at its end; each test runs in a savepoint."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_pages()
        transaction.set_rollback(True)


def build_pages():
    cycle = CycleFactory(parent=home_page(), year=2021)
    education = DepartmentFactory(name="Secretaría de Educación", slug="educacion")
    section = DepartmentSectionFactory(parent=cycle, department=education)
    encounters = [
        EncounterFactory(
            parent=section,
            title=f"Encuentro de educación número {n}",
            summary="Diálogo con docentes y familias sobre la educación.",
            department=education,
        )
        for n in range(12)
    ]
    return cycle, section, encounters


def fetch(client, params, path="/buscar/"):
    response = client.get(path, params)
    assert response.status_code == 200, (params, response.status_code)
    return response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "\t\n",
        '"educación"',
        "'educación",
        '"""',
        "*",
        "educ*",
        "AND OR NOT",
        "educación AND NOT salud",
        "educación OR",
        "NEAR(educación salud)",
        "title:educación",
        "-educación",
        "(((",
        "'; DROP TABLE wagtailcore_page; --",
        "1' OR '1'='1",
        "educación\x00salud",
        "🙂 educación",
        "ñandú ÑANDÚ",
        "4.1.2.3",
        "ods",
        "meta",
        "de la y los",
        "x" * 1000,
        "educación " * 200,
    ],
)
def test_odd_queries_give_a_page(client, site_pages, query):
    html = fetch(client, {"q": query})
    assert 'name="q"' in html
    assert Page.objects.filter(title__startswith="Encuentro de educación").count() == 12


def test_empty_query_asks_for_words(client, site_pages):
    html = fetch(client, {"q": "  ", "tipo": "encuentros"})
    assert escape(_("Type what you are looking for in the search box.")) in html
    assert 'class="item-list"' not in html


def test_query_without_searchable_words_says_so(client, site_pages):
    for query in ("*", '"" ()', "de la y los"):
        html = fetch(client, {"q": query})
        assert escape(NO_WORDS) in html, query


def test_quotes_and_operators_are_ignored_not_interpreted(client, site_pages):
    quoted = fetch(client, {"q": '"educacion"'})
    plain = fetch(client, {"q": "educacion"})
    assert "Encuentro de <mark>educación</mark> número" in quoted
    assert quoted.count('class="item search-result') == plain.count('class="item search-result')


def test_long_query_is_shortened_and_said(client, site_pages):
    html = fetch(client, {"q": "educación " * 200})
    message = _("Your search was too long: only its first %(count)s characters were used.")
    assert escape(message % {"count": MAX_QUERY_LENGTH}) in html
    assert "<mark>educación</mark>" in html


def test_html_and_script_in_the_query_are_inert(client, site_pages):
    html = fetch(client, {"q": "<script>alert('x')</script> educación"})
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(" in html
    data = fetch(client, {"q": "<img src=x onerror=alert(1)>"}, "/buscar/sugerencias/")
    assert json.loads(data)["query"] == "<img src=x onerror=alert(1)>"


def test_html_and_script_in_content_are_inert(client, site_pages):
    cycle, section, _encounters = site_pages
    EncounterFactory(
        parent=section,
        title="<b>Alumbrado</b> <script>alert(1)</script> público",
        summary="<img src=x onerror=alert(1)> alumbrado del barrio",
        department=Department.objects.get(slug="educacion"),
    )
    html = fetch(client, {"q": "alumbrado"})
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "&lt;b&gt;<mark>Alumbrado</mark>&lt;/b&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt; <mark>alumbrado</mark>" in html


@pytest.mark.parametrize(
    ("name", "value", "label"),
    [
        ("tipo", "zzz", "Type"),
        ("vigencia", "1999", "Accountability cycle"),
        ("vigencia", "abc", "Accountability cycle"),
        ("dependencia", "no-existe", "Department"),
        ("ods", "99", "SDG"),
        ("ods", "abc", "SDG"),
        ("ods", "4.5", "SDG"),
    ],
)
def test_unknown_filter_values_are_ignored_with_a_message(client, site_pages, name, value, label):
    html = fetch(client, {"q": "educacion", name: value})
    assert escape(_(UNKNOWN_FILTER) % {"filter": _(label)}) in html
    # The filter was ignored: all twelve encounters and the section are still counted.
    assert "Encuentro de <mark>educación</mark> número" in html


@pytest.mark.parametrize(
    ("page", "shown", "message"),
    [
        ("abc", 1, "The page number was not valid, so the first page is shown."),
        ("0", 1, "The page number was not valid, so the first page is shown."),
        ("-3", 1, "The page number was not valid, so the first page is shown."),
        ("1e10", 1, "The page number was not valid, so the first page is shown."),
        ("99", 2, "There are only %(count)s pages of results; this is the last one."),
        (
            "99999999999999999999999",
            2,
            "There are only %(count)s pages of results; this is the last one.",
        ),
    ],
)
def test_page_numbers_out_of_range(client, site_pages, page, shown, message):
    html = fetch(client, {"q": "educacion", "pagina": page})
    assert escape(_(message) % {"count": 2}) in html
    assert f'<ol class="item-list" start="{(shown - 1) * 10 + 1}">' in html


def test_suggestions_never_fail(client, site_pages):
    for query in ("", "e", "*", '"', "AND", "x" * 1000, "'; DROP TABLE x; --", "\x00"):
        response = client.get("/buscar/sugerencias/", {"q": query})
        assert response.status_code == 200, query
        assert response["Content-Type"] == "application/json"
        assert isinstance(response.json()["results"], list)
