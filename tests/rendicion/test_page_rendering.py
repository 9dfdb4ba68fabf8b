"""Every public page type renders, shows what a citizen looks for, and costs a fixed number
of queries however many rows it lists.

Each query-budget test renders a page once to warm the per-process caches (site root paths,
the portal settings row), counts the queries of a second render with 3 rows, adds 17 rows
and checks that the 20-row render costs exactly the same. The absolute budgets were measured
on SQLite and leave a query or two of headroom; raise one only with a reason.
"""

import datetime
import re
from decimal import Decimal
from itertools import count

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from rendicion.models import (
    CycleActivity,
    EncounterAttendance,
    ImprovementAction,
    Indicator,
    PopulationGroup,
    PortalDocument,
    SdgTarget,
)
from tests.factories import (
    CommitmentFactory,
    CycleFactory,
    DepartmentFactory,
    DepartmentSectionFactory,
    EncounterFactory,
    HearingFactory,
    ImprovementPlanFactory,
    IndicatorFactory,
    IndicatorIndexFactory,
    MeasurementFactory,
    ReportFactory,
    SdgIndexFactory,
    StakeholderGroupFactory,
    home_page,
)
from tests.query_budgets import CHROME

pytestmark = pytest.mark.django_db

# Absolute query budgets per page (measured, with little headroom), plus the GOV.CO chrome.
_BUDGET = {
    "home": 15,  # and the current hearing for the "Participe" box (participa/)
    # The dashboard (docs/indicator-charts.md): indicator statuses, their goals, the goals,
    # the departments, the commitments' counts.
    "cycle": 29,  # and the vigencia's public surveys (encuestas)
    # Pages listing indicators: one query more for their goals linked without a target.
    "section": 29,  # four previews (rendicion/listing.py): first rows and a count each
    # Citizens' questions (participa/): figures, the page of answers; the commitments' status
    # history, improvement actions and questions of origin, one prefetch each.
    "encounter": 27,  # and +2 for the survey link (encuestas), +1 registration (inscripciones)
    "report": 22,
    "hearing": 24,  # and the citizens' questions and the survey link, as the encounter
    "plan": 14,
    "indicator_index": 21,
    "indicator_detail": 21,  # and its targets per year
    "sdg_index": 15,  # the statuses of every indicator and their goals, for the tiles
    "sdg_goal": 23,  # and the statuses of its indicators
    "search": 20,  # one search over pages, indicators and documents, with facets
}
BUDGET = {name: budget + CHROME for name, budget in _BUDGET.items()}

TEXT_BASELINE = "08 IE clasificación C 08 IE clasificación B 08 IE clasificación A"
TEXT_TARGET = "06 IEO con mejoramiento de clasificación de plantel"

_serial = count(1)


# --- Helpers -------------------------------------------------------------------------------


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def queries_for(client, url):
    """Queries of a warm render of ``url`` (a first render fills per-process caches)."""
    fetch(client, url)
    with CaptureQueriesContext(connection) as ctx:
        fetch(client, url)
    return len(ctx)


def assert_fixed_queries(
    client, url, add_rows, budget, django_assert_num_queries, django_assert_max_num_queries
):
    """Same queries with 3 and with 20 rows, and no more than ``budget``."""
    fetch(client, url)  # warm up
    with django_assert_max_num_queries(budget):
        fetch(client, url)
    with_three = queries_for(client, url)
    add_rows(17)
    fetch(client, url)  # warm up again: new rows may fill caches of their own
    with django_assert_num_queries(with_three):
        fetch(client, url)
    return with_three


def make_document(title):
    return PortalDocument.objects.create(
        title=title, file=ContentFile(b"%PDF-1.4\n% prueba\n", name=f"doc-{next(_serial)}.pdf")
    )


def add_indicator(department, *, targets=("4.1",), measurements=(Decimal(50),), **kwargs):
    indicator = IndicatorFactory(department=department, sdg_targets=list(targets), **kwargs)
    for i, value in enumerate(measurements):
        MeasurementFactory(
            indicator=indicator,
            value=value,
            period=str(2020 + i),
            date=datetime.date(2020 + i, 12, 31),
        )
    return indicator


# --- Fixtures ------------------------------------------------------------------------------


@pytest.fixture
def home():
    return home_page()


@pytest.fixture
def education():
    return DepartmentFactory(name="Secretaría de Educación", slug="secretaria-de-educacion")


@pytest.fixture
def cycle(home):
    return CycleFactory(
        parent=home,
        year=2021,
        title="Rendición de Cuentas 2021",
        slug="rendicion-de-cuentas-2021",
        objective="<p>Informar, explicar y dialogar con la ciudadanía.</p>",
        phases=[
            {
                "type": "phase",
                "value": {
                    "phase": "preparation",
                    "description": "<p>Caracterización de grupos de interés.</p>",
                },
            }
        ],
    )


@pytest.fixture
def indicator_index(home):
    return IndicatorIndexFactory(parent=home)


@pytest.fixture
def sdg_index(home):
    return SdgIndexFactory(parent=home)


