"""Builds the Palmira 2021 demo site from the data modules of this package.

Every object is matched by its natural key and updated in place (see ``helpers``), so
running ``load(...)`` again changes nothing. The order matters only for references: pages
refer to departments, groups, indicators and documents; commitments and the cycle's
schedule refer to pages, so the schedule is written last.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.core.management.base import CommandError
from wagtail.documents import get_document_model
from wagtail.models import Site

from demo import cycle as cycle_data
from demo.current_cycle import load_current_cycle, upcoming_event_pages
from demo.documents import DOCUMENTS
from demo.editorial_state import ensure_changes_requested
from demo.govco import load_govco
from demo.helpers import (
    CREATED,
    UNCHANGED,
    UPDATED,
    Stats,
    assign,
    stream,
    sync_page,
    upsert,
    upsert_page,
)
from demo.indicators import INDICATORS
from demo.moderation import (
    ensure_pending_indicator_change,
    ensure_pending_submission,
)
from demo.organisation import DEPARTMENT_ALIASES, DEPARTMENTS, HOME_PAGE, PORTAL_SETTINGS
from demo.pdf import build_pdf
from demo.questions import load_questions
from demo.registrations import load_registrations
from demo.stakeholders import STAKEHOLDER_GROUPS
from demo.surveys import load_surveys
from demo.users import ensure_demo_users, leave_stock_groups
from home.models import HomePage
from rendicion.editorial.roles import setup_roles
from rendicion.models import (
    AccountabilityCycleIndexPage,
    Commitment,
    Department,
    DepartmentSectionPage,
    DialogueEncounterPage,
    ImprovementPlanPage,
    Indicator,
    IndicatorIndexPage,
    PopulationGroup,
    PortalSettings,
    PublicHearingPage,
    ReportPage,
    SdgGoal,
    SdgIndexPage,
    SdgTarget,
    StakeholderGroup,
)

PALMIRA_TZ = ZoneInfo("America/Bogota")


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _datetime(value):
    """ "2021-10-21 09:00" in Palmira's local time, as an aware datetime."""
    if not value:
        return None
    return datetime.datetime.strptime(value, "%Y-%m-%d %H:%M").replace(tzinfo=PALMIRA_TZ)


def _decimal(value):
    return Decimal(value) if value not in (None, "") else None


@dataclass
class Refs:
    """Objects already loaded, by the natural keys the data modules use."""

    departments: dict = field(default_factory=dict)
    population_groups: dict = field(default_factory=dict)
    stakeholder_groups: dict = field(default_factory=dict)
    indicators: dict = field(default_factory=dict)
    documents: dict = field(default_factory=dict)
    pages: dict = field(default_factory=dict)  # path under the cycle → page

    def document_blocks(self, keys):
        return [
            (
                "document",
                {
                    "document": self.documents[key].pk,
                    "description": self.documents[key].description,
                },
            )
            for key in keys
        ]


def load(stdout=None):
    """Load (or refresh) all the demo content; return the ``Stats`` of what was done."""
    stats = Stats()
    refs = Refs()
    site = Site.objects.get(is_default_site=True)
    load_settings(site, stats)
    load_departments(refs, stats)
    refs.population_groups = {group.slug: group for group in PopulationGroup.objects.all()}
    load_stakeholder_groups(refs, stats)
    load_indicators(refs, stats)
    load_documents(refs, stats)
    home = site.root_page.specific
    if not isinstance(home, HomePage):
        raise CommandError(
            "La raíz del sitio por defecto no es la página de inicio del portal "
            "(home.HomePage): ¿se aplicaron las migraciones?"
        )
    sections = load_pages(home, refs, stats)
    leave_stock_groups()
    load_roles(stats, stdout)
    ensure_demo_users(stats, stdout)
    ensure_pending_submission(sections, refs, stats, _datetime)
    ensure_pending_indicator_change(stats)
    ensure_changes_requested(stats)
    current_cycle = load_current_cycle(home, stats)
    load_questions(current_cycle, stats)
    # After the current cycle: the menus link the newest vigencia and its hearing, so a second
    # run finds them where the first left them.
    load_govco(site, home, stats)
    # Registration opens on the current cycle's events ahead (demo/current_cycle.py).
    load_registrations(upcoming_event_pages(), stats)
    load_surveys(stats)
    return stats


