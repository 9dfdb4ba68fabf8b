"""Export of the indicators in the format the importer reads, so that export → import is
lossless: the one indicator format of the admin export, the ``export_indicators`` command and
the public files /datos/indicadores.xlsx, .csv and .ods (docs/indicator-import.md).

One row per indicator, the columns of the strategy document plus "Línea estratégica",
"Programa", "Sentido", one "Meta <year>" column per year with a target and one
"Avance <period>" column per period measured. Two cases need more than one cell to survive a
round trip, and get it only when they occur:

- a baseline or target with both a number and a text: "Línea Base (valor)" / "Meta (valor)"
  columns hold the number;
- a text that would be read as a number ("27 IE" typed as text): written with Excel's text
  prefix (a leading apostrophe in CSV; .ods has no such mark, see the docs).

The public files add read-only columns after these (``READ_ONLY_COLUMNS``: latest
measurement, progress, address…), computed by the caller; the import recognises and skips
them.

Every text cell is written so that no spreadsheet runs it as a formula
(rendicion/spreadsheet_safety.py): XLSX text cells, the CSV apostrophe, and in .ods string
cells, which hold text only (a formula is a separate attribute this writer never writes).
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal

from importer.cells import (
    ForcedText,
    NumberError,
    Quantity,
    format_number,
    plain,
    read_period,
    read_quantity,
)
from importer.columns import (
    COLUMNS_BY_KEY,
    DIRECTION_VALUES,
    KIND_VALUES,
    MEASUREMENT_PREFIX,
    READ_ONLY_COLUMNS,
    YEAR_TARGET_PREFIX,
    choice_label,
    sdg_cell,
)
from rendicion.models import Indicator
from rendicion.spreadsheet_safety import csv_text, looks_like_formula, xlsx_text_cell

BASE_COLUMNS = [
    "sdg",
    "code",
    "name",
    "kind",
    "unit",
    "baseline",
    "baseline_number",
    "target",
    "target_number",
    "department",
    "plan_line",
    "programme",
    "direction",
]
TEXT_COLUMNS = {"sdg", "code", "name", "unit", "department", "plan_line", "programme"}
WIDTHS = {"sdg": 16, "code": 13, "name": 60, "unit": 18, "department": 32, "plan_line": 30}
WIDTHS.update({"latest_period": 16, "progress_status": 18, "url": 40})

# Kinds of column in a sheet.
DATA = "data"  # one of importer.columns.COLUMNS
YEAR_TARGET = "year_target"  # "Meta 2021"
MEASUREMENT = "measurement"  # "Avance 2021"
READ_ONLY = "read_only"  # computed by the portal, skipped by the import

FORMATS = ("xlsx", "csv", "ods")
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
SHEET_NAME = "Indicadores"


@dataclass(frozen=True)
class SheetColumn:
    key: str  # a COLUMNS or READ_ONLY_COLUMNS key; for the repeated columns, their kind
    header: str
    kind: str = DATA
    detail: object = None  # the year of a YEAR_TARGET, the period label of a MEASUREMENT

    @property
    def read_only(self):
        return self.kind == READ_ONLY

    @property
    def text(self):
        return self.key in TEXT_COLUMNS


@dataclass
class Matrix:
    """The sheet the format writes: its columns and one row of cells per indicator. Cells are
    str, ForcedText, Decimal, date or None."""

    columns: list
    rows: list = field(default_factory=list)

    @property
    def headers(self):
        return [column.header for column in self.columns]


def export_queryset(indicators=None):
    """``indicators`` (every indicator by default) with what the export reads, in its order."""
    base = Indicator.objects.all() if indicators is None else indicators
    return (
        base.select_related("department")
        .prefetch_related("sdg_targets", "sdg_goals", "measurements", "year_targets")
        .order_by("department__name", "-kind", "code", "name", "pk")
    )


def _reads_back_as_text(text):
    try:
        return read_quantity(text) == Quantity(None, text)
    except NumberError:
        return False


def _quantity_cells(value, text):
    """(main cell, number cell) for a baseline or target."""
    if text:
        main = text
        if value is not None or not _reads_back_as_text(text):
            main = ForcedText(text)
        return main, (plain(value) if value is not None and text else None)
    return (plain(value) if value is not None else None), None


def _year_target_cell(year_target):
    """A "Meta <year>" cell: the text when there is one (a number beside it is not
    written: the column has no "(valor)" companion), else the number."""
    if year_target is None:
        return None
    return _quantity_cells(None if year_target.text else year_target.value, year_target.text)[0]


def _period_sort_key(label, dates):
    return (dates[label], label)


def table(indicators, computed=None):
    """The ``Matrix`` of the indicators. ``computed`` maps keys of ``READ_ONLY_COLUMNS`` to a
    function of the indicator giving that column's value; they are added, in the order of
    ``READ_ONLY_COLUMNS``, after the format's own columns."""
    indicators = list(indicators)
    computed = computed or {}
    measured, dates = {}, {}
    for indicator in indicators:
        values = {}
        for measurement in sorted(indicator.measurements.all(), key=lambda m: (m.date, m.pk)):
            period = read_period(measurement.period)
            label = period.label if period else measurement.period.strip()
            values[label] = measurement.value
            dates[label] = min(dates.get(label, measurement.date), measurement.date)
        measured[indicator.pk] = values
    periods = sorted(dates, key=lambda label: _period_sort_key(label, dates))
    years = sorted({t.year for indicator in indicators for t in indicator.year_targets.all()})
    read_only = [column for column in READ_ONLY_COLUMNS if column.key in computed]

    rows, needs_number = [], set()
    for indicator in indicators:
        baseline, baseline_number = _quantity_cells(
            indicator.baseline_value, indicator.baseline_text
        )
        target, target_number = _quantity_cells(indicator.target_value, indicator.target_text)
        if baseline_number is not None:
            needs_number.add("baseline_number")
        if target_number is not None:
            needs_number.add("target_number")
        cells = {
            "sdg": sdg_cell(indicator.sdg_targets.all(), indicator.sdg_goals.all()),
            "code": indicator.code,
            "name": indicator.name,
            "kind": choice_label(indicator.kind, KIND_VALUES),
            "unit": indicator.unit,
            "baseline": baseline,
            "baseline_number": baseline_number,
            "target": target,
            "target_number": target_number,
            "department": indicator.department.name,
            "plan_line": indicator.plan_line,
            "programme": indicator.programme,
            "direction": choice_label(indicator.direction, DIRECTION_VALUES),
        }
        values = measured[indicator.pk]
        by_year = {t.year: t for t in indicator.year_targets.all()}
        rest = [_year_target_cell(by_year.get(year)) for year in years]
        rest += [plain(values[p]) if p in values else None for p in periods]
        rest += [computed[column.key](indicator) for column in read_only]
        rows.append((cells, rest))

    keys = [key for key in BASE_COLUMNS if not key.endswith("_number") or key in needs_number]
    columns = [SheetColumn(key, COLUMNS_BY_KEY[key].header) for key in keys]
    columns += [
        SheetColumn(YEAR_TARGET, f"{YEAR_TARGET_PREFIX} {year}", YEAR_TARGET, year)
        for year in years
    ]
    columns += [
        SheetColumn(MEASUREMENT, f"{MEASUREMENT_PREFIX} {period}", MEASUREMENT, period)
        for period in periods
    ]
    columns += [SheetColumn(column.key, column.header, READ_ONLY) for column in read_only]
    return Matrix(columns, [[cells[key] for key in keys] + rest for cells, rest in rows])


