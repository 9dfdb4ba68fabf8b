"""manage.py sign_tree_head: sign the record's current tree (from cron, and on demand)."""

from django.core.management.base import BaseCommand

from registro.signing import sign_tree_head


class Command(BaseCommand):
    help = (
        "Firma la cabeza del árbol del registro público (si creció desde la última firma) "
        "y la envía a los testigos configurados."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Firmar aunque el registro no haya crecido."
        )

    def handle(self, *args, force=False, **options):
        head, created = sign_tree_head(force=force)
        if options["verbosity"]:
            verb = "Firmada" if created else "Sin cambios; vigente"
            self.stdout.write(
                f"{verb}: cabeza del árbol de {head.tree_size} entradas, raíz {head.root_hash}, "
                f"{head.timestamp}."
            )
