"""The database refuses UPDATE and DELETE on the record's tables (docs/record.md, "Tamper
evidence"): the log, its stored nodes and the history of signed tree heads only grow.

Plain SQL per vendor (migration 0002). PostgreSQL's TRUNCATE and DROP are not row operations
and stay possible for whoever owns the tables: the signatures and the witnesses' copies, not
the triggers, are what make a rewrite evident.
"""

TABLES = ("registro_entry", "registro_node", "registro_treehead")


def create_statements(vendor):
    if vendor == "postgresql":
        statements = [
            """CREATE OR REPLACE FUNCTION registro_refuse_change() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION USING MESSAGE = 'registro: ' || TG_OP || ' on '
                    || TG_TABLE_NAME || ' refused, the public record only grows';
            END;
            $$ LANGUAGE plpgsql"""
        ]
        statements += [
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION registro_refuse_change()"
            for table in TABLES
        ]
        return statements
    if vendor == "sqlite":
        return [
            f"CREATE TRIGGER {table}_no_{operation.lower()} BEFORE {operation} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, 'registro: {operation} on {table} refused, "
            f"the public record only grows'); END"
            for table in TABLES
            for operation in ("UPDATE", "DELETE")
        ]
    return []


def drop_statements(vendor):
    if vendor == "postgresql":
        return [
            *(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}" for table in TABLES),
            "DROP FUNCTION IF EXISTS registro_refuse_change()",
        ]
    if vendor == "sqlite":
        return [
            f"DROP TRIGGER IF EXISTS {table}_no_{operation.lower()}"
            for table in TABLES
            for operation in ("UPDATE", "DELETE")
        ]
    return []
