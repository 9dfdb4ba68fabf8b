"""python manage.py import_indicators: the seed's table, messy real-world files, strict errors,
updates, dry runs and approval workflows."""

import datetime
import re
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.translation import gettext
from wagtail.actions.create import CreateAction
from wagtail.actions.edit import EditAction
from wagtail.models import ModelLogEntry, ReferenceIndex, WorkflowState
from wagtail.search.backends import get_search_backend

from importer.cells import Quantity, read_quantity, read_sdg_targets
from importer.plan import build_plan
from rendicion.models import (
    Indicator,
    IndicatorMeasurement,
    IndicatorYearTarget,
    SdgGoal,
    SdgTarget,
)
from tests.factories import DepartmentFactory, IndicatorFactory, MeasurementFactory
from tests.spreadsheets import (
    HEADER,
    SEED_PAGE,
    SEED_PRODUCT_HEADER,
    SEED_PRODUCT_ROWS,
    SEED_RESULT_HEADER,
    SEED_RESULT_ROW,
    assign_indicator_workflow,
    csv_bytes,
    row,
    run_import,
    write,
    written_counts,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db

SABER_11 = SEED_RESULT_ROW[1]


@pytest.fixture
def educacion():
    return DepartmentFactory(name="Secretaría de Educación", slug="educacion", acronym="SEM")


@pytest.fixture
def salud():
    return DepartmentFactory(name="Secretaría de Salud", slug="salud", acronym="SSM")


def nothing_imported(count):
    # Messages reach users in Spanish: compare with what the catalog makes of them.
    return gettext("%(count)s error(s) found; nothing was imported.") % {"count": count}


def sdg_codes(indicator):
    return sorted(target.code for target in indicator.sdg_targets.all())


def errors_of(plan):
    return [(problem.row, problem.column, problem.code) for problem in plan.sorted_errors]


# --- The seed's table as written ----------------------------------------------------------


def test_seed_page_imports_as_written(tmp_path, educacion):
    out, _err = run_import(write(tmp_path, "seed.xlsx", xlsx_bytes(SEED_PAGE)))

    assert Indicator.objects.count() == 4
    saber = Indicator.objects.get(name=SABER_11)
    assert saber.code == ""
    assert saber.kind == Indicator.Kind.RESULT  # no Tipo column and no code
    assert saber.baseline_value is None
    assert saber.baseline_text == (
        "08 IE clasificación C 08 IE clasificación B 08 IE clasificación A"
    )
    assert saber.target_value is None
    assert saber.target_text == "06 IEO con mejoramiento de clasificación de plantel"
    assert saber.department == educacion
    assert sdg_codes(saber) == ["13.3", "4.1", "4.2", "4.3", "4.4", "4.5"]
    assert saber.programme == ""  # the heading row sits in the other table

    docentes = Indicator.objects.get(code="220100900")
    assert docentes.kind == Indicator.Kind.PRODUCT
    assert (docentes.baseline_value, docentes.target_value) == (Decimal(400), Decimal(1050))
    assert docentes.baseline_text == docentes.target_text == ""
    assert docentes.programme == "entornos escolares"
    assert docentes.unit == "Número"
    assert docentes.slug == "220100900"
    # The heading row is not an indicator, and is reported as read.
    assert not Indicator.objects.filter(name="entornos escolares").exists()
    assert "entornos escolares" in out
    # Published through Wagtail: live, with a revision and audit-log entries.
    assert docentes.live and docentes.live_revision_id == docentes.latest_revision_id
    assert docentes.revisions.count() == 1


def test_seed_tables_as_separate_csv_files(tmp_path, educacion):
    run_import(write(tmp_path, "resultado.csv", csv_bytes([SEED_RESULT_HEADER, SEED_RESULT_ROW])))
    run_import(
        write(tmp_path, "producto.csv", csv_bytes([SEED_PRODUCT_HEADER, *SEED_PRODUCT_ROWS]))
    )
    assert set(Indicator.objects.values_list("code", flat=True)) == {
        "",
        "220100900",
        "220100700",
        "220103401",
    }
    assert Indicator.objects.get(code="220103401").baseline_value == Decimal(27)


# --- A messy file with every tolerated variant ---------------------------------------------


def messy_file():
    rows = [
        ["ALCALDÍA DE PALMIRA"],  # 1: title rows above the header
        ["Matriz de indicadores del Plan de Desarrollo 2020-2023"],  # 2
        [],  # 3
        [
            "  ods ",
            "CÓDIGO",
            "Indicador",
            "tipo",
            "Unidad de  medida",
            "LINEA DE BASE",
            "Meta",
            "Responsable",
            "Línea Estratégica",
            "Programa",
            "Sentido",
            "Avance 2021",
            "Avance 2022-S1",
            "Avance 2022 T2",
            "Observaciones",
        ],  # 4
        [
            None,
            "Educación de calidad",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ],  # 5: heading merged across the row
        [
            "4.1, 4.2",
            "1001",
            "Docentes formados",
            "producto",
            "Número",
            "08",
            "1.050",
            "secretaria de educacion",
            "Palmira pa'lante",
            None,
            "incremento",
            "1,5",
            None,
            None,
            "texto libre",
        ],  # 6
        [
            "Meta: 4.1 4.2",
            "1002",
            "Estudiantes evaluados",
            "Producto",
            "Número",
            "1,5",
            "27 IE",
            None,
            None,
            None,
            "reducción",
            None,
            "45%",
            None,
            None,
        ],  # 7: Responsable merged ↑
        [],  # 8: an empty row in the middle
        [
            "4.1 y 4.2",
            "1003",
            "Cobertura",
            "Producto",
            "Porcentaje",
            0.45,
            "90%",
            None,
            None,
            "Calidad",
            "Mantenimiento",
            None,
            None,
            12,
            None,
        ],  # 9: Responsable merged ↑↑
        [
            4.1,
            "1004",
            "<p>Sedes <b>dotadas</b></p>",
            "Resultado",
            "Número",
            "08 IE clasificación C 08 IE clasificación B",
            1050,
            "SECRETARÍA DE EDUCACIÓN",
            None,
            None,
            None,
            "1.050",
            None,
            None,
            None,
        ],  # 10
        [
            "ODS 4: 4.a",
            "1005",
            "Becas",
            None,
            "Número",
            "27 IE",
            "45 %",
            "SEM",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ],  # 11: the department's acronym
    ]
    return xlsx_bytes(rows, merges=["B5:O5", "H6:H9"], percent=["F9"])


def test_messy_file_imports_every_tolerated_variant(tmp_path, educacion):
    out, _err = run_import(write(tmp_path, "messy.xlsx", messy_file()))

    assert Indicator.objects.count() == 5
    by_code = {indicator.code: indicator for indicator in Indicator.objects.all()}
    docentes, estudiantes, cobertura, sedes, becas = (
        by_code[c] for c in ("1001", "1002", "1003", "1004", "1005")
    )
    # Numbers written as text.
    assert docentes.baseline_value == Decimal(8)  # "08"
    assert docentes.target_value == Decimal(1050)  # "1.050": dot for thousands
    assert estudiantes.baseline_value == Decimal("1.5")  # "1,5": decimal comma
    assert estudiantes.target_value == Decimal(27)  # "27 IE": a number and its unit
    assert estudiantes.target_text == ""
    assert cobertura.baseline_value == Decimal(45)  # 0.45 in a cell formatted as 45 %
    assert cobertura.target_value == Decimal(90)  # "90%"
    assert sedes.target_value == Decimal(1050)  # a numeric cell
    assert becas.baseline_value == Decimal(27) and becas.target_value == Decimal(45)
    # A text baseline stays text.
    assert sedes.baseline_value is None
    assert sedes.baseline_text == "08 IE clasificación C 08 IE clasificación B"
    # SDG lists in every spelling, including a lone target Excel stored as a number.
    for indicator in (docentes, estudiantes, cobertura):
        assert sdg_codes(indicator) == ["4.1", "4.2"]
    assert sdg_codes(sedes) == ["4.1"]
    assert sdg_codes(becas) == ["4.a"]
    # Department names ignoring case and accents, the acronym, and a merged column.
    assert {indicator.department for indicator in by_code.values()} == {educacion}
    # HTML pasted from the web is removed.
    assert sedes.name == "Sedes dotadas"
    # Kind and direction spellings; missing kind of a coded row: product.
    assert sedes.kind == Indicator.Kind.RESULT and becas.kind == Indicator.Kind.PRODUCT
    assert docentes.direction == "increase"
    assert estudiantes.direction == "decrease"
    assert cobertura.direction == "maintain"
    assert becas.direction == "increase"  # no value: the default
    # The heading row sets the programme of the rows below it; a row's own value wins.
    assert docentes.programme == estudiantes.programme == "Educación de calidad"
    assert cobertura.programme == "Calidad"
    assert docentes.plan_line == "Palmira pa'lante"
    # Measurements: one per "Avance" column, cut-off at the end of the period.
    assert [(m.period, m.date, m.value) for m in docentes.measurements.all()] == [
        ("2021", datetime.date(2021, 12, 31), Decimal("1.5"))
    ]
    assert [(m.period, m.date, m.value) for m in estudiantes.measurements.all()] == [
        ("2022-S1", datetime.date(2022, 6, 30), Decimal(45))
    ]
    assert [(m.period, m.date) for m in cobertura.measurements.all()] == [
        ("2022-T2", datetime.date(2022, 6, 30))
    ]
    assert sedes.measurements.get().value == Decimal(1050)
    # The extra column is reported, not imported.
    assert "Observaciones" in out


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("08", Quantity(Decimal(8), "")),
        ("1.050", Quantity(Decimal(1050), "")),  # dot + three digits: thousands
        ("1.050.000", Quantity(Decimal(1050000), "")),
        ("1,5", Quantity(Decimal("1.5"), "")),  # comma: decimals
        ("1.050,75", Quantity(Decimal("1050.75"), "")),
        ("1.5", Quantity(Decimal("1.5"), "")),  # dot + other than three digits: decimals
        ("0.500", Quantity(Decimal("0.5"), "")),  # a leading zero is never a thousands group
        ("1 050", Quantity(Decimal(1050), "")),
        ("$ 2.000.000", Quantity(Decimal(2000000), "")),
        ("27 IE", Quantity(Decimal(27), "")),  # number + one word: the unit
        ("45%", Quantity(Decimal(45), "")),
        ("1.200 millones", Quantity(None, "1.200 millones")),  # a multiplier: kept as text
        ("06 IEO con mejoramiento", Quantity(None, "06 IEO con mejoramiento")),
        ("2021 2022", Quantity(None, "2021 2022")),
        ("Sin información", Quantity(None, "Sin información")),
    ],
)
def test_number_rules(cell, expected):
    assert read_quantity(cell) == expected


