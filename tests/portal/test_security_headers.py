"""Security headers (hardening issue): a Content-Security-Policy on every page, a strict one on
the public site and the one Wagtail's admin needs under /admin/, a Permissions-Policy, and
`check --deploy` clean with production settings. The browser tests load the demo site and the
admin in Debian's Chromium and fail on any policy violation: a policy that breaks the site
would be switched off by the first person it annoys."""

import os
import subprocess
import sys
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from tests.factories import IndicatorFactory, IndicatorIndexFactory, home_page
from tests.workflow_helpers import PASSWORD

pytestmark = pytest.mark.django_db


def directives(header):
    """{"script-src": ["'self'"], …} from a Content-Security-Policy header."""
    parsed = {}
    for part in header.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


@pytest.fixture
def public_site():
    IndicatorFactory(code="220100900", name="Tasa de cobertura neta en educación")
    IndicatorIndexFactory(parent=home_page(), slug="indicadores")


@pytest.mark.parametrize("path", ["/", "/indicadores/", "/buscar/?q=educacion", "/documentos/"])
def test_public_pages_forbid_inline_script_framing_and_foreign_sources(public_site, path):
    response = Client().get(path)

    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"


def test_public_pages_ask_for_no_device_feature(public_site):
    response = Client().get("/")

    features = dict(
        item.strip().split("=", 1) for item in response["Permissions-Policy"].split(",")
    )
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"


def test_admin_gets_its_own_policy_framing_only_itself(admin_user):
    client = Client()
    client.force_login(admin_user)

    response = client.get("/admin/")

    policy = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


def test_check_deploy_with_production_settings_prints_no_warning(tmp_path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "x" * 20 + "-check-deploy-" + "y" * 30,
        "ALLOWED_HOSTS": "rendicion.palmira.gov.co",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        "PORTAL_BASE_URL": "https://rendicion.palmira.gov.co",
    }
    environment.pop("REDIS_URL", None)

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


# --- In Chromium: the policies do not break what people use ---


def watch_violations(page):
    """Every CSP violation the page reports, as "directive: blocked URI" strings."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def same_site_links(page, base_url):
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    host = urlsplit(base_url).netloc
    return [
        href.split("#")[0]
        for href in hrefs
        if urlsplit(href).netloc == host
        and not href.startswith(urljoin(base_url, "/admin/"))
        and not urlsplit(href).path.endswith((".zip", ".csv", ".xlsx", ".json", ".pdf"))
    ]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_demo_site_runs_under_its_policy(browser_page, live_server):
    call_command("load_demo_data", verbosity=0)
    violations = watch_violations(browser_page)
    browser_page.goto(f"{live_server.url}/")
    to_visit = list(dict.fromkeys(same_site_links(browser_page, live_server.url)))[:25]

    for url in to_visit:
        browser_page.goto(url)
    # The search box's suggestions come from our own script, allowed by 'self'.
    browser_page.goto(f"{live_server.url}/buscar/")
    browser_page.locator("input[name=q]").first.fill("educa")
    browser_page.wait_for_timeout(800)

    assert len(to_visit) >= 10
    assert violations == [], "\n".join(violations)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_admin_editor_runs_under_its_policy(chromium_browser, live_server, django_user_model):
    call_command("load_demo_data", verbosity=0)
    django_user_model.objects.create_superuser("csp-admin", "csp@example.org", PASSWORD)
    from wagtail.models import Page

    page_id = Page.objects.filter(depth=3).live().first().pk
    context = chromium_browser.new_context(locale="es-CO", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    violations = watch_violations(page)

    page.goto(f"{live_server.url}/admin/login/")
    page.locator("input[name=username]").fill("csp-admin")
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    for path in (f"/admin/pages/{page_id}/edit/", "/admin/images/", "/admin/documents/"):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
    # The editor's preview panel frames the admin's preview view: allowed by frame-ancestors.
    page.goto(f"{live_server.url}/admin/pages/{page_id}/edit/")
    page.get_by_role("button", name="Vista previa").first.click()
    page.wait_for_timeout(1500)
    context.close()

    assert violations == [], "\n".join(violations)
