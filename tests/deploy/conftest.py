"""A ``replica`` database alias for tests/deploy/test_db_router.py: a second connection to the
test database (Django's test mirror), as the settings add one for DATABASE_REPLICA_URL. The
router ignores it unless a test turns DATABASE_REPLICA_READS on, so nothing else changes."""

import copy

from django.db import connections

from portal.db_routers import REPLICA

if REPLICA not in connections.settings:
    replica = copy.deepcopy(connections.settings["default"])
    replica["TEST"] = {**replica.get("TEST", {}), "MIRROR": "default"}
    connections.settings[REPLICA] = replica
