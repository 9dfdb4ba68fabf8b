"""How much of a spreadsheet an import reads: the IMPORT_MAX_* settings, in bytes and counts.

Read when a file is read (not at import time), so ``override_settings`` and a changed
environment apply. docs/indicator-import.md ("Limits") says what each one protects.
"""

from dataclasses import dataclass

from django.conf import settings

MB = 1024 * 1024


@dataclass(frozen=True)
class ImportLimits:
    upload_bytes: int  # the file as uploaded
    uncompressed_bytes: int  # every part of an .xlsx once unpacked, together
    sheet_bytes: int  # one worksheet (or the shared strings) of an .xlsx, unpacked
    rows: int  # the last row number read, as the spreadsheet shows it
    cells: int  # cells read, empty ones within a row included

    @classmethod
    def from_settings(cls):
        return cls(
            upload_bytes=settings.IMPORT_MAX_UPLOAD_MB * MB,
            uncompressed_bytes=settings.IMPORT_MAX_UNCOMPRESSED_MB * MB,
            sheet_bytes=settings.IMPORT_MAX_SHEET_MB * MB,
            rows=settings.IMPORT_MAX_ROWS,
            cells=settings.IMPORT_MAX_CELLS,
        )
