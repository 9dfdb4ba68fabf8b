"""The indicator matrices planning offices really send: departments by their other names,
SDG goals without targets, the year's target beside the four-year one, LibreOffice's .ods and
the approval e-mails in Spanish (docs/indicator-import.md)."""

from pathlib import Path

import pytest
from django.core.management.base import CommandError
from django.utils import translation

from importer.export import write_csv
from importer.plan import build_plan
from rendicion.filters import IndicatorFilter
from rendicion.models import Indicator
from tests.factories import (
    DepartmentFactory,
    IndicatorIndexFactory,
    SdgIndexFactory,
    home_page,
)
from tests.importer.test_import_limits import traced
from tests.spreadsheets import (
    HEADER,
    csv_bytes,
    ods_bytes,
    ods_cell,
    ods_row,
    row,
    run_import,
    write,
    written_counts,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def educacion():
    return DepartmentFactory(
        name="Secretaría de Educación",
        slug="educacion",
        acronym="SEM",
        aliases="Secretaría de Educación Municipal\n\nSec. de Educación\n",
    )


@pytest.fixture
def infraestructura():
    return DepartmentFactory(
        name="Secretaría de Infraestructura",
        slug="infraestructura",
        aliases="Secretaría de Infraestructura, Renovación Urbana y Vivienda",
    )


@pytest.fixture
def salud():
    return DepartmentFactory(name="Secretaría de Salud", slug="salud", aliases="Sec. de Salud")


def errors_of(plan):
    return [(problem.row, problem.column, problem.code) for problem in plan.sorted_errors]


def spanish(problem):
    with translation.override("es-co"):
        return problem.message


# --- 1. Departments by the names offices write ------------------------------------------------


def test_departments_are_found_by_their_other_names(tmp_path, educacion, infraestructura, salud):
    rows = [
        HEADER,
        row("1001", "Uno", Responsable="SECRETARIA DE EDUCACION  municipal"),
        row(
            "1002", "Dos", Responsable="Secretaría de Infraestructura, Renovación Urbana y Vivienda"
        ),
        row("1003", "Tres", Responsable="Sec. de Salud"),
        row("1004", "Cuatro", Responsable="sec de educación"),
    ]
    run_import(write(tmp_path, "alias.xlsx", xlsx_bytes(rows)))

    departments = dict(Indicator.objects.values_list("code", "department__slug"))
    assert departments == {
        "1001": "educacion",
        "1002": "infraestructura",
        "1003": "salud",
        "1004": "educacion",
    }


def test_an_unknown_department_suggests_the_closest_one(tmp_path, educacion, salud):
    before = written_counts()
    rows = [
        HEADER,
        row("1001", "Bien"),
        row("1002", "Mal escrito", Responsable="Secretaria de Educasion"),
        row("1003", "Desconocida", Responsable="Secretaría de Hacienda"),
    ]
    path = write(tmp_path, "typo.xlsx", xlsx_bytes(rows))

    with pytest.raises(CommandError):
        run_import(path)
    assert written_counts() == before

    plan = build_plan(path.read_bytes(), path.name)
    assert errors_of(plan) == [
        (3, "Responsable", "unknown_department"),
        (4, "Responsable", "unknown_department"),
    ]
    typo, unknown = plan.sorted_errors
    assert spanish(typo).endswith("¿Quiso decir «Secretaría de Educación»?")
    assert "Quiso decir" not in spanish(unknown)


def test_an_alias_two_departments_claim_matches_neither(educacion):
    DepartmentFactory(name="Secretaría de Gobierno", slug="gobierno", aliases="Sec. de Educación")
    plan = build_plan(csv_bytes([HEADER, row(Responsable="Sec. de Educación")]), "a.csv")
    assert errors_of(plan) == [(2, "Responsable", "unknown_department")]
    # The department's own name always wins over another's alias.
    DepartmentFactory(name="Secretaría de Salud", slug="salud", aliases="Secretaría de Educación")
    plan = build_plan(csv_bytes([HEADER, row()]), "b.csv")
    assert plan.ok and plan.to_create[0].data.department == educacion


def test_the_demo_departments_carry_the_long_names():
    from demo.loader import load_departments
    from demo.organisation import DEPARTMENT_ALIASES
    from rendicion.models import Department

    class Refs:
        departments = {}

    class Stats:
        def record(self, *args):
            pass

    load_departments(Refs(), Stats())
    educacion = Department.objects.get(slug="educacion")
    educacion.aliases += "\nEducación Palmira"
    educacion.save()
    load_departments(Refs(), Stats())  # a second run keeps what an administrator added

    educacion.refresh_from_db()
    assert educacion.alias_list == [*DEPARTMENT_ALIASES["educacion"], "Educación Palmira"]
    assert "Secretaría de Infraestructura, Renovación Urbana y Vivienda" in (
        Department.objects.get(slug="infraestructura").alias_list
    )


# --- 2. SDG goals written without a target -------------------------------------------------


def goal_numbers(indicator):
    return sorted(goal.number for goal in indicator.sdg_goals.all())


def target_codes(indicator):
    return sorted(target.code for target in indicator.sdg_targets.all())


GOAL_CELLS = [
    ("1001", "4 - Educación de calidad", [4], []),
    ("1002", "ODS 4", [4], []),
    ("1003", "15", [15], []),
    ("1004", "ODS 6 - Agua limpia y saneamiento", [6], []),
    ("1005", "4.1, ODS 15", [15], ["4.1"]),
    ("1006", "ODS 4: 4.a", [], ["4.a"]),  # a goal with one of its targets: the target only
]


def test_goal_only_cells_link_the_goal(tmp_path, educacion):
    rows = [HEADER, *(row(code, f"Indicador {code}", ODS=cell) for code, cell, *_ in GOAL_CELLS)]
    rows.append(row("1007", "Número de Excel", ODS=15.0))  # "15" that Excel made a number
    run_import(write(tmp_path, "ods.xlsx", xlsx_bytes(rows)))

    for code, _cell, goals, targets in GOAL_CELLS:
        indicator = Indicator.objects.get(code=code)
        assert (goal_numbers(indicator), target_codes(indicator)) == (goals, targets), code
    assert goal_numbers(Indicator.objects.get(code="1007")) == [15]


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("ODS 18", "unknown_sdg_goal"),
        ("4 - Agua limpia y saneamiento", "sdg_goal_name_mismatch"),
        ("ODS cuatro", "unrecognised_sdg"),
    ],
)
def test_a_wrong_goal_is_an_error_and_writes_nothing(tmp_path, educacion, cell, code):
    before = written_counts()
    path = write(tmp_path, "e.csv", csv_bytes([HEADER, row("1001", "Bien"), row(ODS=cell)]))
    with pytest.raises(CommandError):
        run_import(path)
    assert written_counts() == before
    assert errors_of(build_plan(path.read_bytes(), path.name)) == [(3, "ODS", code)]


