from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InscripcionesConfig(AppConfig):
    """Registration to the dialogue encounters and the public hearing (capacity, waiting list,
    signed cancellation links, reminders, attendance) and their calendars (.ics and the
    cycle's feed): docs/participation.md."""

    name = "inscripciones"
    verbose_name = _("Registrations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from inscripciones import signals

        signals.connect()
