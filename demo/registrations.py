"""Demo registrations (inscripciones/): registration opened on some events, people
registered, and one event full with a waiting list.

Until the current cycle's upcoming events exist in the demo, the 2021 hearing and encounters
are used: their registration shows as closed on the site (they are past), while the admin
listing, the export and the waiting list show as they would. Matched by natural keys (the
page, the e-mail): running it again changes nothing.
"""

from django.utils import timezone

from demo.helpers import CREATED, UNCHANGED, sync_page
from inscripciones.models import Registration

# The event that is full (first of the list) has few seats.
FULL_EVENT_SEATS = 3
SEATS = 80
POLICY_VERSION = "2024-01"

PEOPLE = [
    ("Ana María Gómez", "ana.gomez@example.org", "Comuna 1", "mujeres"),
    ("Luis Fernando Caicedo", "luis.caicedo@example.org", "Corregimiento Rozo", ""),
    ("Yuli Andrea Mina", "yuli.mina@example.org", "Comuna 5", "comunidades-narp"),
    ("Jhon Jairo Ospina", "jhon.ospina@example.org", "Comuna 7", "victimas-conflicto-armado"),
    (
        "María del Carmen Rivas",
        "maria.rivas@example.org",
        "Corregimiento Tienda Nueva",
        "personas-mayores",
    ),
]


def load_registrations(events, stats):
    """Open registration on ``events`` and register the demo people; the first event is
    full, with two people on its waiting list."""
    from rendicion.models import PopulationGroup

    groups = {group.slug: group for group in PopulationGroup.objects.all()}
    for index, event in enumerate(events):
        seats = FULL_EVENT_SEATS if index == 0 else SEATS
        page = type(event).objects.get(pk=event.pk)
        sync_page(
            page,
            children={
                "registration_options": (
                    (),
                    [{"is_open": True, "capacity": seats, "closes_at": None}],
                )
            },
        )
        people = PEOPLE if index == 0 else PEOPLE[index : index + 2]
        for position, (name, email, territory, group) in enumerate(people, start=1):
            status = (
                Registration.Status.REGISTERED if position <= seats else Registration.Status.WAITING
            )
            registration, created = Registration.objects.get_or_create(
                page_id=page.pk,
                email=email,
                defaults={
                    "name": name,
                    "territory": territory,
                    "population_group": groups.get(group),
                    "status": status,
                    "position": position,
                    "consent_at": timezone.now(),
                    "consent_version": POLICY_VERSION,
                },
            )
            stats.record("Inscripciones", CREATED if created else UNCHANGED)