@pytest.mark.parametrize(
    "cell", ["4.1, 4.2", "Meta: 4.1 4.2", "4.1 y 4.2", "4.1;4.2", "<p>Meta: 4.1</p><p>4.2</p>"]
)
def test_sdg_list_spellings(cell):
    assert read_sdg_targets(cell).codes == ["4.1", "4.2"]


def test_windows_1252_semicolon_csv(tmp_path, educacion):
    rows = [
        ["Matriz de indicadores"],
        HEADER,
        row(
            "2201",
            "Niñas y niños atendidos en jardín",
            **{
                "Línea Base": "1.200",
                "Meta": "1.500,5",
                "Avance 2021": "1.350",
                "Programa": "Atención integral",
            },
        ),
    ]
    path = write(tmp_path, "excel.csv", csv_bytes(rows, delimiter=";", encoding="cp1252"))
    run_import(path)

    indicator = Indicator.objects.get(code="2201")
    assert indicator.name == "Niñas y niños atendidos en jardín"
    assert indicator.department == educacion
    assert (indicator.baseline_value, indicator.target_value) == (Decimal(1200), Decimal("1500.5"))
    assert indicator.programme == "Atención integral"
    assert indicator.measurements.get().value == Decimal(1350)


def test_utf8_csv_with_bom_and_commas(tmp_path, educacion):
    data = b"\xef\xbb\xbf" + csv_bytes(
        [HEADER, row("2202", "Jóvenes en educación superior", ODS="4.3, 4.4")]
    )
    run_import(write(tmp_path, "utf8.csv", data))
    assert sdg_codes(Indicator.objects.get(code="2202")) == ["4.3", "4.4"]