def load_roles(stats, stdout=None):
    """The editorial roles and the workflow (``manage.py setup_roles``)."""
    report = setup_roles()
    for line in report.warnings:
        if stdout is not None:
            stdout.write(f"Aviso: {line}")
    stats.record("Roles y flujo de trabajo", UNCHANGED if report.unchanged else UPDATED)


def load_settings(site, stats):
    settings = PortalSettings.for_site(site)  # creates the row when missing
    changed = assign(settings, **PORTAL_SETTINGS)
    if changed:
        settings.save()
    stats.record("Configuración del portal", UPDATED if changed else UNCHANGED)


def load_departments(refs, stats):
    for slug, name, acronym, email in DEPARTMENTS:
        existing = Department.objects.filter(slug=slug).first()
        kept = existing.alias_list if existing else []
        missing = [alias for alias in DEPARTMENT_ALIASES.get(slug, []) if alias not in kept]
        refs.departments[slug] = upsert(
            stats,
            "Dependencias",
            Department,
            {"slug": slug},
            {
                "name": name,
                "acronym": acronym,
                "email": email,
                "aliases": "\n".join([*kept, *missing]),
            },
        )


def load_stakeholder_groups(refs, stats):
    for spec in STAKEHOLDER_GROUPS:
        refs.stakeholder_groups[spec["name"]] = upsert(
            stats,
            "Grupos de interés",
            StakeholderGroup,
            {"name": spec["name"]},
            {
                "group_type": spec["group_type"],
                "departments": [refs.departments[slug] for slug in spec["departments"]],
                "territory": spec["territory"],
                "population_groups": [
                    refs.population_groups[slug] for slug in spec["population_groups"]
                ],
                "members": spec["members"],
                "notes": spec["notes"],
            },
        )


def load_indicators(refs, stats):
    targets = {target.code: target for target in SdgTarget.objects.all()}
    goals = {goal.number: goal for goal in SdgGoal.objects.all()}
    for spec in INDICATORS:
        code = spec.get("code", "")
        lookup = {"code": code} if code else {"slug": spec["slug"]}
        values = {
            "name": spec["name"],
            "kind": spec["kind"],
            "unit": spec["unit"],
            "baseline_value": _decimal(spec.get("baseline_value")),
            "baseline_text": spec.get("baseline_text", ""),
            "target_value": _decimal(spec.get("target_value")),
            "target_text": spec.get("target_text", ""),
            "direction": spec.get("direction", Indicator.DirectionChoices.INCREASE),
            "department": refs.departments[spec["department"]],
            "plan_line": spec.get("plan_line", ""),
            "programme": spec.get("programme", ""),
            "sdg_targets": [targets[code] for code in spec["sdg_targets"]],
            "sdg_goals": [goals[number] for number in spec.get("sdg_goals", [])],
            "live": True,  # approved content: indicators carry draft state
        }
        if not code:
            values["code"] = ""
        measurements = [
            {
                "period": period,
                "date": _date(date),
                "value": Decimal(value),
                "source": source,
                "note": note,
            }
            for period, date, value, source, note in spec["measurements"]
        ]
        indicator = upsert(
            stats,
            "Indicadores",
            Indicator,
            lookup,
            values,
            children={
                "measurements": (("period",), measurements),
                "year_targets": (
                    ("year",),
                    [
                        {"year": int(year), "value": Decimal(value), "text": ""}
                        for year, value in spec.get("year_targets", [])
                    ],
                ),
            },
        )
        refs.indicators[code or spec["slug"]] = indicator


def _stored_bytes(document):
    """The stored file's content, or None when it is missing from the storage."""
    if not document.file:
        return None
    try:
        with document.file.storage.open(document.file.name, "rb") as stored:
            return stored.read()
    except OSError:
        return None


