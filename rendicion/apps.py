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

        from rendicion.editorial import form_fields

        form_fields.register()

        # Before Wagtail's snippet viewsets look up (and cache) a default policy.
        register_content_policies()

        from wagtail.signals import published

        from rendicion.models import Commitment
        from rendicion.models.commitments import commitment_published

        # The public status history: written when an approved version is published.
        published.connect(commitment_published, sender=Commitment, dispatch_uid="status-history")
