"""Wagtail's SQLite FTS5 backend with the portal's Spanish analysis (see ``database``)."""

from django.db.models import TextField
from django.db.models.functions import Cast
from modelsearch.backends.database.sqlite import sqlite as lite
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from search.backends.spanish import SpanishIndexerMixin, SpanishQueryMixin


class SpanishSQLiteObjectIndexer(SpanishIndexerMixin, lite.ObjectIndexer):
    pass


class SpanishSQLiteIndex(lite.SQLiteIndex):
    indexer_class = SpanishSQLiteObjectIndexer

    def add_items(self, model, objs):
        # As SQLiteIndex.add_items (modelsearch 1.x), with the Spanish indexer.
        if not model.get_search_fields():
            return
        indexers = [self.indexer_class(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        data = {
            indexer.id: (indexer.title, indexer.autocomplete, indexer.body) for indexer in indexers
        }
        entries = self.entries.filter(content_type_id=content_type_pk)
        indexed_ids = frozenset(
            entries.filter(object_id__in=data.keys()).values_list("object_id", flat=True)
        )
        for object_id in indexed_ids:
            title, autocomplete, body = data[object_id]
            entries.filter(object_id=object_id).update(
                title=title, autocomplete=autocomplete, body=body
            )
        self.entries.bulk_create(
            [
                lite.IndexEntry(
                    content_type_id=content_type_pk,
                    object_id=object_id,
                    title=title,
                    autocomplete=autocomplete,
                    body=body,
                )
                for object_id, (title, autocomplete, body) in data.items()
                if object_id not in indexed_ids
            ]
        )
        self._refresh_title_norms()


class SpanishSQLiteSearchBackend(SpanishQueryMixin, lite.SQLiteSearchBackend):
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
        method = self.autocomplete if autocomplete else self.search
        compiler = getattr(method(query, queryset, operator="and"), "query_compiler", None)
        if compiler is None:  # nothing left to search for
            return []
        normalized = normalize(compiler.query)
        if isinstance(normalized, (MatchAll, Not)):
            return None  # let the caller use the general path
        match = MatchExpression(
            compiler.fields or compiler.FTS_TABLE_FIELDS,
            compiler.build_search_query(normalized, config=None),
        )
        rank = compiler._build_rank_expression(compiler.get_search_vectors(), None)
        keys = queryset.order_by().annotate(_key=Cast("pk", TextField())).values("_key")
        rows = (
            lite.SQLiteFTSIndexEntry.objects.filter(match)
            .filter(
                index_entry__content_type__in=get_descendants_content_types_pks(queryset.model),
                index_entry__object_id__in=keys,
            )
            .annotate(score=rank)
            .order_by("score", "index_entry__object_id")
            .values_list("index_entry__object_id", "score")[:limit]
        )
        to_python = queryset.model._meta.pk.to_python
        return [(to_python(pk), -score) for pk, score in rows]


SearchBackend = SpanishSQLiteSearchBackend
