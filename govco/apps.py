from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovcoConfig(AppConfig):
    name = "govco"
    verbose_name = _("Government web standards")
    default_auto_field = "django.db.models.BigAutoField"
