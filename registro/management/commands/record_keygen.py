"""manage.py record_keygen: print a new signing key for RECORD_SIGNING_KEY."""

from django.core.management.base import BaseCommand

from registro.signing import generate_key


class Command(BaseCommand):
    help = "Genera una clave Ed25519 nueva para RECORD_SIGNING_KEY (guárdela como un secreto)."

    def handle(self, *args, **options):
        self.stdout.write(generate_key())
