"""The page cache (docs/caching.md): anonymous pages come from Redis with no query, every
public change empties it at once, and nothing personal or private is ever stored."""

import re
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from wagtail.models import PageViewRestriction, Site

from caching.invalidation import IGNORED_MODELS, SQLITE_ONLY_IGNORED_MODELS, generation
from caching.middleware import PageCacheMiddleware
from rendicion.models import PortalSettings
from rendicion.signals import public_content_changed
from tests.factories import (
    CycleFactory,
    DepartmentFactory,
    DepartmentSectionFactory,
    IndicatorFactory,
    IndicatorIndexFactory,
    MeasurementFactory,
    ReportFactory,
    home_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings, redis_cache):
    settings.PAGE_CACHE_SECONDS = 300
    return redis_cache


@pytest.fixture
def site():
    home = home_page()
    IndicatorIndexFactory(parent=home)
    cycle = CycleFactory(parent=home, year=2021, slug="rendicion-de-cuentas-2021")
    education = DepartmentFactory(name="Secretaría de Educación", slug="educacion")
    section = DepartmentSectionFactory(parent=cycle, department=education, slug="educacion")
    report = ReportFactory(parent=section, title="Informe de gestión de Educación")
    # Made by a site's first request otherwise, which empties the cache as any write does.
    PortalSettings.for_site(Site.objects.get(is_default_site=True))
    return {
        "home": home,
        "cycle": cycle,
        "section": section,
        "report": report,
        "department": education,
    }


def get(client, url, **headers):
    response = client.get(url, **headers)
    return response, response.content.decode()


def test_an_anonymous_page_comes_from_the_cache_with_no_query(
    client, page_cache, site, django_assert_num_queries
):
    first, html = get(client, site["report"].url)
    assert first["X-Cache"] == "MISS"
    with django_assert_num_queries(0):
        second, cached_html = get(client, site["report"].url)
    assert second["X-Cache"] == "HIT"
    assert cached_html == html
    # Headers added on the way out are there on a cached page too.
    for response in (first, second):
        assert response["Cache-Control"] == "public, max-age=60, stale-while-revalidate=300"
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
        assert response["X-Frame-Options"] == "DENY"


def test_publishing_a_change_shows_it_at_once(client, page_cache, site):
    report = site["report"]
    get(client, report.url)
    get(client, site["section"].url)
    report.title = "Informe de gestión 2021, versión corregida"
    report.save_revision().publish()
    for url in (report.url, site["section"].url):  # the page, and a page that lists it
        response, html = get(client, url)
        assert response["X-Cache"] == "MISS"
        assert "versión corregida" in html


def test_a_draft_never_reaches_the_public(client, page_cache, site):
    report = site["report"]
    get(client, report.url)
    report.title = "Borrador que nadie debe ver"
    report.save_revision()
    assert "Borrador" not in get(client, report.url)[1]
    cache.clear()
    assert "Borrador" not in get(client, report.url)[1]


def test_unpublishing_or_restricting_a_page_hides_it_at_once(client, page_cache, site):
    report, section = site["report"], site["section"]
    get(client, report.url)
    report.unpublish()
    assert client.get(report.url).status_code == 404
    get(client, section.url)
    PageViewRestriction.objects.create(page=section, restriction_type="login")
    response = client.get(section.url)
    assert response.status_code == 302  # to the login page, not the cached section


def test_a_password_protected_page_is_never_stored(client, page_cache, site):
    report = ReportFactory(
        parent=site["section"], title="Informe reservado", summary="Cifras reservadas del informe"
    )
    restriction = PageViewRestriction.objects.create(
        page=report, restriction_type="password", password="palmira"
    )
    assert "Cifras reservadas" not in get(client, report.url)[1]  # the password form
    client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{report.pk}/",
        {"password": "palmira", "return_url": report.url},
    )
    for _ in range(2):
        response, html = get(client, report.url)
        assert "Cifras reservadas" in html
        assert "X-Cache" not in response
    stranger = client.__class__()
    for _ in range(2):
        assert "Cifras reservadas" not in get(stranger, report.url)[1]


def test_a_signed_in_editor_is_never_served_from_nor_stored_in_the_cache(client, page_cache, site):
    admin = get_user_model().objects.create_superuser("jefa", "jefa@example.org", "clave")
    url = site["report"].url
    get(client, url)  # an anonymous visit fills the cache
    client.force_login(admin)
    response, html = get(client, url)
    assert "X-Cache" not in response
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "wagtail-userbar" in html
    client.logout()
    response, html = get(client, url)
    assert "wagtail-userbar" not in html


