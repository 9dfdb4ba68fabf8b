"""Erase the personal data of citizens' questions older than PARTICIPATION_RETENTION_DAYS:
name, e-mail and phone are cleared; a published question keeps its text and answer (shown as
"Anonymous"), any other loses them too. Run it daily (cron, docs/deploy.md)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from participa.models import Question, retention_cutoff


class Command(BaseCommand):
    help = "Anonymise citizens' questions older than PARTICIPATION_RETENTION_DAYS."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count them without changing anything."
        )

    def handle(self, *args, dry_run=False, **options):
        due = Question.objects.filter(
            received_at__lt=retention_cutoff(), anonymised_at__isnull=True
        )
        count = due.count()
        if not dry_run:
            with transaction.atomic():
                for question in due.iterator():
                    question.anonymise()
                    question.save()
        verb = "se anonimizarían" if dry_run else "anonimizadas"
        self.stdout.write(f"Preguntas {verb}: {count}")
