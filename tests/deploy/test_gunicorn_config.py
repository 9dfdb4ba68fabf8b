"""deploy/gunicorn.conf.py: workers from the CPUs this process may use, WEB_CONCURRENCY and
GUNICORN_THREADS from the environment, and gunicorn itself reading the file that way."""

import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
CONFIG = ROOT / "deploy" / "gunicorn.conf.py"
CONFIG_VARIABLES = (
    "WEB_CONCURRENCY",
    "GUNICORN_THREADS",
    "GUNICORN_WORKER_CLASS",
    "GUNICORN_BIND",
    "GUNICORN_CMD_ARGS",
)


@pytest.fixture
def clean_environ(monkeypatch):
    for name in CONFIG_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def load(monkeypatch, cpus):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cpus)))
    return runpy.run_path(str(CONFIG))


@pytest.mark.parametrize(("cpus", "workers"), [(1, 2), (2, 4), (8, 16)])
def test_workers_are_two_per_cpu(clean_environ, cpus, workers):
    config = load(clean_environ, cpus)
    assert config["workers"] == workers
    assert config["worker_class"] == "gthread"
    assert config["threads"] == 4


def test_web_concurrency_and_threads_override_the_cpu_count(clean_environ):
    clean_environ.setenv("WEB_CONCURRENCY", "3")
    clean_environ.setenv("GUNICORN_THREADS", "8")
    config = load(clean_environ, 16)
    assert config["workers"] == 3
    assert config["threads"] == 8


def test_sync_workers_have_one_thread(clean_environ):
    clean_environ.setenv("GUNICORN_WORKER_CLASS", "sync")
    clean_environ.setenv("GUNICORN_THREADS", "8")
    config = load(clean_environ, 2)
    assert (config["worker_class"], config["threads"]) == ("sync", 1)


@pytest.mark.parametrize("value", ["0", "-2", "many"])
def test_a_wrong_override_stops_gunicorn_instead_of_being_ignored(clean_environ, value):
    clean_environ.setenv("WEB_CONCURRENCY", value)
    with pytest.raises(ValueError, match="WEB_CONCURRENCY|invalid literal"):
        load(clean_environ, 2)


def test_the_cpu_count_is_the_affinity_of_this_process():
    config = runpy.run_path(str(CONFIG))
    assert config["cpu_count"]() == len(os.sched_getaffinity(0))


def print_config(environ):
    result = subprocess.run(  # noqa: S603 - our own command line
        [sys.executable, "-m", "gunicorn", "-c", str(CONFIG), "--print-config", "portal.wsgi"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    )
    return {
        key.strip(): value.strip()
        for key, _, value in (line.partition("=") for line in result.stdout.splitlines())
    }


def test_gunicorn_reads_the_file_with_the_cpu_count_and_the_override():
    environ = {k: v for k, v in os.environ.items() if k not in CONFIG_VARIABLES}
    resolved = print_config(environ)
    assert resolved["workers"] == str(2 * len(os.sched_getaffinity(0)))
    assert resolved["worker_class"] == "gthread"
    assert resolved["threads"] == "4"

    resolved = print_config({**environ, "WEB_CONCURRENCY": "5", "GUNICORN_THREADS": "2"})
    assert (resolved["workers"], resolved["threads"]) == ("5", "2")
