"""Wagtail's SQLite FTS5 backend with the portal's Spanish analysis (see ``database``)."""

from modelsearch.backends.database.sqlite import sqlite as lite

from search.backends.ranking import DatabaseRankingMixin
from search.backends.spanish import SpanishIndexerMixin, SpanishQueryMixin
from search.backends.upstream.sqlite import IndexerClassSQLiteIndex, best_fts_matches


class SpanishSQLiteObjectIndexer(SpanishIndexerMixin, lite.ObjectIndexer):
    pass


class SpanishSQLiteIndex(IndexerClassSQLiteIndex):
    indexer_class = SpanishSQLiteObjectIndexer


class SpanishSQLiteSearchBackend(DatabaseRankingMixin, SpanishQueryMixin, lite.SQLiteSearchBackend):
    index_class = SpanishSQLiteIndex
    # SQLite's bm25() is negative: the lower, the more relevant.
    score_direction = -1

    def ranked(self, query, queryset, limit, autocomplete=False):
        """(pk, score) of the best matches, best first, higher scores better.

        Wagtail's SQLite backend scores each matching row with a correlated subquery that
        runs the full-text match again; with a thousand matches that is most of the time of
        a search. Here the match runs once, reading pks and scores from the index, restricted
        to ``queryset``; the score is Wagtail's own rank expression.
        """
        compiler = self.matches(query, queryset, autocomplete).query_compiler
        if compiler is None:  # nothing left to search for
            return []
        rows = best_fts_matches(compiler, limit)
        if rows is None:  # a query Wagtail answers without the index
            return super().ranked(query, queryset, limit, autocomplete)
        to_python = queryset.model._meta.pk.to_python
        return [(to_python(pk), self.score_direction * score) for pk, score in rows]


SearchBackend = SpanishSQLiteSearchBackend
