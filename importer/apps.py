from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImporterConfig(AppConfig):
    """The indicator spreadsheet import and export (docs/indicator-import.md). No models:
    it reads and writes ``rendicion``'s indicators through Wagtail's actions."""

    name = "importer"
    verbose_name = _("Indicator import")
