"""PostgreSQL: the ``spanish_unaccent`` text search configuration used by the search backend.

Spanish Snowball stemming after ``unaccent``, with no stop words: the portal removes function
words itself (``search.analysis.STOPWORDS``) so that every backend drops the same ones;
PostgreSQL's own Spanish list also drops content words such as "estado". On other databases
this migration does nothing.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DROP TEXT SEARCH CONFIGURATION IF EXISTS spanish_unaccent;
DROP TEXT SEARCH DICTIONARY IF EXISTS spanish_unaccent_stem;
CREATE TEXT SEARCH DICTIONARY spanish_unaccent_stem (TEMPLATE = snowball, LANGUAGE = spanish);
CREATE TEXT SEARCH CONFIGURATION spanish_unaccent (COPY = spanish);
ALTER TEXT SEARCH CONFIGURATION spanish_unaccent
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
    WITH unaccent, spanish_unaccent_stem;
"""

DROP = """
DROP TEXT SEARCH CONFIGURATION IF EXISTS spanish_unaccent;
DROP TEXT SEARCH DICTIONARY IF EXISTS spanish_unaccent_stem;
"""


def run_on_postgresql(sql):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in sql.split(";"):
            if statement.strip():
                schema_editor.execute(statement, params=None)

    return operation


class Migration(migrations.Migration):
    dependencies = []

    operations = [
        migrations.RunPython(run_on_postgresql(CREATE), run_on_postgresql(DROP)),
    ]
