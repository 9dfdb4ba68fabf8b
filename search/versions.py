"""Version numbers of what the search keeps in the cache between requests (synonyms, SDG
words), moved on when their own rows change.

The page cache's generation (docs/caching.md) moves on at every public change, which would
make every search after an edit read the synonyms and the 186 SDG rows again; these only move
when a synonym, goal or target is saved or deleted.
"""

from django.core.cache import cache

PREFIX = "search-version:"


def version(name):
    key = PREFIX + name
    value = cache.get(key)
    if value is None:
        cache.add(key, 1, timeout=None)
        value = cache.get(key, 1)
    return value


def bump(name):
    try:
        cache.incr(PREFIX + name)
    except ValueError:  # never read yet (or evicted): any new number is a new version
        cache.add(PREFIX + name, 1, timeout=None)
