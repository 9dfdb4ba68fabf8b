"""Varnish in front of the portal, with deploy/varnish/default.vcl: anonymous pages come from
Varnish, any public change empties it (the portal's BAN after the commit), a draft never shows
and a signed-in user always reaches the portal. A real varnishd, started for the test."""

import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import BROWSER_REQUIRED
from tests.factories import CycleFactory, ReportFactory, home_page

VCL = Path(__file__).resolve().parents[2] / "deploy" / "varnish" / "default.vcl"

pytestmark = pytest.mark.django_db(transaction=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def varnish(live_server, settings, redis_cache):
    varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
    if not Path(varnishd).exists():
        if BROWSER_REQUIRED:
            pytest.fail("varnishd is not installed: apt-get install varnish")
        pytest.skip("varnishd is not installed")
    backend = urlsplit(live_server.url)
    # varnishd reads its files as its own user: pytest's folders are private to ours.
    tmp_path = Path(tempfile.mkdtemp(prefix="varnish-", dir="/tmp"))
    tmp_path.chmod(0o755)
    vcl = tmp_path / "portal.vcl"
    vcl.write_text(
        VCL.read_text()
        .replace("BACKEND_HOST", backend.hostname)
        .replace("BACKEND_PORT", str(backend.port))
    )
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - our own command line
        [
            varnishd,
            "-F",
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(vcl),
            "-n",
            str(tmp_path / "v"),
            "-s",
            "malloc,16m",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail(f"varnishd did not start: {process.communicate()[1].decode()[-2000:]}")
    settings.PAGE_CACHE_SECONDS = 300
    settings.FRONT_CACHE_URLS = [url]
    yield url
    process.terminate()
    process.wait(timeout=10)
    shutil.rmtree(tmp_path, ignore_errors=True)


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
