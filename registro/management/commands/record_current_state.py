"""manage.py record_current_state: record what is public and not in the record yet (the
first run of an installation, the demo), and documents whose visibility changed outside the
publication paths (a restore)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from registro.receivers import record_current_state


class Command(BaseCommand):
    help = (
        "Registra lo que es público y aún no está en el registro (primera instalación, "
        "demostración) y los documentos que cambiaron de visibilidad sin una publicación."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            record_current_state()
