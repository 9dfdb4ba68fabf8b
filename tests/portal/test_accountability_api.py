"""The accountability data API (/api/datos/v1/, docs/api.md) as a script or a harvester uses
it: what it lists (only approved and public data), filters and pages like the public pages,
refuses bad parameters with a 400 in Spanish, links to the public pages at the public address,
is described by /api/openapi.json, and costs the same queries for 3 rows as for 20."""

import datetime
from decimal import Decimal
from itertools import count

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from api.pagination import MAX_LIMIT
from rendicion.models import CycleActivity, ImprovementAction, SdgGoal
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
    home_page,
)

pytestmark = pytest.mark.django_db

API = "/api/datos/v1"
HOST = "rendicion.palmira.gov.co"
ORIGIN = "https://analisis.example.org"
_serial = count(1)


def get(client, url, status=200, **extra):
    response = client.get(url, HTTP_HOST=HOST, **extra)
    assert response.status_code == status, (url, response.status_code, response.content[:300])
    return response


def items(client, url):
    return get(client, url).json()["items"]


@pytest.fixture
def site():
    """Indexes, a 2021 cycle with the education section, an encounter and a hearing."""
    home = home_page()
    indicator_index = IndicatorIndexFactory(parent=home)
    sdg_index = SdgIndexFactory(parent=home)
    education = DepartmentFactory(name="Secretaría de Educación", slug="educacion")
    health = DepartmentFactory(name="Secretaría de Salud", slug="salud")
    cycle = CycleFactory(parent=home, year=2021)
    section = DepartmentSectionFactory(parent=cycle, department=education)
    encounter = EncounterFactory(
        parent=section, title="Encuentro de educación", department=education
    )
    hearing = HearingFactory(parent=cycle, title="Audiencia pública")
    return {
        "home": home,
        "indicator_index": indicator_index,
        "sdg_index": sdg_index,
        "education": education,
        "health": health,
        "cycle": cycle,
        "section": section,
        "encounter": encounter,
        "hearing": hearing,
    }


@pytest.fixture
def teachers(site):
    """400 → 1050, 800 measured: 61.5 % (docs/architecture.md)."""
    indicator = IndicatorFactory(
        code="220100900",
        name="Docentes beneficiados",
        kind="result",
        baseline_value=Decimal(400),
        target_value=Decimal(1050),
        department=site["education"],
        sdg_targets=["4.1", "4.c"],
    )
    MeasurementFactory(
        indicator=indicator, period="2020", date=datetime.date(2020, 12, 31), value=Decimal(500)
    )
    MeasurementFactory(
        indicator=indicator, period="2021", date=datetime.date(2021, 12, 31), value=Decimal(800)
    )
    return indicator


# --- Indicators ----------------------------------------------------------------------------


def test_an_indicator_carries_its_measurements_progress_department_and_targets(client, teachers):
    [row] = items(client, f"{API}/indicadores/")
    assert row["codigo"] == "220100900"
    assert row["nombre"] == "Docentes beneficiados"
    assert row["tipo"] == "result"
    assert row["tipo_nombre"] == "Resultado"
    assert row["linea_base"] == 400
    assert row["meta"] == 1050
    assert [(m["periodo"], m["valor"]) for m in row["mediciones"]] == [("2020", 500), ("2021", 800)]
    assert row["ultima_medicion"] == 800
    assert row["avance_porcentaje"] == 61.5
    assert row["estado_avance"] == "in_progress"
    assert row["estado_avance_nombre"] == "En curso"
    assert row["dependencia"] == {
        "slug": "educacion",
        "nombre": "Secretaría de Educación",
        "sigla": "",
    }
    assert [(t["codigo"], t["ods"]) for t in row["metas_ods"]] == [("4.1", 4), ("4.c", 4)]
    assert row["ods"] == [4]
    assert row["html_url"] == f"http://{HOST}/indicadores/220100900/"
    detail = get(client, f"{API}/indicadores/{teachers.pk}/").json()
    assert detail == row


