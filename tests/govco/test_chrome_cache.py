"""Outside a transaction (as in production) the footer's menus and policy pages come from
the cache: a warm page reads none of them, and a menu change shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from govco.models import LinkKind, StandardMenu, StandardMenuItem

pytestmark = pytest.mark.django_db(transaction=True)


def test_warm_pages_read_no_menu_and_a_change_shows(client):
    StandardMenuItem.objects.create(
        menu=StandardMenu.TRANSPARENCY,
        number="7",
        title="Datos abiertos",
        link_kind=LinkKind.PORTAL,
        portal_address="opendata_index",
    )
    # Warm twice: the first render creates the portal settings row (a write: a new generation).
    client.get("/transparencia/")
    client.get("/transparencia/")
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/transparencia/").status_code == 200
    assert not [q for q in ctx.captured_queries if "govco_" in q["sql"]]
    StandardMenuItem.objects.create(
        menu=StandardMenu.TRANSPARENCY,
        number="8",
        title="Grupos de interés",
        link_kind=LinkKind.EXTERNAL,
        url="https://www.palmira.gov.co/grupos",
    )
    assert "https://www.palmira.gov.co/grupos" in client.get("/transparencia/").content.decode()