# --- Strict errors: nothing written, every error with its row -------------------------------


@pytest.mark.parametrize(
    ("cells", "column", "code"),
    [
        ({"Responsable": "Secretaría de Hacienda"}, "Responsable", "unknown_department"),
        ({"ODS": "4.1, 4.12"}, "ODS", "unknown_sdg_target"),
        ({"ODS": "cuatro"}, "ODS", "unrecognised_sdg"),
        ({"ODS": "ODS 18"}, "ODS", "unknown_sdg_goal"),
        ({"ODS": "4 - Agua limpia"}, "ODS", "sdg_goal_name_mismatch"),
        ({"Indicador": ""}, "Indicador", "missing_name"),
        ({"Unidad de Medida": ""}, "Unidad de Medida", "missing_unit"),
        ({"Línea Base": ""}, "Línea Base", "missing_baseline"),
        ({"Responsable": ""}, "Responsable", "missing_department"),
        ({"Tipo": "Gestión"}, "Tipo", "invalid_kind"),
        ({"Sentido": "arriba"}, "Sentido", "invalid_direction"),
        ({"Avance 2021": "pendiente"}, "Avance 2021", "invalid_number"),
        ({"Código": "1" * 31}, "Código", "too_long"),
    ],
)
def test_each_error_kind_writes_nothing(tmp_path, educacion, cells, column, code):
    IndicatorFactory(code="999", department=educacion)
    before = written_counts()
    rows = [["Título"], HEADER, row("1001", "Bien escrito"), row("1002", "Con error", **cells)]
    path = write(tmp_path, "error.xlsx", xlsx_bytes(rows))

    with pytest.raises(CommandError, match=re.escape(nothing_imported(1))):
        run_import(path)

    assert written_counts() == before
    plan = build_plan(path.read_bytes(), path.name)
    assert errors_of(plan) == [(4, column, code)]