def test_a_goal_named_without_a_target_is_listed_and_filtered(client, site, teachers):
    # A matrix cell "ODS 15 - Vida de ecosistemas terrestres": the goal, no target.
    forests = IndicatorFactory(code="440100100", department=site["health"], sdg_targets=["13.3"])
    forests.sdg_goals.set(SdgGoal.objects.filter(number__in=[15, 4]))
    forests.save()
    rows = {row["codigo"]: row for row in items(client, f"{API}/indicadores/")}
    assert rows["440100100"]["ods"] == [4, 13, 15]
    assert [t["codigo"] for t in rows["440100100"]["metas_ods"]] == ["13.3"]
    codes = [row["codigo"] for row in items(client, f"{API}/indicadores/?ods=15")]
    assert codes == ["440100100"]
    codes = [row["codigo"] for row in items(client, f"{API}/indicadores/?ods=4")]
    assert sorted(codes) == ["220100900", "440100100"]
    assert get(client, f"{API}/ods/15/").json()["indicadores"] == 1


def test_progress_of_a_text_target_is_not_a_number(client, site):
    indicator = IndicatorFactory(
        target_value=None, target_text="06 IEO con mejoramiento", department=site["health"]
    )
    MeasurementFactory(indicator=indicator, value=Decimal(3))
    [row] = items(client, f"{API}/indicadores/")
    assert row["avance_porcentaje"] is None
    assert row["estado_avance"] == "not_computable"
    assert row["meta"] is None
    assert row["meta_texto"] == "06 IEO con mejoramiento"


def test_indicator_filters_are_those_of_the_public_list(client, site, teachers):
    IndicatorFactory(code="330100100", department=site["health"], sdg_targets=["3.8"])
    IndicatorFactory(code="330100200", department=site["health"], kind="result")

    def codes(query):
        return [row["codigo"] for row in items(client, f"{API}/indicadores/?{query}")]

    assert codes("ods=4") == ["220100900"]
    assert codes("meta=3.8") == ["330100100"]
    # The public list's order: results first, then by code.
    assert codes("dependencia=salud") == ["330100200", "330100100"]
    assert codes("tipo=result") == ["220100900", "330100200"]
    assert codes("tipo=result&dependencia=educacion") == ["220100900"]


@pytest.mark.parametrize(
    "query",
    ["ods=99", "ods=cuatro", "meta=99.9", "dependencia=no-existe", "tipo=otro"],
)
def test_an_unknown_filter_value_is_a_400_in_spanish(client, teachers, query):
    name, value = query.split("=")
    response = get(client, f"{API}/indicadores/?{query}", status=400)
    assert response.json() == {"detail": f"«{value}» no es un valor válido del filtro {name}."}


def test_an_unknown_parameter_is_a_400_naming_the_accepted_ones(client, teachers):
    response = get(client, f"{API}/indicadores/?dependence=educacion", status=400)
    message = response.json()["detail"]
    assert message.startswith("Parámetro desconocido: dependence.")
    assert "dependencia" in message and "limit" in message


def test_a_draft_change_of_an_indicator_never_appears(client, teachers):
    teachers.name = "Nombre en borrador"
    teachers.target_value = Decimal(2000)
    teachers.save_revision()
    [row] = items(client, f"{API}/indicadores/")
    assert row["nombre"] == "Docentes beneficiados"
    assert row["meta"] == 1050
    teachers.refresh_from_db()
    teachers.latest_revision.publish()
    [row] = items(client, f"{API}/indicadores/")
    assert row["nombre"] == "Nombre en borrador"


def test_an_indicator_never_approved_is_not_listed_nor_found(client, site):
    draft = IndicatorFactory(live=False, department=site["health"])
    assert items(client, f"{API}/indicadores/") == []
    get(client, f"{API}/indicadores/{draft.pk}/", status=404)


# --- Pagination ----------------------------------------------------------------------------


def test_pages_are_bounded_stable_and_counted(client, site):
    for n in range(7):
        IndicatorFactory(code=f"55000{n:04d}", department=site["health"])
    body = get(client, f"{API}/indicadores/?limit=3&offset=2").json()
    assert body["meta"] == {"total_count": 7, "limit": 3, "offset": 2}
    assert [row["codigo"] for row in body["items"]] == ["550000002", "550000003", "550000004"]
    pages = [
        row["codigo"]
        for offset in (0, 3, 6)
        for row in items(client, f"{API}/indicadores/?limit=3&offset={offset}")
    ]
    assert pages == [f"55000{n:04d}" for n in range(7)]
    assert get(client, f"{API}/indicadores/").json()["meta"]["limit"] == 20


