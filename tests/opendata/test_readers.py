"""The open data read by programs that know nothing of the portal: frictionless validates the
Data Package against the served CSVs, and pandas reads each CSV with the line /datos/ shows."""

import datetime
import html
import io
import json
import re
from decimal import Decimal

import pandas as pd
import pytest
from django.urls import reverse
from frictionless import Package

from rendicion.models import PublicCollection
from tests.factories import (
    DepartmentFactory,
    DocumentFactory,
    IndicatorFactory,
    IndicatorIndexFactory,
    MeasurementFactory,
    home_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    from wagtail.models import Collection

    IndicatorIndexFactory(parent=home_page())
    education = DepartmentFactory(name="Secretaría de Educación", slug="educacion")
    teachers = IndicatorFactory(
        code="0220100900",  # a leading zero a float would lose
        name="Docentes beneficiados con estrategias de mejoramiento",
        unit="Número",
        baseline_value=Decimal(400),
        target_value=Decimal(1050),
        department=education,
        sdg_targets=["4.1"],  # "4.1" alone looks like a number
    )
    MeasurementFactory(
        indicator=teachers, period="2021", date=datetime.date(2021, 12, 31), value=Decimal(800)
    )
    words = IndicatorFactory(
        code="220199999",
        name="Instituciones con mejoramiento de clasificación",
        baseline_value=None,
        baseline_text="08 IE clasificación C",
        target_value=None,
        target_text="06 IEO con mejoramiento",
        department=education,
    )
    MeasurementFactory(
        indicator=words, period="2021-S2", date=datetime.date(2021, 12, 31), value=Decimal("2.5")
    )
    IndicatorFactory(code="", slug="sin-codigo", name="Indicador sin código", department=education)
    PublicCollection.objects.create(collection=Collection.get_first_root_node())
    DocumentFactory(title="Informe de gestión – Educación", fiscal_year=2021, department=education)
    DocumentFactory(title="Relatoría", fiscal_year=2020)


def served_path(client, url):
    """The body the test client serves for an absolute URL of the test server."""
    response = client.get(url.removeprefix("http://testserver"))
    assert response.status_code == 200, url
    return response.content


def test_data_package_validates_against_the_served_csvs(client, data, tmp_path):
    response = client.get(reverse("opendata_datapackage"))
    assert response["Content-Type"] == "application/json; charset=utf-8"
    descriptor = json.loads(response.content)
    assert {resource["name"] for resource in descriptor["resources"]} == {
        "indicadores",
        "documentos",
    }
    # Absolute paths, for a harvester; here each file is saved next to the descriptor.
    for resource in descriptor["resources"]:
        assert resource["path"].startswith("http://testserver/datos/")
        name = f"{resource['name']}.csv"
        (tmp_path / name).write_bytes(served_path(client, resource["path"]))
        resource["path"] = name
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")

    package = Package(str(tmp_path / "datapackage.json"))
    report = package.validate()
    assert report.stats["errors"] == 0, report.flatten(["type", "note"])
    assert report.stats["warnings"] == 0, report.warnings
    assert report.valid

    # The indicators' CSV is the import format: the schema names its Spanish headers, the
    # "Avance" column of each period measured and the read-only columns.
    schema = package.get_resource("indicadores").schema
    assert schema.field_names[:3] == ["ODS", "Código", "Indicador"]
    assert schema.get_field("Avance 2021").type == "number"
    assert schema.get_field("Avance 2021-S2").type == "number"
    assert schema.get_field("Fecha de corte").type == "date"
    assert schema.get_field("URL").format == "uri"
    indicators = {row["Código"]: row for row in package.get_resource("indicadores").read_rows()}
    assert indicators["0220100900"]["Línea Base"] == "400"  # a number or words: text
    assert indicators["0220100900"]["Avance 2021"] == Decimal(800)
    assert indicators["0220100900"]["Fecha de corte"] == datetime.date(2021, 12, 31)
    assert indicators["220199999"]["Última medición"] == Decimal("2.5")
    assert indicators["220199999"]["Avance 2021-S2"] == Decimal("2.5")
    assert indicators[None]["Indicador"] == "Indicador sin código"
    documents = package.get_resource("documentos").read_rows()
    assert sorted(row["vigencia"] for row in documents) == [2020, 2021]


def shown_recipes(client, language):
    page = client.get(reverse("opendata_index")).content.decode()
    dt = {"pandas": "Python (pandas)", "r": "R"}[language]
    pattern = rf"<dt[^>]*>{re.escape(dt)}</dt>\s*<dd><div[^>]*><pre[^>]*>(.*?)</pre>"
    return [html.unescape(line) for line in re.findall(pattern, page)]


def read_as_shown(client, recipe):
    """Run the pandas line shown on /datos/ on the bytes the server serves for its URL."""
    url = re.search(r'pd\.read_csv\("([^"]+)"', recipe).group(1)
    body = io.BytesIO(served_path(client, url))
    return eval(recipe.replace(f'"{url}"', "body"), {"pd": pd, "body": body})  # noqa: S307


def test_pandas_reads_each_csv_with_the_line_shown_on_the_page(client, data):
    recipes = shown_recipes(client, "pandas")
    assert len(recipes) == 2
    indicators, documents = (read_as_shown(client, recipe) for recipe in recipes)

    assert "Código" in indicators.columns and len(indicators.columns) > 10  # split on ";"
    by_code = indicators.set_index("Código")
    assert "0220100900" in by_code.index  # text, leading zero kept
    assert by_code.loc["0220100900", "ODS"] == "4.1"
    assert by_code.loc["0220100900", "Periodo de la última medición"] == "2021"
    assert by_code.loc["0220100900", "Avance 2021"] == 800
    assert by_code.loc["220199999", "Última medición"] == 2.5  # the decimal comma
    assert by_code.loc["220199999", "Línea Base"] == "08 IE clasificación C"
    assert pd.api.types.is_float_dtype(indicators["Porcentaje de avance"])
    assert pd.api.types.is_numeric_dtype(indicators["Avance 2021-S2"])

    assert sorted(documents["vigencia"]) == [2020, 2021]
    assert pd.api.types.is_integer_dtype(documents["bytes"])
    assert "Informe de gestión – Educación" in set(documents["titulo"])  # the BOM is gone


def test_pandas_reads_the_ods_file_with_the_line_shown_on_the_page(client, data):
    page = client.get(reverse("opendata_index")).content.decode()
    pattern = r"<dt[^>]*>Python \(pandas\)[^<]*ODS[^<]*</dt>\s*<dd><div[^>]*><pre[^>]*>(.*?)</pre>"
    (recipe,) = [html.unescape(line) for line in re.findall(pattern, page)]
    url = re.search(r'pd\.read_excel\("([^"]+)"', recipe).group(1)
    assert url == "http://testserver/datos/indicadores.ods"
    body = io.BytesIO(served_path(client, url))
    sheet = eval(recipe.replace(f'"{url}"', "body"), {"pd": pd, "body": body})  # noqa: S307
    by_code = sheet.set_index("Código")
    assert "0220100900" in by_code.index
    assert by_code.loc["0220100900", "ODS"] == "4.1"
    assert by_code.loc["0220100900", "Avance 2021"] == 800
