"""The current accountability cycle (the year of the day the demo is loaded), next to 2021:
a few department sections, the public hearing and three encounters in the coming weeks, all
open for citizens' questions (docs/participation.md).

Dates are relative to the day a page is **created**: a later run leaves them alone, so the
loader stays idempotent. ``upcoming_event_pages()`` gives the hearing and encounters to other
demo modules (registrations reuse them).
"""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from wagtail.models import Site

from demo.helpers import upsert_page
from rendicion.models import (
    AccountabilityCycleIndexPage,
    Department,
    DepartmentSectionPage,
    DialogueEncounterPage,
    PublicHearingPage,
)

PALMIRA_TZ = ZoneInfo("America/Bogota")
HEARING_SLUG = "audiencia-publica-participativa"

SECTIONS = [
    ("salud", "Secretaría de Salud"),
    ("educacion", "Secretaría de Educación"),
    ("participacion-comunitaria", "Secretaría de Participación Comunitaria"),
]

# (section slug or None for the cycle, slug, title, modality, department, territory, days
# from today, place, summary)
ENCOUNTERS = [
    (
        "salud",
        "encuentro-dialogo-salud",
        "Encuentro de diálogo participativo de la Secretaría de Salud",
        "department",
        "salud",
        "",
        10,
        "Auditorio del Hospital Raúl Orejuela Bueno",
        "La Secretaría de Salud presenta el avance de la red de puestos de salud rurales y "
        "escucha las propuestas de la ciudadanía.",
    ),
    (
        "educacion",
        "encuentro-dialogo-educacion",
        "Encuentro de diálogo participativo de la Secretaría de Educación",
        "department",
        "educacion",
        "",
        17,
        "Institución Educativa Sagrada Familia",
        "Docentes, familias y estudiantes dialogan sobre el programa de alimentación escolar "
        "y el transporte de los estudiantes rurales.",
    ),
    (
        "participacion-comunitaria",
        "gobierno-al-barrio-comuna-7",
        "Gobierno al barrio en la comuna 7",
        "neighbourhood",
        "participacion-comunitaria",
        "Comuna 7",
        24,
        "Caseta comunal del barrio Zamorano",
        "El alcalde y su gabinete escuchan a los habitantes de la comuna 7.",
    ),
]
HEARING_DAYS_AHEAD = 35


def _at_nine(days_ahead):
    day = timezone.localdate() + datetime.timedelta(days=days_ahead)
    return datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=PALMIRA_TZ)


def current_year():
    return timezone.localdate().year


def _upsert_dated(stats, parent, model, slug, days_ahead, **values):
    """Like ``upsert_page``, with the start date set only when the page is created."""
    exists = model.objects.child_of(parent).filter(slug=slug).exists()
    if not exists:
        values["start"] = _at_nine(days_ahead)
    return upsert_page(stats, parent, model, slug, **values)


def load_current_cycle(home, stats):
    """The current cycle's pages; returns {slug: page} of the hearing and the encounters."""
    year = current_year()
    cycle = AccountabilityCycleIndexPage.objects.child_of(home).filter(year=year).first()
    if cycle is None:  # created once; an existing cycle of this year is used as it is
        cycle = upsert_page(
            stats,
            home,
            AccountabilityCycleIndexPage,
            f"rendicion-de-cuentas-{year}",
            title=f"Rendición de Cuentas {year}",
            year=year,
            show_in_menus=True,
            objective=(
                "<p>Informar, explicar y dialogar con la ciudadanía sobre la gestión de "
                f"{year}, y responder sus preguntas y propuestas.</p>"
            ),
        )
    departments = {d.slug: d for d in Department.objects.all()}
    sections = {}
    for slug, title in SECTIONS:
        if slug in departments:
            sections[slug] = upsert_page(
                stats, cycle, DepartmentSectionPage, slug, title=title, department=departments[slug]
            )
    events = {}
    for section, slug, title, modality, department, territory, days, place, summary in ENCOUNTERS:
        parent = sections.get(section, cycle)
        events[slug] = _upsert_dated(
            stats,
            parent,
            DialogueEncounterPage,
            slug,
            days,
            title=title,
            modality=modality,
            department=departments.get(department),
            territory=territory,
            place=place,
            summary=summary,
            accepts_questions=True,
            allows_anonymous_questions=modality != "department",
        )
    events[HEARING_SLUG] = _upsert_dated(
        stats,
        cycle,
        PublicHearingPage,
        HEARING_SLUG,
        HEARING_DAYS_AHEAD,
        title=f"Audiencia pública participativa de rendición de cuentas {year}",
        place="Teatro Materón",
        address="Calle 30 # 29-39, Palmira",
        summary=(
            "El alcalde presenta los resultados del año y responde las preguntas y propuestas "
            "que la ciudadanía envía antes y durante la audiencia."
        ),
        accepts_questions=True,
        allows_anonymous_questions=True,
    )
    return events


def upcoming_event_pages():
    """The current cycle's hearing and encounters still ahead, soonest first (specific pages)."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return []
    cycle = (
        AccountabilityCycleIndexPage.objects.child_of(site.root_page)
        .filter(year=current_year())
        .first()
    )
    if cycle is None:
        return []
    now = timezone.now()
    pages = [
        *DialogueEncounterPage.objects.descendant_of(cycle).live().filter(start__gte=now),
        *PublicHearingPage.objects.descendant_of(cycle).live().filter(start__gte=now),
    ]
    return sorted(pages, key=lambda page: page.start)
