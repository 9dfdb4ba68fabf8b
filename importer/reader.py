"""Turning an uploaded .xlsx or .csv file into rows of cell values.

Rows keep the number the spreadsheet shows (1-based, title rows included) so every error can
point at it. Merged cells are filled with their value across the merged range; Excel's text
prefix (a leading apostrophe) is kept as ``ForcedText``; percentage-formatted numbers are read
as the percentage people see (0.45 shown as "45%" is 45).

Every read is bounded (importer/limits.py, docs/indicator-import.md "Limits"): an .xlsx's ZIP
directory is checked before anything is unpacked, then each sheet is parsed as a stream, one
cell at a time, counting rows and cells, and the read stops with a ``FileReadError`` at the
first limit passed. A small file that unpacks to millions of rows costs a few milliseconds.
"""

import csv
import io
import zipfile
import zlib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from decimal import Decimal

from importer.cells import ForcedText
from importer.limits import MB, ImportLimits
from importer.problems import grouped

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls, Excel 97–2003
# Stop reading a sheet after this many empty rows in a row: styled but empty rows can
# make a sheet claim a million rows.
MAX_EMPTY_RUN = 500
CSV_DELIMITERS = (";", ",", "\t")

# The ZIP directory of an .xlsx, checked before anything is unpacked. The sizes it declares
# are binding: Python's zipfile stops a member at its declared size (and fails on a CRC
# mismatch), so a member cannot unpack to more than the directory says.
EOCD = b"PK\x05\x06"  # end of central directory record
MAX_ZIP_MEMBERS = 10_000  # an .xlsx has tens of parts; the directory itself costs memory
# Worksheets compress about 10–15 to 1; a part that compresses over 100 to 1 is padding
# (the way zip bombs are built). Small parts may compress better harmlessly.
MAX_COMPRESSION_RATIO = 100
RATIO_CHECKED_FROM = 1 * MB
# Styles, workbook and relationship parts are parsed whole by openpyxl, not streamed.
MAX_METADATA_BYTES = 20 * MB


class FileReadError(Exception):
    """The file cannot be read at all; ``code`` says why, ``params`` fill its message."""

    def __init__(self, code, **params):
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass
class Sheet:
    name: str
    # (row number as the spreadsheet shows it, [cell values]) for every non-empty row.
    rows: list = field(default_factory=list)


class _Budget:
    """Rows and cells read so far against the limits; raises at the first one passed."""

    def __init__(self, limits):
        self.limits = limits
        self.cells = 0

    def add_cells(self, count):
        self.cells += count
        if self.cells > self.limits.cells:
            raise FileReadError("too_many_cells", limit=grouped(self.limits.cells))

    def check_row(self, number):
        """``number``: a row with content, as the spreadsheet numbers it."""
        if number > self.limits.rows:
            raise FileReadError("too_many_rows", limit=grouped(self.limits.rows))


