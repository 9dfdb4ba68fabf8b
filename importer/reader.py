"""Turning an uploaded .xlsx or .csv file into rows of cell values.

Rows keep the number the spreadsheet shows (1-based, title rows included) so every error can
point at it. Merged cells are filled with their value across the merged range; Excel's text
prefix (a leading apostrophe) is kept as ``ForcedText``; percentage-formatted numbers are read
as the percentage people see (0.45 shown as "45%" is 45).
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from importer.cells import ForcedText

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls, Excel 97–2003
# Stop reading a sheet after this many empty rows in a row: styled but empty rows can
# make a sheet claim a million rows.
MAX_EMPTY_RUN = 500
CSV_DELIMITERS = (";", ",", "\t")


class FileReadError(Exception):
    """The file cannot be read at all; ``code`` says why."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


@dataclass
class Sheet:
    name: str
    # (row number as the spreadsheet shows it, [cell values]) for every non-empty row.
    rows: list = field(default_factory=list)


def read_file(data, filename=""):
    """The sheets of an .xlsx file, or the single sheet of a .csv file.

    For CSV files every candidate delimiter gives one sheet; the planner keeps the one
    whose header it recognises best.
    """
    name = filename.lower()
    if data.startswith(OLE_MAGIC) or name.endswith(".xls"):
        raise FileReadError("old_excel")
    if data.startswith(XLSX_MAGIC):
        return read_xlsx(data)
    if name.endswith((".xlsx", ".xlsm")):
        raise FileReadError("unreadable")
    if name.endswith((".ods", ".numbers", ".pdf", ".docx")):
        raise FileReadError("unsupported_format")
    if not data.strip():
        raise FileReadError("empty")
    return read_csv(data)


def read_xlsx(data):
    import openpyxl  # imported here: a CSV import does not need it

    try:
        # Not read-only: only the full loader exposes merged ranges.
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise FileReadError("unreadable") from error
    sheets = [_read_worksheet(worksheet) for worksheet in workbook.worksheets]
    workbook.close()
    return sheets


def _cell_value(cell):
    value = cell.value
    if value is None:
        return None
    if isinstance(value, str):
        return ForcedText(value) if cell.quotePrefix else value
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    if is_number and "%" in (cell.number_format or ""):
        return Decimal(repr(value)) * 100
    return value


def _read_worksheet(worksheet):
    grid = {}
    empty_run = 0
    for row in worksheet.iter_rows():
        values = [_cell_value(cell) for cell in row]
        if any(value not in (None, "") for value in values):
            grid[row[0].row] = values
            empty_run = 0
        else:
            empty_run += 1
            if empty_run > MAX_EMPTY_RUN:
                break
    for merged in worksheet.merged_cells.ranges:
        top = grid.get(merged.min_row)
        if top is None or len(top) < merged.min_col:
            continue
        value = top[merged.min_col - 1]
        for row_number in range(merged.min_row, merged.max_row + 1):
            # A row whose only content would come from a merge above it stays empty.
            row = grid.get(row_number)
            if row is None:
                continue
            if len(row) < merged.max_col:
                row.extend([None] * (merged.max_col - len(row)))
            for col in range(merged.min_col - 1, merged.max_col):
                row[col] = value
    return Sheet(worksheet.title, sorted(grid.items()))


def decode_text(data):
    """UTF-8 (with or without BOM) first; else Windows-1252, what Excel writes in Spanish."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Five bytes are undefined in cp1252; latin-1 reads them instead of failing.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def _csv_value(value):
    value = value.strip()
    if not value:
        return None
    if value.startswith("'"):
        return ForcedText(value[1:])
    return value


def read_csv(data):
    text = decode_text(data)
    sheets = []
    for delimiter in CSV_DELIMITERS:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows = []
        try:
            for number, record in enumerate(reader, start=1):
                values = [_csv_value(value) for value in record]
                if any(value is not None for value in values):
                    rows.append((number, values))
        except csv.Error as error:
            raise FileReadError("unreadable") from error
        sheets.append(Sheet(f"csv:{delimiter}", rows))
    return sheets
