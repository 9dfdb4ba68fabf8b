"""Version numbers of what the search keeps in the cache between requests (synonyms, SDG
words), moved on when their own rows change.

The page cache's generation (docs/caching.md) moves on at every public change, which would
make every search after an edit read the synonyms and the 186 SDG rows again; these only move
when a synonym, goal or target is saved or deleted.

``shared()`` also keeps the value in the process: unpickling 186 goals and targets from the
cache at every search cost more than matching them.
"""

import threading
import time

from django.core.cache import cache

PREFIX = "search-version:"
_in_process = {}
_lock = threading.Lock()


def _first_number():
    # Never a number used before, even after the cache was emptied: a process may still keep
    # the value of an old version (``shared``).
    return time.time_ns() // 1000


def version(name):
    key = PREFIX + name
    value = cache.get(key)
    if value is None:
        cache.add(key, _first_number(), timeout=None)
        value = cache.get(key)
    # A cache that keeps nothing: a new version every time, so nothing is kept in process.
    return value if value is not None else _first_number()


def bump(name):
    try:
        cache.incr(PREFIX + name)
    except ValueError:  # never read yet (or evicted): a new number is a new version
        cache.add(PREFIX + name, _first_number(), timeout=None)


def shared(name, build, seconds):
    """``build()``'s value for the current version of ``name``: from this process while the
    version has not moved, else from the cache, else built and put in the cache."""
    key = f"search-{name}:{version(name)}"
    kept = _in_process.get(name)
    if kept is not None and kept[0] == key:
        return kept[1]
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, seconds)
    with _lock:
        _in_process[name] = (key, value)
    return value