def read_file(data, filename="", limits=None):
    """The sheets of an .xlsx or .ods file, or the single sheet of a .csv file.

    For CSV files every candidate delimiter gives one sheet; the planner keeps the one
    whose header it recognises best. ``limits``: an ``ImportLimits``, the settings' by default.
    """
    limits = limits or ImportLimits.from_settings()
    name = filename.lower()
    if len(data) > limits.upload_bytes:
        raise FileReadError("too_large", limit=limits.upload_bytes // MB)
    if data.startswith(OLE_MAGIC) or name.endswith(".xls"):
        raise FileReadError("old_excel")
    if data.startswith(XLSX_MAGIC):
        if _is_ods(data, limits):
            return read_ods(data, limits)
        if name.endswith(".ods"):
            raise FileReadError("unreadable")
        return read_xlsx(data, limits)
    if name.endswith((".xlsx", ".xlsm", ".ods")):
        raise FileReadError("unreadable")
    if name.endswith((".numbers", ".pdf", ".docx")):
        raise FileReadError("unsupported_format")
    if not data.strip():
        raise FileReadError("empty")
    return read_csv(data, limits)


# --- .xlsx ---------------------------------------------------------------------------------


def _is_cell_data(name):
    """Parts holding the cells: worksheets and the shared strings of an .xlsx, streamed;
    ``content.xml``, every sheet of an .ods."""
    return (
        name.startswith("xl/worksheets/") or "sharedstrings" in name.lower() or name == ODS_CONTENT
    )


def check_archive(data, limits):
    """Refuse an .xlsx whose ZIP directory announces too much, without unpacking anything."""
    end = data.rfind(EOCD, max(0, len(data) - 65_557))  # the record, after a comment ≤ 64 KiB
    if end < 0 or end + 22 > len(data):
        raise FileReadError("unreadable")
    entries = int.from_bytes(data[end + 10 : end + 12], "little")
    if entries > MAX_ZIP_MEMBERS:  # 0xFFFF (ZIP64) included: no spreadsheet needs it
        raise FileReadError("suspicious_compression")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as error:
        raise FileReadError("unreadable") from error
    if len(members) > MAX_ZIP_MEMBERS:
        raise FileReadError("suspicious_compression")
    total = 0
    for member in members:
        size = member.file_size
        total += size
        if size > RATIO_CHECKED_FROM and size > MAX_COMPRESSION_RATIO * member.compress_size:
            raise FileReadError("suspicious_compression")
        part_limit = limits.sheet_bytes if _is_cell_data(member.filename) else MAX_METADATA_BYTES
        part_limit = min(part_limit, limits.uncompressed_bytes)
        if size > part_limit:
            raise FileReadError("too_large_unpacked", limit=part_limit // MB)
    if total > limits.uncompressed_bytes:
        raise FileReadError("too_large_unpacked", limit=limits.uncompressed_bytes // MB)


def read_xlsx(data, limits=None):
    limits = limits or ImportLimits.from_settings()
    check_archive(data, limits)
    budget = _Budget(limits)
    # A parse error can surface at any cell of the stream, so the whole read is guarded.
    try:
        reader = _open_workbook(data, budget)
        try:
            return [_SheetReader(reader, sheet, budget).read() for sheet in reader.wb.worksheets]
        finally:
            reader.archive.close()
    except FileReadError:
        raise
    except (
        zipfile.BadZipFile,
        KeyError,
        IndexError,
        OSError,
        ValueError,
        TypeError,
        AttributeError,
        EOFError,
        SyntaxError,  # xml.etree's ParseError
        zlib.error,  # a corrupt deflated part
        NotImplementedError,  # an unknown ZIP version or compression method
        RuntimeError,  # an encrypted part
    ) as error:
        raise FileReadError("unreadable") from error


def _open_workbook(data, budget):
    """openpyxl's read-only reader with its shared-string table bounded by the cell limit."""
    from openpyxl.cell.text import Text
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.xml.constants import SHEET_MAIN_NS
    from openpyxl.xml.functions import iterparse

    string_tag = f"{{{SHEET_MAIN_NS}}}si"

    class BoundedReader(ExcelReader):
        def read_strings(self):
            # openpyxl's read_string_table, keeping no parsed element and stopping at the
            # cell limit: a string no cell can use is not worth holding.
            content_type = self.package.find(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
            )
            if content_type is None:
                return
            strings = []
            with self.archive.open(content_type.PartName[1:]) as source:
                root = None
                for event, node in iterparse(source, events=("start", "end")):
                    if root is None:
                        root = node
                    if event == "end" and node.tag == string_tag:
                        strings.append(Text.from_tree(node).content.replace("x005F_", ""))
                        root.clear()
                        if len(strings) > budget.limits.cells:
                            raise FileReadError(
                                "too_many_cells", limit=grouped(budget.limits.cells)
                            )
            self.shared_strings = strings

    reader = BoundedReader(io.BytesIO(data), read_only=True, data_only=True)
    reader.read()
    return reader


class _Styles:
    """Per style id: (Excel's text prefix, a percentage number format)."""

    def __init__(self, worksheet):
        from openpyxl.cell.read_only import ReadOnlyCell

        self.worksheet = worksheet
        self.cell_class = ReadOnlyCell
        self.cache = {}

    def __getitem__(self, style_id):
        flags = self.cache.get(style_id)
        if flags is None:
            probe = self.cell_class(self.worksheet, 1, 1, None, "n", style_id)
            try:
                flags = (bool(probe.style_array.quotePrefix), "%" in (probe.number_format or ""))
            except IndexError:
                if style_id:
                    raise
                flags = (False, False)  # no stylesheet: the default style
            self.cache[style_id] = flags
        return flags


def _cell_value(value, quote_prefix, percent):
    if value is None:
        return None
    if isinstance(value, str):
        return ForcedText(value) if quote_prefix else value
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    if is_number and percent:
        return Decimal(repr(value)) * 100
    return value


class _SheetReader:
    """One sheet as a stream of XML events, a cell at a time.

    The cell values are decoded by openpyxl's own worksheet parser (``parse_cell``: shared
    strings, dates, booleans, formulas' cached values), exactly as its read-only mode does;
    the loop is ours so that nothing larger than a cell is held before it is counted, and so
    that the merged ranges (which read-only mode does not expose) come from the same pass.
    """

    def __init__(self, reader, worksheet, budget):
        from openpyxl.worksheet._reader import WorkSheetParser
        from openpyxl.xml.constants import SHEET_MAIN_NS

        workbook = reader.wb
        self.workbook, self.worksheet, self.budget = workbook, worksheet, budget
        self.parser = WorkSheetParser(
            None,
            reader.shared_strings,
            data_only=True,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        self.styles = _Styles(worksheet)
        namespace = f"{{{SHEET_MAIN_NS}}}"
        self.row_tag, self.cell_tag = namespace + "row", namespace + "c"
        self.merge_tag, self.data_tag = namespace + "mergeCell", namespace + "sheetData"
        self.grid, self.merges = {}, []
        self.last_content = 0  # number of the last row with content
        self.row_element = self.sheet_data = None
        self.cells = {}  # column → value, of the row being read
        self.parsed = 0  # <c> elements of that row

    def read(self):
        from openpyxl.xml.functions import iterparse

        with self.workbook._archive.open(self.worksheet._worksheet_path) as source:
            for event, element in iterparse(source, events=("start", "end")):
                if event == "start":
                    if not self.start(element):
                        break
                else:
                    self.end(element)
        _fill_merged_cells(self.grid, self.merges, self.budget)
        return Sheet(self.worksheet.title, sorted(self.grid.items()))

    def start(self, element):
        """False once the rows have been empty long enough to stop reading."""
        if element.tag == self.row_tag:
            self.row_element, self.cells, self.parsed = element, {}, 0
            parser = self.parser
            parser.row_counter = _row_number(element, parser.row_counter)
            parser.col_counter = 0
            return parser.row_counter - self.last_content - 1 <= MAX_EMPTY_RUN
        if element.tag == self.data_tag:
            self.sheet_data = element
        return True

    def end(self, element):
        tag = element.tag
        if tag == self.cell_tag:
            cell = self.parser.parse_cell(element)
            self.budget.add_cells(1)
            self.parsed += 1
            value = _cell_value(cell["value"], *self.styles[cell["style_id"]])
            if value not in (None, ""):
                self.cells[cell["column"]] = value
            if self.row_element is not None:
                self.row_element.clear()  # its attributes were read at its start
        elif tag == self.row_tag:
            if self.cells:
                self.keep_row(self.parser.row_counter)
            self.row_element = None
            element.clear()
            if self.sheet_data is not None:
                self.sheet_data.clear()  # no parsed row stays in memory
        elif tag == self.merge_tag:
            self.merges.append(element.get("ref"))
            self.budget.add_cells(1)
            element.clear()

    def keep_row(self, number):
        self.budget.check_row(number)
        width = max(self.cells)
        self.budget.add_cells(max(0, width - self.parsed))  # the empty cells it spans
        values = [None] * width
        for column, value in self.cells.items():
            values[column - 1] = value
        self.grid[number] = values
        self.last_content = number


def _row_number(element, previous):
    """A <row>'s number: its ``r`` attribute, or the one after the previous row."""
    number = element.get("r")
    if number is None:
        return previous + 1
    value = float(number)
    if not value.is_integer() or value < 1:
        raise ValueError(f"{number} is not a row number")
    return int(value)


def _fill_merged_cells(grid, merges, budget):
    """A merged range's value in each of its cells, on the rows that have content."""
    from openpyxl.worksheet.cell_range import CellRange

    numbers = sorted(grid)
    for ref in merges:
        if not ref:
            continue
        merged = CellRange(ref)
        top = grid.get(merged.min_row)
        if top is None or len(top) < merged.min_col:
            continue
        value = top[merged.min_col - 1]
        # A row whose only content would come from a merge above it stays empty.
        first = bisect_left(numbers, merged.min_row)
        last = bisect_right(numbers, merged.max_row)
        for row_number in numbers[first:last]:
            row = grid[row_number]
            budget.add_cells(merged.max_col - merged.min_col + 1)
            if len(row) < merged.max_col:
                row.extend([None] * (merged.max_col - len(row)))
            for col in range(merged.min_col - 1, merged.max_col):
                row[col] = value


# --- .ods ----------------------------------------------------------------------------------

ODS_CONTENT = "content.xml"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def _is_ods(data, limits):
    """An OpenDocument spreadsheet: a ZIP whose ``mimetype`` part says so. The ZIP
    directory is checked against the limits first, as for an .xlsx."""
    check_archive(data, limits)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            try:
                info = archive.getinfo("mimetype")
            except KeyError:
                return False
            if info.file_size > 200:
                return False
            return archive.read(info).strip() == ODS_MIMETYPE
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        return False
    except zlib.error:
        return False


@dataclass
class _OdsTable:
    """What the streamed pass learns of one sheet, that python-calamine does not say."""

    merges: list = field(default_factory=list)  # "A1:C3" references
    percent: list = field(default_factory=list)  # (first row, rows, first column, columns)


class _OdsScan:
    """One streamed pass over ``content.xml`` counting rows and cells *as repeated*.

    An .ods row or cell may say "repeat me a million times" (``number-rows-repeated``,
    ``number-columns-repeated``): a file of a few hundred bytes can stand for a billion
    cells, which python-calamine expands in memory. Every cell is counted here, repeats
    included, against the same limits as an .xlsx, before python-calamine reads the file;
    so is the rectangle python-calamine will hold (A1 to the last row and column with
    content). Merged ranges and percentage cells are noted on the way.
    """

    def __init__(self, budget):
        self.budget = budget
        self.tables = []
        self.depth = 0  # of table:table elements (a cell may hold a sub-table)

    def run(self, source):
        from openpyxl.xml.functions import iterparse  # defusedxml's when installed, as for .xlsx

        for event, element in iterparse(source, events=("start", "end")):
            tag = element.tag
            if tag == _TABLE + "table":
                if event == "start":
                    self.depth += 1
                    if self.depth == 1:
                        self.start_table(element)
                else:
                    self.depth -= 1
                    if self.depth == 0:
                        self.end_table()
                    element.clear()
            elif self.depth != 1:
                continue
            elif tag == _TABLE + "table-row":
                if event == "start":
                    self.start_row(element)
                else:
                    self.end_row()
                    element.clear()
                    self.table_element.clear()  # no parsed row stays in memory
            elif event == "end" and tag in (_TABLE + "table-cell", _TABLE + "covered-table-cell"):
                self.cell(element)
        return self.tables

    def start_table(self, element):
        self.table_element = element
        self.table = _OdsTable()
        self.tables.append(self.table)
        self.row = 0  # rows before the current one
        self.last_row = self.last_col = 0

    def end_table(self):
        if self.last_row * self.last_col > self.budget.limits.cells:
            raise FileReadError("too_many_cells", limit=grouped(self.budget.limits.cells))

    def start_row(self, element):
        self.repeat = _count(element.get(_TABLE + "number-rows-repeated"))
        self.col = 0  # cells before the current one
        self.width = 0  # columns up to the last cell with content

    def cell(self, element):
        repeat = _count(element.get(_TABLE + "number-columns-repeated"))
        kind = element.get(_OFFICE + "value-type")
        if kind is not None or len(element):
            first_row, first_col = self.row + 1, self.col + 1
            self.width = self.col + repeat
            if kind == "percentage":
                self.table.percent.append((first_row, self.repeat, first_col, repeat))
            rows_spanned = _count(element.get(_TABLE + "number-rows-spanned"))
            cols_spanned = _count(element.get(_TABLE + "number-columns-spanned"))
            if rows_spanned > 1 or cols_spanned > 1:
                self.budget.add_cells(self.repeat * repeat)
                for row in range(first_row, first_row + self.repeat):
                    for col in range(first_col, first_col + repeat):
                        self.table.merges.append(_ref(row, col, rows_spanned, cols_spanned))
        self.col += repeat
        element.clear()

    def end_row(self):
        if self.width:
            last = self.row + self.repeat
            self.budget.check_row(last)
            self.budget.add_cells(self.width * self.repeat)
            self.last_row, self.last_col = last, max(self.last_col, self.width)
        self.row += self.repeat


def _count(value):
    """A repeat or span attribute: a positive whole number (1 when absent)."""
    if value is None:
        return 1
    number = int(value)
    if number < 1:
        raise ValueError(f"{value} is not a count")
    return number


def _ref(row, col, rows, cols):
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(col)}{row}:{get_column_letter(col + cols - 1)}{row + rows - 1}"


def read_ods(data, limits=None):
    """The sheets of an .ods: bounded by a streamed pass over ``content.xml`` (``_OdsScan``),
    then read by python-calamine."""
    limits = limits or ImportLimits.from_settings()
    check_archive(data, limits)
    budget = _Budget(limits)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(ODS_CONTENT) as source:
            tables = _OdsScan(budget).run(source)
        return _read_ods_sheets(data, tables, budget)
    except FileReadError:
        raise
    except Exception as error:  # python-calamine's errors, a corrupt ZIP or XML
        raise FileReadError("unreadable") from error


def _read_ods_sheets(data, tables, budget):
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheets = []
    try:
        for index, name in enumerate(workbook.sheet_names):
            table = tables[index] if index < len(tables) else _OdsTable()
            values = workbook.get_sheet_by_index(index).to_python(skip_empty_area=False)
            grid = {}
            for number, row in enumerate(values, start=1):
                cells = [None if value == "" else value for value in row]
                while cells and cells[-1] is None:
                    cells.pop()
                if cells:
                    grid[number] = cells
            _apply_percentages(grid, table.percent)
            _fill_merged_cells(grid, table.merges, budget)
            sheets.append(Sheet(name, sorted(grid.items())))
    finally:
        workbook.close()
    return sheets


def _apply_percentages(grid, ranges):
    """A percentage cell as the percentage people see (0.45 shown as 45 % is 45)."""
    for first_row, rows, first_col, cols in ranges:
        for number in range(first_row, first_row + rows):
            row = grid.get(number)
            if row is None:
                continue
            for col in range(first_col - 1, min(first_col - 1 + cols, len(row))):
                row[col] = _cell_value(row[col], False, True)


# --- .csv ----------------------------------------------------------------------------------


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


def read_csv(data, limits=None):
    """One sheet per candidate delimiter, each read as a stream and bounded like an .xlsx."""
    limits = limits or ImportLimits.from_settings()
    if len(data) > limits.upload_bytes:
        raise FileReadError("too_large", limit=limits.upload_bytes // MB)
    text = decode_text(data)
    sheets = []
    for delimiter in CSV_DELIMITERS:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        budget = _Budget(limits)
        rows = []
        last_content = 0
        try:
            for number, record in enumerate(reader, start=1):
                if number - last_content - 1 > MAX_EMPTY_RUN:
                    break
                budget.add_cells(max(len(record), 1))
                values = [_csv_value(value) for value in record]
                if any(value is not None for value in values):
                    budget.check_row(number)
                    rows.append((number, values))
                    last_content = number
        except csv.Error as error:
            raise FileReadError("unreadable") from error
        sheets.append(Sheet(f"csv:{delimiter}", rows))
    return sheets
