"""portal/db_routers.py: anonymous public GETs read from the ``replica`` database, writes and
everything signed in, under the admin or in a transaction use the primary; migrations only on
the primary. The replica here is a second connection to the test database (a real standby
needs deploy/replica/setup_local_replica.sh; docs/deploy.md)."""

import pytest
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.test.utils import CaptureQueriesContext

from portal.db_routers import REPLICA, PrimaryReplicaRouter
from rendicion.models import Department
from tests.factories import CycleFactory, DepartmentFactory, home_page

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])


@pytest.fixture
def replica(settings):
    """Public reads on: the ``replica`` alias (tests/deploy/conftest.py) is the test database
    through a second connection."""
    settings.DATABASE_REPLICA_READS = True
    return connections[REPLICA]


def queries(client, url, **kwargs):
    with (
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as on_replica,
    ):
        response = client.get(url, **kwargs)
    return response, len(primary), len(on_replica)


def test_an_anonymous_public_get_reads_from_the_replica(client, replica):
    cycle = CycleFactory(parent=home_page(), year=2021)
    # The first request writes the site's settings row (Wagtail's get_or_create): a write,
    # on the primary, in a transaction whose reads stay there too.
    response, primary, on_replica = queries(client, cycle.url)
    assert response.status_code == 200

    response, primary, on_replica = queries(client, cycle.url)

    assert response.status_code == 200
    assert on_replica > 0
    # Only Wagtail's get_or_create of the site settings reads the primary (a read made for a
    # write, as Django routes it); everything else comes from the replica.
    assert on_replica > primary
    assert primary <= 1


def test_signed_in_and_admin_requests_read_from_the_primary(client, replica, admin_user):
    cycle = CycleFactory(parent=home_page(), year=2021)
    client.force_login(admin_user)

    for url in (cycle.url, "/admin/"):
        response, primary, on_replica = queries(client, url)
        assert response.status_code == 200
        assert primary > 0
        assert on_replica == 0


def test_health_reads_the_primary(client, replica):
    response, primary, on_replica = queries(client, "/salud/?format=json")
    assert response.status_code == 200
    assert on_replica == 0


def test_writes_go_to_the_primary_and_migrations_run_only_there(replica):
    router = PrimaryReplicaRouter()
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        DepartmentFactory(name="Hacienda", slug="hacienda")
    assert len(on_replica) == 0
    assert router.db_for_write(Department) == DEFAULT_DB_ALIAS
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "rendicion")
    assert not router.allow_migrate(REPLICA, "rendicion")


def test_reads_in_a_transaction_and_outside_requests_use_the_primary(replica):
    from portal.db_routers import _public_read

    router = PrimaryReplicaRouter()
    assert router.db_for_read(Department) is None  # a command, a cron job: the primary
    token = _public_read.set(True)
    try:
        assert router.db_for_read(Department) == REPLICA
        with transaction.atomic():
            assert router.db_for_read(Department) is None
    finally:
        _public_read.reset(token)


def test_without_replica_reads_the_router_changes_nothing(client, settings):
    settings.DATABASE_REPLICA_READS = False
    cycle = CycleFactory(parent=home_page(), year=2021)
    response, primary, on_replica = queries(client, cycle.url)
    assert response.status_code == 200
    assert (primary > 0, on_replica) == (True, 0)