@pytest.fixture
def plan_indicators(education, indicator_index):
    """The strategy document's indicators of the Secretaría de Educación, and a draft."""
    teachers = add_indicator(
        education,
        code="220100900",
        name="Docentes beneficiados con estrategias de mejoramiento de sus competencias",
        baseline_value=Decimal(400),
        target_value=Decimal(1050),
        targets=["4.c"],
        measurements=[Decimal(800)],
    )
    schools = add_indicator(
        education,
        code="",
        slug="instituciones-educativas-con-mejoramiento",
        name="Número de Instituciones Educativas con mejoramiento de clasificación de plantel "
        "según las pruebas Saber 11",
        kind=Indicator.Kind.RESULT,
        baseline_value=None,
        baseline_text=TEXT_BASELINE,
        target_value=None,
        target_text=TEXT_TARGET,
        targets=["4.1", "4.2", "4.3", "4.4", "4.5", "13.3"],
        measurements=[Decimal(3)],
    )
    climate = add_indicator(
        education,
        code="220199901",
        name="Instituciones con proyectos ambientales escolares",
        targets=["13.3"],
        measurements=[],
    )
    draft = add_indicator(
        education,
        code="220100999",
        name="Indicador en borrador sin aprobar",
        live=False,
        targets=["4.1"],
    )
    return {"teachers": teachers, "schools": schools, "climate": climate, "draft": draft}


# --- Home ----------------------------------------------------------------------------------


def test_home_page_is_the_site_root_and_links_the_portal(
    client, home, cycle, indicator_index, sdg_index
):
    assert home.url == "/"
    CycleActivity.objects.create(
        cycle=cycle,
        phase="implementation",
        title="Audiencia pública participativa",
        start_date=timezone.localdate() + datetime.timedelta(days=10),
    )
    html = fetch(client, "/")
    assert "Rendición de Cuentas 2021" in html
    assert "Informar, explicar y dialogar con la ciudadanía." in html
    assert "Audiencia pública participativa" in html
    assert f'href="{indicator_index.url}"' in html
    assert f'href="{sdg_index.url}"' in html
    assert 'lang="es-CO"' in html
    assert 'action="/buscar/"' in html
    assert "Alcaldía de Palmira" in html  # footer, from the PortalSettings defaults
    assert "1757" in html and "1712" in html


def test_home_page_query_budget(
    client,
    home,
    indicator_index,
    sdg_index,
    django_assert_num_queries,
    django_assert_max_num_queries,
):
    start = 2001

    def add_rows(n):
        nonlocal start
        for year in range(start, start + n):
            cycle = CycleFactory(parent=home, year=year)
            CycleActivity.objects.create(
                cycle=cycle,
                phase="preparation",
                title=f"Actividad {year}",
                start_date=timezone.localdate() + datetime.timedelta(days=year - 2000),
            )
        start += n

    add_rows(3)
    assert_fixed_queries(
        client,
        "/",
        add_rows,
        BUDGET["home"],
        django_assert_num_queries,
        django_assert_max_num_queries,
    )


def test_main_navigation_links_current_cycle_indicators_and_sdgs(
    client, home, cycle, indicator_index, sdg_index
):
    CycleFactory(parent=home, year=2019, title="Rendición de Cuentas 2019")
    html = fetch(client, indicator_index.url)
    nav = html.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]
    assert f'href="{cycle.url}"' in nav  # the newest cycle, not 2019
    assert "Rendición de Cuentas 2019" not in nav
    assert f'href="{indicator_index.url}" aria-current="page"' in nav
    assert f'href="{sdg_index.url}"' in nav
    assert 'href="/buscar/"' in nav


def test_main_navigation_leaves_out_private_sections(client, home, indicator_index, sdg_index):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=sdg_index, restriction_type="password", password="clave"
    )
    html = fetch(client, indicator_index.url)
    nav = html.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]
    assert f'href="{indicator_index.url}"' in nav
    assert f'href="{sdg_index.url}"' not in nav


def test_main_navigation_follows_show_in_menus(client, home, indicator_index, sdg_index, cycle):
    from wagtail.models import Page

    Page.objects.filter(pk=sdg_index.pk).update(show_in_menus=False)
    html = fetch(client, indicator_index.url)
    nav = html.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]
    assert f'href="{cycle.url}"' in nav
    assert f'href="{indicator_index.url}"' in nav
    assert f'href="{sdg_index.url}"' not in nav
    # In the order of the home page's subpage types, whatever the tree's.
    assert nav.index(f'href="{cycle.url}"') < nav.index(f'href="{indicator_index.url}"')


def test_new_index_and_cycle_pages_are_shown_in_menus_by_default(home):
    from rendicion.models import AccountabilityCycleIndexPage, IndicatorIndexPage, SdgIndexPage

    for model in (AccountabilityCycleIndexPage, IndicatorIndexPage, SdgIndexPage):
        assert model(title="x").show_in_menus


def test_migration_ticks_show_in_menus_on_existing_menu_pages(
    home, cycle, indicator_index, sdg_index
):
    import importlib

    from django.apps import apps
    from wagtail.models import Page

    migration = importlib.import_module("rendicion.migrations.0008_index_pages_in_menus")
    pages = [cycle.pk, indicator_index.pk, sdg_index.pk]
    Page.objects.filter(pk__in=pages).update(show_in_menus=False)
    migration.show_in_menus(apps, None)
    assert Page.objects.filter(pk__in=pages, show_in_menus=True).count() == 3
    assert not Page.objects.get(pk=home.pk).show_in_menus


