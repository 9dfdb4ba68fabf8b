"""gunicorn settings of the portal (docs/deploy.md, "App server").

    gunicorn -c deploy/gunicorn.conf.py portal.wsgi

Workers from the CPUs this process may run on, threads per worker from the environment:

* ``WEB_CONCURRENCY``: number of worker processes (default: 2 per CPU);
* ``GUNICORN_THREADS``: threads per worker (default 4; ``gthread`` worker class);
* ``GUNICORN_WORKER_CLASS``: ``gthread`` (default) or ``sync``;
* ``GUNICORN_BIND``: address (default ``127.0.0.1:8000``; behind nginx or Varnish);
* ``GUNICORN_TIMEOUT``: seconds a request may take before its worker is restarted (60);
* ``GUNICORN_ACCESS_LOG``: ``-`` (stderr, default), a file, or empty for none.

Options given on the command line win over this file. Measured choice of ``gthread`` over
``sync``: docs/deploy.md.
"""

import os


def cpu_count():
    """CPUs this process may use (a container's or a taskset's limit, not the host's)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def positive_int(environ, name, default):
    value = environ.get(name, "").strip()
    if not value:
        return default
    number = int(value)
    if number < 1:
        raise ValueError(f"{name} must be at least 1, not {value!r}")
    return number


def workers_for(cpus, environ):
    """``WEB_CONCURRENCY`` if set, else two workers per CPU."""
    return positive_int(environ, "WEB_CONCURRENCY", 2 * max(cpus, 1))


def threads_for(environ):
    return positive_int(environ, "GUNICORN_THREADS", 4)


workers = workers_for(cpu_count(), os.environ)
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = threads_for(os.environ) if worker_class == "gthread" else 1
bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")]
timeout = positive_int(os.environ, "GUNICORN_TIMEOUT", 60)
graceful_timeout = 30
# Idle keep-alive connections from the proxy in front (nginx, Varnish) are reused.
keepalive = 5
# A worker is replaced after this many requests (jittered so they do not all restart at once):
# a slow leak in a library never grows without bound.
max_requests = 2000
max_requests_jitter = 200
# Logs on stderr, collected by systemd or the container runtime (GUNICORN_ACCESS_LOG= turns the
# access log off, as the benchmarks do).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# No control socket in $HOME: several gunicorns on one machine (tests, benchmarks) would share
# it; signals (HUP to reload, TTIN/TTOU to resize) do the same job.
control_socket_disable = True
