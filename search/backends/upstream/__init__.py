"""The only code the portal copies or mirrors from modelsearch (the search library of Wagtail).

- ``SQLiteIndex.add_items`` and ``PostgresIndex.add_items`` build modelsearch's own
  ``ObjectIndexer`` by name, so another indexer (the portal's Spanish one,
  ``search.backends.spanish.SpanishIndexerMixin``) cannot be plugged in. They are copied here,
  with ``self.indexer_class`` in place of ``ObjectIndexer``: the ``indexer_class`` hook
  modelsearch could offer upstream, which would make both copies unnecessary.
- ``best_fts_matches`` builds the full-text match and the rank the way
  ``SQLiteSearchQueryCompiler.search`` does, to read the best matches and their scores in one
  query (that method scores each result with a subquery that runs the match again).

Each copy names the upstream function it follows, with the SHA-256 of that function's source
(``inspect.getsource``) when it was last checked. One module per database (``sqlite``,
``postgres``): modelsearch's SQLite module cannot even be imported on PostgreSQL.
``tests/search/test_upstream.py`` fails when modelsearch changes one of them: re-read the
upstream function, bring the copy in line, then record the new hash.
"""

#: "module.Class.function" of modelsearch → SHA-256 of its source, as the copy here follows it.
UPSTREAM = {}


def mirrors(upstream, sha256):
    """Record that the decorated function copies or mirrors ``upstream`` at that hash."""

    def record(function):
        UPSTREAM[upstream] = sha256
        return function

    return record