# --- Accountability cycle ------------------------------------------------------------------


def test_cycle_page_shows_objective_phases_schedule_and_children(client, cycle, education):
    section = DepartmentSectionFactory(parent=cycle, department=education)
    encounter = EncounterFactory(
        parent=section,
        title="Encuentro de diálogo de Educación",
        department=education,
        territory="Comuna 1",
    )
    hearing = HearingFactory(parent=cycle, title="Audiencia pública 2021")
    report = ReportFactory(parent=cycle, title="Informe de gestión 2021", kind="management")
    plan = ImprovementPlanFactory(parent=cycle, title="Plan de mejora 2021")
    CycleActivity.objects.create(
        cycle=cycle,
        phase="implementation",
        title="Audiencia pública",
        start_date=datetime.date(2021, 12, 15),
        linked_page=hearing,
    )
    html = fetch(client, cycle.url)
    assert "Informar, explicar y dialogar con la ciudadanía." in html
    assert "Caracterización de grupos de interés." in html
    assert "15 de diciembre de 2021" in html
    for page in (section, encounter, hearing, report, plan):
        assert f'href="{page.url}"' in html
    assert "Comuna 1" in html
    # Breadcrumbs: home, then the cycle as the current page.
    assert 'aria-current="page">Rendición de Cuentas 2021</span>' in html
    # Each section is labelled by its own heading: no id twice on the page.
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert '<section id="audiencia" class="section" aria-labelledby="audiencia-title">' in html
    assert '<h2 id="audiencia-title">Audiencia pública participativa</h2>' in html


def test_cycle_page_query_budget(
    client, cycle, django_assert_num_queries, django_assert_max_num_queries
):
    def add_rows(n):
        for _ in range(n):
            i = next(_serial)
            department = DepartmentFactory()
            section = DepartmentSectionFactory(parent=cycle, department=department)
            EncounterFactory(parent=section, title=f"Encuentro {i}", department=department)
            ReportFactory(parent=section, title=f"Informe {i}", department=department)
            HearingFactory(parent=cycle, title=f"Audiencia {i}")
            ImprovementPlanFactory(parent=section, title=f"Plan {i}", department=department)
            CycleActivity.objects.create(
                cycle=cycle,
                phase="evaluation",
                title=f"Actividad {i}",
                start_date=datetime.date(2021, 12, 1),
                linked_page=section,
            )

    add_rows(3)
    assert_fixed_queries(
        client,
        cycle.url,
        add_rows,
        BUDGET["cycle"],
        django_assert_num_queries,
        django_assert_max_num_queries,
    )


# --- Department section --------------------------------------------------------------------


def test_department_section_lists_its_pages_and_indicators(
    client, cycle, education, plan_indicators
):
    section = DepartmentSectionFactory(
        parent=cycle, department=education, intro="<p>Dependencia responsable de la educación.</p>"
    )
    encounter = EncounterFactory(
        parent=section, title="Encuentro con docentes", department=education
    )
    report = ReportFactory(parent=section, title="Informe de Educación", department=education)
    plan = ImprovementPlanFactory(
        parent=section, title="Plan de mejora de Educación", department=education
    )
    html = fetch(client, section.url)
    assert "Dependencia responsable de la educación." in html
    for page in (encounter, report, plan):
        assert f'href="{page.url}"' in html
    assert "Docentes beneficiados" in html
    assert "61,5" in html
    assert "Indicador en borrador" not in html


def test_department_section_query_budget(
    client,
    cycle,
    education,
    indicator_index,
    django_assert_num_queries,
    django_assert_max_num_queries,
):
    section = DepartmentSectionFactory(parent=cycle, department=education)

    def add_rows(n):
        for _ in range(n):
            i = next(_serial)
            EncounterFactory(parent=section, title=f"Encuentro {i}", department=education)
            ReportFactory(parent=section, title=f"Informe {i}", department=education)
            ImprovementPlanFactory(parent=section, title=f"Plan {i}", department=education)
            add_indicator(
                education, targets=["4.1", "13.3"], measurements=[Decimal(10), Decimal(20)]
            )

    add_rows(3)
    assert_fixed_queries(
        client,
        section.url,
        add_rows,
        BUDGET["section"],
        django_assert_num_queries,
        django_assert_max_num_queries,
    )


# --- Dialogue encounter --------------------------------------------------------------------

QUESTION = {
    "kind": "proposal",
    "text": "Ampliar el horario de la biblioteca municipal.",
    "asked_by": "Juntas de acción comunal",
    "answer": "<p>La Secretaría revisará el presupuesto de 2022.</p>",
    "answered_by": "Secretaría de Cultura",
}


