"""The open datasets: their fields (with definitions shown on /datos/) and their rows.

Indicators have one format for every spreadsheet (docs/open-data.md, "The one indicator
format"): /datos/indicadores.xlsx, .csv and .ods are the import format of the admin export
(``importer.export``: "ODS", "Código", "Línea Base", "Avance 2021"…, Spanish headers a
department recognises), restricted to approved indicators, plus read-only columns the portal
computes (latest measurement, progress, address), which the import recognises and skips. So a
downloaded file, edited in Excel or LibreOffice, imports back. ``SHEET_FIELDS`` defines those
columns for /datos/ and the Data Package.

The JSON keeps fixed Spanish machine keys (``INDICATOR_FIELDS``: ``codigo``, ``linea_base``…),
as do the API and the documents' CSV: scripts depend on them. Rows hold typed values
(``Decimal``, ``date``, lists); each format writes them its way:

* CSV for spreadsheets set to Spanish (Colombia): UTF-8 with a byte-order mark, ``;``
  between fields, a decimal comma, dates as YYYY-MM-DD, lists joined with ", ";
* XLSX and ODS with real numbers and dates, codes as text;
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

from importer.columns import (
    COLUMNS_BY_KEY,
    MEASUREMENT_PREFIX,
    READ_ONLY_BY_KEY,
    YEAR_TARGET_PREFIX,
)
from importer.export import MEASUREMENT, WRITERS, YEAR_TARGET, export_queryset, table
from opendata.addresses import absolute_url
from rendicion.spreadsheet_safety import csv_text
from rendicion.visibility import public_documents, public_indicators

CSV_BOM = "\ufeff"
# Part of every export's ETag (opendata/conditional.py): raise it when the files change for
# the same data (a column, a format rule), so that clients holding an old ETag download again.
FORMAT_VERSION = 3
# The spreadsheet formats of the indicators; JSON is the fourth.
SHEET_FORMATS = ("csv", "xlsx", "ods")


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
    # Computed by the portal: shown in the public spreadsheets, skipped by the import.
    read_only: bool = False
    # A column that repeats (one per year or period): ``key`` is its pattern.
    repeated: bool = False


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


def _sheet(key, description, type="string", keep_text=False):
    column = COLUMNS_BY_KEY.get(key) or READ_ONLY_BY_KEY[key]
    return Field(column.header, description, type, keep_text, read_only=key in READ_ONLY_BY_KEY)


# The columns of /datos/indicadores.csv, .xlsx and .ods, by the key ``importer.export`` gives
# them, in the order of the files. Headers are the import format's (importer/columns.py).
SHEET_FIELDS = {
    "sdg": _sheet(
        "sdg",
        _(
            "Sustainable Development Goal targets the indicator contributes to (4.1, 4.2), "
            "then goals it contributes to without a target (ODS 15)."
        ),
        keep_text=True,
    ),
    "code": _sheet(
        "code", _("Development plan code; empty when the indicator has none."), keep_text=True
    ),
    "name": _sheet("name", _("Name of the indicator.")),
    "kind": _sheet("kind", _("Result or product indicator.")),
    "unit": _sheet("unit", _("Unit of measure.")),
    "baseline": _sheet(
        "baseline", _("Baseline: a number (decimal comma in the CSV) or a description in words.")
    ),
    "baseline_number": _sheet(
        "baseline_number",
        _(
            "The baseline as a number, when the baseline is also described in words; the "
            "column is present only when some indicator needs it."
        ),
        "number",
    ),
    "target": _sheet(
        "target",
        _("Target for the development plan: a number or a description in words."),
    ),
    "target_number": _sheet(
        "target_number",
        _(
            "The target as a number, when the target is also described in words; the column "
            "is present only when some indicator needs it."
        ),
        "number",
    ),
    "department": _sheet("department", _("Department responsible for the indicator.")),
    "plan_line": _sheet("plan_line", _("Strategic line of the development plan.")),
    "programme": _sheet("programme", _("Programme of the development plan.")),
    "direction": _sheet("direction", _("Expected direction: increase, decrease or maintain.")),
    YEAR_TARGET: Field(
        f"{YEAR_TARGET_PREFIX} <año>",
        _(
            "Target of that year (Meta 2022): a number or words. One column per year that "
            "has a target."
        ),
        repeated=True,
    ),
    MEASUREMENT: Field(
        f"{MEASUREMENT_PREFIX} <periodo>",
        _(
            "Value measured in that period (Avance 2021, Avance 2021-S1). One column per "
            "period measured, oldest first."
        ),
        "number",
        repeated=True,
    ),
    "latest_value": _sheet("latest_value", _("Value of the latest measurement."), "number"),
    "latest_period": _sheet(
        "latest_period", _("Period of the latest measurement, e.g. 2021."), keep_text=True
    ),
    "latest_date": _sheet(
        "latest_date", _("Cut-off date of the latest measurement (YYYY-MM-DD)."), "date"
    ),
    "progress_percent": _sheet(
        "progress_percent",
        _(
            "Progress towards the target, in percent; empty when it cannot be calculated "
            "(no measurement yet, or a baseline or target described in words)."
        ),
        "number",
    ),
    "progress_status": _sheet("progress_status", _("Progress status in words.")),
    "url": _sheet("url", _("Address of the indicator on this portal.")),
}

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


def public_indicator_queryset():
    """Approved indicators (the one visibility rule), with what their rows need."""
    return public_indicators().public()


def _indicator_url(indicator, request):
    url = indicator.get_url(request)
    if url and request is not None:
        url = absolute_url(request, url)
    return url or ""


def indicator_rows(request=None, indicators=None):
    """The rows of the JSON, keyed by ``INDICATOR_FIELDS``: of every public indicator, or of
    ``indicators`` (a queryset of them, already restricted to public ones)."""
    indicators = public_indicator_queryset() if indicators is None else indicators
    return [indicator_row(indicator, request) for indicator in indicators]


def indicator_row(indicator, request=None):
    """One indicator's row of the JSON, keyed by ``INDICATOR_FIELDS``."""
    latest = indicator.latest_measurement
    progress = indicator.progress
    url = _indicator_url(indicator, request)
    return {
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


# One indicator's file, /datos/indicadores/<code>.json: its row above, with every
# measurement and every year's target (docs/open-data.md, "One indicator").
MEASUREMENT_FIELDS = [
    Field("periodo", _("Period measured, e.g. 2021 or 2021-S1."), keep_text=True),
    Field("fecha_corte", _("Cut-off date of the measurement (YYYY-MM-DD)."), "date"),
    Field("valor", _("Value measured."), "number"),
    Field("fuente", _("Source of the measurement.")),
    Field("nota", _("Note on the measurement.")),
]
YEAR_TARGET_FIELDS = [
    Field("anio", _("Year of the target."), "integer"),
    Field("meta", _("Target of that year, when it is a number."), "number"),
    Field("meta_texto", _("Target of that year, when it is described in words.")),
]


def measurement_rows(indicator):
    return [
        {
            "periodo": measurement.period,
            "fecha_corte": measurement.date,
            "valor": measurement.value,
            "fuente": measurement.source,
            "nota": measurement.note,
        }
        for measurement in indicator.ordered_measurements
    ]


def year_target_rows(indicator):
    return [
        {"anio": target.year, "meta": target.value, "meta_texto": target.text}
        for target in indicator.ordered_year_targets
    ]


def single_indicator_data(indicator, request=None):
    """What /datos/indicadores/<code>.json says of one public indicator, as typed values."""
    return {
        "indicador": indicator_row(indicator, request),
        "mediciones": measurement_rows(indicator),
        "metas_anuales": year_target_rows(indicator),
    }


def single_indicator_json(data, generated_at, licence=None):
    """The JSON bytes of ``single_indicator_data``: the row's keys as in the indicators'
    JSON, measurements and year targets as arrays of records."""

    def records(fields, rows):
        return [{field.key: json_value(row[field.key]) for field in fields} for row in rows]

    document = {
        "conjunto": "indicador",
        "generado": generated_at.isoformat(timespec="seconds"),
        "indicador": {
            field.key: json_value(data["indicador"][field.key]) for field in INDICATOR_FIELDS
        },
        "mediciones": records(MEASUREMENT_FIELDS, data["mediciones"]),
        "metas_anuales": records(YEAR_TARGET_FIELDS, data["metas_anuales"]),
    }
    if licence is not None:
        document["licencia"] = {"id": licence.spdx, "nombre": licence.title, "url": licence.url}
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def _latest(attribute):
    def value(indicator):
        latest = indicator.latest_measurement
        return getattr(latest, attribute) if latest else None

    return value


def indicator_matrix(request=None, indicators=None):
    """The public spreadsheet: the import format of approved indicators (or of
    ``indicators``, a queryset of public ones), with the read-only columns the portal
    computes (``importer.export.Matrix``)."""
    computed = {
        "latest_value": _latest("value"),
        "latest_period": _latest("period"),
        "latest_date": _latest("date"),
        "progress_percent": lambda indicator: indicator.progress.percent,
        "progress_status": lambda indicator: str(indicator.progress.status_label),
        "url": lambda indicator: _indicator_url(indicator, request),
    }
    indicators = public_indicators() if indicators is None else indicators
    return table(export_queryset(indicators), computed)


def matrix_field(column):
    """The ``Field`` (header, definition, type) of a column of the public spreadsheet."""
    if column.kind in (YEAR_TARGET, MEASUREMENT):
        pattern = SHEET_FIELDS[column.kind]
        return Field(column.header, pattern.description, pattern.type, pattern.keep_text)
    return SHEET_FIELDS[column.key]


def matrix_bytes(extension, matrix):
    output = io.BytesIO()
    WRITERS[extension](output, matrix=matrix)
    return output.getvalue()


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


def json_bytes(dataset, fields, rows, generated_at, licence=None):
    document = {
        "conjunto": dataset,
        "generado": generated_at.isoformat(timespec="seconds"),
        "total": len(rows),
        "campos": [field.key for field in fields],
        "registros": [{field.key: json_value(row[field.key]) for field in fields} for row in rows],
    }
    if licence is not None:
        # The terms travel with the file (docs/open-data.md, "Licence").
        document["licencia"] = {"id": licence.spdx, "nombre": licence.title, "url": licence.url}
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def indicator_file(extension, request=None, licence=None):
    """The public indicators file, as /datos/indicadores.<extension> serves it, as bytes."""
    if extension == "json":
        return json_bytes(
            "indicadores", INDICATOR_FIELDS, indicator_rows(request), timezone.now(), licence
        )
    return matrix_bytes(extension, indicator_matrix(request))


def documents_csv_file(request, rows=None):
    """The list of published documents as CSV bytes."""
    return csv_bytes(DOCUMENT_FIELDS, document_rows(request) if rows is None else rows)
