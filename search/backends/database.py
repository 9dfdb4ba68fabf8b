"""Wagtail's database search backend with Spanish analysis done by the project.

SQLite's FTS5 folds accents but does not stem, and PostgreSQL's Spanish configuration stems
but keeps accents. To give citizens the same results on both, the portal analyses text itself
(``search.analysis``) before it reaches the database:

- at index time every ``SearchField`` value is stored as its Spanish stems and every
  ``AutocompleteField`` value as folded words;
- at query time every query is turned into stems (or folded words, for autocomplete) the same
  way, which also removes any character the database query syntax could interpret.

On PostgreSQL the stems then go through the ``spanish_unaccent`` text search configuration
(created by ``search.0001``), so the database index remains a Spanish, accent-insensitive
one for anything else that uses it. Only the indexer and the query are changed: ranking,
filtering and ``update_index`` are Wagtail's.

Settings: ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database",
"SEARCH_CONFIG": "spanish_unaccent"}}`` (``search.conf`` builds it from the environment).
"""

from django.db import connection

_USE_SQLITE_FTS = None


def SearchBackend(params):  # noqa: N802 - Wagtail looks the factory up by this name
    """The Spanish backend for the default database, like ``wagtail.search.backends.database``."""
    global _USE_SQLITE_FTS
    if connection.vendor == "postgresql":
        from search.backends.postgres import SpanishPostgresSearchBackend

        return SpanishPostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        if _USE_SQLITE_FTS is None:
            from modelsearch.backends.database.sqlite.utils import (
                fts5_available,
                fts_table_exists,
            )

            _USE_SQLITE_FTS = fts5_available() and fts_table_exists()
        if _USE_SQLITE_FTS:
            from search.backends.sqlite import SpanishSQLiteSearchBackend

            return SpanishSQLiteSearchBackend(params)
    from search.backends.fallback import FallbackSearchBackend

    return FallbackSearchBackend(params)