def test_encounter_page_shows_participants_questions_and_commitments(client, cycle, education):
    document = make_document("Sistematización del encuentro de Educación")
    group = StakeholderGroupFactory(name="Asociación de padres de familia")
    victims = PopulationGroup.objects.get_or_create(
        slug="victimas-prueba", defaults={"name": "Víctimas del conflicto (prueba)"}
    )[0]
    encounter = EncounterFactory(
        parent=cycle,
        title="Encuentro de diálogo de Educación",
        department=education,
        modality="neighbourhood",
        territory="Comuna 7",
        place="Institución Educativa Sagrada",
        attendance_total=120,
        systematisation_document=document,
        questions=[{"type": "question", "value": QUESTION}],
    )
    encounter.stakeholder_groups.set([group])
    encounter.save()
    EncounterAttendance.objects.create(page=encounter, stakeholder_group=group, count=45)
    EncounterAttendance.objects.create(page=encounter, population_group=victims, count=12)
    CommitmentFactory(
        origin_page=encounter,
        department=education,
        text="Instalar iluminación en la cancha del barrio Zamorano",
    )
    CommitmentFactory(
        origin_page=encounter, department=education, live=False, text="Compromiso en borrador"
    )

    html = fetch(client, encounter.url)
    assert "Secretaría de Educación" in html
    assert "Comuna 7" in html
    assert "10 de noviembre de 2021" in html
    assert "Institución Educativa Sagrada" in html
    assert "Asociación de padres de familia" in html
    assert "120" in html and "45" in html and "Víctimas del conflicto (prueba)" in html
    assert "Ampliar el horario de la biblioteca municipal." in html
    assert "La Secretaría revisará el presupuesto de 2022." in html
    assert "Instalar iluminación en la cancha del barrio Zamorano" in html
    assert "Compromiso en borrador" not in html
    assert document.url in html
    assert "Sistematización del encuentro de Educación" in html


def test_encounter_page_query_budget(
    client, cycle, education, django_assert_num_queries, django_assert_max_num_queries
):
    encounter = EncounterFactory(
        parent=cycle,
        title="Encuentro",
        department=education,
        systematisation_document=make_document("Sistematización"),
    )

    def add_rows(n):
        groups = [StakeholderGroupFactory() for _ in range(n)]
        encounter.stakeholder_groups.add(*groups)
        encounter.questions = list(encounter.questions.raw_data) + [
            {"type": "question", "value": QUESTION} for _ in range(n)
        ]
        encounter.save()
        for group in groups:
            EncounterAttendance.objects.create(page=encounter, stakeholder_group=group, count=5)
            CommitmentFactory(origin_page=encounter, department=DepartmentFactory())

    add_rows(3)
    assert_fixed_queries(
        client,
        encounter.url,
        add_rows,
        BUDGET["encounter"],
        django_assert_num_queries,
        django_assert_max_num_queries,
    )


# --- Report --------------------------------------------------------------------------------


def test_report_page_shows_documents_indicators_and_rights(
    client, cycle, education, plan_indicators
):
    document = make_document("Informe de rendición de cuentas 2021")
    women = PopulationGroup.objects.get_or_create(
        slug="mujeres-prueba", defaults={"name": "Mujeres (prueba)", "historically_excluded": True}
    )[0]
    report = ReportFactory(
        parent=cycle,
        title="Informe de Educación 2021",
        department=education,
        period_start=datetime.date(2021, 1, 1),
        period_end=datetime.date(2021, 12, 31),
        summary="Resultados de la gestión educativa.",
        documents=[
            {
                "type": "document",
                "value": {"document": document.pk, "description": "Versión completa"},
            }
        ],
        rights=[
            {
                "type": "right",
                "value": {
                    "right": "Derecho a la educación",
                    "how": "<p>Se garantizó el acceso de 3.000 estudiantes rurales.</p>",
                },
            }
        ],
        indicators=[
            plan_indicators["teachers"],
            plan_indicators["schools"],
            plan_indicators["draft"],
        ],
        population_groups=[women],
    )
    html = fetch(client, report.url)
    assert "Secretaría de Educación" in html
    assert "1 de enero de 2021" in html and "31 de diciembre de 2021" in html
    assert "Resultados de la gestión educativa." in html
    assert document.url in html and "Versión completa" in html
    assert "Docentes beneficiados" in html and "61,5" in html
    assert TEXT_BASELINE in html
    assert "Indicador en borrador" not in html
    assert "Derecho a la educación" in html
    assert "Se garantizó el acceso de 3.000 estudiantes rurales." in html
    assert "Mujeres (prueba)" in html


def test_a_report_draft_previews_with_its_approved_indicators_only(
    rf, cycle, education, plan_indicators
):
    """An editor (or reviewer) previews a draft report: the preview renders the revision,
    whose indicators are an in-memory list, not a queryset."""
    report = ReportFactory(
        parent=cycle, title="Informe en borrador", department=education, live=False
    )
    report.indicators = [plan_indicators["teachers"], plan_indicators["draft"]]
    draft = report.save_revision().as_object()
    response = draft.make_preview_request(rf.get("/"), "")
    html = (
        response.render().content.decode()
        if hasattr(response, "render")
        else (response.content.decode())
    )
    assert response.status_code == 200
    assert "Docentes beneficiados" in html
    assert "Indicador en borrador" not in html