@pytest.fixture
def site_pages():
    home = home_page()
    return IndicatorIndexFactory(parent=home), SdgIndexFactory(parent=home)


def test_goal_linked_indicators_count_like_target_linked_ones(
    client, tmp_path, educacion, site_pages
):
    rows = [
        HEADER,
        row("1001", "Por la meta", ODS="4.1"),
        row("1002", "Por el objetivo", ODS="4 - Educación de calidad"),
        row("1003", "Por otro objetivo", ODS="ODS 15"),
    ]
    run_import(write(tmp_path, "ods.csv", csv_bytes(rows)))
    by_goal = {"ods": "4"}

    filtered = IndicatorFilter(by_goal, queryset=Indicator.objects.public()).qs
    assert sorted(filtered.values_list("code", flat=True)) == ["1001", "1002"]

    _indicators, sdg_index = site_pages
    goal_page = client.get(f"{sdg_index.url}4/").content.decode()
    assert "Por la meta" in goal_page and "Por el objetivo" in goal_page
    assert "Por otro objetivo" not in goal_page
    index = client.get(sdg_index.url).content.decode()
    tile_4 = index.split('href="/ods/4/"', 1)[1].split("</a>", 1)[0]
    assert "2 indicadores" in tile_4
    detail = client.get(Indicator.objects.get(code="1002").get_url()).content.decode()
    assert 'href="/ods/4/"' in detail and "ODS 4" in detail


