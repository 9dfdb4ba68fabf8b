"""Search hits are counted in Redis, not written to the database on every search, and reach
the editors' *Search terms* report when ``flush_search_hits`` runs (search/hits.py)."""

import pytest
import redis
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from search.hits import flush_hits, record_hit

pytestmark = pytest.mark.django_db


def writes(queries):
    return [
        query["sql"]
        for query in queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


def test_a_search_writes_nothing_and_the_flush_reports_every_hit(client, redis_cache):
    client.get("/")  # the first request of a site creates its settings row
    with CaptureQueriesContext(connection) as queries:
        for text in ["Vacunación", "vacunación ", "educación", "Vacunación"]:
            assert client.get("/buscar/", {"q": text}).status_code == 200
    assert writes(queries.captured_queries) == []
    assert not QueryDailyHits.objects.exists()

    call_command("flush_search_hits", verbosity=0)

    assert Query.get("vacunación").hits == 3
    assert Query.get("educación").hits == 1
    assert flush_hits() == 0  # nothing counted twice


def test_hits_counted_while_flushing_are_kept_for_the_next_flush(redis_cache):
    record_hit("audiencia pública")
    assert flush_hits() == 1
    record_hit("audiencia pública")
    record_hit("audiencia pública")
    assert flush_hits() == 2
    assert Query.get("audiencia pública").hits == 3


def test_a_flush_interrupted_before_deleting_is_finished_by_the_next(redis_cache, monkeypatch):
    record_hit("plan de mejora")
    real_delete = redis.Redis.delete

    def crash(self, *names):
        raise redis.ConnectionError("se cayó la conexión")

    monkeypatch.setattr(redis.Redis, "delete", crash)
    with pytest.raises(redis.ConnectionError):
        flush_hits()
    monkeypatch.setattr(redis.Redis, "delete", real_delete)
    record_hit("plan de mejora")  # a new search while the old hash waits
    flush_hits()  # finishes the old hash; today's new one waits for the next run
    flush_hits()
    # The interrupted flush had committed its count, so that one search is counted twice:
    # a hit may be counted once more after a crash, never lost.
    assert Query.get("plan de mejora").hits == 3
    assert flush_hits() == 0


def test_without_redis_each_search_is_written_as_stock_wagtail_does(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    client.get("/buscar/", {"q": "educación"})
    assert Query.get("educación").hits == 1
    assert flush_hits() == 0