def test_report_page_query_budget(
    client,
    cycle,
    education,
    indicator_index,
    django_assert_num_queries,
    django_assert_max_num_queries,
):
    report = ReportFactory(parent=cycle, title="Informe", department=education)

    def add_rows(n):
        indicators = [add_indicator(education, targets=["4.1"]) for _ in range(n)]
        groups = [
            PopulationGroup.objects.create(name=f"Grupo {i}", slug=f"grupo-{i}")
            for i in (next(_serial) for _ in range(n))
        ]
        documents = [make_document(f"Documento {next(_serial)}") for _ in range(n)]
        report.indicators.add(*indicators)
        report.population_groups.add(*groups)
        report.documents = list(report.documents.raw_data) + [
            {"type": "document", "value": {"document": d.pk, "description": ""}} for d in documents
        ]
        report.rights = list(report.rights.raw_data) + [
            {"type": "right", "value": {"right": "Derecho", "how": "<p>Así.</p>"}} for _ in range(n)
        ]
        report.save()

    add_rows(3)
    assert_fixed_queries(
        client,
        report.url,
        add_rows,
        BUDGET["report"],
        django_assert_num_queries,
        django_assert_max_num_queries,
    )


# --- Public hearing ------------------------------------------------------------------------


def test_hearing_page_shows_time_place_links_agenda_and_commitments(client, cycle, education):
    document = make_document("Presentación del alcalde")
    hearing = HearingFactory(
        parent=cycle,
        title="Audiencia pública participativa 2021",
        end=timezone.make_aware(datetime.datetime(2021, 12, 15, 12, 0)),
        place="Teatro Municipal",
        address="Calle 30 # 29-39",
        livestream_url="https://www.facebook.com/AlcaldiaDePalmira/live",
        video_url="https://www.youtube.com/watch?v=abc123",
        recording_has_captions=True,
        agenda=[
            {
                "type": "item",
                "value": {
                    "time": "09:00:00",
                    "title": "Saludo del alcalde",
                    "speaker": "Alcalde de Palmira",
                },
            }
        ],
        documents=[{"type": "document", "value": {"document": document.pk, "description": ""}}],
        outcomes=[{"type": "paragraph", "value": "<p>Asistieron 300 personas.</p>"}],
    )
    CommitmentFactory(
        origin_page=hearing, department=education, text="Publicar el informe final de la audiencia"
    )
    html = fetch(client, hearing.url)
    assert "15 de diciembre de 2021" in html
    assert "Teatro Municipal" in html and "Calle 30 # 29-39" in html
    # The hearing is over: its recording, not the livestream (tests/accessibility).
    assert 'href="https://www.facebook.com/AlcaldiaDePalmira/live"' not in html
    assert 'href="https://www.youtube.com/watch?v=abc123"' in html
    assert "<iframe" not in html
    assert "Saludo del alcalde" in html and "Alcalde de Palmira" in html
    assert document.url in html
    assert "Asistieron 300 personas." in html
    assert "Publicar el informe final de la audiencia" in html


def test_hearing_page_query_budget(
    client, cycle, django_assert_num_queries, django_assert_max_num_queries
):
    hearing = HearingFactory(parent=cycle, title="Audiencia")

    def add_rows(n):
        documents = [make_document(f"Documento {next(_serial)}") for _ in range(n)]
        hearing.agenda = list(hearing.agenda.raw_data) + [
            {"type": "item", "value": {"time": "10:00:00", "title": "Punto", "speaker": ""}}
            for _ in range(n)
        ]
        hearing.documents = list(hearing.documents.raw_data) + [
            {"type": "document", "value": {"document": d.pk, "description": ""}} for d in documents
        ]
        hearing.save()
        for _ in range(n):
            CommitmentFactory(origin_page=hearing, department=DepartmentFactory())

    add_rows(3)
    assert_fixed_queries(
        client,
        hearing.url,
        add_rows,
        BUDGET["hearing"],
        django_assert_num_queries,
        django_assert_max_num_queries,
    )


# --- Improvement plan ----------------------------------------------------------------------


def test_improvement_plan_shows_actions_and_overall_progress(client, cycle, education):
    hearing = HearingFactory(parent=cycle, title="Audiencia pública 2021")
    plan = ImprovementPlanFactory(
        parent=cycle,
        title="Plan de mejora 2021",
        source="hearing",
        source_page=hearing,
        summary="Acciones tras la evaluación.",
    )
    ImprovementAction.objects.create(
        plan=plan,
        description="Convocar con más anticipación",
        department=education,
        due_date=datetime.date(2022, 3, 31),
        status="in_progress",
        progress=50,
    )
    ImprovementAction.objects.create(
        plan=plan,
        description="Publicar las memorias",
        department=education,
        status="fulfilled",
        progress=100,
    )
    html = fetch(client, plan.url)
    assert "Convocar con más anticipación" in html and "Publicar las memorias" in html
    assert "31 de marzo de 2022" in html
    assert 'aria-valuenow="75"' in html  # overall: (50 + 100) / 2
    assert "75&nbsp;%" in html
    assert 'aria-valuenow="50"' in html
    assert f'href="{hearing.url}"' in html
    assert html.count('role="progressbar"') == 3