@pytest.mark.parametrize(
    "query", [f"limit={MAX_LIMIT + 1}", "limit=0", "limit=-1", "limit=x", "offset=-1", "offset=1e9"]
)
def test_a_limit_or_offset_out_of_bounds_is_a_400(client, site, query):
    response = get(client, f"{API}/indicadores/?{query}", status=400)
    assert "debe ser un número entero entre" in response.json()["detail"]


# --- SDGs ----------------------------------------------------------------------------------


def test_goals_and_targets_count_the_approved_indicators(client, site, teachers):
    IndicatorFactory(department=site["health"], sdg_targets=["4.1"])
    IndicatorFactory(department=site["health"], sdg_targets=["4.1"], live=False)
    goals = items(client, f"{API}/ods/?limit=100")
    assert [goal["numero"] for goal in goals] == list(range(1, 18))
    education_goal = get(client, f"{API}/ods/4/").json()
    assert education_goal["indicadores"] == 2  # teachers counted once for 4.1 and 4.c
    assert education_goal["html_url"] == f"http://{HOST}/ods/4/"
    targets = {target["codigo"]: target["indicadores"] for target in education_goal["metas"]}
    assert targets["4.1"] == 2 and targets["4.c"] == 1 and targets["4.2"] == 0
    assert get(client, f"{API}/metas-ods/4.1/").json()["indicadores"] == 2
    codes = [target["codigo"] for target in items(client, f"{API}/metas-ods/?ods=4&limit=100")]
    assert codes[:2] == ["4.1", "4.2"] and codes[-1] == "4.c"
    get(client, f"{API}/metas-ods/?ods=18", status=400)
    assert get(client, f"{API}/ods/18/", status=404).json() == {"detail": "No encontrado."}


# --- Commitments and improvement actions -----------------------------------------------------


def test_commitments_shown_on_public_pages_with_status_and_cycle(client, site):
    CommitmentFactory(
        text="Dotar 20 aulas",
        department=site["education"],
        origin_page=site["encounter"],
        status="in_progress",
    )
    CommitmentFactory(text="Sin origen", department=site["education"])
    CommitmentFactory(text="Borrador", origin_page=site["hearing"], live=False)
    [row] = items(client, f"{API}/compromisos/")
    assert row["texto"] == "Dotar 20 aulas"
    assert row["estado"] == "in_progress" and row["estado_nombre"] == "En curso"
    assert row["vigencia"] == 2021
    assert row["origen"] == {
        "id": site["encounter"].pk,
        "titulo": "Encuentro de educación",
        "html_url": f"http://{HOST}{site['encounter'].url}",
    }
    assert len(items(client, f"{API}/compromisos/?vigencia=2021&dependencia=educacion")) == 1
    assert items(client, f"{API}/compromisos/?estado=fulfilled") == []
    get(client, f"{API}/compromisos/?vigencia=2030", status=400)
    get(client, f"{API}/compromisos/?estado=hecho", status=400)


def test_an_unpublished_or_restricted_origin_page_hides_its_commitments(client, site):
    in_encounter = CommitmentFactory(origin_page=site["encounter"])
    in_hearing = CommitmentFactory(origin_page=site["hearing"])
    site["encounter"].unpublish()
    assert [row["id"] for row in items(client, f"{API}/compromisos/")] == [in_hearing.pk]
    get(client, f"{API}/compromisos/{in_encounter.pk}/", status=404)
    PageViewRestriction.objects.create(
        page=site["hearing"], restriction_type="password", password="clave"
    )
    assert items(client, f"{API}/compromisos/") == []


def add_plan(parent, title, actions=()):
    plan = ImprovementPlanFactory(parent=parent, title=title)
    for n, (description, status) in enumerate(actions):
        ImprovementAction.objects.create(
            plan=plan,
            description=description,
            department=DepartmentFactory(slug="educacion"),
            status=status,
            progress=40,
            sort_order=n,
        )
    return plan


