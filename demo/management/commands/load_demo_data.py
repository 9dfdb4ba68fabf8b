"""python manage.py load_demo_data: load (or refresh) the Palmira 2021 demo site.

Idempotent: every object is matched by a natural key and updated in place, so running the
command again leaves the database exactly as it was. The content is in ``demo``.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo.loader import load
from registro.signing import can_sign


class Command(BaseCommand):
    help = (
        "Carga (o actualiza) los datos de demostración de la Rendición de Cuentas 2021 "
        "de Palmira. Se puede ejecutar varias veces: no duplica nada."
    )

    def handle(self, *args, **options):
        # Demo users share a published password: never let them into a real database by accident.
        if not settings.ALLOW_DEMO_DATA:
            raise CommandError(
                "Los datos de demostración crean usuarios con contraseñas conocidas y están "
                "desactivados en este entorno. Defina ALLOW_DEMO_DATA=true solo en una "
                "instalación de demostración."
            )
        verbosity = options["verbosity"]
        # The index commands are chatty at verbosity 1: they speak only from -v 2 on.
        index_options = {"verbosity": max(verbosity - 1, 0), "stdout": self.stdout}
        with transaction.atomic():
            stats = load(stdout=self.stdout)
            call_command("update_index", **index_options)
            call_command("rebuild_references_index", **index_options)
            # The public record (docs/record.md): what the demo wrote without publishing it
            # (indicators, commitments) and documents made public by the rebuilt references.
            call_command("record_current_state", **index_options)
        # After the commit: the references are complete, so images used by published pages
        # get their public copies (docs/private-media.md).
        call_command("sync_media_privacy", **index_options)
        # A first signed tree head, so /registro/ is alive on a fresh demo. A demonstration
        # server on production settings signs only with its configured key.
        if can_sign():
            call_command("sign_tree_head", **index_options)
        elif verbosity:
            self.stdout.write(
                self.style.WARNING(
                    "Registro público: sin RECORD_SIGNING_KEY no se firmó la cabeza del árbol "
                    "(manage.py record_keygen; docs/record.md)."
                )
            )

        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    "Datos de demostración de la Rendición de Cuentas 2021 de Palmira cargados:"
                )
            )
            for line in stats.lines():
                self.stdout.write(f"  {line}")
