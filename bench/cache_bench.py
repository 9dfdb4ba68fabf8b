"""Benchmark: requests per second of the demo site served by gunicorn (2 workers), uncached,
with the page cache in Redis, and through Varnish (docs/caching.md).

    python bench/cache_bench.py            # needs Redis at 127.0.0.1:6379, wrk and varnishd
    BENCH_SECONDS=10 python bench/cache_bench.py
    CACHE_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/cache_bench \
        CACHE_BENCH_LARGE=1 python bench/cache_bench.py   # the large site on PostgreSQL

Production settings on a throwaway database (SQLite by default; a PostgreSQL database named by
``CACHE_BENCH_DATABASE_URL`` is dropped and created) with the demo site, and with
``CACHE_BENCH_LARGE=1`` the large site of ``corpus.py`` too. wrk on this machine shares its
cores with the server, so the figures are a floor. Prints, per page and mode, requests per
second and p50/p99 latency at 1 and 8 connections.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from contextlib import nullcontext
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from throwaway_database import fresh_database  # noqa: E402 - bench/, this folder

from caching.testing import free_port, running_varnish, wait_for_port  # noqa: E402 - the path

PYTHON = sys.executable
SECONDS = int(os.environ.get("BENCH_SECONDS", "3"))
CONNECTIONS = (1, 8)
PAGES = {
    "home": "/",
    "cycle": "/rendicion-de-cuentas-2021/",
    "section": "/rendicion-de-cuentas-2021/educacion/",
    "encounter": None,  # looked up in the demo data
    "indicators ?ods=4": "/indicadores/?ods=4",
    "indicator": None,
    "SDG goal": "/ods/4/",
    "documents": "/documentos/",
    "open data": "/datos/",
    "search": "/buscar/?q=educacion",
    "API pages": "/api/v2/pages/",
    "API indicators": "/api/datos/v1/indicadores/",
}
DATABASE_URL = os.environ.get("CACHE_BENCH_DATABASE_URL", "")
LARGE = os.environ.get("CACHE_BENCH_LARGE", "") == "1"


def manage(env, *args):
    subprocess.run(  # noqa: S603 - our own command lines
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def demo_urls(env):
    script = (
        "from rendicion.models import DialogueEncounterPage, Indicator;"
        "print(DialogueEncounterPage.objects.live().first().url);"
        "print(Indicator.objects.public().first().get_url())"
    )
    output = subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return output[-2], output[-1]


def gunicorn(env, port):
    process = subprocess.Popen(  # noqa: S603
        [
            PYTHON,
            "-m",
            "gunicorn",
            "portal.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    wait_for_port(port, process, seconds=60)
    return process


def check(url):
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - loopback
        if response.status != 200:
            sys.exit(f"{url}: {response.status}")


def wrk(url, connections):
    output = subprocess.run(  # noqa: S603
        [
            shutil.which("wrk") or "/usr/bin/wrk",
            "-t1",
            f"-c{connections}",
            f"-d{SECONDS}s",
            "--latency",
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)

    def latency(percent):
        value, unit = re.search(rf"\s{percent}%\s+([\d.]+)(us|ms|s)", output).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    return rate, latency(50), latency(99), int(errors.group(1)) if errors else 0


def main():
    folder = Path(tempfile.mkdtemp(prefix="rendicion-cache-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PORTAL_BASE_URL": "http://127.0.0.1:8000",
        "SECURE_SSL_REDIRECT": "false",
        "ALLOW_DEMO_DATA": "true",
        "DATABASE_URL": fresh_database(DATABASE_URL or f"sqlite:///{folder / 'bench.sqlite3'}"),
        "MEDIA_ROOT": str(folder / "media"),
        "STATIC_ROOT": str(folder / "static"),
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3"),
        "CACHE_KEY_PREFIX": f"bench-{os.getpid()}",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
    manage(env, "migrate", "--noinput")
    if LARGE:
        subprocess.run(  # noqa: S603 - our own script
            [PYTHON, str(ROOT / "bench" / "build_large_site.py")], cwd=ROOT, env=env, check=True
        )
    else:
        manage(env, "load_demo_data")
    manage(env, "collectstatic", "--noinput")
    PAGES["encounter"], PAGES["indicator"] = demo_urls(env)
    modes = [
        ("uncached", {"PAGE_CACHE_SECONDS": "0"}, False),
        ("Redis page cache", {"PAGE_CACHE_SECONDS": "300"}, False),
        ("Varnish", {"PAGE_CACHE_SECONDS": "300"}, True),
    ]
    print(f"{SECONDS} s per run, gunicorn 2 workers, wrk 1 thread; req/s  p50 ms  p99 ms")
    header = "".join(f" | {f'{c} conn':^23}" for c in CONNECTIONS)
    for name, extra, through_varnish in modes:
        port = free_port()
        server = gunicorn({**env, **extra}, port)
        front = running_varnish("127.0.0.1", port) if through_varnish else nullcontext(None)
        print(f"\n{name}\n{'page':<18}{header}")
        try:
            with front as front_url:
                base = front_url or f"http://127.0.0.1:{port}"
                for page, path in PAGES.items():
                    check(base + path)  # a 200 (and the caches filled) before measuring
                    cells = []
                    for connections in CONNECTIONS:
                        rate, p50, p99, errors = wrk(base + path, connections)
                        flag = f" ({errors} errors)" if errors else ""
                        cells.append(f"{rate:8.0f} {p50:6.1f} {p99:6.1f}{flag}")
                    print(f"{page:<18}" + "".join(f" | {cell:>23}" for cell in cells), flush=True)
        finally:
            server.terminate()
            server.wait(timeout=20)
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
