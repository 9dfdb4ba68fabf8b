from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RendicionConfig(AppConfig):
    name = "rendicion"
    verbose_name = _("Accountability")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from rendicion.editorial.policies import register_content_policies
        from rendicion.lookups import register_lookups

        register_lookups()

        # Before Wagtail's snippet viewsets look up (and cache) a default policy.
        register_content_policies()
