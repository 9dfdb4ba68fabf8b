"""python manage.py export_indicators FILE

Writes every indicator in the import format (docs/indicator-import.md), as .xlsx, .ods or
.csv by the file's extension. Importing the file back gives the same data.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from importer.export import WRITERS, export_queryset


class Command(BaseCommand):
    help = "Export the indicators to an .xlsx, .ods or .csv file in the import format."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write: a name ending in .xlsx, .ods or .csv.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        writer = WRITERS.get(path.suffix.lower().removeprefix("."))
        if writer is None:
            raise CommandError(_("The file name must end in .xlsx, .ods or .csv."))
        indicators = export_queryset()
        try:
            with path.open("wb") as output:
                writer(output, indicators)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(file)s: %(error)s") % {"file": path, "error": error.strerror}
            ) from error
        if options["verbosity"]:
            self.stdout.write(
                _("%(count)s indicators written to %(file)s.")
                % {"count": indicators.count(), "file": path}
            )
