"""Wagtail's PostgreSQL backend with the portal's Spanish analysis (see ``database``)."""

from modelsearch.backends.database.postgres import postgres as pg

from search.backends.ranking import DatabaseRankingMixin
from search.backends.spanish import SpanishIndexerMixin, SpanishQueryMixin
from search.backends.upstream.postgres import IndexerClassPostgresIndex


class SpanishPostgresObjectIndexer(SpanishIndexerMixin, pg.ObjectIndexer):
    pass


class SpanishPostgresIndex(IndexerClassPostgresIndex):
    indexer_class = SpanishPostgresObjectIndexer


class SpanishPostgresSearchBackend(
    DatabaseRankingMixin, SpanishQueryMixin, pg.PostgresSearchBackend
):
    index_class = SpanishPostgresIndex
    score_direction = 1  # ts_rank: the higher, the more relevant

    def __init__(self, params):
        params = {"SEARCH_CONFIG": "spanish_unaccent", **params}
        super().__init__(params)


SearchBackend = SpanishPostgresSearchBackend
