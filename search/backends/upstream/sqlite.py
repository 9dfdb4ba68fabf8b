"""Copies from modelsearch's SQLite backend (see ``search.backends.upstream``)."""

from django.db.models import TextField
from django.db.models.functions import Cast
from modelsearch.backends.database.sqlite import sqlite as lite
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from search.backends.upstream import mirrors


class IndexerClassSQLiteIndex(lite.SQLiteIndex):
    """modelsearch's SQLite index with an ``indexer_class`` hook."""

    indexer_class = lite.ObjectIndexer

    @mirrors(
        "modelsearch.backends.database.sqlite.sqlite.SQLiteIndex.add_items",
        sha256="6e4d599997a4aa05027c06df1d5ebc812d47f3956cb85c3613788c7cde4510ea",
    )
    def add_items(self, model, objs):
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


@mirrors(
    "modelsearch.backends.database.sqlite.sqlite.SQLiteSearchQueryCompiler.search",
    sha256="4b214294f3627b592a8d778fd09c073642cca13e533f8a3cb86bc54b818624f0",
)
def best_fts_matches(compiler, limit):
    """(object id as text, bm25 score) of the ``limit`` best matches of a SQLite query
    compiler's query in its queryset, best (lowest score) first, in one query; None for the
    queries ``search()`` answers without the full-text index (match all, negations)."""
    normalized = normalize(compiler.query)
    if isinstance(normalized, (MatchAll, Not)):
        return None
    match = MatchExpression(
        compiler.fields or compiler.FTS_TABLE_FIELDS,
        compiler.build_search_query(normalized, config=None),
    )
    rank = compiler._build_rank_expression(compiler.get_search_vectors(), None)
    queryset = compiler.queryset
    keys = queryset.order_by().annotate(_key=Cast("pk", TextField())).values("_key")
    return (
        lite.SQLiteFTSIndexEntry.objects.filter(match)
        .filter(
            index_entry__content_type__in=get_descendants_content_types_pks(queryset.model),
            index_entry__object_id__in=keys,
        )
        .annotate(score=rank)
        .order_by("score", "index_entry__object_id")
        .values_list("index_entry__object_id", "score")[:limit]
    )
