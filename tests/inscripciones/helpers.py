"""Events open for registration, for the registration tests."""

import datetime

from django.utils import timezone

from inscripciones.models import EncounterRegistrationOptions, HearingRegistrationOptions
from tests.factories import CycleFactory, EncounterFactory, HearingFactory, home_page


def soon(days=10, hour=9):
    local = timezone.localtime() + datetime.timedelta(days=days)
    return local.replace(hour=hour, minute=0, second=0, microsecond=0)


def open_registration(page, **options):
    """Registration options as an editor would publish them: in the page's own revision."""
    model = (
        EncounterRegistrationOptions
        if page.specific_class.__name__ == "DialogueEncounterPage"
        else HearingRegistrationOptions
    )
    page = type(page).objects.get(pk=page.pk)
    page.registration_options = [model(**{"is_open": True, **options})]
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def cycle(year=2026):
    return CycleFactory(parent=home_page(), year=year, slug=f"rendicion-de-cuentas-{year}")


def encounter(parent, capacity=2, days=10, **kwargs):
    page = EncounterFactory(
        parent=parent,
        title=kwargs.pop("title", "Encuentro con rectores rurales"),
        start=soon(days),
        **kwargs,
    )
    return open_registration(page, capacity=capacity)


def hearing(parent, capacity=None, days=20):
    page = HearingFactory(parent=parent, title="Audiencia pública 2026", start=soon(days))
    return open_registration(page, capacity=capacity)


def form_data(**overrides):
    return {
        "name": "Ana María Gómez",
        "email": "ana@example.org",
        "phone": "+57 300 123 4567",
        "territory": "Comuna 1",
        "population_group": "",
        "consent": "on",
        "sitio_web": "",
        **overrides,
    }
