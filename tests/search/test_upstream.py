"""The code copied from modelsearch (``search/backends/upstream.py``) still follows it."""

import hashlib
import inspect
import pkgutil
from importlib.metadata import version

import pytest
from django.db import connection

from search.backends import upstream
from search.backends.postgres import SpanishPostgresIndex, SpanishPostgresObjectIndexer

# modelsearch's SQLite module defines its full-text model only on SQLite: its copies are
# checked in the SQLite run of the suite (CI runs both).
ON_SQLITE = connection.vendor == "sqlite"
if ON_SQLITE:
    from search.backends.sqlite import SpanishSQLiteIndex, SpanishSQLiteObjectIndexer

COPIES = 3 if ON_SQLITE else 1


@pytest.mark.parametrize("name", sorted(upstream.UPSTREAM))
def test_the_copies_follow_modelsearch(name):
    digest = hashlib.sha256(inspect.getsource(pkgutil.resolve_name(name)).encode()).hexdigest()
    assert digest == upstream.UPSTREAM[name], (
        f"{name} has changed in modelsearch {version('modelsearch')}. Re-check the copy that "
        f"mirrors it in search/backends/upstream/ against the new source, bring the copy in "
        f'line, then record sha256="{digest}" next to it.'
    )


def test_the_copies_are_the_ones_in_use():
    from search.backends.upstream.postgres import IndexerClassPostgresIndex

    assert len(upstream.UPSTREAM) == COPIES
    assert SpanishPostgresIndex.add_items is IndexerClassPostgresIndex.add_items
    assert SpanishPostgresIndex.indexer_class is SpanishPostgresObjectIndexer
    if ON_SQLITE:
        from search.backends.upstream.sqlite import IndexerClassSQLiteIndex

        assert SpanishSQLiteIndex.add_items is IndexerClassSQLiteIndex.add_items
        assert SpanishSQLiteIndex.indexer_class is SpanishSQLiteObjectIndexer
