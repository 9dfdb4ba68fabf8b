"""The open datasets: their fields (with definitions shown on /datos/) and their rows.

Field names are fixed Spanish identifiers, not translated: harvesters and scripts depend on
them. Rows hold typed values (``Decimal``, ``date``, lists); each format writes them its way:

* CSV for spreadsheets set to Spanish (Colombia): UTF-8 with a byte-order mark, ``;``
  between fields, a decimal comma, dates as YYYY-MM-DD, lists joined with ", ";
* XLSX with real numbers and dates;
* JSON (UTF-8, accents as they are) with numbers as numbers and lists as arrays.
"""

import csv
import datetime
import io
import json
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from opendata.addresses import absolute_url
from rendicion.models import Indicator
from rendicion.spreadsheet_safety import csv_text, xlsx_value
from rendicion.visibility import public_documents

CSV_BOM = "\ufeff"
# Part of every export's ETag (opendata/conditional.py): raise it when the files change for
# the same data (a column, a format rule), so that clients holding an old ETag download again.
FORMAT_VERSION = 2


class SpanishSpreadsheet(csv.excel):
    """The CSV dialect Excel and LibreOffice use with Spanish (Colombia) regional settings,
    where the comma is the decimal separator and ``;`` separates fields."""

    delimiter = ";"


@dataclass(frozen=True)
class Field:
    key: str
    description: str
    # Table Schema type (opendata/datapackage.py): string, number, integer or date.
    type: str = "string"
    # Text whose values can look like numbers (codes, periods, "3.2"): a program reading the
    # CSV must be told to keep it as text, or 0123 loses its zero and 3.2 becomes a float.
    keep_text: bool = False


INDICATOR_FIELDS = [
    Field("codigo", _("Development plan code; empty when the indicator has none."), keep_text=True),
    Field("nombre", _("Name of the indicator.")),
    Field("tipo", _("Result or product indicator.")),
    Field("unidad", _("Unit of measure.")),
    Field("sentido", _("Expected direction: increase, decrease or maintain.")),
    Field("linea_base", _("Baseline, when it is a number."), "number"),
    Field("linea_base_texto", _("Baseline, when it is described in words.")),
    Field("meta", _("Target for the development plan, when it is a number."), "number"),
    Field("meta_texto", _("Target, when it is described in words.")),
    Field("ultima_medicion", _("Value of the latest measurement."), "number"),
    Field("periodo", _("Period of the latest measurement, e.g. 2021."), keep_text=True),
    Field("fecha_corte", _("Cut-off date of the latest measurement (YYYY-MM-DD)."), "date"),
    Field(
        "avance_porcentaje",
        _(
            "Progress towards the target, in percent; empty when it cannot be calculated "
            "(no measurement yet, or a baseline or target described in words)."
        ),
        "number",
    ),
    Field("estado_avance", _("Progress status in words.")),
    Field("dependencia", _("Department responsible for the indicator.")),
    Field(
        "metas_ods",
        _("Sustainable Development Goal targets the indicator contributes to."),
        keep_text=True,
    ),
    Field("url", _("Address of the indicator on this portal.")),
]

DOCUMENT_FIELDS = [
    Field("archivo", _("File name (inside the ZIP of a fiscal year, the name of the entry).")),
    Field("titulo", _("Title of the document.")),
    Field("descripcion", _("Description of the document.")),
    Field("tipo", _("Document type: management report, minutes, systematisation…")),
    Field("dependencia", _("Department that published it; empty for the whole administration.")),
    Field("vigencia", _("Fiscal year the document reports on."), "integer"),
    Field("fecha_publicacion", _("Publication date (YYYY-MM-DD)."), "date"),
    Field("formato", _("File format (extension).")),
    Field("bytes", _("Size of the file in bytes."), "integer"),
    Field("sha256", _("SHA-256 checksum of the file, to verify that it has not changed.")),
    Field("url", _("Permanent download address.")),
]


# --- Rows ----------------------------------------------------------------------------------


