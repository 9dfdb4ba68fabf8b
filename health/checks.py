"""The portal's own check, beside django-health-check's database, cache and storage checks:
every migration the code has is recorded as applied (docs/health.md)."""

import dataclasses
import functools

from asgiref.sync import sync_to_async
from django.db import DatabaseError
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable


@functools.cache
def code_migrations():
    """{(app, name): the migrations a squashed one replaces, or ()} for every migration on
    disk. Read once per process: the code does not change under a running server."""
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    return {key: tuple(graph.nodes[key].replaces or ()) for key in graph.nodes}


def unapplied_migrations(applied):
    return sorted(
        key
        for key, replaces in code_migrations().items()
        if key not in applied and not (replaces and all(item in applied for item in replaces))
    )


@dataclasses.dataclass
class Migrations(HealthCheck):
    """Fails while a migration is not applied: a deployment that skipped `migrate`, or code
    newer than its database. One query per request (the recorded migrations)."""

    alias: str = "default"

    def unapplied(self):
        recorded = MigrationRecorder.Migration.objects.using(self.alias)
        return unapplied_migrations(set(recorded.values_list("app", "name")))

    async def run(self):
        # On the request's own thread and connection, which Django closes after the request.
        try:
            missing = await sync_to_async(self.unapplied, thread_sensitive=True)()
        except DatabaseError as error:
            raise ServiceUnavailable("Migrations table not readable") from error
        if missing:
            raise ServiceUnavailable(
                f"{len(missing)} unapplied migration(s), e.g. {'.'.join(missing[0])}"
            )