def test_an_indicator_change_and_a_bulk_write_empty_the_cache(client, page_cache, site):
    indicator = IndicatorFactory(department=site["department"], code="220100900")
    url = "/indicadores/220100900/"
    get(client, url)
    MeasurementFactory(indicator=indicator, value=812, period="2022")
    assert "812" in get(client, url)[1]
    before = generation()
    public_content_changed.send(sender=None)  # what bulk writes send (imports, image privacy)
    assert generation() > before


def test_query_strings_in_any_order_share_an_entry_and_others_do_not(client, page_cache, site):
    IndicatorFactory(department=site["department"], code="220100901")
    assert get(client, "/indicadores/?tipo=product&dependencia=educacion")[0]["X-Cache"] == "MISS"
    assert get(client, "/indicadores/?dependencia=educacion&tipo=product")[0]["X-Cache"] == "HIT"
    assert get(client, "/indicadores/?dependencia=salud")[0]["X-Cache"] == "MISS"


@pytest.mark.parametrize("path", ["/admin/login/", "/salud/", "/buscar/sugerencias/?q=edu"])
def test_admin_health_and_suggestions_are_never_cached(client, page_cache, site, path):
    client.get(path)
    assert client.get(path).get("X-Cache") != "HIT"


def test_responses_that_set_a_cookie_or_use_a_csrf_token_are_not_stored(settings, page_cache):
    def with_token(request):
        return HttpResponse(f"<form>{get_token(request)}</form>")

    def with_cookie(request):
        response = HttpResponse("hola")
        response.set_cookie("preferencia", "1")
        return response

    for view in (with_token, with_cookie):
        middleware = PageCacheMiddleware(view)
        for _ in range(2):
            request = RequestFactory().get("/formulario/")
            request.user = AnonymousUser()
            request.session = {}
            response = middleware(request)
            assert "X-Cache" not in response


def test_every_ignored_model_exists():
    """A misspelt label would let a model's writes leave stale pages: the list must be real."""
    installed = {model._meta.label_lower for model in apps.get_models()}
    expected = IGNORED_MODELS
    if connection.vendor != "sqlite":
        expected = IGNORED_MODELS - SQLITE_ONLY_IGNORED_MODELS
    assert installed >= expected, expected - installed


def test_search_results_are_cached_per_query_and_every_search_is_counted(
    client, page_cache, site, django_assert_max_num_queries
):
    from wagtail.contrib.search_promotions.models import Query

    from search.hits import flush_hits

    call_command("update_index", stdout=StringIO(), verbosity=0)
    url = "/buscar/?q=gestión"
    first, html = get(client, url)
    assert first["X-Cache"] == "MISS"
    # The report, and the SDG targets that speak of "gestión" (docs/search.md).
    found = int(re.search(r"(\d+) resultados? para", html).group(1))
    assert found >= 1
    with django_assert_max_num_queries(1):  # the session-less visitor costs no search
        second, cached = get(client, "/buscar/?q=%20gesti%C3%B3n%20")
    assert second["X-Cache"] == "HIT"
    assert cached == html
    flush_hits()
    assert Query.get("gestión").hits == 2

    ReportFactory(parent=site["section"], title="Informe de gestión de Salud")
    call_command("update_index", stdout=StringIO(), verbosity=0)
    assert f"{found + 1} resultados para" in get(client, url)[1]


def test_a_signed_in_search_is_never_cached(client, page_cache, site):
    admin = get_user_model().objects.create_superuser("jefa", "jefa@example.org", "clave")
    client.force_login(admin)
    for _ in range(2):
        assert "X-Cache" not in client.get("/buscar/?q=informe")


def test_a_cached_page_costs_one_cache_round_trip_and_never_outlives_a_change(
    client, page_cache, site, monkeypatch
):
    from django.core.cache import caches

    backend = caches["default"]
    calls = []
    for name in ("get", "get_many"):
        original = getattr(backend, name)
        monkeypatch.setattr(
            backend, name, lambda *a, _f=original, _n=name, **k: calls.append(_n) or _f(*a, **k)
        )
    get(client, site["report"].url)  # stored
    calls.clear()
    response, _html = get(client, site["report"].url)
    assert response["X-Cache"] == "HIT"
    assert calls == ["get_many"]  # the generation and the page together

    # Another process publishes a change: this one's remembered generation is stale.
    site["report"].title = "Informe de gestión 2021, corregido"
    site["report"].save_revision().publish()
    response, html = get(client, site["report"].url)
    assert response["X-Cache"] == "MISS"
    assert "corregido" in html
