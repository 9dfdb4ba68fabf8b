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
(``inspect.getsource``) when it was last checked. ``tests/search/test_upstream.py`` fails when
modelsearch changes one of them: re-read the upstream function, bring the copy in line, then
record the new hash.
"""

from django.db.models import TextField
from django.db.models.functions import Cast
from modelsearch.backends.database.postgres import postgres as pg
from modelsearch.backends.database.sqlite import sqlite as lite
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

#: "module.Class.function" of modelsearch → SHA-256 of its source, as the copy here follows it.
UPSTREAM = {}


def mirrors(upstream, sha256):
    """Record that the decorated function copies or mirrors ``upstream`` at that hash."""

    def record(function):
        UPSTREAM[upstream] = sha256
        return function

    return record


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


class IndexerClassPostgresIndex(pg.PostgresIndex):
    """modelsearch's PostgreSQL index with an ``indexer_class`` hook."""

    indexer_class = pg.ObjectIndexer

    @mirrors(
        "modelsearch.backends.database.postgres.postgres.PostgresIndex.add_items",
        sha256="62bf7488351e386482f9e20db0670c3064185250ef816c71584afef14fcb079e",
    )
    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        indexers = [self.indexer_class(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        compiler = pg.InsertQuery(pg.IndexEntry).get_compiler(connection=self.write_connection)
        rows_sql = []
        params = []
        for indexer in indexers:
            params.extend((content_type_pk, indexer.id))
            vectors_sql = []
            for field_name, vector in (
                ("title", indexer.title),
                ("autocomplete", indexer.autocomplete),
                ("body", indexer.body),
            ):
                value = compiler.prepare_value(pg.IndexEntry._meta.get_field(field_name), vector)
                sql, value_params = value.as_sql(compiler, self.write_connection)
                vectors_sql.append(sql)
                params.extend(value_params)
            params.extend((indexer.title_text, indexer.body_text))
            rows_sql.append(f"(%s, %s, {', '.join(vectors_sql)}, 1.0, %s, %s)")
        table = pg.IndexEntry._meta.db_table
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body,
                                     title_norm, title_text, body_text)
                (VALUES {", ".join(rows_sql)})
                ON CONFLICT (content_type_id, object_id)
                DO UPDATE SET title = EXCLUDED.title,
                              title_norm = 1.0,
                              autocomplete = EXCLUDED.autocomplete,
                              body = EXCLUDED.body,
                              title_text = EXCLUDED.title_text,
                              body_text = EXCLUDED.body_text
                """,  # noqa: S608 - only placeholders and the model's own table name
                params,
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