def test_improvement_plan_without_actions_has_no_overall_percentage(client, cycle):
    plan = ImprovementPlanFactory(parent=cycle, title="Plan sin acciones")
    html = fetch(client, plan.url)
    assert 'role="progressbar"' not in html


def test_improvement_plan_query_budget(
    client, cycle, django_assert_num_queries, django_assert_max_num_queries
):
    plan = ImprovementPlanFactory(parent=cycle, title="Plan")

    def add_rows(n):
        for i in range(n):
            ImprovementAction.objects.create(
                plan=plan, description=f"Acción {i}", department=DepartmentFactory(), progress=i * 5
            )

    add_rows(3)
    assert_fixed_queries(
        client,
        plan.url,
        add_rows,
        BUDGET["plan"],
        django_assert_num_queries,
        django_assert_max_num_queries,
    )


# --- Indicators ----------------------------------------------------------------------------


def test_indicator_index_lists_public_indicators_with_progress(
    client, indicator_index, plan_indicators
):
    html = fetch(client, indicator_index.url)
    teachers = plan_indicators["teachers"]
    assert "220100900" in html
    assert f'href="{teachers.get_url()}"' in html
    assert "Secretaría de Educación" in html
    assert "400" in html and "1.050" in html and "800" in html
    assert "61,5" in html
    assert TEXT_BASELINE in html
    assert "Indicador en borrador" not in html
    assert 'name="ods"' in html and 'name="dependencia"' in html
    assert 'name="tipo"' in html and 'name="meta"' in html


def test_indicator_index_filters_by_sdg(client, indicator_index, plan_indicators):
    html = fetch(client, indicator_index.url + "?ods=13")
    assert "Instituciones con proyectos ambientales escolares" in html
    assert "Docentes beneficiados" not in html
    html = fetch(client, indicator_index.url + "?ods=4")
    assert "Docentes beneficiados" in html
    assert "Instituciones con proyectos ambientales escolares" not in html
    assert "Indicador en borrador" not in html


@pytest.mark.parametrize(
    "query",
    [
        "?ods=99",
        "?meta=zzz",
        "?dependencia=no-existe",
        "?tipo=otro",
        "?ods=abc&pagina=-3",
        "?pagina=abc",
    ],
)
def test_indicator_index_survives_unknown_filter_values(
    client, indicator_index, plan_indicators, query
):
    html = fetch(client, indicator_index.url + query)
    assert "Docentes beneficiados" in html


def test_indicator_index_page_out_of_range_gives_the_last_page(client, education, indicator_index):
    for i in range(30):
        add_indicator(education, code=f"3300{i:05d}", name=f"Indicador paginado {i:02d}")
    html = fetch(client, indicator_index.url + "?pagina=99")
    assert "Indicador paginado 29" in html
    assert "Indicador paginado 00" not in html
    assert 'rel="prev" href="?pagina=1"' in html
    html = fetch(client, indicator_index.url + "?tipo=product&pagina=2")
    assert 'href="?tipo=product&amp;pagina=1"' in html


def test_indicator_index_query_budget(
    client, education, indicator_index, django_assert_num_queries, django_assert_max_num_queries
):
    def add_rows(n):
        for _ in range(n):
            add_indicator(
                education, targets=["4.1", "13.3"], measurements=[Decimal(10), Decimal(40)]
            )

    add_rows(3)
    assert_fixed_queries(
        client,
        indicator_index.url,
        add_rows,
        BUDGET["indicator_index"],
        django_assert_num_queries,
        django_assert_max_num_queries,
    )
    filtered = indicator_index.url + "?ods=4&tipo=product"
    with django_assert_max_num_queries(BUDGET["indicator_index"] + 2):
        fetch(client, filtered)


def test_indicator_detail_by_code_shows_figures_and_progress(
    client, cycle, sdg_index, plan_indicators
):
    teachers = plan_indicators["teachers"]
    report = ReportFactory(parent=cycle, title="Informe de Educación 2021", indicators=[teachers])
    html = fetch(client, "/indicadores/220100900/")
    assert "Docentes beneficiados con estrategias de mejoramiento de sus competencias" in html
    assert "400" in html and "1.050" in html and "800" in html
    assert "61,5" in html
    assert 'role="progressbar"' in html and 'aria-valuenow="61.5"' in html
    assert "Secretaría de Educación" in html
    assert "4.c" in html and 'href="/ods/4/"' in html
    assert "31/12/2020" in html  # the measurement's cut-off date
    assert f'href="{report.url}"' in html
    assert 'aria-current="page">220100900</span>' in html


def test_indicator_detail_with_text_baseline_shows_the_text_and_no_percentage(
    client, sdg_index, plan_indicators
):
    schools = plan_indicators["schools"]
    html = fetch(client, schools.get_url())
    assert TEXT_BASELINE in html
    assert TEXT_TARGET in html
    assert "08 IE clasificación C" in html
    assert 'role="progressbar"' not in html
    assert "status--not_computable" in html
    for code in ("4.1", "4.5", "13.3"):
        assert f">{code}</a>" in html


def test_draft_indicator_has_no_public_page(client, plan_indicators):
    assert client.get("/indicadores/220100999/").status_code == 404


