from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """The editorial process (no models of its own: its workflow tasks were created in
    ``rendicion``'s migrations). Listed after Wagtail's documents and images apps in
    ``INSTALLED_APPS``: they register their permission policies in their ``ready()``, and ours
    replace them."""

    name = "rendicion.editorial"
    label = "editorial"
    verbose_name = _("Editorial process")

    def ready(self):
        from rendicion.editorial.policies import register_media_policies
        from rendicion.editorial.signals import connect_signals

        register_media_policies()
        connect_signals()
