"""Export in the import format, and the round trip export → import that gives back the same data."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.translation import gettext

from importer.export import write_csv, write_xlsx
from importer.plan import build_plan
from rendicion.models import Indicator
from tests.factories import DepartmentFactory, IndicatorFactory, MeasurementFactory
from tests.spreadsheets import run_import, written_counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicators():
    educacion = DepartmentFactory(name="Secretaría de Educación", slug="educacion")
    salud = DepartmentFactory(name="Secretaría de Salud", slug="salud")
    saber = IndicatorFactory(
        code="",
        slug="saber-11",
        name="Número de Instituciones Educativas con mejoramiento de clasificación de plantel",
        kind=Indicator.Kind.RESULT,
        baseline_value=None,
        baseline_text="08 IE clasificación C 08 IE clasificación B 08 IE clasificación A",
        target_value=None,
        target_text="06 IEO con mejoramiento de clasificación de plantel",
        department=educacion,
        sdg_targets=["4.1", "4.2", "13.3"],
    )
    MeasurementFactory(indicator=saber, period="2021", value=Decimal(3))
    docentes = IndicatorFactory(
        code="220100900",
        name="Docentes beneficiados con estrategias de mejoramiento de sus competencias",
        baseline_value=Decimal(400),
        target_value=Decimal(1050),
        department=educacion,
        plan_line="Palmira pa'lante con educación",
        programme="Entornos escolares",
        sdg_targets=["4.c"],
    )
    MeasurementFactory(
        indicator=docentes, period="2020", date=datetime.date(2020, 12, 31), value=Decimal(520)
    )
    MeasurementFactory(
        indicator=docentes,
        period="2021-S1",
        date=datetime.date(2021, 6, 30),
        value=Decimal("612.5"),
    )
    MeasurementFactory(indicator=docentes, period="2021", value=Decimal(800))
    IndicatorFactory(
        code="330100100",
        name="Tasa de mortalidad infantil en menores de un año",
        kind=Indicator.Kind.RESULT,
        unit="Muertes por cada 1.000 nacidos vivos",
        baseline_value=Decimal("9.1"),
        target_value=Decimal("8.0005"),
        direction=Indicator.DirectionChoices.DECREASE,
        department=salud,
        programme="Salud pública",
        sdg_targets=["3.2"],
    )
    # A number and a text both given, and texts that would read as numbers.
    IndicatorFactory(
        code="330100200",
        name="Instituciones con clasificación A",
        baseline_value=Decimal(24),
        baseline_text="24 IE clasificación A",
        target_value=None,
        target_text="27 IE",
        direction=Indicator.DirectionChoices.MAINTAIN,
        department=salud,
    )
    IndicatorFactory(
        code="330100300",
        name="Cobertura",
        baseline_value=Decimal(0),
        baseline_text="",
        target_value=Decimal(95),
        target_text="95",
        unit="Porcentaje",
        department=salud,
    )


# The department is compared by name, below.
FIELDS = ["code", "slug", *(f for f in Indicator.DATA_FIELDS if f != "department"), "live"]


def snapshot():
    """Everything the format carries, per indicator."""
    data = {}
    for indicator in Indicator.objects.prefetch_related("sdg_targets", "measurements"):
        data[indicator.code or indicator.name] = {
            **{field: getattr(indicator, field) for field in FIELDS if field != "slug"},
            "department": indicator.department.name,
            "sdg_targets": sorted(target.code for target in indicator.sdg_targets.all()),
            "measurements": sorted(
                (m.period, m.date, m.value) for m in indicator.measurements.all()
            ),
        }
    return data


@pytest.mark.parametrize("extension", ["xlsx", "csv"])
def test_round_trip_is_lossless(tmp_path, indicators, extension):
    before = snapshot()
    path = tmp_path / f"indicadores.{extension}"
    call_command("export_indicators", str(path), stdout=io.StringIO())

    # Into the same database: nothing to do.
    counts = written_counts()
    out, _err = run_import(path, "--update")
    assert (
        gettext("Imported: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.")
        % {"created": 0, "updated": 0, "unchanged": 5}
        in out
    )
    assert written_counts() == counts

    # Into a database without the indicators: the same data comes back.
    Indicator.objects.all().delete()
    run_import(path)
    assert snapshot() == before


def test_ods_round_trip_loses_only_the_text_mark(tmp_path, indicators):
    """.ods has no equivalent of Excel's text prefix (LibreOffice keeps none either): a text
    that reads as a number comes back as the number, and only that (docs/indicator-import.md,
    "Export and the round trip")."""
    path = tmp_path / "indicadores.ods"
    call_command("export_indicators", str(path), stdout=io.StringIO())
    assert path.read_bytes().startswith(b"PK")
    plan = build_plan(path.read_bytes(), path.name, update=True)
    assert not plan.errors, plan.errors
    changes = {
        item.code: [(c.label, c.old, c.new) for c in item.changes] for item in plan.to_update
    }
    assert changes == {
        "330100200": [("Meta", "27 IE", "27")],  # "27 IE" typed as text
        "330100300": [("Meta", "95 (95)", "95")],  # the text "95" beside the number 95
    }
    assert len(plan.unchanged) == 3


def test_xlsx_layout(indicators):
    output = io.BytesIO()
    write_xlsx(output)
    sheet = openpyxl.load_workbook(io.BytesIO(output.getvalue())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [
        "ODS",
        "Código",
        "Indicador",
        "Tipo",
        "Unidad de Medida",
        "Línea Base",
        "Línea Base (valor)",
        "Meta",
        "Meta (valor)",
        "Responsable",
        "Línea estratégica",
        "Programa",
        "Sentido",
        "Avance 2020",
        "Avance 2021-S1",
        "Avance 2021",
    ]
    docentes = next(row for row in rows if row[1] == "220100900")
    assert docentes[0] == "4.c"
    assert docentes[3] == "Producto"
    assert docentes[5] == 400  # a real number cell
    assert docentes[13:] == (520, 612.5, 800)
    both = next(row for row in rows if row[1] == "330100200")
    assert both[5:9] == ("24 IE clasificación A", 24, "27 IE", None)
    row_number = rows.index(both) + 1
    assert sheet[f"H{row_number}"].quotePrefix  # "27 IE" is marked as text, not a number
    assert not sheet[f"F{row_number - 2}"].quotePrefix


def test_number_columns_only_when_needed(tmp_path):
    IndicatorFactory(code="1", baseline_value=Decimal(1), target_value=Decimal(2))
    output = io.BytesIO()
    write_csv(output)
    header = next(csv.reader(io.StringIO(output.getvalue().decode("utf-8-sig")), delimiter=";"))
    assert "Línea Base (valor)" not in header and "Meta (valor)" not in header


def test_csv_is_excel_friendly(indicators):
    output = io.BytesIO()
    write_csv(output)
    data = output.getvalue()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel recognises UTF-8 by its BOM
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    mortalidad = next(row for row in rows if row[1] == "330100100")
    assert mortalidad[5] == "9,1"  # decimal comma
    assert mortalidad[7] == "8,0005"


def test_export_command_needs_a_known_extension(tmp_path):
    with pytest.raises(CommandError):
        call_command("export_indicators", str(tmp_path / "x.pdf"), stdout=io.StringIO())
