"""/salud/ as a load balancer or a monitoring system sees it (docs/health.md): 200 with every
check named ok on a working site, 503 when a dependency is really down (a Redis cache on a
closed port, a migration missing from the database, a media folder that cannot be written),
nothing but check names and ok/failed for anonymous callers, never cached, no cookie, no
login, no CSRF token, and no HTTPS redirect for the plain-HTTP probe."""

import importlib
import json
import os
import sys

import pytest
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client

pytestmark = pytest.mark.django_db

URL = "/salud/"
CHECKS = ["database", "cache", "storage", "migrations"]
# The Redis cache of production, on a port where nothing listens.
REDIS_DOWN = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}


def health(client=None, **extra):
    return (client or Client()).get(URL, HTTP_ACCEPT="application/json", **extra)


def checks(response):
    return json.loads(response.content)["checks"]


def test_a_working_site_answers_200_with_every_check_ok():
    response = health()

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {
        "status": "ok",
        "checks": dict.fromkeys(CHECKS, "ok"),
    }


def test_json_by_query_string_text_and_html_say_the_same():
    as_json = Client().get(URL, {"format": "json"}, HTTP_ACCEPT="text/html")
    as_text = Client().get(URL, HTTP_ACCEPT="text/plain")
    as_html = Client().get(URL)

    assert json.loads(as_json.content)["checks"] == dict.fromkeys(CHECKS, "ok")
    assert as_text.content.decode().splitlines() == [f"{name}: ok" for name in CHECKS]
    assert as_html.status_code == 200
    assert as_html["Content-Type"].startswith("text/html")
    assert "El portal funciona" in as_html.content.decode()
    for name in CHECKS:
        assert f'data-check="{name}" data-status="ok"' in as_html.content.decode()


def test_an_unreadable_or_unknown_accept_header_gets_the_page_not_an_error():
    for accept in ["not a media type;;", "application/rss+xml"]:
        response = Client().get(URL, HTTP_ACCEPT=accept)

        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")


def test_the_cache_down_answers_503_naming_the_cache(settings):
    settings.CACHES = REDIS_DOWN

    response = health()

    assert response.status_code == 503
    assert checks(response) == {**dict.fromkeys(CHECKS, "ok"), "cache": "failed"}
    assert json.loads(response.content)["status"] == "failed"


def test_an_unapplied_migration_answers_503():
    graph = MigrationLoader(None).graph
    app, name = max(node for node in graph.leaf_nodes() if node[0] == "rendicion")
    # As on a server whose code was deployed without `manage.py migrate` (rolled back after
    # the test, with the rest of its transaction).
    deleted, _ = MigrationRecorder.Migration.objects.filter(app=app, name=name).delete()
    assert deleted == 1

    response = health()

    assert response.status_code == 503
    assert checks(response) == {**dict.fromkeys(CHECKS, "ok"), "migrations": "failed"}


def test_a_media_folder_that_cannot_be_written_answers_503(settings, tmp_path):
    not_a_folder = tmp_path / "disk"
    not_a_folder.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = not_a_folder / "media"

    response = health()

    assert response.status_code == 503
    assert checks(response) == {**dict.fromkeys(CHECKS, "ok"), "storage": "failed"}
    assert str(tmp_path) not in response.content.decode()


@pytest.mark.parametrize("accept", ["application/json", "text/plain", "text/html", "*/*"])
def test_anonymous_callers_learn_nothing_but_names_and_ok_or_failed(settings, tmp_path, accept):
    settings.CACHES = REDIS_DOWN
    settings.MEDIA_ROOT = tmp_path / "a-file"
    settings.MEDIA_ROOT.write_text("")

    response = Client().get(URL, HTTP_ACCEPT=accept)

    assert response.status_code == 503
    body = response.content.decode()
    for secret in ["127.0.0.1", "redis", "Connection", "Error", "Unavailable", str(tmp_path)]:
        assert secret not in body


def test_portal_administrators_see_what_failed(settings, admin_user):
    settings.CACHES = REDIS_DOWN
    client = Client()
    client.force_login(admin_user)

    response = health(client)

    assert response.status_code == 503
    assert json.loads(response.content)["details"] == {
        "cache": "Unexpected Result: Connection Error"
    }


def test_an_editor_sees_no_more_than_the_public(settings, django_user_model):
    settings.CACHES = REDIS_DOWN
    editor = django_user_model.objects.create_user("editor", is_staff=True)
    client = Client()
    client.force_login(editor)

    response = health(client)

    assert "details" not in json.loads(response.content)
    assert "Connection" not in response.content.decode()


def test_never_cached_no_cookie_no_login_no_csrf():
    response = health()

    assert response.status_code == 200  # not a redirect to the login
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "no-cache", "max-age=0", "private"} <= cache_control
    assert "Accept" in response["Vary"]
    assert not response.cookies
    # A probe that POSTs gets "method not allowed", not a CSRF refusal.
    assert Client(enforce_csrf_checks=True).post(URL).status_code == 405
    head = Client().head(URL)
    assert head.status_code == 200
    assert head.content == b""


def test_the_page_works_under_the_public_content_security_policy():
    response = Client().get(URL)

    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    body = response.content.decode()
    assert "<script" not in body
    assert "<style" not in body
    assert " style=" not in body
    assert response["X-Robots-Tag"] == "noindex"


def test_production_answers_the_plain_http_probe_and_redirects_the_rest(settings, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    monkeypatch.setenv("ALLOWED_HOSTS", "rendicion.palmira.gov.co")
    monkeypatch.setenv("DATABASE_URL", os.environ.get("DATABASE_URL") or "sqlite:///unused")
    monkeypatch.setenv("PORTAL_BASE_URL", "https://rendicion.palmira.gov.co")
    sys.modules.pop("portal.settings.production", None)
    production = importlib.import_module("portal.settings.production")
    sys.modules.pop("portal.settings.production", None)
    settings.SECURE_SSL_REDIRECT = production.SECURE_SSL_REDIRECT
    settings.SECURE_REDIRECT_EXEMPT = production.SECURE_REDIRECT_EXEMPT

    assert health().status_code == 200
    assert Client().get("/").status_code == 301