def test_duplicate_code_points_at_both_rows(tmp_path, educacion):
    rows = [HEADER, row("1001", "Primero"), row("1002", "Otro"), row("1001", "Repetido")]
    plan = build_plan(xlsx_bytes(rows), "dup.xlsx")
    assert errors_of(plan) == [(4, "Código", "duplicate_code")]
    assert plan.errors[0].params["first_row"] == 2
    assert Indicator.objects.count() == 0


def test_duplicate_name_without_code_points_at_both_rows(educacion, salud):
    rows = [
        HEADER,
        row("", "Sin código"),
        row("", "Sin código", Responsable=salud.name),
        row("", "sin  código"),
    ]
    plan = build_plan(xlsx_bytes(rows), "dup.xlsx")
    assert errors_of(plan) == [(4, "Indicador", "duplicate_name")]  # same department only
    assert plan.errors[0].params["first_row"] == 2


def test_a_row_without_code_naming_two_indicators_is_ambiguous(educacion):
    IndicatorFactory(code="", slug="a", name="Sin código", department=educacion)
    IndicatorFactory(code="", slug="b", name="Sin código", department=educacion)
    plan = build_plan(xlsx_bytes([HEADER, row("", "Sin código")]), "amb.xlsx")
    assert errors_of(plan) == [(2, "Indicador", "ambiguous_match")]
    assert plan.items == []


def test_every_error_is_reported_with_its_row(tmp_path, educacion):
    rows = [
        ["Matriz 2021"],
        HEADER,
        row("1001", "", Responsable="Hacienda"),
        row("1002", "Bien"),
        row("1003", "Malo", ODS="99.1"),
        row("1001", "Repetido"),
    ]
    path = write(tmp_path, "many.csv", csv_bytes(rows))
    before = written_counts()

    with pytest.raises(CommandError, match=re.escape(nothing_imported(4))):
        _out, err = run_import(path)

    assert written_counts() == before
    assert errors_of(build_plan(path.read_bytes(), path.name)) == [
        (3, "Indicador", "missing_name"),
        (3, "Responsable", "unknown_department"),
        (5, "ODS", "unknown_sdg_target"),
        (6, "Código", "duplicate_code"),
    ]


def test_error_report_names_row_and_column(tmp_path, educacion):
    path = write(tmp_path, "e.csv", csv_bytes([HEADER, row(ODS="4.99")]))
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command("import_indicators", str(path), stdout=out, stderr=err)
    report = err.getvalue()
    assert "2" in report and "“ODS”" in report and "4.99" in report