def test_improvement_actions_of_public_plans_only(client, site):
    plan = add_plan(site["section"], "Plan de educación", [("Capacitar docentes", "pending")])
    hidden = add_plan(site["cycle"], "Plan en revisión", [("Acción oculta", "pending")])
    hidden.unpublish()
    restricted = add_plan(site["cycle"], "Plan restringido", [("Acción privada", "pending")])
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    [row] = items(client, f"{API}/acciones-de-mejora/")
    assert row["descripcion"] == "Capacitar docentes"
    assert row["estado"] == "pending" and row["avance_porcentaje"] == 40
    assert row["vigencia"] == 2021
    assert row["plan"]["id"] == plan.pk
    assert row["plan"]["html_url"] == f"http://{HOST}{plan.url}"
    assert len(items(client, f"{API}/acciones-de-mejora/?dependencia=educacion")) == 1
    assert items(client, f"{API}/acciones-de-mejora/?dependencia=salud") == []


# --- Cycles --------------------------------------------------------------------------------


def test_cycles_with_their_schedule_linking_only_public_pages(client, site):
    private = ReportFactory(parent=site["cycle"], title="Informe restringido")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    for day, title, page in [
        (3, "Audiencia", site["hearing"]),
        (1, "Informe", private),
        (2, "Convocatoria", None),
    ]:
        CycleActivity.objects.create(
            cycle=site["cycle"],
            phase="implementation",
            title=title,
            start_date=datetime.date(2021, 11, day),
            linked_page=page,
        )
    CycleFactory(parent=site["home"], year=2022, live=False)
    [cycle] = items(client, f"{API}/vigencias/")
    assert cycle["vigencia"] == 2021
    assert cycle["html_url"] == f"http://{HOST}{site['cycle'].url}"
    assert "Informar, explicar y dialogar" in cycle["objetivo"]
    schedule = [(a["titulo"], a["pagina"] and a["pagina"]["titulo"]) for a in cycle["actividades"]]
    assert schedule == [
        ("Informe", None),
        ("Convocatoria", None),
        ("Audiencia", "Audiencia pública"),
    ]
    assert get(client, f"{API}/vigencias/2021/").json()["id"] == site["cycle"].pk
    get(client, f"{API}/vigencias/2022/", status=404)


# --- Addresses, CORS, conditional GET ------------------------------------------------------


def test_addresses_use_the_public_base_url_never_localhost(client, settings, teachers, site):
    settings.PORTAL_BASE_URL = "https://rendicion.palmira.gov.co"
    CommitmentFactory(origin_page=site["hearing"])
    urls = [
        items(client, f"{API}/indicadores/")[0]["html_url"],
        items(client, f"{API}/compromisos/")[0]["origen"]["html_url"],
        items(client, f"{API}/vigencias/")[0]["html_url"],
        get(client, f"{API}/ods/4/").json()["html_url"],
    ]
    assert all(url.startswith("https://rendicion.palmira.gov.co/") for url in urls), urls


def test_read_from_any_origin_and_answers_304_while_nothing_changed(client, teachers):
    url = f"{API}/indicadores/"
    response = get(client, url, HTTP_ORIGIN=ORIGIN)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    etag = response["ETag"]
    assert get(client, url, status=304, HTTP_IF_NONE_MATCH=etag, HTTP_ORIGIN=ORIGIN)[
        "Access-Control-Allow-Origin"
    ] == ("*")
    MeasurementFactory(indicator=teachers, date=datetime.date(2022, 12, 31), value=Decimal(900))
    assert get(client, url, HTTP_IF_NONE_MATCH=etag)["ETag"] != etag


def test_the_api_is_read_only(client, teachers):
    assert client.post(f"{API}/indicadores/", {}, HTTP_HOST=HOST).status_code == 405
    assert client.delete(f"{API}/indicadores/{teachers.pk}/", HTTP_HOST=HOST).status_code == 405


# --- OpenAPI -------------------------------------------------------------------------------

