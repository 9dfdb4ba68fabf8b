from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistroConfig(AppConfig):
    name = "registro"
    verbose_name = _("Public record")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from registro import receivers

        receivers.connect()