def test_goal_links_round_trip_through_the_export(tmp_path, educacion):
    rows = [HEADER, row("1001", "Mixto", ODS="4.1, 15"), row("1002", "Solo", ODS="ODS 6")]
    run_import(write(tmp_path, "ods.csv", csv_bytes(rows)))
    exported = tmp_path / "export.csv"
    with exported.open("wb") as output:
        write_csv(output)
    text = exported.read_text(encoding="utf-8-sig")
    assert "4.1, ODS 15" in text and "ODS 6" in text

    plan = build_plan(exported.read_bytes(), exported.name)
    assert plan.ok and len(plan.unchanged) == 2
    # Removing the goal from the file removes the link, with --update.
    rows = [HEADER, row("1001", "Mixto", ODS="4.1"), row("1002", "Solo", ODS="ODS 6")]
    run_import(write(tmp_path, "sin.csv", csv_bytes(rows)), "--update")
    assert goal_numbers(Indicator.objects.get(code="1001")) == []
    assert goal_numbers(Indicator.objects.get(code="1002")) == [6]


# --- 3. The year's target beside the four-year target ------------------------------------------

YEAR_HEADER = [*HEADER, "Meta 2021", "Meta vigencia 2022"]


def year_row(code="220100900", name="Docentes beneficiados", **cells):
    """A row of YEAR_HEADER: ``row`` and the two year-target cells."""
    extra = [cells.pop(column, "") for column in YEAR_HEADER[len(HEADER) :]]
    return [*row(code, name, **cells), *extra]


def year_targets(indicator):
    return {t.year: (t.value, t.text) for t in indicator.year_targets.all()}


def test_year_targets_are_imported_and_shown(client, tmp_path, educacion, site_pages):
    from decimal import Decimal

    rows = [
        YEAR_HEADER,
        year_row(**{"Avance 2021": "800", "Meta 2021": "750", "Meta vigencia 2022": "900"}),
        year_row(
            "1002", "Texto", **{"Meta 2021": "06 IEO con mejoramiento", "Meta vigencia 2022": ""}
        ),
    ]
    run_import(write(tmp_path, "anual.xlsx", xlsx_bytes(rows)))

    docentes = Indicator.objects.get(code="220100900")
    assert year_targets(docentes) == {2021: (Decimal(750), ""), 2022: (Decimal(900), "")}
    assert docentes.target_value == Decimal(1050)  # the four-year target is untouched
    assert year_targets(Indicator.objects.get(code="1002")) == {
        2021: (None, "06 IEO con mejoramiento")
    }
    html = client.get(docentes.get_url()).content.decode()
    figures = html.split('class="figures', 1)[1].split("</dl>", 1)[0]
    assert "Meta del cuatrienio" in figures and "1.050" in figures
    # The year of the latest measurement (2021), not the last year with a target.
    assert "Meta 2021" in figures and "750" in figures
    assert "2021: 750 · 2022: 900" in html