def load_documents(refs, stats):
    """PDF documents, matched by title. A file is written only when it is missing or its
    content changed, and the outdated file is deleted then, so no orphan copies pile up.
    (A rolled-back run may leave a written file behind; the next run replaces it.)"""
    document_model = get_document_model()
    for spec in DOCUMENTS:
        content = build_pdf(spec["title"], spec["lines"])
        document = document_model.objects.filter(title=spec["title"]).first()
        created = document is None
        if created:
            document = document_model(title=spec["title"])
        changed = assign(
            document,
            description=spec["description"],
            document_type=spec["document_type"],
            fiscal_year=spec["fiscal_year"],
            department=refs.departments[spec["department"]],
            published_on=_date(spec["published_on"]),
        )
        if _stored_bytes(document) != content:
            if document.file:
                document.file.delete(save=False)
            document.file.save(spec["filename"], ContentFile(content), save=False)
            document._set_document_file_metadata()
            document.file.close()
            changed = True
        if created or changed:
            document.save()
        stats.record("Documentos", CREATED if created else UPDATED if changed else UNCHANGED)
        refs.documents[spec["key"]] = document


def load_pages(home, refs, stats):
    """The home page, the index pages and the 2021 cycle with everything in it; returns the
    department sections by slug."""
    changed = sync_page(
        home,
        title=HOME_PAGE["title"],
        search_description=HOME_PAGE["search_description"],
        intro=HOME_PAGE["intro"],
        body=stream("home:body", HOME_PAGE["body"]),
    )
    stats.record("Páginas", UPDATED if changed else UNCHANGED)
    load_index_pages(home, refs, stats)
    cycle = load_cycle(home, stats)
    sections = load_sections(cycle, refs, stats)
    load_encounters(cycle, sections, refs, stats)
    load_hearing(cycle, refs, stats)
    load_reports(cycle, sections, refs, stats)
    load_improvement_plan(cycle, refs, stats)
    # Last, because the cronograma links to the pages created above.
    load_schedule(cycle, refs, stats)
    return sections


def load_index_pages(home, refs, stats):
    index_pages = cycle_data.INDEX_PAGES
    refs.pages["/indicadores"] = upsert_page(
        stats, home, IndicatorIndexPage, **index_pages["indicators"]
    )
    refs.pages["/ods"] = upsert_page(stats, home, SdgIndexPage, **index_pages["sdgs"])


def load_cycle(home, stats):
    spec = cycle_data.CYCLE
    return upsert_page(
        stats,
        home,
        AccountabilityCycleIndexPage,
        spec["slug"],
        title=spec["title"],
        year=spec["year"],
        show_in_menus=spec["show_in_menus"],
        search_description=spec["search_description"],
        objective=spec["objective"],
        phases=stream("cycle:phases", spec["phases"]),
        body=stream("cycle:body", spec["body"]),
    )


def load_sections(cycle, refs, stats):
    sections = {}
    for spec in cycle_data.SECTIONS:
        sections[spec["slug"]] = refs.pages[spec["slug"]] = upsert_page(
            stats,
            cycle,
            DepartmentSectionPage,
            spec["slug"],
            title=spec["title"],
            department=refs.departments[spec["department"]],
            intro=spec["intro"],
        )
    return sections


def _parent_and_path(spec, cycle, sections):
    """Where a page of the data goes (the cycle, or the section its ``parent`` names) and
    its path under the cycle, the key ``refs.pages`` knows it by."""
    parent_slug = spec.get("parent")
    if parent_slug is None:
        return cycle, spec["slug"]
    return sections[parent_slug], f"{parent_slug}/{spec['slug']}"


def load_encounters(cycle, sections, refs, stats):
    for spec in cycle_data.ENCOUNTERS:
        parent, path = _parent_and_path(spec, cycle, sections)
        attendance = [
            {
                "stakeholder_group": refs.stakeholder_groups.get(row.get("stakeholder_group")),
                "population_group": refs.population_groups.get(row.get("population_group")),
                "count": row["count"],
            }
            for row in spec["attendance"]
        ]
        document_key = spec["systematisation_document"]
        page = refs.pages[path] = upsert_page(
            stats,
            parent,
            DialogueEncounterPage,
            spec["slug"],
            children={"attendance": (("stakeholder_group", "population_group"), attendance)},
            title=spec["title"],
            modality=spec["modality"],
            department=refs.departments[spec["department"]],
            territory=spec["territory"],
            start=_datetime(spec["start"]),
            place=spec["place"],
            summary=spec["summary"],
            stakeholder_groups=[
                refs.stakeholder_groups[name] for name in spec["stakeholder_groups"]
            ],
            attendance_total=spec["attendance_total"],
            body=stream(f"{path}:body", spec["body"]),
            questions=stream(
                f"{path}:questions", [("question", question) for question in spec["questions"]]
            ),
            systematisation_document=refs.documents[document_key] if document_key else None,
        )
        load_commitments(page, spec["commitments"], refs, stats)


