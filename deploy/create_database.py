"""Create the PostgreSQL database of a DATABASE_URL if it does not exist (for
deploy/serve-production.sh and the local replica). Idempotent; nothing else is changed.

    python deploy/create_database.py postgres://postgres@127.0.0.1:5432/portal_serve
"""

import sys
from urllib.parse import urlsplit

import psycopg
from psycopg import sql


def create_database(url):
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        print(f"{parts.scheme or 'this'} database: nothing to create")
        return False
    name = parts.path.lstrip("/")
    maintenance = parts._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if exists:
            print(f"database {name} exists")
            return False
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        print(f"database {name} created")
        return True


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    create_database(sys.argv[1])
