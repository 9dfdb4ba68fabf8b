"""Wagtail's SQLite FTS5 backend with the portal's Spanish analysis (see ``database``)."""

from modelsearch.backends.database.sqlite import sqlite as lite
from modelsearch.utils import get_content_type_pk

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


SearchBackend = SpanishSQLiteSearchBackend