def indicator_rows(request=None):
    rows = []
    for indicator in Indicator.objects.public():
        latest = indicator.latest_measurement
        progress = indicator.progress
        url = indicator.get_url(request)
        if url and request is not None:
            url = absolute_url(request, url)
        rows.append(
            {
                "codigo": indicator.code,
                "nombre": indicator.name,
                "tipo": str(indicator.get_kind_display()),
                "unidad": indicator.unit,
                "sentido": str(indicator.get_direction_display()),
                "linea_base": indicator.baseline_value,
                "linea_base_texto": indicator.baseline_text,
                "meta": indicator.target_value,
                "meta_texto": indicator.target_text,
                "ultima_medicion": latest.value if latest else None,
                "periodo": latest.period if latest else "",
                "fecha_corte": latest.date if latest else None,
                "avance_porcentaje": progress.percent,
                "estado_avance": str(progress.status_label),
                "dependencia": indicator.department.name,
                "metas_ods": [target.code for target in indicator.sdg_targets.all()],
                "url": url or "",
            }
        )
    return rows


def document_row(document, request=None, file_name=None):
    url = document.url
    if request is not None:
        url = absolute_url(request, url)
    return {
        "archivo": file_name or document.filename,
        "titulo": document.title,
        "descripcion": document.description,
        "tipo": str(document.get_document_type_display()),
        "dependencia": document.department.name if document.department_id else "",
        "vigencia": document.fiscal_year,
        "fecha_publicacion": document.published_on,
        "formato": document.format,
        "bytes": document.file_size,
        "sha256": document.sha256,
        "url": url,
    }


def public_documents_for_listing():
    """Public documents with what a listing or a manifest shows, newest first."""
    return public_documents().select_related("department").order_by("-published_on", "-pk")


def document_rows(request=None):
    return [document_row(document, request) for document in public_documents_for_listing()]


# --- Formats -------------------------------------------------------------------------------


def _plain_decimal(value):
    """A Decimal without exponent or trailing zeros: 400.0000 → "400", 93.40 → "93.4"."""
    text = format(value.normalize(), "f")
    return text


def csv_value(value):
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return _plain_decimal(value).replace(".", ",")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return csv_text(", ".join(str(item) for item in value))
    return csv_text(str(value))


def write_csv(output, fields, rows, bom=True):
    """Write the rows to a text stream in the Spanish spreadsheet dialect."""
    if bom:
        output.write(CSV_BOM)
    writer = csv.writer(output, dialect=SpanishSpreadsheet)
    writer.writerow([field.key for field in fields])
    for row in rows:
        writer.writerow([csv_value(row[field.key]) for field in fields])


def csv_bytes(fields, rows):
    output = io.StringIO(newline="")
    write_csv(output, fields, rows)
    return output.getvalue().encode("utf-8")


def _xlsx_value(value):
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value)
    if value == "":
        return None
    return value


def xlsx_bytes(fields, rows, sheet_title):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title)
    bold = Font(bold=True)
    header = []
    for field in fields:
        cell = WriteOnlyCell(sheet, value=field.key)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([xlsx_value(sheet, _xlsx_value(row[field.key])) for field in fields])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def json_value(value):
    if value == "":
        return None  # empty text is null, like an empty number (docs/open-data.md)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(_plain_decimal(value))
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [json_value(item) for item in value]
    return value


def json_bytes(dataset, fields, rows, generated_at):
    document = {
        "conjunto": dataset,
        "generado": generated_at.isoformat(timespec="seconds"),
        "total": len(rows),
        "campos": [field.key for field in fields],
        "registros": [{field.key: json_value(row[field.key]) for field in fields} for row in rows],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def indicator_file(extension, rows):
    """The indicators file in ``extension`` (csv, xlsx, json), as bytes."""
    if extension == "csv":
        return csv_bytes(INDICATOR_FIELDS, rows)
    if extension == "xlsx":
        return xlsx_bytes(INDICATOR_FIELDS, rows, "Indicadores")
    return json_bytes("indicadores", INDICATOR_FIELDS, rows, timezone.now())


def documents_csv_file(request, rows=None):
    """The list of published documents as CSV bytes."""
    return csv_bytes(DOCUMENT_FIELDS, document_rows(request) if rows is None else rows)
