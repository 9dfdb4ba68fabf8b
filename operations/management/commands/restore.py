"""python manage.py restore BACKUP [--check] [--yes]

Replaces the database and MEDIA_ROOT with those of a backup folder made by ``backup``, after
checking every file against its SHA-256 sum. See docs/operations.md.
"""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from operations.backup import BackupError, check_backup, restore_backup

CONFIRMATION = "restaurar"


class Command(BaseCommand):
    help = "Restore the database and the media files from a backup folder."

    def add_arguments(self, parser):
        parser.add_argument("backup", help="The backup folder (with its MANIFEST.json).")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only check the backup against its manifest; change nothing.",
        )
        parser.add_argument(
            "--manifest-sha256",
            help="The SHA-256 sum of MANIFEST.json recorded when the backup was made "
            "(its .sha256 file); the restore is refused if it differs.",
        )
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Do not ask for confirmation before replacing the database and the media.",
        )

    def handle(self, *args, **options):
        try:
            manifest = check_backup(options["backup"], manifest_sha256=options["manifest_sha256"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("Backup of %(created)s: %(count)s files, every SHA-256 sum matches.")
            % {"created": manifest["created"], "count": len(manifest["files"])}
        )
        if options["check"]:
            return
        if not options["yes"]:
            if not sys.stdin.isatty():
                raise CommandError(
                    _("Restoring replaces the database and the media files: confirm with --yes.")
                )
            answer = input(
                _("This replaces the current database and media files. Type '%(word)s' to go on: ")
                % {"word": CONFIRMATION}
            )
            if answer.strip().lower() != CONFIRMATION:
                raise CommandError(_("Nothing was restored."))
        try:
            outcome = restore_backup(options["backup"], manifest_sha256=options["manifest_sha256"])
        except (BackupError, OSError) as error:
            raise CommandError(_("Nothing was restored: %(error)s") % {"error": error}) from error
        self.stdout.write(
            self.style.SUCCESS(
                _("Restored: the database and %(count)s media files.") % {"count": outcome.files}
            )
        )
        if outcome.replaced_media:
            self.stdout.write(
                _("The previous media files were kept in %(folder)s; delete it when satisfied.")
                % {"folder": outcome.replaced_media}
            )
        if outcome.missing_migrations:
            self.stdout.write(
                self.style.WARNING(
                    _("The backup is from an older version: run 'python manage.py migrate'.")
                )
            )
