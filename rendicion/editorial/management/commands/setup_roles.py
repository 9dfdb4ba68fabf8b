"""python manage.py setup_roles: create the editorial roles from the departments.

Idempotent: groups are found through the links kept on each department, rights and the
workflow are written only when they differ. Run it again after adding a department.
"""

from django.core.management.base import BaseCommand, CommandError

from rendicion.editorial.roles import DEFAULT_COORDINATOR_SLUG, RolesError, setup_roles


class Command(BaseCommand):
    help = (
        "Crea o actualiza los grupos de editores, revisores y aprobadores de cada dependencia, "
        "sus permisos y el flujo de revisión y aprobación. Se puede ejecutar varias veces."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--coordinator",
            default=DEFAULT_COORDINATOR_SLUG,
            help="Slug of the department that coordinates the process, used when none is "
            f"flagged yet (default: {DEFAULT_COORDINATOR_SLUG}).",
        )

    def handle(self, *args, coordinator, verbosity=1, **options):
        try:
            report = setup_roles(coordinator_slug=coordinator)
        except RolesError as error:
            raise CommandError(str(error)) from error
        for line in report.warnings:
            self.stderr.write(self.style.WARNING(line))
        if not verbosity:
            return
        if report.unchanged:
            self.stdout.write("Roles y flujo de trabajo: sin cambios.")
            return
        self.stdout.write(self.style.SUCCESS("Roles y flujo de trabajo actualizados:"))
        for line in report.lines():
            self.stdout.write(f"  {line}")
