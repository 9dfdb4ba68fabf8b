from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The Palmira 2021 demo site (``load_demo_data``). Installed only by the ``dev`` and
    ``test`` settings: a production install has no command that creates users with a
    published password (and the command refuses anyway unless ``ALLOW_DEMO_DATA``)."""

    name = "demo"
    verbose_name = _("Demo data")