def test_missing_required_column(tmp_path, educacion):
    header = [column for column in HEADER if column != "Responsable"]
    plan = build_plan(csv_bytes([header, row()[:7]]), "x.csv")
    assert errors_of(plan) == [(1, "Responsable", "missing_column")]


def test_unreadable_period_column(tmp_path, educacion):
    header = [*HEADER[:-1], "Avance acumulado"]
    plan = build_plan(csv_bytes([header, row()]), "x.csv")
    assert errors_of(plan) == [(1, "Avance acumulado", "unknown_period")]


def test_file_without_header(tmp_path, educacion):
    plan = build_plan(csv_bytes([["a", "b"], ["c", "d"]]), "x.csv")
    assert [problem.code for problem in plan.errors] == ["no_header"]


def test_old_excel_file_is_refused(tmp_path):
    plan = build_plan(b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "viejo.xls")
    assert [problem.code for problem in plan.errors] == ["old_excel"]


def test_a_date_where_a_number_belongs(tmp_path, educacion):
    rows = [HEADER, row(**{"Línea Base": datetime.datetime(2021, 1, 4)})]
    plan = build_plan(xlsx_bytes(rows), "x.xlsx")
    assert errors_of(plan) == [(2, "Línea Base", "date_not_number")]


# --- Dry run and updates --------------------------------------------------------------------


def test_dry_run_prints_the_plan_and_writes_nothing(tmp_path, educacion):
    IndicatorFactory(
        code="1001",
        name="Docentes",
        department=educacion,
        baseline_value=Decimal(400),
        target_value=Decimal(1000),
    )
    before = written_counts()
    rows = [HEADER, row("1001", "Docentes", Meta="1050"), row("1002", "Nuevo")]

    out, _err = run_import(write(tmp_path, "d.csv", csv_bytes(rows)), "--dry-run", "--update")

    assert written_counts() == before
    assert "1002" in out and "Meta: 1000 → 1050" in out


def existing_docentes(educacion):
    indicator = IndicatorFactory(
        code="220100900",
        name="Docentes beneficiados",
        department=educacion,
        baseline_value=Decimal(400),
        target_value=Decimal(1050),
        programme="Entornos escolares",
        sdg_targets=["4.c"],
    )
    MeasurementFactory(
        indicator=indicator,
        period="2020",
        date=datetime.date(2020, 12, 31),
        value=Decimal(520),
        source="Registros",
        note="Cursos virtuales",
    )
    return indicator


def test_existing_indicator_needs_update_option(tmp_path, educacion):
    existing_docentes(educacion)
    before = written_counts()
    path = write(
        tmp_path, "u.csv", csv_bytes([HEADER, row(Meta="1200", Programa="Entornos escolares")])
    )

    with pytest.raises(CommandError):
        run_import(path)

    assert written_counts() == before
    plan = build_plan(path.read_bytes(), path.name)
    assert errors_of(plan) == [(2, None, "exists")]
    assert plan.errors[0].params["columns"] == "Meta"


def test_unchanged_rows_are_fine_without_update(tmp_path, educacion):
    existing_docentes(educacion)
    before = written_counts()
    rows = [HEADER, row(Programa="Entornos escolares", Sentido="Incremento"), row("1002", "Nuevo")]
    run_import(write(tmp_path, "n.csv", csv_bytes(rows)))
    assert Indicator.objects.count() == before["indicators"] + 1
    assert Indicator.objects.get(code="220100900").revisions.count() == 0  # untouched


