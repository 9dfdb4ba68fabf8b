"""``field__any_of=ids``: ``IN`` with the whole list as one parameter.

A search passes its 1,000 best candidates of each kind back to the database, in half a dozen
queries, and the document library reuses the public documents' ids
(``visibility.evaluated``). With ``__in``, each query carries 1,000 parameters, and Django and
psycopg handle each one in Python (on PostgreSQL, psycopg also re-parses every such query, too
long for its cache): about a fifth of a search's time. Here the list is one parameter, an
array on PostgreSQL (``= ANY(%s)``) and a JSON array on SQLite (``IN (SELECT value FROM
json_each(%s))``); other databases get the plain ``IN``. Integers only: anything else is
refused before it reaches SQL. Pass a set (or a dict's keys) rather than a list: Django walks
lists and tuples value by value, looking for expressions, before the lookup sees them.
"""

import json

from django.core.exceptions import EmptyResultSet
from django.db.models import ForeignKey, IntegerField, Lookup


class AnyOf(Lookup):
    lookup_name = "any_of"
    prepare_rhs = False

    def get_prep_lookup(self):
        return sorted(int(value) for value in self.rhs)

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = self.rhs
        if not values:
            raise EmptyResultSet
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", (*lhs_params, values)
        if connection.vendor == "sqlite":
            # ``lhs`` is the compiled column; the values are one parameter.
            sql = f"{lhs} IN (SELECT value FROM json_each(%s))"  # noqa: S608
            return sql, (*lhs_params, json.dumps(values))
        placeholders = ", ".join(["%s"] * len(values))
        return f"{lhs} IN ({placeholders})", (*lhs_params, *values)


def register_lookups():
    # AutoField and BigAutoField are IntegerFields; a ForeignKey compares its own column.
    IntegerField.register_lookup(AnyOf)
    ForeignKey.register_lookup(AnyOf)
