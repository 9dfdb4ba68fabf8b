"""Open data: the exports read back with the same values and accents, the DCAT catalogue is
valid JSON-LD with one dataset per export, and the API shows public items only."""

import csv
import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from openpyxl import load_workbook
from PIL import Image as PILImage
from rdflib import RDF, Graph, Namespace, URIRef
from wagtail.images import get_image_model
from wagtail.models import Collection, PageViewRestriction

from opendata.exports import INDICATOR_FIELDS, SpanishSpreadsheet
from rendicion.models import PublicCollection
from tests.factories import (
    CycleFactory,
    DepartmentFactory,
    DocumentFactory,
    IndicatorFactory,
    IndicatorIndexFactory,
    MeasurementFactory,
    ReportFactory,
    home_page,
)

pytestmark = pytest.mark.django_db

DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
NUMERIC = {"linea_base", "meta", "ultima_medicion", "avance_porcentaje"}


@pytest.fixture
def indicators():
    IndicatorIndexFactory(parent=home_page())
    education = DepartmentFactory(name="Secretaría de Educación", slug="educacion")
    health = DepartmentFactory(name="Secretaría de Salud", slug="salud")
    teachers = IndicatorFactory(
        code="220100900",
        name="Docentes beneficiados con estrategias de mejoramiento",
        unit="Número",
        baseline_value=Decimal(400),
        target_value=Decimal(1050),
        department=education,
        sdg_targets=["4.c", "4.1"],
    )
    MeasurementFactory(
        indicator=teachers, period="2021", date=datetime.date(2021, 12, 31), value=Decimal(800)
    )
    mortality = IndicatorFactory(
        code="",
        slug="mortalidad-infantil",
        name="Tasa de mortalidad infantil (‰)",
        kind="result",
        unit="Muertes por cada 1.000 nacidos vivos",
        baseline_value=Decimal("9.1"),
        target_value=Decimal("8"),
        direction="decrease",
        department=health,
        sdg_targets=["3.2"],
    )
    MeasurementFactory(
        indicator=mortality,
        period="2021-S2",
        date=datetime.date(2021, 12, 31),
        value=Decimal("8.6"),
    )
    IndicatorFactory(
        code="220199999",
        name="Instituciones con mejoramiento de clasificación",
        baseline_value=None,
        baseline_text="08 IE clasificación C",
        target_value=None,
        target_text="06 IEO con mejoramiento",
        department=education,
    )
    IndicatorFactory(
        code="220100001", name="Indicador sin aprobar", department=education, live=False
    )
    return [teachers, mortality]


def expected_values():
    return {
        "220100900": {
            "nombre": "Docentes beneficiados con estrategias de mejoramiento",
            "unidad": "Número",
            "linea_base": Decimal(400),
            "meta": Decimal(1050),
            "ultima_medicion": Decimal(800),
            "periodo": "2021",
            "avance_porcentaje": Decimal("61.5"),
            "dependencia": "Secretaría de Educación",
            "metas_ods": ["4.1", "4.c"],
        },
        "": {
            "nombre": "Tasa de mortalidad infantil (‰)",
            "unidad": "Muertes por cada 1.000 nacidos vivos",
            "linea_base": Decimal("9.1"),
            "meta": Decimal(8),
            "ultima_medicion": Decimal("8.6"),
            "periodo": "2021-S2",
            "avance_porcentaje": Decimal("45.5"),
            "dependencia": "Secretaría de Salud",
            "metas_ods": ["3.2"],
        },
        "220199999": {
            "nombre": "Instituciones con mejoramiento de clasificación",
            "linea_base": None,
            "linea_base_texto": "08 IE clasificación C",
            "meta_texto": "06 IEO con mejoramiento",
            "ultima_medicion": None,
            "avance_porcentaje": None,
            "metas_ods": [],
        },
    }


def check_rows(rows, parse_number, parse_list):
    """``rows`` keyed by code; numbers and lists parsed back with the format's own rules."""
    expected = expected_values()
    assert set(rows) == set(expected)  # the unapproved indicator is not exported
    for code, values in expected.items():
        row = rows[code]
        for key, value in values.items():
            if key in NUMERIC:
                assert parse_number(row[key]) == value, (code, key)
            elif key == "metas_ods":
                assert sorted(parse_list(row[key])) == value, (code, key)
            else:
                assert row[key] == value, (code, key)
        assert row["url"].startswith("http://testserver/indicadores/")