def test_meta_vigencia_takes_the_year_of_the_avance_columns(educacion):
    header = [*HEADER, "Meta vigencia"]
    plan = build_plan(csv_bytes([header, [*row(), "700"]]), "v.csv")
    assert plan.ok
    assert {year: q.value for year, q in plan.to_create[0].data.year_targets.items()} == {2021: 700}
    # Without a single year of Avance columns, the year cannot be told.
    header = [h for h in HEADER if h != "Avance 2021"] + ["Meta vigencia"]
    plan = build_plan(csv_bytes([header, [*row()[:-1], "700"]]), "v.csv")
    assert errors_of(plan) == [(1, "Meta vigencia", "unknown_target_year")]


def test_year_targets_update_like_measurements(tmp_path, educacion):
    from decimal import Decimal

    first = [YEAR_HEADER, year_row(**{"Meta 2021": "750", "Meta vigencia 2022": "900"})]
    run_import(write(tmp_path, "a.csv", csv_bytes(first)))
    before = written_counts()
    changed = [YEAR_HEADER, year_row(**{"Meta 2021": "760", "Meta vigencia 2022": ""})]
    path = write(tmp_path, "b.csv", csv_bytes(changed))

    with pytest.raises(CommandError):  # a change needs --update
        run_import(path)
    assert written_counts() == before
    run_import(path, "--update")
    # The changed year takes the new value; the empty cell keeps 2022.
    docentes = Indicator.objects.get(code="220100900")
    assert year_targets(docentes) == {2021: (Decimal(760), ""), 2022: (Decimal(900), "")}
    assert docentes.live_revision.as_object().year_targets.count() == 2

    exported = tmp_path / "export.csv"
    with exported.open("wb") as output:
        write_csv(output)
    header = exported.read_text(encoding="utf-8-sig").splitlines()[0].split(";")
    assert "Meta 2021" in header and "Meta 2022" in header
    assert build_plan(exported.read_bytes(), exported.name).unchanged


def test_a_bad_year_target_writes_nothing(tmp_path, educacion):
    import datetime

    before = written_counts()
    rows = [
        YEAR_HEADER,
        year_row("1001", "Bien", **{"Meta 2021": "10"}),
        year_row(**{"Meta 2021": "2021-01-01"}),
    ]
    workbook_rows = [list(r) for r in rows]
    workbook_rows[2][-2] = datetime.date(2021, 1, 1)  # a date Excel made of the text
    path = write(tmp_path, "mal.xlsx", xlsx_bytes(workbook_rows))
    with pytest.raises(CommandError):
        run_import(path)
    assert written_counts() == before
    assert errors_of(build_plan(path.read_bytes(), path.name)) == [
        (3, "Meta 2021", "date_not_number")
    ]


# --- 4. LibreOffice's .ods ---------------------------------------------------------------------

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def ambiente():
    return DepartmentFactory(
        name="Secretaría de Ambiente", slug="ambiente", aliases="Secretaría de Medio Ambiente"
    )


def test_a_libreoffice_matrix_imports(tmp_path, educacion, infraestructura, salud, ambiente):
    """matriz-libreoffice.ods: LibreOffice's own conversion of matriz-libreoffice.csv (see
    fixtures/README.md): a title row, departments by their long names, goal-only SDG cells,
    "Meta 2021" and percentages."""
    from decimal import Decimal

    out, _err = run_import(FIXTURES / "matriz-libreoffice.ods")

    docentes = Indicator.objects.get(code="220100900")
    assert docentes.department == educacion
    assert goal_numbers(docentes) == [4] and target_codes(docentes) == []
    assert (docentes.baseline_value, docentes.target_value) == (Decimal(400), Decimal(1050))
    assert year_targets(docentes) == {2021: (Decimal(750), "")}
    assert [(m.period, m.value) for m in docentes.measurements.all()] == [("2021", Decimal(800))]

    agua = Indicator.objects.get(code="230400100")
    assert agua.department == infraestructura
    assert goal_numbers(agua) == [6]
    # "85%" is a percentage cell in LibreOffice (0.85): read as the 85 people see.
    assert (agua.baseline_value, agua.target_value) == (Decimal(85), Decimal(95))
    assert year_targets(agua) == {2021: (Decimal(90), "")}
    assert agua.measurements.get().value == Decimal(88)

    jornadas = Indicator.objects.get(code="240100300")
    assert jornadas.department == salud
    assert (goal_numbers(jornadas), target_codes(jornadas)) == ([15], ["3.2"])
    bosque = Indicator.objects.get(code="240100400")
    assert bosque.department == ambiente and goal_numbers(bosque) == [15]