def test_update_publishes_changes_and_keeps_measurement_details(tmp_path, educacion, salud):
    indicator = existing_docentes(educacion)
    rows = [
        [
            "ODS",
            "Código",
            "Indicador",
            "Unidad de Medida",
            "Línea Base",
            "Meta",
            "Responsable",
            "Avance 2020",
            "Avance 2021",
        ],
        [
            "4.c, 4.1",
            "220100900",
            "Docentes beneficiados",
            "Número",
            "400",
            "1.200",
            "Secretaría de Salud",
            "530",
            "800",
        ],
    ]
    run_import(write(tmp_path, "u.xlsx", xlsx_bytes(rows)), "--update")

    indicator.refresh_from_db()
    assert indicator.target_value == Decimal(1200)
    assert indicator.department == salud
    assert sdg_codes(indicator) == ["4.1", "4.c"]
    assert indicator.programme == "Entornos escolares"  # no Programa column: kept
    measurements = {m.period: m for m in indicator.measurements.all()}
    assert measurements["2020"].value == Decimal(530)
    assert measurements["2020"].note == "Cursos virtuales"  # kept
    assert measurements["2020"].source == "Registros"
    assert measurements["2021"].value == Decimal(800)
    assert indicator.live and indicator.live_revision == indicator.latest_revision
    # The state it had (written without a revision) is kept as a revision, then the import's.
    assert indicator.revisions.count() == 2
    assert indicator.revisions.order_by("created_at").first().content["target_value"] != "1200.0000"
    assert indicator.revisions.order_by("created_at").last() == indicator.live_revision


def test_code_less_indicators_match_by_name_within_department(tmp_path, educacion):
    saber = IndicatorFactory(
        code="",
        name=SABER_11,
        department=educacion,
        baseline_value=None,
        baseline_text="08 IE",
        target_value=None,
        target_text="06 IEO",
        kind=Indicator.Kind.RESULT,
    )
    path = write(tmp_path, "r.csv", csv_bytes([SEED_RESULT_HEADER, SEED_RESULT_ROW]))
    run_import(path, "--update")
    assert Indicator.objects.count() == 1
    saber.refresh_from_db()
    assert saber.baseline_text.startswith("08 IE clasificación C")


def test_new_code_less_indicator_gets_a_free_slug(tmp_path, educacion):
    IndicatorFactory(code="", name="Cobertura", slug="cobertura", department=DepartmentFactory())
    run_import(write(tmp_path, "s.csv", csv_bytes([HEADER, row("", "Cobertura")])))
    assert set(Indicator.objects.values_list("slug", flat=True)) == {"cobertura", "cobertura-2"}


def test_locked_indicator_is_not_overwritten(tmp_path, educacion):
    indicator = existing_docentes(educacion)
    indicator.locked = True
    indicator.save()
    plan = build_plan(csv_bytes([HEADER, row(Meta="2000")]), "l.csv", update=True)
    assert errors_of(plan) == [(2, None, "locked")]


# --- Approval workflow ------------------------------------------------------------------------


@pytest.fixture
def workflow():
    return assign_indicator_workflow()


@pytest.fixture
def submitter():
    return get_user_model().objects.create_user("enlace.educacion", "e@example.com", "x")


def test_update_with_workflow_waits_for_approval(tmp_path, educacion, workflow, submitter):
    indicator = existing_docentes(educacion)
    path = write(tmp_path, "w.csv", csv_bytes([HEADER, row(Meta="1200", **{"Avance 2021": "900"})]))

    out, _err = run_import(path, "--update", "--user", "enlace.educacion")

    indicator.refresh_from_db()
    # The live row (what the public sees) is unchanged until approval.
    assert indicator.target_value == Decimal(1050)
    assert not indicator.measurements.filter(period="2021").exists()
    assert indicator.has_unpublished_changes
    pending = indicator.latest_revision.as_object()
    assert pending.target_value == Decimal(1200)
    assert [m.value for m in pending.measurements.all() if m.period == "2021"] == [Decimal(900)]
    state = indicator.current_workflow_state
    assert state.workflow == workflow and state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == submitter
    assert gettext("for approval") in out


def test_new_indicator_with_workflow_is_a_draft_in_review(tmp_path, educacion, workflow, submitter):
    run_import(
        write(tmp_path, "n.csv", csv_bytes([HEADER, row("3001", "Nuevo")])),
        "--user",
        "enlace.educacion",
    )
    indicator = Indicator.objects.get(code="3001")
    assert not indicator.live
    assert indicator.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not Indicator.objects.public().filter(code="3001").exists()


def test_workflow_needs_a_submitter(tmp_path, educacion, workflow):
    before = written_counts()
    with pytest.raises(CommandError, match="--user"):
        run_import(write(tmp_path, "n.csv", csv_bytes([HEADER, row("3001", "Nuevo")])))
    assert written_counts() == before


