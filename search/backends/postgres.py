"""Wagtail's PostgreSQL backend with the portal's Spanish analysis (see ``database``)."""

from modelsearch.backends.database.postgres import postgres as pg
from modelsearch.utils import get_content_type_pk

from search.backends.spanish import SpanishIndexerMixin, SpanishQueryMixin


class SpanishPostgresObjectIndexer(SpanishIndexerMixin, pg.ObjectIndexer):
    pass


class SpanishPostgresIndex(pg.PostgresIndex):
    indexer_class = SpanishPostgresObjectIndexer

    def add_items(self, model, objs):
        # As PostgresIndex.add_items (modelsearch 1.x), with the Spanish indexer.
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


class SpanishPostgresSearchBackend(SpanishQueryMixin, pg.PostgresSearchBackend):
    index_class = SpanishPostgresIndex
    score_direction = 1

    def __init__(self, params):
        params = {"SEARCH_CONFIG": "spanish_unaccent", **params}
        super().__init__(params)


SearchBackend = SpanishPostgresSearchBackend
