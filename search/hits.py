"""Search hits for the editors' *Search terms* report and for promotions, counted without a
database write per search.

Wagtail's ``Query.get(q).add_hit()`` writes a row on every search; under load those writes
queue behind each other (one writer at a time on SQLite, a hot row on PostgreSQL). With Redis
as the cache, a search adds one to a counter in a Redis hash per day (``HINCRBY``, atomic and
shared by every worker), and ``manage.py flush_search_hits`` (cron, every few minutes) moves
the counts into Wagtail's tables. Without a shared cache there is one process to count for,
and the hit is written directly, as stock Wagtail does.
"""

import datetime

from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string

PREFIX = "search-hits:"
FLUSHING = ":flushing"
# Counts nobody flushed (cron not set up) expire rather than grow without bound.
UNFLUSHED_TTL = 60 * 60 * 24 * 30


def _client():
    """The Redis client behind the default cache, or None when the cache is not Redis."""
    backend = caches["default"]
    return backend._cache.get_client(write=True) if isinstance(backend, RedisCache) else None


def _day_key(date):
    return cache.make_key(f"{PREFIX}{date.isoformat()}")


def record_hit(query_string, date=None):
    """Count one search for ``query_string`` (normalised as Wagtail does)."""
    date = date or timezone.localdate()
    client = _client()
    if client is None:
        Query.get(query_string).add_hit(date=date)
        return
    key = _day_key(date)
    pipeline = client.pipeline()
    pipeline.hincrby(key, normalise_query_string(query_string), 1)
    pipeline.expire(key, UNFLUSHED_TTL)
    pipeline.execute()


def _date_of(key):
    text = key.decode() if isinstance(key, bytes) else key
    return datetime.date.fromisoformat(text.split(PREFIX, 1)[1].removesuffix(FLUSHING))


def flush_hits():
    """Move the counted hits into Wagtail's tables; returns how many hits were moved.

    Each day's hash is renamed before it is read, so searches counted meanwhile go to a new
    hash and none is lost; the renamed hash is deleted once its counts are committed.
    """
    client = _client()
    if client is None:
        return 0
    moved = 0
    pattern = cache.make_key(PREFIX) + "*"
    for key in list(client.scan_iter(match=pattern)):
        flushing = key if key.endswith(FLUSHING.encode()) else key + FLUSHING.encode()
        if flushing != key and not client.renamenx(key, flushing):
            continue  # a previous run left this day's hash: it is flushed first
        counts = client.hgetall(flushing)
        date = _date_of(flushing)
        with transaction.atomic():
            for raw_query, raw_count in counts.items():
                query = Query.get(raw_query.decode())
                hits, _created = QueryDailyHits.objects.get_or_create(query=query, date=date)
                QueryDailyHits.objects.filter(pk=hits.pk).update(hits=F("hits") + int(raw_count))
                moved += int(raw_count)
        client.delete(flushing)
    return moved


def remember_unanswered(query_string, found):
    """Keep a query that found nothing for *Searches without results*; forget it once it
    finds something. Called when a search is computed, not when it comes from the cache, so
    it writes at most once per query between two public changes."""
    from search.models import UnansweredSearch

    normalised = normalise_query_string(query_string)[:255]
    if not normalised:
        return
    if found:
        # One cheap query in the usual case, where the query was never unanswered.
        unanswered = UnansweredSearch.objects.filter(query_string=normalised)
        if unanswered.exists():
            unanswered.delete()
    else:
        UnansweredSearch.objects.update_or_create(query_string=normalised)