def test_indicator_in_review_is_not_changed_again(tmp_path, educacion, workflow, submitter):
    existing_docentes(educacion)
    path = write(tmp_path, "w.csv", csv_bytes([HEADER, row(Meta="1200")]))
    run_import(path, "--update", "--user", "enlace.educacion")
    before = written_counts()

    path = write(tmp_path, "w2.csv", csv_bytes([HEADER, row(Meta="1300")]))
    with pytest.raises(CommandError):
        run_import(path, "--update", "--user", "enlace.educacion")

    assert written_counts() == before
    assert errors_of(build_plan(path.read_bytes(), path.name, update=True)) == [
        (2, None, "in_review")
    ]


def test_unknown_user(tmp_path, educacion):
    with pytest.raises(CommandError, match="nadie"):
        run_import(write(tmp_path, "n.csv", csv_bytes([HEADER, row()])), "--user", "nadie")


def test_measurement_rows_are_written_with_the_indicator(tmp_path, educacion):
    run_import(write(tmp_path, "m.csv", csv_bytes([HEADER, row(**{"Avance 2021": "800"})])))
    assert IndicatorMeasurement.objects.get().indicator.code == "220100900"


# --- Publishing in bulk gives what Wagtail's own actions give ---------------------------------


def published_state(indicator):
    indicator.refresh_from_db()
    revision = indicator.latest_revision
    content = revision.content
    return {
        "live": indicator.live,
        "has_unpublished_changes": indicator.has_unpublished_changes,
        "expired": indicator.expired,
        "live is latest": indicator.live_revision_id == revision.pk,
        "published dates": (
            indicator.first_published_at is not None,
            indicator.last_published_at is not None,
        ),
        "revisions": indicator.revisions.count(),
        "revision user": revision.user,
        "revision object_str": revision.object_str == str(indicator),
        "revision content": {
            key: content[key]
            for key in (
                "kind",
                "unit",
                "direction",
                "department",
                "programme",
                "sdg_targets",
                "sdg_goals",
            )
        },
        # Compared as numbers: "7" and "7.0000" are the same value in a revision.
        "revision numbers": [Decimal(content["baseline_value"]), Decimal(content["target_value"])],
        "revision measurements": [
            (m["period"], m["date"], Decimal(m["value"])) for m in content["measurements"]
        ],
        "revision has measurement ids": all(m["pk"] for m in content["measurements"]),
        "revision year targets": [
            (t["year"], Decimal(t["value"]), t["text"]) for t in content["year_targets"]
        ],
        "revision has year target ids": all(t["pk"] for t in content["year_targets"]),
        "log": list(
            ModelLogEntry.objects.for_instance(indicator)
            .order_by("timestamp", "pk")
            .values_list("action", "user", "revision", "content_changed")
        ),
        "references": sorted(
            ReferenceIndex.objects.filter(object_id=str(indicator.pk)).values_list(
                "to_content_type", "to_object_id", "model_path", "content_path"
            )
        ),
    }


def relative(state, indicator):
    """The state with this indicator's own revision id replaced, to compare two indicators."""
    revision_id = indicator.latest_revision_id
    state["log"] = [(a, u, r == revision_id, c) for a, u, r, c in state["log"]]
    return state


def test_bulk_publish_matches_wagtails_create_and_publish(tmp_path, educacion, submitter):
    by_wagtail = Indicator(
        code="1001",
        slug="1001",
        name="Bibliotecas escolares dotadas",
        kind="product",
        unit="Número",
        baseline_value=Decimal(4),
        target_value=Decimal(12),
        department=educacion,
        programme="Lectura",
        direction="increase",
    )
    by_wagtail.sdg_targets = list(SdgTarget.objects.filter(code__in=["4.1", "4.a"]))
    by_wagtail.sdg_goals = list(SdgGoal.objects.filter(number=15))
    by_wagtail.measurements = [
        IndicatorMeasurement(period="2021", date=datetime.date(2021, 12, 31), value=Decimal(7))
    ]
    by_wagtail.year_targets = [IndicatorYearTarget(year=2021, value=Decimal(8))]
    CreateAction(by_wagtail, user=submitter, publish=True).execute(skip_permission_checks=True)

    run_import(
        write(
            tmp_path,
            "b.csv",
            csv_bytes(
                [
                    [*HEADER, "Meta 2021"],
                    [
                        *row(
                            "1002",
                            "Bibliotecas escolares dotadas de nuevo",
                            ODS="4.1, 4.a, ODS 15",
                            **{
                                "Línea Base": "4",
                                "Meta": "12",
                                "Programa": "Lectura",
                                "Avance 2021": "7",
                            },
                        ),
                        "8",
                    ],
                ]
            ),
        ),
        "--user",
        "enlace.educacion",
    )
    imported = Indicator.objects.get(code="1002")

    assert relative(published_state(imported), imported) == relative(
        published_state(by_wagtail), by_wagtail
    )
    assert [i.code for i in get_search_backend().search("nuevo", Indicator)] == ["1002"]


