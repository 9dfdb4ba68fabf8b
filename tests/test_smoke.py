import pytest

from tests.factories import CycleFactory, EncounterFactory, home_page


@pytest.mark.django_db
def test_cycle_and_encounter_pages_are_served(client):
    cycle = CycleFactory(parent=home_page(), year=2021)
    encounter = EncounterFactory(parent=cycle, title="Encuentro de Educación")
    assert client.get(cycle.url).status_code == 200
    assert client.get(encounter.url).status_code == 200
