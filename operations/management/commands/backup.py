"""python manage.py backup [DESTINATION]

Writes a backup folder (database and media, with a MANIFEST.json of SHA-256 sums) under
DESTINATION, by default BACKUP_DIR. See docs/operations.md.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from operations.backup import BackupError, create_backup, read_manifest


class Command(BaseCommand):
    help = "Back up the database and the media files, with a manifest of SHA-256 sums."

    def add_arguments(self, parser):
        parser.add_argument(
            "destination",
            nargs="?",
            default=None,
            help="Folder that receives the backup (default: the BACKUP_DIR setting).",
        )

    def handle(self, *args, **options):
        destination = options["destination"] or settings.BACKUP_DIR
        try:
            folder = create_backup(destination)
        except (BackupError, OSError) as error:
            raise CommandError(_("No backup was made: %(error)s") % {"error": error}) from error
        files = read_manifest(folder)["files"]
        size = sum(entry["size"] for entry in files.values())
        self.stdout.write(
            self.style.SUCCESS(
                _("Backup written to %(folder)s: %(count)s files, %(size).1f MB.")
                % {"folder": folder, "count": len(files), "size": size / 1_000_000}
            )
        )
        self.stdout.write(
            _("Keep the SHA-256 sum of its MANIFEST.json apart from the backup: %(file)s")
            % {"file": folder.with_name(f"{folder.name}.sha256")}
        )
        self.stdout.write(folder.as_posix())