def test_bulk_update_matches_wagtails_edit_and_publish(tmp_path, educacion, salud, submitter):
    by_wagtail = existing_docentes(educacion)
    imported = existing_docentes_copy = IndicatorFactory(
        code="220100901",
        name="Docentes beneficiados",
        department=educacion,
        baseline_value=Decimal(400),
        target_value=Decimal(1050),
        programme="Entornos escolares",
        sdg_targets=["4.c"],
    )
    MeasurementFactory(
        indicator=existing_docentes_copy,
        period="2020",
        date=datetime.date(2020, 12, 31),
        value=Decimal(520),
    )
    by_wagtail.name = "Docentes formados"
    by_wagtail.department = salud
    by_wagtail.target_value = Decimal(1200)
    EditAction(by_wagtail, user=submitter, publish=True).execute(skip_permission_checks=True)

    run_import(
        write(
            tmp_path,
            "u.csv",
            csv_bytes(
                [
                    HEADER,
                    row(
                        "220100901",
                        "Docentes formados",
                        Meta="1200",
                        Responsable="Secretaría de Salud",
                        Programa="Entornos escolares",
                    ),
                ]
            ),
        ),
        "--update",
        "--user",
        "enlace.educacion",
    )

    wagtail_state = relative(published_state(by_wagtail), by_wagtail)
    imported_state = relative(published_state(imported), imported)
    assert imported_state == wagtail_state
    # The live state written without a revision is recorded first (LiveBaselineRevisionMixin),
    # so even this first change has a previous revision and its new name is logged.
    assert [action for action, *_ in imported_state["log"]] == [
        "wagtail.edit",
        "wagtail.rename",
        "wagtail.publish",
    ]

    # With a previous revision to compare with, a new name is also logged as a rename.
    run_import(
        write(
            tmp_path,
            "u2.csv",
            csv_bytes(
                [
                    HEADER,
                    row(
                        "220100901",
                        "Docentes capacitados",
                        Meta="1200",
                        Responsable="Secretaría de Salud",
                        Programa="Entornos escolares",
                    ),
                ]
            ),
        ),
        "--update",
        "--user",
        "enlace.educacion",
    )
    actions = ModelLogEntry.objects.for_instance(imported).order_by("timestamp", "pk")
    assert list(actions.values_list("action", flat=True))[3:] == [
        "wagtail.edit",
        "wagtail.rename",
        "wagtail.publish",
    ]
    assert actions.filter(action="wagtail.rename").last().data["title"] == {
        "old": "220100901 · Docentes formados",
        "new": "220100901 · Docentes capacitados",
    }


def test_indicator_sent_back_for_changes_is_resubmitted(tmp_path, educacion, workflow, submitter):
    indicator = existing_docentes(educacion)
    run_import(
        write(tmp_path, "w.csv", csv_bytes([HEADER, row(Meta="1200")])),
        "--update",
        "--user",
        "enlace.educacion",
    )
    state = indicator.current_workflow_state
    approver = get_user_model().objects.create_superuser("aprobador", "a@example.com", "x")
    state.current_task_state.task.specific.on_action(state.current_task_state, approver, "reject")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    run_import(
        write(tmp_path, "w2.csv", csv_bytes([HEADER, row(Meta="1150")])),
        "--update",
        "--user",
        "enlace.educacion",
    )

    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS  # the same workflow, resumed
    indicator.refresh_from_db()
    assert indicator.target_value == Decimal(1050)  # still the approved value
    assert indicator.latest_revision.as_object().target_value == Decimal(1150)
