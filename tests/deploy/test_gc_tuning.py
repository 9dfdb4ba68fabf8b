"""The served process stops walking what it loaded at start-up (portal/gc_tuning.py)."""

import gc
import importlib

import pytest

from portal.gc_tuning import freeze_after_first_request


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


@pytest.mark.django_db
def test_what_the_first_request_loaded_is_frozen_once_it_has_finished(client, unfrozen):
    freeze_after_first_request()
    assert gc.get_freeze_count() == 0  # nothing happens before a request
    client.get("/buscar/")
    frozen = gc.get_freeze_count()
    assert frozen > 0
    gc.unfreeze()
    client.get("/buscar/")
    assert gc.get_freeze_count() == 0  # once only: later requests are collected as usual


@pytest.mark.django_db
def test_the_wsgi_application_every_gunicorn_worker_loads_does_it(client, unfrozen):
    import portal.wsgi

    importlib.reload(portal.wsgi)  # as a new worker process would run it
    client.get("/buscar/")
    assert gc.get_freeze_count() > 0
