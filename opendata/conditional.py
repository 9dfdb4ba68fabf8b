"""Conditional GET for the open-data files: harvesters ask "changed since?" and get a
``304 Not Modified`` instead of the whole file when nothing public changed.

The validator is a hash of what the file says (its rows, the catalogue's body, a ZIP's
manifest), not of its bytes: the JSON carries the time it was generated, an XLSX and a ZIP
carry their own timestamps, so the same data never gives the same bytes twice. The ETag is
therefore weak (``W/``). It is computed from the rows the response is then built from, so a
file is read from the database once per request and an XLSX or a ZIP is only built for a 200.

There is no reliable "last changed" column to derive ``Last-Modified`` from (an indicator
withdrawn or a document no longer referenced leaves no trace), so it is the time this server
first saw that version of the data, kept in the cache: later than the real change, never
earlier, so ``If-Modified-Since`` can cost an extra download but never hide a change.
"""

import datetime
import hashlib
import json
import time

from django.core.cache import cache
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

# Long enough for daily and weekly harvesters; once expired, the next request records a later
# time, which only costs one extra download.
FIRST_SEEN_TIMEOUT = 60 * 60 * 24 * 90


def _default(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return str(value)  # Decimal, lazy translations


def fingerprint(*parts):
    """A weak ETag for ``parts`` (rows, a dict, bytes…), the same for the same data."""
    digest = hashlib.sha256()
    for part in parts:
        if not isinstance(part, bytes):
            part = json.dumps(part, default=_default, sort_keys=True, ensure_ascii=False)
            part = part.encode("utf-8")
        digest.update(hashlib.sha256(part).digest())
    return f'W/"{digest.hexdigest()[:32]}"'


def first_seen(etag):
    """When this server first answered with ``etag``, as a Unix timestamp in seconds."""
    key = f"opendata:first-seen:{etag}"
    cache.add(key, int(time.time()), FIRST_SEEN_TIMEOUT)
    return cache.get(key) or int(time.time())


def conditional_response(request, etag, build):
    """``304 Not Modified`` when the client already has ``etag`` (or has not missed a change
    since ``If-Modified-Since``), else ``build()``; both carry ETag and Last-Modified."""
    last_modified = first_seen(etag)
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = build()
    response.headers["ETag"] = etag
    response.headers["Last-Modified"] = http_date(last_modified)
    return response