# The spreadsheets are the import format (docs/open-data.md): Spanish headers, one "Avance"
# column per period, then the read-only columns the portal computes.
SHEET_HEADER = [
    "ODS",
    "Código",
    "Indicador",
    "Tipo",
    "Unidad de Medida",
    "Línea Base",
    "Meta",
    "Responsable",
    "Línea estratégica",
    "Programa",
    "Sentido",
    "Avance 2021",
    "Avance 2021-S2",
    "Última medición",
    "Periodo de la última medición",
    "Fecha de corte",
    "Porcentaje de avance",
    "Estado del avance",
    "URL",
]
SHEET_NUMERIC = {"Avance 2021", "Avance 2021-S2", "Última medición", "Porcentaje de avance"}


def expected_sheet_values():
    return {
        "220100900": {
            "ODS": "4.1, 4.c",
            "Indicador": "Docentes beneficiados con estrategias de mejoramiento",
            "Tipo": "Producto",
            "Unidad de Medida": "Número",
            "Línea Base": Decimal(400),
            "Meta": Decimal(1050),
            "Avance 2021": Decimal(800),
            "Avance 2021-S2": None,
            "Última medición": Decimal(800),
            "Periodo de la última medición": "2021",
            "Porcentaje de avance": Decimal("61.5"),
            "Responsable": "Secretaría de Educación",
            "Sentido": "Incremento",
        },
        "": {
            "ODS": "3.2",
            "Indicador": "Tasa de mortalidad infantil (‰)",
            "Tipo": "Resultado",
            "Unidad de Medida": "Muertes por cada 1.000 nacidos vivos",
            "Línea Base": Decimal("9.1"),
            "Meta": Decimal(8),
            "Avance 2021-S2": Decimal("8.6"),
            "Última medición": Decimal("8.6"),
            "Periodo de la última medición": "2021-S2",
            "Porcentaje de avance": Decimal("45.5"),
            "Responsable": "Secretaría de Salud",
            "Sentido": "Reducción",
        },
        "220199999": {
            "Indicador": "Instituciones con mejoramiento de clasificación",
            "Línea Base": "08 IE clasificación C",
            "Meta": "06 IEO con mejoramiento",
            "Última medición": None,
            "Porcentaje de avance": None,
            "ODS": "",
        },
    }


def check_sheet(rows, parse_number, parse_quantity):
    """``rows`` keyed by code; numbers parsed back with the format's own rules."""
    expected = expected_sheet_values()
    assert set(rows) == set(expected)  # the unapproved indicator is not exported
    for code, values in expected.items():
        row = rows[code]
        for header, value in values.items():
            if header in SHEET_NUMERIC:
                assert parse_number(row[header]) == value, (code, header)
            elif header in ("Línea Base", "Meta"):
                assert parse_quantity(row[header]) == value, (code, header)
            else:
                assert row[header] == value, (code, header)
        assert row["URL"].startswith("http://testserver/indicadores/")


def _csv_number(value):
    return Decimal(value.replace(",", ".")) if value else None


def _csv_quantity(value):
    try:
        return _csv_number(value)
    except ArithmeticError:
        return value


