from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RendicionConfig(AppConfig):
    name = "rendicion"
    verbose_name = _("Accountability")
    default_auto_field = "django.db.models.BigAutoField"
