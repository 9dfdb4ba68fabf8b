from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    """Documents' and images' serving, uploads and file privacy. Their models stay in
    ``rendicion`` (``rendicion.models.media``), where their first migration created them."""

    name = "rendicion.media"
    label = "portal_media"
    verbose_name = _("Documents and images")

    def ready(self):
        from rendicion.media import privacy

        privacy.connect_signals()
