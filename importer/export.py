"""Export of the indicators in the format the importer reads, so that export → import is
lossless.

One row per indicator, the columns of the strategy document plus "Línea estratégica",
"Programa", "Sentido" and one "Avance <period>" column per period measured. Two cases need
more than one cell to survive a round trip, and get it only when they occur:

- a baseline or target with both a number and a text: "Línea Base (valor)" / "Meta (valor)"
  columns hold the number;
- a text that would be read as a number ("27 IE" typed as text): written with Excel's text
  prefix (a leading apostrophe in CSV).
"""

import csv
import io

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


def export_queryset():
    return (
        Indicator.objects.select_related("department")
        .prefetch_related("sdg_targets", "sdg_goals", "measurements", "year_targets")
        .order_by("department__name", "-kind", "code", "name")
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


def table(indicators):
    """(column keys, headers, rows) for the indicators; cells are str, ForcedText, Decimal
    or None."""
    indicators = list(indicators)
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
        rows.append((cells, rest))

    keys = [key for key in BASE_COLUMNS if not key.endswith("_number") or key in needs_number]
    headers = [COLUMNS_BY_KEY[key].header for key in keys]
    headers += [f"{YEAR_TARGET_PREFIX} {year}" for year in years]
    headers += [f"{MEASUREMENT_PREFIX} {period}" for period in periods]
    return keys, headers, [[cells[key] for key in keys] + rest for cells, rest in rows]


def write_xlsx(output, indicators=None):
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    keys, headers, rows = table(export_queryset() if indicators is None else indicators)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Indicadores")
    sheet.freeze_panes = "A2"
    for index, key in enumerate(keys, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(key, 14)
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    text_positions = {index for index, key in enumerate(keys) if key in TEXT_COLUMNS}
    for row in rows:
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
            else:
                cells.append(value if value != "" else None)
        sheet.append(cells)
    workbook.save(output)


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, ForcedText):
        return "'" + value
    if isinstance(value, str):
        return csv_text(value)
    return format_number(value, decimal_comma=True)


def write_csv(output, indicators=None):
    """UTF-8 with BOM, ";"-separated, decimal comma: how Excel in Spanish opens it right."""
    _keys, headers, rows = table(export_queryset() if indicators is None else indicators)
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    output.write(b"\xef\xbb\xbf" + text.getvalue().encode("utf-8"))
