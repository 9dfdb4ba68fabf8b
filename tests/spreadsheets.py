"""Build the spreadsheets the import tests feed in, the way Excel would save them."""

import csv
import io
import zipfile
from io import StringIO

import openpyxl
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from wagtail.models import (
    GroupApprovalTask,
    ModelLogEntry,
    Revision,
    Workflow,
    WorkflowContentType,
    WorkflowTask,
)

from rendicion.models import Indicator, IndicatorMeasurement, IndicatorYearTarget

SEED_RESULT_HEADER = ["ODS", "Indicador", "Unidad de Medida", "Línea Base", "Meta", "Responsable"]
SEED_RESULT_ROW = [
    " <p>Meta: 4.1, 4.2, 4.3, 4.4, 4.5</p>  <p>Meta: 13.3</p>",
    "Número de Instituciones Educativas con mejoramiento de clasificación de plantel según "
    "las pruebas Saber 11",
    "Número",
    "08 IE clasificación C 08 IE clasificación B 08 IE clasificación A",
    "06 IEO con mejoramiento de clasificación de plantel",
    "Secretaría de Educación",
]
SEED_PRODUCT_HEADER = [
    "Código",
    "Indicador",
    "Unidad de medida",
    "Línea de base",
    "Meta",
    "Responsable",
]
SEED_PRODUCT_ROWS = [
    [None, "entornos escolares", None, None, None, None],
    [
        "220100900",
        "Docentes beneficiados con estrategias de mejoramiento de sus competencias",
        "Número",
        "400",
        "1050",
        "Secretaría de Educación",
    ],
    [
        "220100700",
        "Estudiantes evaluados con pruebas de calidad educativa",
        "Número",
        "1500",
        "3500",
        "Secretaría de Educación",
    ],
    [
        "220103401",
        "Instituciones educativas fortalecidas en competencias de bilingüismo",
        "Número",
        "27",
        "27",
        "Secretaría de Educación",
    ],
]
# The seed's page as written: title lines, the result table, a line of text, the product
# table with its "entornos escolares" heading row.
SEED_PAGE = [
    ["• PASO A PASO DE SACAR LOS ODS DEL PLAN DE DESARROLLO"],
    [],
    ["Indicador de Resultado:"],
    [],
    SEED_RESULT_HEADER,
    SEED_RESULT_ROW,
    [],
    ["- PASO A PASO DE SACAR LOS ODS DEL PLAN DE DESARROLLO**"],
    [],
    SEED_PRODUCT_HEADER,
    *SEED_PRODUCT_ROWS,
]


def xlsx_bytes(rows, merges=(), percent=(), text_prefix=(), numbers=None):
    """An .xlsx with ``rows`` from A1. ``merges``: ranges such as "F3:F5"; ``percent``: cells
    formatted as a percentage; ``text_prefix``: cells with Excel's text prefix (')."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Indicadores"
    for row in rows:
        sheet.append(list(row))
    for cell_range in merges:
        sheet.merge_cells(cell_range)
    for ref in percent:
        sheet[ref].number_format = "0%"
    for ref in text_prefix:
        sheet[ref].quotePrefix = True
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def csv_bytes(rows, delimiter=",", encoding="utf-8"):
    text = StringIO(newline="")
    writer = csv.writer(text, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    return text.getvalue().encode(encoding)


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def run_import(path, *args):
    """Run import_indicators; return (stdout, stderr). Raises CommandError on errors."""
    out, err = StringIO(), StringIO()
    call_command("import_indicators", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def written_counts():
    """Everything an import may write, to prove a failed import wrote nothing."""
    return {
        "indicators": Indicator.objects.count(),
        "measurements": IndicatorMeasurement.objects.count(),
        "revisions": Revision.objects.count(),
        "log entries": ModelLogEntry.objects.count(),
        "sdg links": Indicator.sdg_targets.through.objects.count(),
        "sdg goal links": Indicator.sdg_goals.through.objects.count(),
        "year targets": IndicatorYearTarget.objects.count(),
    }


def assign_indicator_workflow():
    """A stock one-step group approval workflow, assigned to indicators."""
    approvers = Group.objects.create(name="Aprobadores de indicadores")
    task = GroupApprovalTask.objects.create(name="Aprobación")
    task.groups.set([approvers])
    workflow = Workflow.objects.create(name="Indicadores", active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowContentType.objects.create(
        workflow=workflow,
        content_type=ContentType.objects.get_for_model(Indicator, for_concrete_model=False),
    )
    return workflow


# A matrix as planning offices send it, with every column the import reads.
HEADER = [
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
]


def row(code="220100900", name="Docentes beneficiados", **cells):
    """A row of HEADER with sensible values, overridden by column name."""
    values = {
        "ODS": "4.c",
        "Código": code,
        "Indicador": name,
        "Tipo": "Producto",
        "Unidad de Medida": "Número",
        "Línea Base": "400",
        "Meta": "1050",
        "Responsable": "Secretaría de Educación",
        "Línea estratégica": "",
        "Programa": "",
        "Sentido": "",
        "Avance 2021": "",
    }
    values.update(cells)
    return [values[column] for column in HEADER]


ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.2">'
    f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODS_MIMETYPE}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)
ODS_CONTENT_START = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
    '<office:body><office:spreadsheet><table:table table:name="Indicadores">'
)
ODS_CONTENT_END = "</table:table></office:spreadsheet></office:body></office:document-content>"


def ods_cell(value, columns_repeated=1, spanned=None):
    """One <table:table-cell>: a number (float cell), a text, or empty (None)."""
    attributes = ""
    if columns_repeated > 1:
        attributes += f' table:number-columns-repeated="{columns_repeated}"'
    if spanned:
        attributes += (
            f' table:number-columns-spanned="{spanned[1]}" table:number-rows-spanned="{spanned[0]}"'
        )
    if value is None or value == "":
        return f"<table:table-cell{attributes}/>"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (
            f'<table:table-cell{attributes} office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    text = str(value).replace("&", "&amp;").replace("<", "&lt;")
    return (
        f'<table:table-cell{attributes} office:value-type="string"><text:p>{text}</text:p>'
        "</table:table-cell>"
    )


def ods_row(cells, rows_repeated=1):
    attribute = f' table:number-rows-repeated="{rows_repeated}"' if rows_repeated > 1 else ""
    return f"<table:table-row{attribute}>{''.join(cells)}</table:table-row>"


def ods_bytes(rows=None, xml_rows=None):
    """An OpenDocument spreadsheet (.ods) as LibreOffice lays it out: ``mimetype`` stored
    first, the cells in ``content.xml``. ``rows``: lists of values; ``xml_rows``: rows
    already written with ``ods_row`` (to build repeated or merged cells)."""
    if xml_rows is None:
        xml_rows = [ods_row([ods_cell(value) for value in values]) for values in rows]
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", ODS_MIMETYPE, compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", ODS_MANIFEST)
        with archive.open("content.xml", "w", force_zip64=True) as content:
            content.write(ODS_CONTENT_START.encode())
            for xml in xml_rows:
                content.write(xml.encode())
            content.write(ODS_CONTENT_END.encode())
    return output.getvalue()
