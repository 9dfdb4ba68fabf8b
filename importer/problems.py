"""Errors and notices found while reading an indicator file.

Every problem carries the row as the spreadsheet shows it, the column header and a stable
``code`` (tests and scripts rely on it); the message is an English source string that the
Spanish catalog translates, rendered in the language active when it is shown.
"""

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

MESSAGES = {
    # The file as a whole
    "old_excel": _(
        "This is an old Excel (.xls) file. Open it in Excel and save it as .xlsx or .csv."
    ),
    "unsupported_format": _("Only .xlsx, .ods and .csv files can be imported."),
    "unreadable": _("The file cannot be read as an .xlsx, .ods or .csv spreadsheet."),
    "empty": _("The file is empty."),
    # The limits of importer/limits.py (docs/indicator-import.md, "Limits")
    "too_large": _(
        "The file is too large: at most %(limit)s MB can be imported. Remove images, unused "
        "sheets and formatting, or split the indicators into several files."
    ),
    "too_large_unpacked": _(
        "Once unpacked, the spreadsheet takes more than %(limit)s MB, more than an import "
        "reads. Copy only the indicator table, as values, into a new workbook and import "
        "that file, or save it as .csv."
    ),
    "suspicious_compression": _(
        "The file is packed in an unusual way, as files made to overload servers are, and "
        "was not read. Open it in Excel and save it again as .xlsx, or save it as .csv."
    ),
    "too_many_rows": _(
        "The file has content beyond row %(limit)s, the last row an import reads. Split the "
        "indicators into files of at most %(limit)s rows and import them one after another."
    ),
    "too_many_cells": _(
        "The file has more than %(limit)s cells, the most an import reads. Delete the columns "
        "and rows that are not part of the indicator table (formatted empty ones too), or "
        "split the indicators into several files."
    ),
    "no_header": _(
        "No header row was found. The file needs at least the columns Indicador, Unidad de "
        "Medida, Línea Base, Meta and Responsable."
    ),
    "no_rows": _("The file has a header row but no indicators below it."),
    "missing_column": _("The column “%(column)s” is missing from this header row."),
    "duplicate_column": _("The column “%(column)s” appears twice in this header row."),
    "unknown_period": _(
        "The period of the column “%(column)s” cannot be read. Write it as Avance 2021, "
        "Avance 2021-S1 (half year) or Avance 2021-T2 (quarter)."
    ),
    "duplicate_period": _("Two columns hold the measurement of the period %(period)s."),
    "unknown_target_year": _(
        "The year of this target column cannot be told: write it in the header, as in "
        "Meta 2021 or Meta vigencia 2021 (“Meta vigencia” alone takes the year of the Avance "
        "columns, when they are all of one year)."
    ),
    "duplicate_year_target": _("Two columns hold the target of the year %(year)s."),
    # A row
    "missing_name": _("The indicator has no name."),
    "missing_unit": _("The unit of measure is missing."),
    "missing_baseline": _("The baseline is missing: write a number or a text."),
    "missing_target": _("The target is missing: write a number or a text."),
    "missing_department": _("The responsible department is missing."),
    "unknown_department": _(
        "There is no department called “%(value)s”. Write the name of an existing department."
    ),
    "unknown_sdg_target": _("The SDG target %(value)s does not exist."),
    "unrecognised_sdg": _(
        "“%(value)s” is not an SDG target. Write targets such as 4.1, 4.2 or 13.3."
    ),
    "unknown_sdg_goal": _("There is no SDG %(value)s: the goals are numbered 1 to 17."),
    "sdg_goal_name_mismatch": _(
        "“%(value)s” is not the name of SDG %(goal)s (%(title)s). Write the goal's number "
        "alone (ODS %(goal)s) or with its name."
    ),
    "invalid_kind": _("“%(value)s” is not a kind of indicator: write Resultado or Producto."),
    "invalid_direction": _(
        "“%(value)s” is not a direction: write Incremento, Reducción or Mantenimiento."
    ),
    "invalid_number": _("“%(value)s” is not a number."),
    "number_too_large": _("The number %(value)s is too large."),
    "date_not_number": _(
        "The cell holds a date where a number was expected: format the cell as text or "
        "number and write the value again."
    ),
    "date_not_sdg": _(
        "The cell holds a date where SDG targets were expected: format the cell as text and "
        "write the targets again."
    ),
    "too_long": _("The text is too long: at most %(limit)s characters."),
    "duplicate_code": _("The code %(value)s is also used in row %(first_row)s."),
    "duplicate_name": _(
        "The indicator “%(value)s” of this department is also in row %(first_row)s."
    ),
    "ambiguous_match": _(
        "More than one existing indicator of this department is called “%(value)s”; give "
        "it a code or rename one of them in the admin."
    ),
    "exists": _(
        "This indicator already exists and the file changes it (%(columns)s). Choose to "
        "update existing indicators to apply the changes."
    ),
    "no_add_permission": _("You are not allowed to create indicators."),
    "no_change_permission": _("You are not allowed to change this indicator."),
    "other_department": _(
        "“%(value)s” is not one of your departments: you can only import the indicators of "
        "your own departments."
    ),
    "locked": _("The indicator is locked by another user; it must be unlocked first."),
    "in_review": _(
        "The indicator has changes waiting for approval; approve or reject them before "
        "importing new values."
    ),
    # Notices (the import goes ahead)
    "ignored_column": _("The column “%(column)s” is not part of the format and was ignored."),
    "read_only_columns": _(
        "Read-only columns, calculated by the portal and not imported: %(columns)s."
    ),
    "subheading": _("Read as a heading: “%(value)s” is the programme of the indicators below it."),
}
# A second sentence some problems add, with its own parameters.
HINTS = {
    "did_you_mean": _("Did you mean “%(value)s”?"),
}


def _grouped(number):
    return number_format(number, force_grouping=True)


# A count in a message, with the thousands separator of the language it is shown in
# (20.000 in Spanish), formatted when the message is rendered.
grouped = lazy(_grouped, str)


@dataclass
class Problem:
    code: str
    row: int | None = None
    column: str | None = None
    params: dict = field(default_factory=dict)
    hint: tuple | None = None  # (key of HINTS, its parameters)

    @property
    def message(self):
        template = MESSAGES[self.code]
        text = str(template) % self.params if self.params else str(template)
        if self.hint:
            key, params = self.hint
            text = f"{text} {str(HINTS[key]) % params}"
        return text

    def __str__(self):
        where = []
        if self.row is not None:
            where.append(str(_("row %(row)s") % {"row": self.row}))
        if self.column:
            where.append(str(_("column “%(column)s”") % {"column": self.column}))
        prefix = ", ".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message
