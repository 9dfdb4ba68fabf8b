"""PostgreSQL connections tell the planner the disks are SSDs (portal/settings/base.py,
docs/deploy.md): with the default, a search for a common word read the whole search index."""

import pytest
from django.db import connection

from portal.settings.base import postgres_options


def test_postgresql_connections_get_the_page_cost_and_other_databases_nothing(monkeypatch):
    postgres = postgres_options({"ENGINE": "django.db.backends.postgresql"})
    assert postgres["OPTIONS"]["options"] == "-c random_page_cost=1.1"
    assert "OPTIONS" not in postgres_options({"ENGINE": "django.db.backends.sqlite3"})
    monkeypatch.setattr("portal.settings.base.POSTGRES_RANDOM_PAGE_COST", "")
    assert "OPTIONS" not in postgres_options({"ENGINE": "django.db.backends.postgresql"})
    monkeypatch.setattr("portal.settings.base.POSTGRES_RANDOM_PAGE_COST", "1,1")
    with pytest.raises(ValueError):
        postgres_options({"ENGINE": "django.db.backends.postgresql"})


@pytest.mark.django_db
def test_the_running_database_uses_it():
    if connection.vendor != "postgresql":
        assert "options" not in connection.settings_dict.get("OPTIONS", {})
        return
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"
