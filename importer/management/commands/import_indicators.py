"""python manage.py import_indicators FILE [--dry-run] [--update] [--user USERNAME]

Imports the development plan's indicator matrix from an .xlsx, .ods or .csv file (the format of
docs/indicator-import.md). All or nothing: a file with any error writes nothing, lists every
error with its row and column, and exits with a non-zero status.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from importer.apply import SubmitterRequiredError, apply_plan
from importer.limits import MB, ImportLimits
from importer.plan import DRAFT, SUBMIT, FullAccess, build_plan
from importer.problems import Problem


class Command(BaseCommand):
    help = "Import development-plan indicators from an .xlsx, .ods or .csv file."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .xlsx, .ods or .csv file to import.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what would be created and changed, and write nothing.",
        )
        parser.add_argument(
            "--update",
            action="store_true",
            help="Update existing indicators (matched by code) with the file's values.",
        )
        parser.add_argument(
            "--user",
            help="Username recorded on the revisions; required when changes go to approval.",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        limits = ImportLimits.from_settings()
        try:
            # Not read at all when too large: the message is the one of an oversized read.
            too_large = path.stat().st_size > limits.upload_bytes
            data = b"" if too_large else path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": path, "error": error.strerror}
            ) from error
        if too_large:
            self._refuse(Problem("too_large", params={"limit": limits.upload_bytes // MB}))
        user = self._user(options["user"])

        plan = build_plan(data, path.name, update=options["update"], access=FullAccess())
        if plan.file_error:
            self._refuse(plan.file_error)
        self._report(plan, options["verbosity"])
        if not plan.ok:
            for problem in plan.sorted_errors:
                self.stderr.write(str(problem))
            raise CommandError(
                _("%(count)s error(s) found; nothing was imported.") % {"count": len(plan.errors)}
            )
        if options["dry_run"]:
            if options["verbosity"]:
                self.stdout.write(_("Dry run: nothing was written."))
            return
        try:
            outcome = apply_plan(plan, user=user)
        except SubmitterRequiredError as error:
            raise CommandError(
                _(
                    "Indicator changes go through an approval workflow: give --user USERNAME, "
                    "the person who submits them. Nothing was imported."
                )
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                _("Imported: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.")
                % {
                    "created": outcome.created,
                    "updated": outcome.updated,
                    "unchanged": outcome.unchanged,
                }
            )
        )
        if outcome.submitted:
            self.stdout.write(
                _("%(count)s submitted for approval: the public site shows them once approved.")
                % {"count": outcome.submitted}
            )

    @staticmethod
    def _refuse(problem):
        """A file that cannot be read at all (too large, unreadable…): one line, no plan."""
        raise CommandError(_("%(problem)s Nothing was imported.") % {"problem": problem.message})

    def _user(self, username):
        if not username:
            return None
        try:
            return get_user_model().objects.get(**{get_user_model().USERNAME_FIELD: username})
        except get_user_model().DoesNotExist as error:
            raise CommandError(
                _("There is no user %(username)s.") % {"username": username}
            ) from error

    def _report(self, plan, verbosity):
        """The plan on stdout: notices, each creation and change, and the totals."""
        if verbosity < 1:
            return
        for notice in plan.notices:
            self.stdout.write(str(notice))
        modes = {SUBMIT: _("for approval"), DRAFT: _("as a draft")}
        lines = [(item, _("row %(row)s: create %(indicator)s")) for item in plan.to_create]
        lines += [(item, _("row %(row)s: update %(indicator)s")) for item in plan.to_update]
        if verbosity >= 2:
            lines += [(item, _("row %(row)s: unchanged %(indicator)s")) for item in plan.unchanged]
        for item, template in sorted(lines, key=lambda line: line[0].row):
            line = template % {"row": item.row, "indicator": self._label(item)}
            if item.mode in modes:
                line += f" ({modes[item.mode]})"
            self.stdout.write(line)
            for change in item.changes:
                self.stdout.write(f"    {change.label}: {change.old} → {change.new}")
        self.stdout.write(
            _(
                "To create: %(created)s; to update: %(updated)s; unchanged: %(unchanged)s; "
                "errors: %(errors)s."
            )
            % {
                "created": len(plan.to_create),
                "updated": len(plan.to_update),
                "unchanged": len(plan.unchanged),
                "errors": len(plan.errors),
            }
        )

    @staticmethod
    def _label(item):
        return f"{item.code} · {item.name}" if item.code else item.name
