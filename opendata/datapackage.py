"""How a program reads the CSVs: a Frictionless Data Package and one-line recipes.

The CSVs are written for spreadsheets set to Spanish (Colombia) (``;``, decimal comma, BOM;
see exports.py), which no program guesses: ``pandas.read_csv(url)`` reads one column and turns
codes into floats. ``/datos/datapackage.json`` states the dialect and a Table Schema per file,
built from the same field definitions as the files and the ``/datos/`` page, and the page shows
the reading options for pandas and R that follow from them.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from opendata.addresses import absolute_url
from opendata.exports import DOCUMENT_FIELDS, INDICATOR_FIELDS, SpanishSpreadsheet
from rendicion.licences import licence_of

DIALECT = {
    "delimiter": SpanishSpreadsheet.delimiter,
    "lineTerminator": SpanishSpreadsheet.lineterminator,
    "quoteChar": SpanishSpreadsheet.quotechar,
    "doubleQuote": SpanishSpreadsheet.doublequote,
    "header": True,
}
DECIMAL_CHAR = ","


def csv_datasets():
    """(name, title, url name, fields) of each CSV file."""
    return [
        (
            "indicadores",
            _("Development plan indicators"),
            reverse("opendata_indicators", args=["csv"]),
            INDICATOR_FIELDS,
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
    if field.key == "url":
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
        for name, title, path, fields in csv_datasets()
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
    return [field.key for field in fields if field.keep_text]


def pandas_recipe(url, fields):
    options = f'sep="{DIALECT["delimiter"]}", decimal="{DECIMAL_CHAR}", encoding="utf-8-sig"'
    text = _text_columns(fields)
    if text:
        options += ", dtype={" + ", ".join(f'"{key}": str' for key in text) + "}"
    return f'pd.read_csv("{url}", {options})'


def r_recipe(url, fields):
    # read.csv2 is base R's reader for ";" and the decimal comma.
    options = 'fileEncoding = "UTF-8-BOM"'
    text = _text_columns(fields)
    if text:
        options += ", colClasses = c(" + ", ".join(f'{key} = "character"' for key in text) + ")"
    return f'read.csv2("{url}", {options})'


def recipes(request):
    """Per CSV dataset name: its absolute URL, the pandas and R lines, the text columns."""
    result = {}
    for name, _title, path, fields in csv_datasets():
        url = absolute_url(request, path)
        result[name] = {
            "url": url,
            "pandas": pandas_recipe(url, fields),
            "r": r_recipe(url, fields),
            "text_columns": ", ".join(_text_columns(fields)),
        }
    return result
