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
    """The sheets of an .xlsx file, or the single sheet of a .csv file.

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
        return read_xlsx(data, limits)
    if name.endswith((".xlsx", ".xlsm")):
        raise FileReadError("unreadable")
    if name.endswith((".ods", ".numbers", ".pdf", ".docx")):
        raise FileReadError("unsupported_format")
    if not data.strip():
        raise FileReadError("empty")
    return read_csv(data, limits)


# --- .xlsx ---------------------------------------------------------------------------------


def _is_cell_data(name):
    """Parts holding the cells: worksheets and the shared strings, streamed."""
    return name.startswith("xl/worksheets/") or "sharedstrings" in name.lower()


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