def test_indicator_detail_query_budget(
    client,
    cycle,
    education,
    indicator_index,
    sdg_index,
    django_assert_num_queries,
    django_assert_max_num_queries,
):
    indicator = add_indicator(education, code="550000001", targets=[])
    url = "/indicadores/550000001/"

    def add_rows(n):
        targets = list(SdgTarget.objects.exclude(indicators=indicator).order_by("position")[:n])
        indicator.sdg_targets.add(*targets)
        indicator.save()
        for _ in range(n):
            serial = next(_serial)
            MeasurementFactory(
                indicator=indicator,
                value=Decimal(serial),
                period=f"P{serial}",
                date=datetime.date(2021, 1, 1) + datetime.timedelta(days=serial),
            )
            ReportFactory(parent=cycle, title=f"Informe {serial}", indicators=[indicator])

    add_rows(3)
    assert_fixed_queries(
        client,
        url,
        add_rows,
        BUDGET["indicator_detail"],
        django_assert_num_queries,
        django_assert_max_num_queries,
    )


# --- SDGs ----------------------------------------------------------------------------------


def test_sdg_index_shows_the_17_goals_with_colours_and_counts(client, sdg_index, plan_indicators):
    html = fetch(client, sdg_index.url)
    assert html.count('class="sdg-tile"') == 17
    assert "--sdg: #C5192D" in html.replace("#c5192d", "#C5192D")  # SDG 4's official red
    assert 'href="/ods/4/"' in html and 'href="/ods/17/"' in html
    tile_4 = html.split('href="/ods/4/"', 1)[1].split("</a>", 1)[0]
    assert "2 indicadores" in tile_4 or "2 indicators" in tile_4  # the draft is not counted


def test_sdg_index_query_budget(
    client,
    education,
    sdg_index,
    indicator_index,
    django_assert_num_queries,
    django_assert_max_num_queries,
):
    codes = [t.code for t in SdgTarget.objects.order_by("position")[:40]]

    def add_rows(n):
        for i in range(n):
            add_indicator(education, targets=[codes[i % len(codes)], "17.1"])

    add_rows(3)
    assert_fixed_queries(
        client,
        sdg_index.url,
        add_rows,
        BUDGET["sdg_index"],
        django_assert_num_queries,
        django_assert_max_num_queries,
    )


def test_sdg_goal_page_shows_targets_and_linked_indicators(
    client, sdg_index, indicator_index, plan_indicators
):
    html = fetch(client, "/ods/4/")
    assert "Educación de Calidad" in html
    assert "4.1" in html and "4.c" in html
    assert f'href="{plan_indicators["teachers"].get_url()}"' in html
    assert f'href="{plan_indicators["schools"].get_url()}"' in html
    assert "61,5" in html
    assert "Indicador en borrador" not in html
    assert "Instituciones con proyectos ambientales escolares" not in html  # SDG 13 only


def test_unknown_sdg_goal_is_not_found(client, sdg_index):
    assert client.get("/ods/18/").status_code == 404


def test_sdg_goal_query_budget(
    client,
    education,
    sdg_index,
    indicator_index,
    django_assert_num_queries,
    django_assert_max_num_queries,
):
    codes = [t.code for t in SdgTarget.objects.filter(goal__number=4)]

    def add_rows(n):
        for i in range(n):
            add_indicator(
                education,
                targets=[codes[i % len(codes)], "13.3"],
                measurements=[Decimal(5), Decimal(60)],
            )

    add_rows(3)
    assert_fixed_queries(
        client,
        "/ods/4/",
        add_rows,
        BUDGET["sdg_goal"],
        django_assert_num_queries,
        django_assert_max_num_queries,
    )


# --- Search and errors ---------------------------------------------------------------------


def test_search_page_finds_live_pages(client, cycle, education):
    encounter = EncounterFactory(
        parent=cycle,
        title="Encuentro sobre alumbrado público",
        summary="Diálogo con la comunidad sobre el alumbrado.",
    )
    section = DepartmentSectionFactory(
        parent=cycle, title="Secretaría de alumbrado", department=education
    )  # a page type with no summary
    EncounterFactory(parent=cycle, title="Encuentro sobre alumbrado en borrador", live=False)
    html = fetch(client, "/buscar/?q=alumbrado")
    assert f'href="{encounter.url}"' in html
    assert "Encuentro sobre <mark>alumbrado</mark> público" in html
    assert "Diálogo con la comunidad sobre el <mark>alumbrado</mark>." in html
    assert f'href="{section.url}"' in html
    assert "borrador" not in html
    assert 'value="alumbrado"' in html
    html = fetch(client, "/buscar/")
    assert 'name="q"' in html


def test_search_page_query_budget(
    client, cycle, django_assert_num_queries, django_assert_max_num_queries
):
    def add_rows(n):
        for _ in range(n):
            EncounterFactory(parent=cycle, title=f"Encuentro de alumbrado {next(_serial)}")

    add_rows(3)
    # Up to 10 results a page: compare 3 results with a full page of 10.
    assert_fixed_queries(
        client,
        "/buscar/?q=alumbrado",
        add_rows,
        BUDGET["search"],
        django_assert_num_queries,
        django_assert_max_num_queries,
    )


