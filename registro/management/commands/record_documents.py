"""manage.py record_documents: record documents whose visibility changed outside the
publication paths (a restore, a reference index rebuilt by hand)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from registro.receivers import record_document_changes


class Command(BaseCommand):
    help = (
        "Registra los documentos que se hicieron públicos o privados sin pasar por una publicación."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            record_document_changes()
