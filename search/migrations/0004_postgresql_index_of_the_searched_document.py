"""PostgreSQL: a GIN index on the expression the search matches, ``title || body``.

Wagtail's PostgreSQL backend matches ``(title || body) @@ query`` but indexes ``title`` and
``body`` separately, so no index served the match and every search read the whole index table
(on the search benchmark's 8,000 entries, 6 ms per kind of result, even for a word found
nowhere). With this index the match is a bitmap index scan: a one-word search of
``bench/search_bench.py`` went from about 90 to 60 ms. On other databases this does nothing.
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS search_indexentry_title_body_gin "
    "ON wagtailsearch_indexentry USING gin ((title || body))"
)
DROP = "DROP INDEX IF EXISTS search_indexentry_title_body_gin"


def run_on_postgresql(sql):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_seed_municipal_synonyms"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.RunPython(run_on_postgresql(CREATE), run_on_postgresql(DROP)),
    ]
