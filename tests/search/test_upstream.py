"""The code copied from modelsearch (``search/backends/upstream.py``) still follows it."""

import hashlib
import inspect
import pkgutil
from importlib.metadata import version

import pytest

from search.backends import upstream
from search.backends.postgres import SpanishPostgresIndex, SpanishPostgresObjectIndexer
from search.backends.sqlite import SpanishSQLiteIndex, SpanishSQLiteObjectIndexer


@pytest.mark.parametrize("name", sorted(upstream.UPSTREAM))
def test_the_copies_follow_modelsearch(name):
    digest = hashlib.sha256(inspect.getsource(pkgutil.resolve_name(name)).encode()).hexdigest()
    assert digest == upstream.UPSTREAM[name], (
        f"{name} has changed in modelsearch {version('modelsearch')}. Re-check the copy that "
        f"mirrors it in search/backends/upstream.py against the new source, bring the copy in "
        f'line, then record sha256="{digest}" next to it.'
    )


def test_the_copies_are_the_ones_in_use():
    assert len(upstream.UPSTREAM) == 3
    assert SpanishSQLiteIndex.add_items is upstream.IndexerClassSQLiteIndex.add_items
    assert SpanishPostgresIndex.add_items is upstream.IndexerClassPostgresIndex.add_items
    assert SpanishSQLiteIndex.indexer_class is SpanishSQLiteObjectIndexer
    assert SpanishPostgresIndex.indexer_class is SpanishPostgresObjectIndexer
