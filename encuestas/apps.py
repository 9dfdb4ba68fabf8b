from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EncuestasConfig(AppConfig):
    """Surveys: the stakeholder characterisation instrument and the evaluation of the
    exercise, as Wagtail form pages that editors change (docs/participation.md, *Surveys*)."""

    name = "encuestas"
    verbose_name = _("Surveys")