ENDPOINTS = {
    "indicadores": {"ods", "meta", "dependencia", "tipo"},
    "ods": set(),
    "metas-ods": {"ods"},
    "compromisos": {"vigencia", "dependencia", "estado"},
    "acciones-de-mejora": {"vigencia", "dependencia", "estado"},
    "vigencias": {"vigencia"},
}


def test_the_openapi_document_describes_every_endpoint_and_parameter(client, site):
    response = get(client, "/api/openapi.json", HTTP_ORIGIN=ORIGIN)
    assert response["Access-Control-Allow-Origin"] == "*"
    document = response.json()
    assert document["openapi"].startswith("3.")
    paths = document["paths"]
    assert all(path.startswith("/api/datos/v1/") for path in paths)
    for name, filter_names in ENDPOINTS.items():
        listing = paths[f"/api/datos/v1/{name}/"]["get"]
        parameters = {parameter["name"] for parameter in listing["parameters"]}
        assert parameters == filter_names | {"limit", "offset"}, name
        assert list(listing["responses"]) == ["200"] or "200" in listing["responses"]
        details = [path for path in paths if path.startswith(f"/api/datos/v1/{name}/{{")]
        assert len(details) == 1, name
    indicator = document["components"]["schemas"]["Indicator"]["properties"]
    assert {"codigo", "mediciones", "avance_porcentaje", "html_url"} <= set(indicator)
    # Every route the router serves is in the document.
    from api.urls import router

    served = {f"/api/datos/v1/{prefix}/" for prefix, _viewset, _basename in router.registry}
    assert served <= set(paths)


def test_the_openapi_document_is_valid_and_complete(tmp_path):
    """drf-spectacular validates it against the OpenAPI 3 schema and warns about anything it
    had to guess (an untyped filter, a field it could not describe): both fail here."""
    from django.core.management import call_command

    call_command("spectacular", validate=True, fail_on_warn=True, file=str(tmp_path / "api.yaml"))


# --- Query budgets -------------------------------------------------------------------------


def queries_for(client, url):
    get(client, url)  # warm: the first request fills per-process caches
    with CaptureQueriesContext(connection) as ctx:
        get(client, url)
    return len(ctx)


def assert_fixed_queries(client, url, add_rows, budget, rows=20):
    """Same queries with 3 and with 20 rows added, and no more than ``budget``."""
    add_rows(3)
    with_three = queries_for(client, url)
    assert with_three <= budget, with_three
    add_rows(17)
    assert queries_for(client, url) == with_three
    assert len(get(client, url).json()["items"]) >= rows


def test_indicator_list_query_budget(client, site):
    def add_rows(n):
        for _ in range(n):
            indicator = IndicatorFactory(department=DepartmentFactory(), sdg_targets=["4.1", "5.2"])
            MeasurementFactory(indicator=indicator, value=Decimal(10))
            MeasurementFactory(indicator=indicator, date=datetime.date(2022, 12, 31))

    assert_fixed_queries(client, f"{API}/indicadores/?limit=100", add_rows, budget=10)


def test_commitment_list_query_budget(client, site):
    def add_rows(n):
        for _ in range(n):
            i = next(_serial)
            encounter = EncounterFactory(parent=site["section"], title=f"Encuentro {i}")
            CommitmentFactory(origin_page=encounter, department=DepartmentFactory())

    assert_fixed_queries(client, f"{API}/compromisos/?limit=100", add_rows, budget=10)


def test_improvement_action_list_query_budget(client, site):
    def add_rows(n):
        for _ in range(n):
            add_plan(site["section"], f"Plan {next(_serial)}", [("Acción", "pending")])

    assert_fixed_queries(client, f"{API}/acciones-de-mejora/?limit=100", add_rows, budget=10)


def test_cycle_list_query_budget(client, site):
    def add_rows(n):
        for _ in range(n):
            cycle = CycleFactory(parent=site["home"], year=2100 + next(_serial))
            CycleActivity.objects.create(
                cycle=cycle,
                phase="preparation",
                title="Actividad",
                start_date=datetime.date(2021, 3, 1),
                linked_page=site["hearing"],
            )

    assert_fixed_queries(client, f"{API}/vigencias/?limit=100", add_rows, budget=10)