def test_an_ods_with_an_error_writes_nothing(tmp_path, educacion):
    before = written_counts()
    data = ods_bytes([HEADER, row("1001", "Bien"), row(Responsable="Secretaría de Hacienda")])
    path = write(tmp_path, "mal.ods", data)
    with pytest.raises(CommandError):
        run_import(path)
    assert written_counts() == before
    assert errors_of(build_plan(data, "mal.ods")) == [(3, "Responsable", "unknown_department")]


def test_ods_merged_cells_fill_their_range(educacion):
    cells = [ods_cell(value) for value in row("1001", "Uno")]
    responsable = HEADER.index("Responsable")
    cells[responsable] = ods_cell("Secretaría de Educación", spanned=(2, 1))
    second = [ods_cell(value) for value in row("1002", "Dos")]
    second[responsable] = "<table:covered-table-cell/>"
    data = ods_bytes(
        xml_rows=[ods_row([ods_cell(h) for h in HEADER]), ods_row(cells), ods_row(second)]
    )
    plan = build_plan(data, "merged.ods")
    assert plan.ok, plan.errors
    assert [item.data.department for item in plan.to_create] == [educacion, educacion]


def test_ods_repeated_cells_count_against_the_limits(db):
    # 3,000 × 3,000 repeated cells in 1 KB: python-calamine would expand them to 1.2 GB.
    bomb = ods_bytes(xml_rows=[ods_row([ods_cell("x", columns_repeated=3000)], rows_repeated=3000)])
    assert len(bomb) < 2000
    plan = traced(build_plan, bomb, "bomba.ods")
    assert [problem.code for problem in plan.errors] == ["too_many_cells"]

    far = ods_bytes(
        xml_rows=[
            ods_row([ods_cell("Indicador")]),
            ods_row([ods_cell(None)], rows_repeated=30_000),
            ods_row([ods_cell("x")]),
        ]
    )
    plan = traced(build_plan, far, "lejos.ods")
    assert [problem.code for problem in plan.errors] == ["too_many_rows"]

    # A wide first row and a far last one: few cells, but a huge rectangle to hold.
    corner = ods_bytes(
        xml_rows=[
            ods_row([ods_cell(None, columns_repeated=16_000), ods_cell("x")]),
            ods_row([ods_cell(None)], rows_repeated=19_000),
            ods_row([ods_cell("y")]),
        ]
    )
    plan = traced(build_plan, corner, "esquina.ods")
    assert [problem.code for problem in plan.errors] == ["too_many_cells"]


def test_ods_zip_bomb_is_refused_from_the_zip_directory(db):
    rows = (ods_row([ods_cell("x")]) for _ in range(2_000_000))
    bomb = ods_bytes(xml_rows=rows)
    assert len(bomb) < 2 * 2**20
    plan = traced(build_plan, bomb, "bomba.ods")
    assert [problem.code for problem in plan.errors] == ["suspicious_compression"]


def test_styled_empty_area_of_a_libreoffice_sheet_is_not_content(educacion):
    # LibreOffice writes the rest of the sheet as one repeated empty row.
    rows = [ods_row([ods_cell(value) for value in values]) for values in [HEADER, row()]]
    rows.append(ods_row([ods_cell(None, columns_repeated=1024)], rows_repeated=1_048_574))
    plan = traced(build_plan, ods_bytes(xml_rows=rows), "libreoffice.ods")
    assert plan.ok and len(plan.to_create) == 1


