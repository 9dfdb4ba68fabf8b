"""python manage.py export_indicators FILE

Writes every indicator in the import format (docs/indicator-import.md), as .xlsx or .csv by
the file's extension. Importing the file back gives the same data.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from importer.export import export_queryset, write_csv, write_xlsx


class Command(BaseCommand):
    help = "Export the indicators to an .xlsx or .csv file in the import format."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write: a name ending in .xlsx or .csv.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        writers = {".xlsx": write_xlsx, ".csv": write_csv}
        writer = writers.get(path.suffix.lower())
        if writer is None:
            raise CommandError(_("The file name must end in .xlsx or .csv."))
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
