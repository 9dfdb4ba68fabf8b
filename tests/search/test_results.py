"""The results page: what is never shown, facets, snippets, promotions, popular queries,
suggestions and its query budget."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from rendicion.models import PublicHearingPage
from rendicion.visibility import public_documents
from search.engine import CitizenSearch
from search.hits import flush_hits

pytestmark = pytest.mark.django_db

# Queries of one results page, whatever the number and kinds of results (a warm render).
# 34, plus the indicators linked to an SDG found by its words and the check that the query is
# not listed among the searches without results; plus the footer's Transparency and
# Participate menus and policy pages (govco/menus.py, three queries inside a test transaction).
SEARCH_BUDGET = 36 + 3

TITLE = re.compile(r'<h3 class="item__title"><a href="([^"]*)">(.*?)</a></h3>', re.S)


def fetch(client, params):
    response = client.get("/buscar/", params)
    assert response.status_code == 200
    return response.content.decode()


def titles(html):
    return [re.sub(r"</?mark>", "", title) for _url, title in TITLE.findall(html)]


def facet_links(html):
    """{(facet label, option label): (count, url)} of the facet links on the page."""
    links = {}
    for section in re.findall(r'<section class="facet".*?</section>', html, re.S):
        facet = re.search(r'class="facet__title">(.*?)</h3>', section).group(1)
        for url, label, count in re.findall(
            r'<a class="facet__option[^"]*" href="([^"]*)"[^>]*><span>(.*?)</span> '
            r'<span class="facet__count">(\d+)</span>',
            section,
        ):
            links[(facet, label)] = (int(count), url.replace("&amp;", "&"))
    return links


# --- What is never shown -------------------------------------------------------------------


def test_drafts_private_pages_unapproved_indicators_and_private_documents_are_never_found(
    client,
    search_corpus,
):
    hits = CitizenSearch(site=search_corpus.site).run("bilinguismo rural").hits
    found = {hit.key for hit in hits}
    for kind, obj in (
        ("page", search_corpus.draft_page),
        ("page", search_corpus.private_page),
        ("page", search_corpus.orphan_page),
        ("indicator", search_corpus.draft_indicator),
        ("document", search_corpus.private_document),
        ("document", search_corpus.draft_only_document),
    ):
        assert (kind, obj.pk) not in found, obj
    for query in (
        "bilinguismo rural",
        "borrador",
        "reservado",
        "huerfano",
        "privado",
        "edicion pendiente",
        "990000001",
    ):
        html = fetch(client, {"q": query})
        for hidden in (
            "borrador",
            "reservado",
            "huérfano",
            "privado",
            "pendiente",
            "nunca aprobado",
        ):
            assert hidden not in "".join(titles(html)).lower(), (query, hidden)
    # The approved version of the edited indicator is what is found.
    found = titles(fetch(client, {"q": "estudiantes evaluados"}))
    assert "Estudiantes evaluados con pruebas de calidad educativa" in found


def test_public_documents_are_those_cited_by_public_pages(search_corpus):
    public = set(public_documents())
    assert search_corpus.public_document in public
    assert search_corpus.private_document not in public
    assert search_corpus.draft_only_document not in public
    html_titles = [
        hit.title
        for hit in CitizenSearch(site=search_corpus.site).run("informe 2020 educacion").hits
    ]
    assert search_corpus.public_document.title in html_titles


# --- The page ----------------------------------------------------------------------------


def test_results_mix_pages_indicators_and_documents_with_highlighted_snippets(
    client,
    search_corpus,
):
    html = fetch(client, {"q": "educacion"})
    assert "Secretaría de <mark>Educación</mark>" in html
    assert re.search(r'<p class="search-result__snippet">[^<]*<mark>', html)
    kinds = set(re.findall(r'class="item search-result search-result--(\w+)', html))
    assert {"page", "indicator", "document"} <= kinds
    assert 'href="/indicadores/' in html
    assert 'href="/documentos/' in html  # the permanent download address (docs/documents.md)


def test_facets_count_and_combine(client, search_corpus):
    html = fetch(client, {"q": "educacion"})
    links = facet_links(html)
    labels = {label for _facet, label in links}
    assert {"2021", "2020", "Secretaría de Educación", "ODS 4. Educación de Calidad"} <= labels

    # Each link leads to exactly as many results as it announced.
    for (_facet, label), (count, url) in links.items():
        filtered = fetch(client, dict(pair.split("=", 1) for pair in url[1:].split("&")))
        announced = re.search(r'id="resultados-title" class="results-count">(\d+)', filtered)
        assert announced and int(announced.group(1)) == count, label

    count_2020, url_2020 = next(
        value for (_facet, label), value in links.items() if label == "2020"
    )
    in_2020 = fetch(client, dict(pair.split("=", 1) for pair in url_2020[1:].split("&")))
    assert "vigencia=2020" in url_2020
    for meta in re.findall(r'<p class="item__meta">(.*?)</p>', in_2020):
        assert "2020" in meta
    # Facets combine: the 2020 vigencia and the reports type together.
    both = fetch(client, {"q": "educacion", "vigencia": "2020", "tipo": "informes"})
    assert titles(both) == ["Informe de rendición de cuentas 2020 de la Secretaría de Educación"]
    assert count_2020 >= 2


def test_pagination_uses_pagina(client, search_corpus):
    first = fetch(client, {"q": "rendicion cuentas"})
    assert 'href="?q=rendicion+cuentas&amp;pagina=2"' in first
    second = fetch(client, {"q": "rendicion cuentas", "pagina": "2"})
    assert set(titles(first)).isdisjoint(titles(second))


def test_query_budget_is_fixed(client, search_corpus):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(params):
        # Warm: per-process caches, the query's hit row, and the portal settings the first
        # render creates (a write, which starts a new cache generation).
        fetch(client, params)
        fetch(client, params)
        with CaptureQueriesContext(connection) as context:
            fetch(client, params)
        return len(context.captured_queries)

    for params in (
        {"q": "educacion"},
        {"q": "rendicion cuentas", "pagina": "2"},
        {"q": "ODS 4"},
        {"q": "educacion", "vigencia": "2020", "ods": "4"},
        {"q": "zzzz"},
    ):
        assert count(params) <= SEARCH_BUDGET, params


# --- Promotions and popular queries --------------------------------------------------------


def test_promoted_results_come_first_whatever_the_accents(client, search_corpus):
    hearing = PublicHearingPage.objects.get()
    query = Query.get("educación")
    SearchPromotion.objects.create(
        query=query, page=hearing, sort_order=0, description="La audiencia pública de la vigencia."
    )
    SearchPromotion.objects.create(query=query, page=search_corpus.private_page, sort_order=1)
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://www.mineducacion.gov.co/",
        external_link_text="Ministerio de Educación",
        sort_order=2,
    )
    html = fetch(client, {"q": "EDUCACION"})
    promoted = re.search(r'<ol class="item-list item-list--promoted".*?</ol>', html, re.S).group(0)
    assert titles(promoted) == [hearing.title, "Ministerio de Educación"]
    assert html.index(hearing.title) < html.index("Secretaría de <mark>Educación</mark>")
    assert search_corpus.private_page.title not in html


def test_queries_are_recorded_and_reported_to_editors(client, search_corpus):
    fetch(client, {"q": "Vacunación"})
    fetch(client, {"q": "vacunación "})
    fetch(client, {"q": "vacunación", "pagina": "2"})  # browsing pages is not a new search
    flush_hits()  # with Redis as the cache, hits wait there for the cron job (search/hits.py)
    assert Query.get("vacunación").hits == 2
    admin = get_user_model().objects.create_superuser("jefe", "jefe@example.com", "clave")
    client.force_login(admin)
    report = client.get(reverse("wagtailsearchpromotions:search_terms"))
    assert report.status_code == 200
    assert "vacunación" in report.content.decode()


# --- Suggestions ---------------------------------------------------------------------------


def test_suggestions_give_titles_and_addresses(client, search_corpus):
    results = client.get("/buscar/sugerencias/", {"q": "educa"}).json()["results"]
    assert results[0]["title"] == "Secretaría de Educación"
    assert all(result["url"].startswith("/") for result in results)
    by_code = client.get("/buscar/sugerencias/", {"q": "220100900"}).json()["results"]
    assert by_code[0]["url"] == "/indicadores/220100900/"
    hidden = client.get("/buscar/sugerencias/", {"q": "bilinguismo rur"}).json()["results"]
    assert hidden == []


def test_admin_search_understands_accents_too(search_corpus):
    found = Page.objects.live().search("educacion")
    assert "Secretaría de Educación" in [page.title for page in found]


def test_many_matches_are_announced_as_more_than(client, search_corpus, monkeypatch):
    monkeypatch.setattr(CitizenSearch, "CANDIDATES", 3)
    html = fetch(client, {"q": "rendicion cuentas"})
    shown = titles(html)
    assert 0 < len(shown) <= 9  # at most the three best of each kind
    heading = re.search(r'class="results-count">(.*?)</h2>', html, re.S).group(1)
    message = _("More than %(number)s results for “%(query)s”")
    assert " ".join(heading.split()) == message % {
        "number": len(shown),
        "query": "rendicion cuentas",
    }