def test_csv_opens_in_a_spanish_spreadsheet_and_reads_back(client, indicators):
    response = client.get(reverse("opendata_indicators", args=["csv"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel then reads UTF-8
    text = raw.decode("utf-8-sig")
    assert next(csv.reader(io.StringIO(text), dialect=SpanishSpreadsheet)) == SHEET_HEADER
    assert "61,5" in text  # decimal comma
    rows = {
        row["Código"]: row for row in csv.DictReader(io.StringIO(text), dialect=SpanishSpreadsheet)
    }
    check_sheet(rows, parse_number=_csv_number, parse_quantity=_csv_quantity)
    assert rows["220100900"]["Fecha de corte"] == "2021-12-31"


def _cell_number(value):
    return None if value is None else Decimal(str(value))


def _cell_quantity(value):
    return value if isinstance(value, str) else _cell_number(value)


def _sheet_records(header, data):
    # An empty cell reads back as None; for text columns that is the empty string.
    return [
        {
            key: ("" if value is None and key not in SHEET_NUMERIC | {"Línea Base"} else value)
            for key, value in zip(header, values, strict=True)
        }
        for values in data
    ]


def test_xlsx_reads_back_with_real_numbers(client, indicators):
    response = client.get(reverse("opendata_indicators", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    header, *data = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert header == SHEET_HEADER
    rows = {record["Código"]: record for record in _sheet_records(header, data)}
    check_sheet(rows, parse_number=_cell_number, parse_quantity=_cell_quantity)
    assert isinstance(rows["220100900"]["Línea Base"], int | float)
    assert rows["220100900"]["Fecha de corte"] == datetime.datetime(2021, 12, 31)


def test_ods_reads_back_with_real_numbers(client, indicators):
    from python_calamine import CalamineWorkbook

    response = client.get(reverse("opendata_indicators", args=["ods"]))
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    assert response["Content-Disposition"].endswith("indicadores.ods")
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert workbook.sheet_names == ["Indicadores"]
    values = workbook.get_sheet_by_index(0).to_python()
    header, *data = [[None if v == "" else v for v in row] for row in values]
    assert header == SHEET_HEADER
    rows = {record["Código"]: record for record in _sheet_records(header, data)}
    check_sheet(rows, parse_number=_cell_number, parse_quantity=_cell_quantity)
    assert rows["220100900"]["Fecha de corte"] == datetime.date(2021, 12, 31)
    assert rows["220100900"]["Código"] == "220100900"  # text, not a number


def test_json_reads_back_with_accents_intact(client, indicators):
    response = client.get(reverse("opendata_indicators", args=["json"]))
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "Educación".encode() in response.content  # not \u escapes
    data = json.loads(response.content.decode("utf-8"))
    assert data["total"] == 3
    records = data["registros"]
    # Empty values are null, text as well as numbers (docs/open-data.md); a list stays a list.
    mortality = next(row for row in records if row["codigo"] is None)
    assert mortality["linea_base_texto"] is None
    assert mortality["meta_texto"] is None
    words = next(row for row in records if row["codigo"] == "220199999")
    assert words["linea_base"] is None
    assert words["periodo"] is None
    assert words["metas_ods"] == []
    assert "" not in [value for row in records for value in row.values()]
    rows = {row["codigo"] or "": row for row in records}
    check_rows(
        rows,
        parse_number=lambda v: None if v is None else Decimal(str(v)),
        parse_list=lambda v: v,
    )


def test_documents_csv_is_the_manifest_of_public_documents(client):
    home = home_page()
    cycle = CycleFactory(parent=home, year=2021)
    published = DocumentFactory(title="Relatoría del encuentro – Educación")
    DocumentFactory(title="Borrador")
    ReportFactory(
        parent=cycle,
        documents=[{"type": "document", "value": {"document": published.pk, "description": ""}}],
    )
    text = client.get(reverse("opendata_documents_csv")).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), dialect=SpanishSpreadsheet))
    assert [row["titulo"] for row in rows] == ["Relatoría del encuentro – Educación"]
    assert rows[0]["sha256"] == published.sha256
    assert rows[0]["url"] == f"http://testserver{published.url}"


def test_every_export_tells_browsers_not_to_guess_its_type(client, indicators):
    urls = [reverse("opendata_indicators", args=[ext]) for ext in ("csv", "xlsx", "ods", "json")]
    urls += [reverse("opendata_documents_csv"), reverse("opendata_catalogue", args=["json"])]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["X-Content-Type-Options"] == "nosniff", url


# --- DCAT ----------------------------------------------------------------------------------


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_catalogue_is_json_ld_with_one_dataset_per_export(client, indicators):
    PublicCollection.objects.create(collection=Collection.get_first_root_node())
    DocumentFactory(fiscal_year=2021)
    DocumentFactory(fiscal_year=2020)
    response = client.get(reverse("opendata_catalogue", args=["json"]))
    assert response["Content-Type"].startswith("application/ld+json")
    body = json.loads(response.content)
    assert {"dcat", "dct", "foaf", "vcard"} <= set(body["@context"])

    graph = Graph().parse(data=response.content, format="json-ld")
    catalogues = list(graph.subjects(RDF.type, DCAT.Catalog))
    assert len(catalogues) == 1
    datasets = {
        str(graph.value(d, DCT.identifier)): d for d in graph.objects(catalogues[0], DCAT.dataset)
    }
    assert set(datasets) == {"indicadores", "documentos"}
    assert set(graph.subjects(RDF.type, DCAT.Dataset)) == set(datasets.values())

    def distributions(dataset):
        return {
            str(graph.value(d, DCAT.mediaType)): str(graph.value(d, DCAT.downloadURL))
            for d in graph.objects(dataset, DCAT.distribution)
        }

    iana = "https://www.iana.org/assignments/media-types/"
    indicator_files = distributions(datasets["indicadores"])
    assert set(indicator_files) == {
        iana + "text/csv",
        iana + "application/json",
        iana + "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        iana + "application/vnd.oasis.opendocument.spreadsheet",
    }
    document_files = distributions(datasets["documentos"])
    assert document_files[iana + "text/csv"].endswith("/datos/documentos.csv")
    zips = [
        str(graph.value(d, DCAT.downloadURL))
        for d in graph.objects(datasets["documentos"], DCAT.distribution)
        if str(graph.value(d, DCAT.mediaType)) == iana + "application/zip"
    ]
    assert sorted(zips) == [
        "http://testserver/documentos/vigencia-2020.zip",
        "http://testserver/documentos/vigencia-2021.zip",
    ]

    for dataset in datasets.values():
        for predicate in (DCT.title, DCT.description, DCT.publisher, DCT.modified):
            assert graph.value(dataset, predicate) is not None, predicate
    publisher = graph.value(datasets["indicadores"], DCT.publisher)
    assert str(graph.value(publisher, URIRef("http://xmlns.com/foaf/0.1/name")))
    for url in [*indicator_files.values(), *document_files.values(), *zips]:
        assert client.get(url.removeprefix("http://testserver")).status_code == 200, url


def test_open_data_page_lists_the_datasets_and_their_fields(client, indicators):
    html = client.get(reverse("opendata_index")).content.decode()
    for url in (
        "/datos/indicadores.csv",
        "/datos/indicadores.xlsx",
        "/datos/indicadores.ods",
        "/datos/indicadores.json",
        "/datos/documentos.csv",
        "/datos/catalogo.json",
    ):
        assert f'href="{url}"' in html
    for field in INDICATOR_FIELDS:  # the JSON's keys
        assert f'<code class="code">{field.key}</code>' in html
    for header in ("Código", "Línea Base", "Avance &lt;periodo&gt;", "Porcentaje de avance"):
        assert f'<code class="code">{header}</code>' in html


# --- API v2 --------------------------------------------------------------------------------


def image_file(name):
    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 4), "green").save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name=name)


