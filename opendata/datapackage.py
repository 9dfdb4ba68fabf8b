"""How a program reads the CSVs: a Frictionless Data Package and one-line recipes.

The CSVs are written for spreadsheets set to Spanish (Colombia) (``;``, decimal comma, BOM;
see exports.py), which no program guesses: ``pandas.read_csv(url)`` reads one column and turns
codes into floats. ``/datos/datapackage.json`` states the dialect and a Table Schema per file,
built from the same field definitions as the files and the ``/datos/`` page, and the page shows
the reading options for pandas and R that follow from them.

The indicators' CSV is the import format, whose "Meta <año>" and "Avance <periodo>" columns
depend on the data: its schema is built from the columns of the file served now
(``exports.indicator_matrix``), so it names exactly the columns the file has.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from opendata.addresses import absolute_url
from opendata.exports import (
    DOCUMENT_FIELDS,
    SHEET_FIELDS,
    SpanishSpreadsheet,
    indicator_matrix,
    matrix_field,
)
from rendicion.licences import licence_of

DIALECT = {
    "delimiter": SpanishSpreadsheet.delimiter,
    "lineTerminator": SpanishSpreadsheet.lineterminator,
    "quoteChar": SpanishSpreadsheet.quotechar,
    "doubleQuote": SpanishSpreadsheet.doublequote,
    "header": True,
}
DECIMAL_CHAR = ","


def indicator_csv_fields(request=None):
    """The fields of /datos/indicadores.csv as it is served now: one per column."""
    return [matrix_field(column) for column in indicator_matrix(request).columns]


def csv_datasets(indicator_fields=None):
    """(name, title, url name, fields) of each CSV file. Without ``indicator_fields`` (the
    columns of the file served now), the indicators' fixed columns and the patterns of the
    repeated ones."""
    return [
        (
            "indicadores",
            _("Development plan indicators"),
            reverse("opendata_indicators", args=["csv"]),
            list(SHEET_FIELDS.values()) if indicator_fields is None else indicator_fields,
        ),
        (
            "documentos",
            _("Published accountability documents"),
            reverse("opendata_documents_csv"),
            DOCUMENT_FIELDS,
        ),
    ]


def table_field(field):
    schema = {"name": field.key, "type": field.type, "description": str(field.description)}
    if field.type == "number":
        schema["decimalChar"] = DECIMAL_CHAR
    if field.key in ("url", "URL"):
        schema["format"] = "uri"
    return schema


def build_datapackage(request, portal_settings):
    licence = licence_of(portal_settings)
    landing = absolute_url(request, reverse("opendata_index"))
    resources = [
        {
            "name": name,
            "title": title,
            "profile": "tabular-data-resource",
            "path": absolute_url(request, path),
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": DIALECT,
            "schema": {"fields": [table_field(field) for field in fields]},
        }
        for name, title, path, fields in csv_datasets(indicator_csv_fields(request))
    ]
    return {
        "profile": "tabular-data-package",
        "name": "rendicion-de-cuentas",
        "id": absolute_url(request, reverse("opendata_datapackage")),
        "title": _("Open data of the accountability portal"),
        "description": _("Datasets published by %(entity)s on its accountability portal.")
        % {"entity": portal_settings.entity_name},
        "homepage": landing,
        "licenses": [{"name": licence.spdx, "title": licence.title, "path": licence.url}],
        "contributors": [{"title": portal_settings.entity_name, "role": "publisher"}],
        "resources": resources,
    }


# --- Recipes shown on /datos/ --------------------------------------------------------------


def _text_columns(fields):
    return [field.key for field in fields if field.keep_text and not field.repeated]


def pandas_recipe(url, fields):
    options = f'sep="{DIALECT["delimiter"]}", decimal="{DECIMAL_CHAR}", encoding="utf-8-sig"'
    text = _text_columns(fields)
    if text:
        options += ", dtype={" + ", ".join(f'"{key}": str' for key in text) + "}"
    return f'pd.read_csv("{url}", {options})'


def _r_name(key):
    # Plain names as they are (codigo); others ("Código", "Unidad de Medida") quoted.
    return key if key.isascii() and key.isidentifier() else f'"{key}"'


def r_recipe(url, fields):
    # read.csv2 is base R's reader for ";" and the decimal comma; check.names = FALSE keeps
    # the Spanish headers as they are ("Línea Base", not Línea.Base).
    options = 'fileEncoding = "UTF-8-BOM"'
    if any(not field.key.isidentifier() for field in fields):
        options += ", check.names = FALSE"
    text = _text_columns(fields)
    if text:
        options += (
            ", colClasses = c(" + ", ".join(f'{_r_name(key)} = "character"' for key in text) + ")"
        )
    return f'read.csv2("{url}", {options})'


def pandas_ods_recipe(url, fields):
    # python-calamine reads .ods for pandas (odfpy, pandas' default, is not needed).
    options = 'engine="calamine"'
    text = _text_columns(fields)
    if text:
        options += ", dtype={" + ", ".join(f'"{key}": str' for key in text) + "}"
    return f'pd.read_excel("{url}", {options})'


def recipes(request):
    """Per CSV dataset name: its absolute URL, the pandas and R lines, the text columns; for
    the indicators also the pandas line of the .ods file."""
    result = {}
    for name, _title, path, fields in csv_datasets():
        url = absolute_url(request, path)
        result[name] = {
            "url": url,
            "pandas": pandas_recipe(url, fields),
            "r": r_recipe(url, fields),
            "text_columns": ", ".join(_text_columns(fields)),
        }
    ods = absolute_url(request, reverse("opendata_indicators", args=["ods"]))
    result["indicadores"]["pandas_ods"] = pandas_ods_recipe(ods, csv_datasets()[0][3])
    return result
