"""`make serve-production` for real: deploy/serve-production.sh creates a PostgreSQL database,
migrates, collects static files and starts gunicorn with deploy/gunicorn.conf.py on the
production settings, on a free port, against the real PostgreSQL and Redis. /salud/ and the
home page answer 200, static files come from WhiteNoise, and the production settings still
refuse to start without what they need."""

import os
import re
import signal
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from caching.testing import free_port, wait_for_port
from tests.conftest import BROWSER_REQUIRED

ROOT = Path(__file__).resolve().parent.parent.parent
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/2")


def require(what, probe):
    try:
        probe()
    except Exception as error:
        if BROWSER_REQUIRED:  # in CI every real component runs: a missing one is a failure
            pytest.fail(f"{what} is not reachable: {error}")
        pytest.skip(f"{what} is not reachable: {error}")


@pytest.fixture
def postgres_database():
    import psycopg
    from psycopg import sql

    require("PostgreSQL", lambda: psycopg.connect(POSTGRES_URL, connect_timeout=3).close())
    name = f"test_serving_{uuid.uuid4().hex[:12]}"
    yield POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


@pytest.fixture
def redis_url():
    import redis

    require("Redis", lambda: redis.Redis.from_url(REDIS_URL, socket_timeout=3).ping())
    return REDIS_URL


def get(url):
    request = urllib.request.Request(url, headers={"Host": "localhost"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_serve_production_boots_gunicorn_on_postgresql_and_redis(
    postgres_database, redis_url, tmp_path
):
    port = free_port()
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "GUNICORN_", "WEB_CONCURRENCY", "AWS_"))
    }
    environ.update(
        PY=sys.executable,
        PORT=str(port),
        SERVE_DATABASE_URL=postgres_database,
        SERVE_REDIS_URL=redis_url,
        CACHE_KEY_PREFIX=f"test-serve-{uuid.uuid4().hex}",
        SERVE_DEMO="0",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        WEB_CONCURRENCY="2",
        GUNICORN_THREADS="2",
    )
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 - our own script
            [str(ROOT / "deploy" / "serve-production.sh")],
            cwd=ROOT,
            env=environ,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            try:
                wait_for_port(port, process, seconds=240)
            except RuntimeError as error:
                raise AssertionError(log.read_text()[-4000:]) from error
            base = f"http://127.0.0.1:{port}"

            status, headers, body = get(f"{base}/salud/?format=json")
            assert status == 200, body
            assert b'"status": "ok"' in body

            status, headers, body = get(f"{base}/")
            assert status == 200, body[:2000]
            assert "Strict-Transport-Security" not in headers  # local: no TLS, no HSTS
            stylesheet = body.split(b'href="/static/css/portal.', 1)[1].split(b'"', 1)[0]
            status, headers, _ = get(f"{base}/static/css/portal.{stylesheet.decode()}")
            assert status == 200  # WhiteNoise, hashed name from collectstatic
            assert "immutable" in headers["Cache-Control"]
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
    printed = log.read_text()
    assert "portal.settings.production" in printed
    assert f"127.0.0.1:{port}" in printed
    # No key in the environment: one made for this run, and never printed.
    assert re.search(r"RECORD_SIGNING_KEY +\(a key for this run only\)", printed)
    assert "Using worker: gthread" in printed


def production_check(environ):
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_settings_refuse_to_start_without(missing, tmp_path):
    environ = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "rendicion.palmira.gov.co",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
        "PORTAL_BASE_URL": "https://rendicion.palmira.gov.co",
    }
    del environ[missing]

    result = production_check(environ)

    assert result.returncode != 0
    assert f"{missing} must be set in the environment in production" in result.stderr


def test_production_settings_refuse_to_start_without_an_address_for_the_e_mails(tmp_path):
    environ = {
        key: value
        for key, value in os.environ.items()
        if key not in ("WAGTAILADMIN_BASE_URL", "PORTAL_BASE_URL")
    }
    environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "rendicion.palmira.gov.co",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
        }
    )

    refused = production_check(environ)
    assert refused.returncode != 0
    assert "WAGTAILADMIN_BASE_URL (or PORTAL_BASE_URL) must be set" in refused.stderr

    # The public address alone is enough: the review e-mails link to it.
    environ["PORTAL_BASE_URL"] = "https://rendicion.palmira.gov.co"
    environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.production"
    shown = subprocess.run(
        [sys.executable, "manage.py", "diffsettings", "--all"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        check=False,
    )
    assert shown.returncode == 0, shown.stderr
    assert "WAGTAILADMIN_BASE_URL = 'https://rendicion.palmira.gov.co'" in shown.stdout