def test_api_lists_public_documents_only(client):
    cycle = CycleFactory(parent=home_page(), year=2021)
    public = DocumentFactory(title="Informe publicado")
    private = DocumentFactory(title="Borrador")
    ReportFactory(
        parent=cycle,
        documents=[{"type": "document", "value": {"document": public.pk, "description": ""}}],
    )
    listing = client.get("/api/v2/documents/?fields=sha256,fiscal_year").json()
    assert [item["title"] for item in listing["items"]] == ["Informe publicado"]
    assert listing["items"][0]["sha256"] == public.sha256
    assert listing["items"][0]["meta"]["download_url"].endswith(public.url)
    assert client.get(f"/api/v2/documents/{private.pk}/").status_code == 404
    assert client.get(f"/api/v2/documents/{public.pk}/").status_code == 200


def test_api_lists_live_public_pages_only(client):
    home = home_page()
    cycle = CycleFactory(parent=home, year=2021)
    ReportFactory(parent=cycle, title="Informe publicado")
    draft = ReportFactory(parent=cycle, title="Informe en borrador", live=False)
    private = ReportFactory(parent=cycle, title="Informe privado")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    titles = {item["title"] for item in client.get("/api/v2/pages/?limit=20").json()["items"]}
    assert "Informe publicado" in titles
    assert not {"Informe en borrador", "Informe privado"} & titles
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{private.pk}/").status_code == 404


def test_api_lists_images_by_the_same_rule(client):
    image_model = get_image_model()
    root = Collection.get_first_root_node()
    gallery = root.add_child(name="Galería pública")
    PublicCollection.objects.create(collection=gallery)
    image_model.objects.create(
        title="Foto pública", file=image_file("publica.png"), collection=gallery
    )
    image_model.objects.create(title="Foto sin usar", file=image_file("privada.png"))
    titles = [item["title"] for item in client.get("/api/v2/images/").json()["items"]]
    assert titles == ["Foto pública"]


def test_api_is_read_only(client):
    assert client.post("/api/v2/documents/", {}).status_code == 405
