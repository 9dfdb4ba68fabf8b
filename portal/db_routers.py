"""Public reads from a PostgreSQL replica (docs/deploy.md, "Growing past one machine").

With ``DATABASE_REPLICA_URL`` set, the settings add a ``replica`` database. Reads made while
serving an **anonymous** ``GET``/``HEAD`` outside the admin go to it; everything else reads
and writes the primary (``default``):

* any request carrying a session cookie (signed-in editors, visitors who typed a page's
  password), every ``POST``, the admin, the health endpoint (whose migrations check must see
  the primary);
* reads inside a transaction on the primary (they must see its own uncommitted writes);
* management commands, cron jobs and migrations (no request: the primary). Migrations only
  ever run on the primary.

Deciding costs no query: the session cookie's presence says "anonymous" before any session
is read. Without a ``replica`` database this router answers like Django's default.
"""

import contextvars

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
# Paths whose reads always go to the primary, even for anonymous visitors.
PRIMARY_PATH_PREFIXES = ("/admin/", "/salud/")
SAFE_METHODS = {"GET", "HEAD"}

_public_read = contextvars.ContextVar("portal_public_read", default=False)


def replica_enabled():
    """``DATABASE_REPLICA_READS`` (on when ``DATABASE_REPLICA_URL`` is set) and the alias."""
    return getattr(settings, "DATABASE_REPLICA_READS", False) and REPLICA in connections.settings


def reads_may_use_replica(request):
    return (
        request.method in SAFE_METHODS
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(PRIMARY_PATH_PREFIXES)
    )


class ReplicaReadsMiddleware:
    """Marks the request's reads as public ones for the router, for its whole duration
    (streamed responses included: the mark is undone when the response is closed)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_enabled() or not reads_may_use_replica(request):
            return self.get_response(request)
        token = _public_read.set(True)
        try:
            return self.get_response(request)
        finally:
            _public_read.reset(token)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if not _public_read.get() or not replica_enabled():
            return None
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return None  # a transaction sees its own writes
        return REPLICA

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same rows on both

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS
