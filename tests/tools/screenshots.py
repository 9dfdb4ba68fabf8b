"""``make screenshots``: PNGs of the public page types at 375 and 1280 px, taken with Debian's
Chromium (never a downloaded browser) from a fresh demo site served on a scratch SQLite
database. Written to screenshots/ (git-ignored); nothing else on the machine is touched.

    .venv/bin/python tests/tools/screenshots.py [--out screenshots] [--port 8765]
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
WIDTHS = (375, 1280)
PAGES = {
    "inicio": "/",
    "ciclo": "/rendicion-de-cuentas-2021/",
    "informes": "/rendicion-de-cuentas-2021/informes/",
    "indicadores": "/indicadores/",
    "ods": "/ods/",
    "ods-4": "/ods/4/",
    "documentos": "/documentos/",
    "datos": "/datos/",
    "buscar": "/buscar/?q=educacion",
    "transparencia": "/transparencia/",
    "participa": "/participa/",
    "mapa-del-sitio": "/mapa-del-sitio/",
    "politica-de-datos": "/politica-de-tratamiento-de-datos/",
    "accesibilidad": "/declaracion-de-accesibilidad/",
}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("the server stopped before answering")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not answer in time")


def manage(env, *args):
    subprocess.run(  # noqa: S603 - our own command lines
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,  # the demo users' e-mails go to the console backend
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "screenshots"))
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    if not os.path.exists(CHROMIUM):
        raise SystemExit(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    port = args.port or free_port()
    with tempfile.TemporaryDirectory() as scratch:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DATABASE_URL": f"sqlite:///{scratch}/screenshots.sqlite3",
            "MEDIA_ROOT": f"{scratch}/media",
            "PAGE_CACHE_SECONDS": "0",
        }
        env.pop("REDIS_URL", None)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_demo_data", "-v0")
        server = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for(port, server)
            shoot(f"http://127.0.0.1:{port}", out)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"{len(PAGES) * len(WIDTHS)} capturas en {out}")


def shoot(base, out):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            for width in WIDTHS:
                context = browser.new_context(
                    locale="es-CO", viewport={"width": width, "height": 900}
                )
                page = context.new_page()
                for name, path in PAGES.items():
                    page.goto(base + path, wait_until="networkidle")
                    page.screenshot(path=str(out / f"{name}-{width}.png"), full_page=True)
                context.close()
        finally:
            browser.close()


if __name__ == "__main__":
    main()
