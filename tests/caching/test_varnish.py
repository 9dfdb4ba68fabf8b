"""Varnish in front of the portal, with deploy/varnish/default.vcl: anonymous pages come from
Varnish, any public change empties it (the portal's BAN after the commit), a draft never shows
and a signed-in user always reaches the portal. A real varnishd, started for the test."""

import urllib.request
from urllib.parse import urlsplit

import pytest

from caching.testing import VarnishNotInstalledError, running_varnish
from tests.conftest import BROWSER_REQUIRED
from tests.factories import CycleFactory, ReportFactory, home_page

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def varnish(live_server, settings, redis_cache):
    backend = urlsplit(live_server.url)
    try:
        with running_varnish(backend.hostname, backend.port) as url:
            settings.PAGE_CACHE_SECONDS = 300
            settings.FRONT_CACHE_URLS = [url]
            yield url
    except VarnishNotInstalledError as error:
        if BROWSER_REQUIRED:
            pytest.fail(str(error))
        pytest.skip(str(error))


def fetch(url, cookie=None):
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
        return response.headers, response.read().decode()


def test_varnish_serves_anonymous_pages_and_empties_on_any_public_change(varnish):
    cycle = CycleFactory(parent=home_page(), year=2021, slug="rendicion-de-cuentas-2021")
    report = ReportFactory(parent=cycle, title="Informe de gestión 2021")
    url = f"{varnish}{report.url}"

    assert fetch(url)[0]["X-Front-Cache"] == "MISS"
    headers, html = fetch(url)
    assert headers["X-Front-Cache"] == "HIT"
    assert "Informe de gestión 2021" in html

    report.title = "Informe de gestión 2021, corregido"
    report.save_revision()  # a draft: nothing public changes…
    assert "corregido" not in fetch(url)[1]
    report.get_latest_revision().publish()  # …until it is approved and published
    headers, html = fetch(url)
    assert headers["X-Front-Cache"] == "MISS"
    assert "corregido" in html
    # The cycle page, which lists the report, was emptied by the same change.
    assert "corregido" in fetch(f"{varnish}{cycle.url}")[1]


def test_varnish_never_answers_for_a_signed_in_user(varnish, admin_user, client):
    cycle = CycleFactory(parent=home_page(), year=2021, slug="rendicion-de-cuentas-2021")
    client.force_login(admin_user)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    url = f"{varnish}{cycle.url}"
    fetch(url)  # an anonymous visit is kept
    for _ in range(2):
        headers, html = fetch(url, cookie=cookie)
        assert headers["X-Front-Cache"] == "MISS"
        assert "wagtail-userbar" in html
    assert "wagtail-userbar" not in fetch(url)[1]
