"""Two people taking the last seat at once: one gets it, the other the waiting list. Real
threads, each with its own database connection, on the engine the tests run on (CI runs the
suite on SQLite and on PostgreSQL)."""

import threading

import pytest
from django.db import connections

from inscripciones import seats
from inscripciones.models import Registration
from participa.consent import current_policy

from .helpers import cycle, encounter

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_people_cannot_both_take_the_last_seat():
    page = encounter(cycle(), capacity=1)
    barrier = threading.Barrier(2)
    errors = []

    def take(email):
        try:
            barrier.wait()
            seats.register(
                page, name=email, email=email, territory="Comuna 1", policy=current_policy()
            )
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take, args=(f"p{n}@example.org",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors, errors
    assert sorted(Registration.objects.values_list("status", flat=True)) == [
        "registered",
        "waiting",
    ]
    assert sorted(Registration.objects.values_list("position", flat=True)) == [1, 2]