def test_an_ods_that_is_not_one_is_unreadable(db):
    plan = build_plan(b"PK\x03\x04 not really a zip", "roto.ods")
    assert [problem.code for problem in plan.errors] == ["unreadable"]
    plan = build_plan(csv_bytes([HEADER]), "texto.ods")
    assert [problem.code for problem in plan.errors] == ["unreadable"]


def test_the_admin_screen_takes_an_ods(client, educacion):
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile

    admin = get_user_model().objects.create_superuser("admin", "a@example.com", "x")
    client.force_login(admin)
    url = "/admin/snippets/rendicion/indicator/import/"
    data = ods_bytes([HEADER, row("1001", "Desde LibreOffice", Responsable="Sec. de Educación")])

    response = client.post(url, {"file": SimpleUploadedFile("matriz.ods", data)})
    assert response.status_code == 200
    assert response.context["plan"].ok and len(response.context["plan"].to_create) == 1
    client.post(url, {"token": response.context["token"]})
    assert Indicator.objects.get(code="1001").department == educacion


# --- 5. The approval e-mails an import sends, in Spanish ---------------------------------------


def test_the_approval_e_mail_of_an_import_is_in_spanish(tmp_path, educacion):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core import mail

    from tests.spreadsheets import assign_indicator_workflow

    assign_indicator_workflow()
    users = get_user_model().objects
    approver = users.create_user("aprobador", "aprobador@example.com", "x", first_name="Ana")
    approver.groups.add(Group.objects.get(name="Aprobadores de indicadores"))
    users.create_user("enlace", "enlace@example.com", "x")
    path = write(tmp_path, "n.csv", csv_bytes([HEADER, row("3001", "Nuevo")]))

    run_import(path, "--user", "enlace")

    [message] = mail.outbox
    assert message.to == ["aprobador@example.com"]
    assert message.subject == (
        "El indicador “3001 · Nuevo” fue enviado a aprobación en la etapa de moderación "
        "“Aprobación”"
    )
    assert message.body.startswith("Hola Ana,")
    assert (
        "El indicador “3001 · Nuevo” fue enviado a aprobación en la etapa de moderación "
        "“Aprobación”." in message.body
    )
    assert "has been" not in message.body


NOTIFICATION_TEMPLATES = [
    f"wagtailadmin/notifications/{name}{suffix}"
    for name in (
        "task_state_submitted",
        "task_state_approved",
        "task_state_rejected",
        "workflow_state_submitted",
        "workflow_state_approved",
        "workflow_state_rejected",
    )
    for suffix in (".txt", "_subject.txt", ".html")
]


@pytest.mark.parametrize("template", NOTIFICATION_TEMPLATES)
def test_every_workflow_e_mail_about_an_indicator_reads_in_spanish(template, educacion):
    """Wagtail's templates, rendered as its notifiers do: an upgrade that changes one of their
    sentences (SNIPPET_NOTIFICATION_STRINGS) shows up here in English."""
    from django.contrib.auth import get_user_model
    from django.template.loader import render_to_string
    from wagtail.models import GroupApprovalTask, Workflow

    from tests.factories import IndicatorFactory

    indicator = IndicatorFactory(code="3001", name="Nuevo", department=educacion)
    user = get_user_model().objects.create_user("ana", "ana@example.com", "x", first_name="Ana")
    context = {
        "object": indicator,
        "model_name": indicator._meta.verbose_name,
        "task": GroupApprovalTask(name="Aprobación"),
        "workflow": Workflow(name="Indicadores"),
        "requested_by": user,
        "user": user,
        "settings": {},
    }
    for extra in ({}, {"approved_by": user, "rejected_by": user, "requested_by": user}):
        with translation.override("es-co"):
            text = render_to_string(template, {**context, **extra})
        assert "has been" not in text and "You can" not in text, text
        assert "El indicador “3001 · Nuevo”" in text or "el indicador “3001 · Nuevo”" in text