def test_sdg_lists_query_budget(client, site):
    def add_rows(n):
        for _ in range(n):
            IndicatorFactory(department=site["health"], sdg_targets=["4.1", "13.3"])

    assert_fixed_queries(client, f"{API}/ods/?limit=100", add_rows, budget=8, rows=17)
    assert queries_for(client, f"{API}/metas-ods/?limit=100") <= 5


# --- Page endpoints: the fields citizens see -----------------------------------------------

PAGE_FIELDS = {
    "home.HomePage": {"intro", "body"},
    "rendicion.AccountabilityCycleIndexPage": {"year", "objective", "phases", "activities", "body"},
    "rendicion.DepartmentSectionPage": {"department", "intro"},
    "rendicion.DialogueEncounterPage": {
        "department",
        "modality",
        "modality_label",
        "territory",
        "start",
        "place",
        "summary",
        "stakeholder_groups",
        "attendance_total",
        "attendance",
        "body",
        "questions",
        "systematisation_document",
        "commitments",
    },
    "rendicion.ReportPage": {
        "kind",
        "kind_label",
        "department",
        "period_start",
        "period_end",
        "summary",
        "body",
        "documents",
        "indicators",
        "rights",
        "population_groups",
    },
    "rendicion.PublicHearingPage": {
        "start",
        "end",
        "place",
        "address",
        "livestream_url",
        "video_url",
        "summary",
        "agenda",
        "documents",
        "outcomes",
        "commitments",
    },
    "rendicion.ImprovementPlanPage": {
        "source",
        "source_label",
        "department",
        "summary",
        "body",
        "actions",
        "overall_progress",
    },
    "rendicion.IndicatorIndexPage": {"intro"},
    "rendicion.SdgIndexPage": {"intro"},
}


def test_every_page_type_gives_the_fields_its_page_shows(client, site, teachers):
    draft = IndicatorFactory(live=False, department=site["health"])
    report = ReportFactory(
        parent=site["section"], summary="Balance del año", department=site["education"]
    )
    report.indicators.set([teachers, draft])
    report.save_revision().publish()
    plan = add_plan(site["section"], "Plan de mejora", [("Capacitar docentes", "fulfilled")])
    private = ReportFactory(parent=site["cycle"], title="Informe restringido")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    CycleActivity.objects.create(
        cycle=site["cycle"],
        phase="evaluation",
        title="Informe final",
        start_date=datetime.date(2021, 12, 1),
        linked_page=private,
    )
    pages = [*site.values(), report, plan]
    pages = [page for page in pages if hasattr(page, "depth")]
    seen = set()
    for page in pages:
        body = get(client, f"/api/v2/pages/{page.pk}/").json()
        page_type = body["meta"]["type"]
        assert PAGE_FIELDS[page_type] <= set(body), (page_type, PAGE_FIELDS[page_type] - set(body))
        seen.add(page_type)
    assert seen == set(PAGE_FIELDS)

    report_body = get(client, f"/api/v2/pages/{report.pk}/").json()
    assert report_body["summary"] == "Balance del año"
    assert report_body["kind_label"] == "Informe de la dependencia"
    assert report_body["department"]["slug"] == "educacion"
    assert [i["code"] for i in report_body["indicators"]] == ["220100900"]  # approved only
    plan_body = get(client, f"/api/v2/pages/{plan.pk}/").json()
    assert [a["status_label"] for a in plan_body["actions"]] == ["Cumplido"]
    assert plan_body["overall_progress"] == 40
    cycle_body = get(client, f"/api/v2/pages/{site['cycle'].pk}/").json()
    assert cycle_body["year"] == 2021
    [activity] = cycle_body["activities"]
    assert activity["title"] == "Informe final"
    assert activity["linked_page"] is None  # restricted: not even its title
    assert "localhost" not in str(cycle_body)

    CommitmentFactory(text="Dotar 20 aulas", origin_page=site["hearing"], status="fulfilled")
    CommitmentFactory(text="En borrador", origin_page=site["hearing"], live=False)
    hearing_body = get(client, f"/api/v2/pages/{site['hearing'].pk}/").json()
    assert [(c["text"], c["status_label"]) for c in hearing_body["commitments"]] == [
        ("Dotar 20 aulas", "Cumplido")
    ]