def test_not_found_page_uses_the_portal_layout(client, home):
    response = client.get("/no-existe/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'lang="es-CO"' in html
    assert 'href="/buscar/"' in html


def test_server_error_page_needs_no_request_or_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_to_string("500.html")
    assert 'lang="es-CO"' in html
    assert 'href="/"' in html


# --- Body blocks ---------------------------------------------------------------------------


def test_body_blocks_render_with_their_templates(client, home):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    image = get_image_model().objects.create(
        title="Audiencia", file=get_test_image_file(), credit="Prensa Alcaldía"
    )
    document = make_document("Cronograma 2021")
    home.body = [
        {"type": "heading", "value": {"text": "¿Quiénes participan?", "level": "h2"}},
        {"type": "paragraph", "value": "<p>Todos los sujetos de derecho.</p>"},
        {
            "type": "image",
            "value": {
                "image": image.pk,
                "alt_text": "Ciudadanos en la audiencia",
                "caption": "Audiencia pública 2021",
            },
        },
        {"type": "document", "value": {"document": document.pk, "description": "En PDF"}},
        {
            "type": "callout",
            "value": {"title": "Importante", "text": "<p>Inscriba sus preguntas.</p>"},
        },
    ]
    home.save_revision().publish()
    html = fetch(client, "/")
    assert '<h2 class="block-heading" id="quienes-participan">¿Quiénes participan?</h2>' in html
    assert "Todos los sujetos de derecho." in html
    assert 'alt="Ciudadanos en la audiencia"' in html and "Prensa Alcaldía" in html
    assert "Audiencia pública 2021" in html
    assert document.url in html and "Cronograma 2021" in html and "En PDF" in html
    assert "Inscriba sus preguntas." in html


def test_embed_block_always_offers_a_plain_link():
    from wagtail.embeds.blocks import EmbedValue

    value = EmbedValue("https://www.youtube.com/watch?v=abc123")
    value.__dict__["html"] = ""  # as when the provider cannot be reached
    html = render_to_string("blocks/embed_block.html", {"value": value})
    assert 'href="https://www.youtube.com/watch?v=abc123"' in html


def test_editors_see_the_wagtail_userbar(admin_client, home):
    html = fetch(admin_client, "/")
    assert "wagtail-userbar" in html


# --- Template filters ----------------------------------------------------------------------


def test_section_tag_wraps_its_content_in_a_section_labelled_by_its_heading():
    from django.template import Context, Template

    html = Template(
        "{% load layout_tags %}"
        '{% section "metas-title" title id="metas" heading_class="results-count" %}'
        "<p>Contenido</p>{% endsection %}"
        '{% section "otra-title" "Otra" class="" eyebrow="Antes" %}<p>Más</p>{% endsection %}'
    ).render(Context({"title": "Metas & avances"}))
    assert html.startswith(
        '<section id="metas" class="section" aria-labelledby="metas-title">\n'
        '  <h2 id="metas-title" class="results-count">Metas &amp; avances</h2>\n'
        "  <p>Contenido</p>\n</section>"
    )
    assert (
        '<section aria-labelledby="otra-title">\n  <p class="eyebrow">Antes</p>\n'
        '  <h2 id="otra-title">Otra</h2>'
    ) in html


def test_section_tag_refuses_unknown_options():
    from django.template import Template, TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError):
        Template('{% load layout_tags %}{% section "x" "X" role="note" %}{% endsection %}')
    with pytest.raises(TemplateSyntaxError):
        Template('{% load layout_tags %}{% section "x" %}{% endsection %}')


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1050.0000"), "1.050"),
        (Decimal("61.5"), "61,5"),
        (Decimal("0.0000"), "0"),
        (Decimal("-12.50"), "-12,5"),
        (Decimal("1234567.891"), "1.234.567,891"),
        (1050.0, "1.050"),
        (7, "7"),
        (TEXT_BASELINE, TEXT_BASELINE),
        (None, ""),
    ],
)
def test_num_filter_writes_colombian_numbers_without_trailing_zeros(value, expected):
    from rendicion.templatetags.formatting_tags import num

    assert num(value) == expected


def test_num_filter_rounds_half_up_to_the_places_asked():
    from rendicion.templatetags.formatting_tags import num

    assert num(Decimal("2.25"), 1) == "2,3"


def test_plain_number_and_colours_are_safe_for_style_attributes():
    from rendicion.templatetags.formatting_tags import on_colour, plain_number, safe_colour

    assert plain_number(Decimal("100.0")) == "100"
    assert plain_number(Decimal("61.5")) == "61.5"
    assert safe_colour("red; background: url(x)") == "#5f6b66"
    assert on_colour("#FCC30B") == "#000000"  # SDG 7 yellow takes dark text
    assert on_colour("#C5192D") == "#ffffff"  # SDG 4 red takes white text


def test_long_date_writes_the_month_in_lower_case():
    from rendicion.templatetags.formatting_tags import long_date

    assert long_date(datetime.date(2021, 12, 15)) == "15 de diciembre de 2021"
