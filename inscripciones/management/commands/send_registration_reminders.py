"""Cron, once a day (docs/participation.md):

0 8 * * *  cd /srv/portal && .venv/bin/python manage.py send_registration_reminders
"""

import datetime

from django.core.management.base import BaseCommand

from inscripciones.reminders import send_reminders


class Command(BaseCommand):
    help = "Envía el recordatorio a quienes tienen cupo en los eventos de mañana (idempotente)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help="La fecha de hoy (AAAA-MM-DD), para pruebas; por defecto la de Bogotá.",
        )

    def handle(self, *args, today=None, **options):
        sent = send_reminders(today)
        self.stdout.write(f"Recordatorios enviados: {sent}")
