"""Load test: citizens browse and search while editors save and publish (hardening issue).

    python bench/load_bench.py          # LOAD_BENCH_SECONDS=30 LOAD_BENCH_USERS=20 by default

Builds the demo site in a throwaway SQLite database, serves it with gunicorn (2 workers,
loopback only), runs Locust headless for a fixed time (bench/locustfile.py), then prints the
requests, failures and the 50th/99th percentile per address, and checks that every text an
editor saved is in a revision of its commitment. Exits non-zero on any failure or lost save.
"""

import csv
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECONDS = int(os.environ.get("LOAD_BENCH_SECONDS", "30"))
USERS = int(os.environ.get("LOAD_BENCH_USERS", "20"))
EDITORS = 3


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main():
    workdir = Path(tempfile.mkdtemp(prefix="load-bench-"))
    password = secrets.token_urlsafe(12)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "LOAD_BENCH_PASSWORD": password,
        "LOAD_BENCH_SAVED": str(workdir / "saved.tsv"),
    }
    env.pop("REDIS_URL", None)
    manage = [sys.executable, "manage.py"]
    run = {"cwd": ROOT, "env": env, "check": True}
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], **run)  # noqa: S603
    subprocess.run([*manage, "load_demo_data", "-v0"], **run)  # noqa: S603
    setup = f"""
from django.contrib.auth import get_user_model
from rendicion.models import Commitment, Department
department = Department.objects.first()
ids = []
for number in range(1, {EDITORS} + 1):
    get_user_model().objects.create_superuser(f"carga{{number}}", "", {password!r})
    commitment = Commitment(text=f"Compromiso de carga {{number}}", department=department)
    commitment.save()
    commitment.save_revision().publish()
    ids.append(str(commitment.pk))
print(department.pk, ",".join(ids))
"""
    commitments = subprocess.run(  # noqa: S603
        [*manage, "shell", "-c", setup], capture_output=True, text=True, **run
    ).stdout.strip()
    # The last line: other output (warnings) may come before it.
    department, commitments = commitments.splitlines()[-1].split()
    env["LOAD_BENCH_COMMITMENTS"] = commitments
    env["LOAD_BENCH_DEPARTMENT"] = department

    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"},
    )
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        subprocess.run(  # noqa: S603
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "--users",
                str(USERS),
                "--spawn-rate",
                str(USERS),
                "--run-time",
                f"{SECONDS}s",
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(workdir / "stats"),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env=env,
            check=False,
        )
    finally:
        server.terminate()
        server.wait()

    failures = report(workdir / "stats_stats.csv")
    lost = lost_saves(manage, run, workdir / "saved.tsv")
    sys.exit(1 if failures or lost else 0)


def report(stats_file):
    print(f"\n{'address':45} {'requests':>9} {'failures':>9} {'p50 ms':>7} {'p99 ms':>7}")
    failures = 0
    with open(stats_file, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            print(
                f"{row['Name'][:45]:45} {row['Request Count']:>9} {row['Failure Count']:>9} "
                f"{row['50%']:>7} {row['99%']:>7}"
            )
            if row["Name"] == "Aggregated":
                failures = int(row["Failure Count"])
    return failures


def lost_saves(manage, run, saved_log):
    check = f"""
from wagtail.models import Revision
lost = saved = 0
for line in open({str(saved_log)!r}, encoding="utf-8"):
    pk, text = line.rstrip("\\n").split("\\t")
    saved += 1
    lost += not Revision.objects.filter(object_id=pk, content__text=text).exists()
print(saved, lost)
"""
    if not saved_log.exists():
        print("no save completed")
        return 1
    output = (
        subprocess.run(  # noqa: S603
            [*manage, "shell", "-c", check], capture_output=True, text=True, **run
        )
        .stdout.splitlines()[-1]
        .split()
    )
    saved, lost = int(output[0]), int(output[1])
    print(f"\neditor saves: {saved}, found in revisions: {saved - lost}, lost: {lost}")
    return lost


if __name__ == "__main__":
    main()