def load_hearing(cycle, refs, stats):
    spec = cycle_data.HEARING
    hearing = refs.pages[spec["slug"]] = upsert_page(
        stats,
        cycle,
        PublicHearingPage,
        spec["slug"],
        title=spec["title"],
        start=_datetime(spec["start"]),
        end=_datetime(spec["end"]),
        place=spec["place"],
        address=spec["address"],
        livestream_url=spec["livestream_url"],
        video_url=spec["video_url"],
        recording_has_captions=spec["recording_has_captions"],
        transcript=spec["transcript"],
        summary=spec["summary"],
        agenda=stream("hearing:agenda", [("item", item) for item in spec["agenda"]]),
        documents=stream("hearing:documents", refs.document_blocks(spec["documents"])),
        outcomes=stream("hearing:outcomes", spec["outcomes"]),
    )
    load_commitments(hearing, spec["commitments"], refs, stats)


def load_reports(cycle, sections, refs, stats):
    for spec in cycle_data.REPORTS:
        parent, path = _parent_and_path(spec, cycle, sections)
        department = spec["department"]
        refs.pages[path] = upsert_page(
            stats,
            parent,
            ReportPage,
            spec["slug"],
            title=spec["title"],
            kind=spec["kind"],
            department=refs.departments[department] if department else None,
            period_start=_date(spec["period_start"]),
            period_end=_date(spec["period_end"]),
            summary=spec["summary"],
            body=stream(f"{path}:body", spec["body"]),
            documents=stream(f"{path}:documents", refs.document_blocks(spec["documents"])),
            indicators=[refs.indicators[key] for key in spec["indicators"]],
            rights=stream(f"{path}:rights", spec["rights"]),
            population_groups=[refs.population_groups[slug] for slug in spec["population_groups"]],
        )


def load_improvement_plan(cycle, refs, stats):
    spec = cycle_data.IMPROVEMENT_PLAN
    actions = [
        {
            "description": action["description"],
            "department": refs.departments[action["department"]],
            "due_date": _date(action["due_date"]),
            "status": action["status"],
            "progress": action["progress"],
        }
        for action in spec["actions"]
    ]
    refs.pages[spec["slug"]] = upsert_page(
        stats,
        cycle,
        ImprovementPlanPage,
        spec["slug"],
        children={"actions": (("description",), actions)},
        title=spec["title"],
        source=spec["source"],
        source_page=refs.pages[spec["source_page"]],
        department=refs.departments[spec["department"]],
        summary=spec["summary"],
        body=stream("plan:body", []),
    )


def load_schedule(cycle, refs, stats):
    """The cycle's cronograma, which links to the pages loaded before. On the first run this
    publishes a second revision of the cycle; later runs find nothing to change."""
    activities = [
        {
            "phase": phase,
            "title": title,
            "start_date": _date(start),
            "end_date": _date(end),
            "linked_page": refs.pages[page_path] if page_path else None,
        }
        for phase, title, start, end, page_path in cycle_data.SCHEDULE
    ]
    cycle = AccountabilityCycleIndexPage.objects.get(pk=cycle.pk)  # fresh tree fields
    changed = sync_page(cycle, children={"activities": (("title",), activities)})
    stats.note(
        f"Cronograma: {len(activities)} actividades ({'actualizado' if changed else 'sin cambios'})"
    )


def load_commitments(page, commitments, refs, stats):
    for spec in commitments:
        evidence_document = spec.get("evidence_document")
        upsert(
            stats,
            "Compromisos",
            Commitment,
            {"text": spec["text"], "origin_page": page},
            {
                "department": refs.departments[spec["department"]],
                "due_date": _date(spec["due_date"]),
                "status": spec["status"],
                "evidence": spec["evidence"],
                "evidence_document": refs.documents[evidence_document]
                if evidence_document
                else None,
                "live": True,  # approved content: commitments carry draft state
            },
        )