def _matrix(indicators, matrix):
    if matrix is not None:
        return matrix
    return table(export_queryset() if indicators is None else indicators)


# --- XLSX ----------------------------------------------------------------------------------


def write_xlsx(output, indicators=None, matrix=None):
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    matrix = _matrix(indicators, matrix)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_NAME)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(matrix.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(column.key, 14)
    bold = Font(bold=True)
    # Read-only columns look apart: grey, italic headers.
    computed = Font(bold=True, italic=True, color="595959")
    computed_fill = PatternFill("solid", fgColor="EDEDED")
    header_cells = []
    for column in matrix.columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = computed if column.read_only else bold
        if column.read_only:
            cell.fill = computed_fill
        header_cells.append(cell)
    sheet.append(header_cells)
    text_positions = {index for index, column in enumerate(matrix.columns) if column.text}
    for row in matrix.rows:
        cells = []
        for index, value in enumerate(row):
            if isinstance(value, ForcedText):
                cell = WriteOnlyCell(sheet, value=str(value))
                cell.quotePrefix = True
                cells.append(cell)
            elif looks_like_formula(value):
                cells.append(xlsx_text_cell(sheet, value))
            elif index in text_positions and value:
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "@"
                cells.append(cell)
            elif isinstance(value, datetime.date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "yyyy-mm-dd"
                cells.append(cell)
            else:
                cells.append(value if value != "" else None)
        sheet.append(cells)
    workbook.save(output)


# --- CSV -----------------------------------------------------------------------------------


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, ForcedText):
        return "'" + value
    if isinstance(value, str):
        return csv_text(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return format_number(value, decimal_comma=True)


def write_csv(output, indicators=None, matrix=None):
    """UTF-8 with BOM, ";"-separated, decimal comma: how Excel in Spanish opens it right."""
    matrix = _matrix(indicators, matrix)
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(matrix.headers)
    for row in matrix.rows:
        writer.writerow([_csv_cell(value) for value in row])
    output.write(b"\xef\xbb\xbf" + text.getvalue().encode("utf-8"))


# --- ODS -----------------------------------------------------------------------------------

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}
# Characters XML 1.0 cannot hold (control characters pasted from other programs).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _ods_name(prefix, name):
    return f"{{{_NS[prefix]}}}{name}"


def _ods_styles(document):
    """The styles the sheet uses: bold headers, grey italic read-only headers, column
    widths."""
    from odfdo import Style, default_date_style

    styles = [
        Style("table-cell", name="cabecera", area="text", bold=True),
        Style(
            "table-cell",
            name="cabecera-calculada",
            area="text",
            bold=True,
            italic=True,
            color="#595959",
        ),
    ]
    styles[1].set_properties(area="table-cell", background_color="#EDEDED")
    # Dates shown as YYYY-MM-DD, as in the CSV.
    document.insert_style(default_date_style(), automatic=True)
    date_cell = Style("table-cell", name="fecha")
    date_cell.set_attribute("style:data-style-name", "lpod-default-date-style")
    styles.append(date_cell)
    for style in styles:
        document.insert_style(style, automatic=True)
    widths = sorted({WIDTHS.get(key, 14) for key in WIDTHS} | {14})
    for width in widths:
        # Excel's widths count characters; about 0.19 cm each.
        document.insert_style(
            Style("table-column", name=f"ancho-{width}", width=f"{width * 0.19:.2f}cm"),
            automatic=True,
        )


def write_ods(output, indicators=None, matrix=None):
    """An OpenDocument spreadsheet (LibreOffice's own format) with the same columns: numbers
    and dates as real numbers and dates, codes and SDG lists as text.

    The package (manifest, metadata, styles) is odfdo's; the rows are built as one lxml tree
    and handed to odfdo whole, since creating each cell through odfdo's API costs a quarter
    of a millisecond (3 s for 500 indicators)."""
    from lxml import etree
    from odfdo import Document, Element

    matrix = _matrix(indicators, matrix)
    document = Document("spreadsheet")
    document.body.clear()
    _ods_styles(document)

    tag, attr = _ods_name, _ods_name
    sheet = etree.Element(tag("table", "table"), nsmap=_NS)
    sheet.set(attr("table", "name"), SHEET_NAME)
    for column in matrix.columns:
        element = etree.SubElement(sheet, tag("table", "table-column"))
        element.set(attr("table", "style-name"), f"ancho-{WIDTHS.get(column.key, 14)}")

    def add_cell(row, value, style=None):
        cell = etree.SubElement(row, tag("table", "table-cell"))
        if isinstance(value, datetime.date):
            style = "fecha"
        if style:
            cell.set(attr("table", "style-name"), style)
        if value is None or value == "":
            return
        if isinstance(value, str):
            # A string cell: shown as text, never evaluated, whatever it starts with.
            text = _NOT_XML.sub("", str(value))
            cell.set(attr("office", "value-type"), "string")
            shown = text
        elif isinstance(value, datetime.date):
            cell.set(attr("office", "value-type"), "date")
            cell.set(attr("office", "date-value"), value.isoformat())
            shown = value.isoformat()
        else:
            number = format_number(Decimal(value))
            cell.set(attr("office", "value-type"), "float")
            cell.set(attr("office", "value"), number)
            shown = number
        etree.SubElement(cell, tag("text", "p")).text = shown

    header = etree.SubElement(sheet, tag("table", "table-row"))
    for column in matrix.columns:
        add_cell(header, column.header, "cabecera-calculada" if column.read_only else "cabecera")
    for values in matrix.rows:
        row = etree.SubElement(sheet, tag("table", "table-row"))
        for value in values:
            add_cell(row, value)
    document.body.append(Element.from_tag(sheet))
    document.save(output)


WRITERS = {"xlsx": write_xlsx, "csv": write_csv, "ods": write_ods}
