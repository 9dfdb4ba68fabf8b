"""python manage.py sync_media_privacy: bring image files in line with the publication rule.

Public images get public copies of their original and renditions (served by the web server
from disk); every other file leaves the public folders. Idempotent and safe to run at any
time: from cron, after ``migrate``, after restoring a backup or ``rebuild_references_index``.
See docs/private-media.md.
"""

from django.core.management.base import BaseCommand

from rendicion.media.privacy import reconcile_media


class Command(BaseCommand):
    help = ("Publica los archivos de las imágenes públicas y retira de las carpetas públicas "
            "todos los demás (docs/private-media.md). Se puede ejecutar en cualquier momento.")

    def handle(self, *args, **options):
        result = reconcile_media()
        if options["verbosity"]:
            self.stdout.write(
                f"Imágenes publicadas: {result.published}; retiradas: {result.withdrawn}; "
                f"copias públicas repuestas: {result.restored}; archivos públicos sobrantes "
                f"retirados: {result.removed}; archivos trasladados al área privada: "
                f"{result.adopted}."
            )
