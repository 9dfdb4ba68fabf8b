from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipaConfig(AppConfig):
    """Citizen participation: what every public form shares (abuse protection, answer
    deadlines on Colombian business days) and the questions and proposals citizens send."""

    name = "participa"
    verbose_name = _("Participation")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from participa.admin import QuestionPermissionPolicy
        from participa.models import Question

        # Before the admin viewset looks up (and caches) a default policy.
        register_permission_policy(Question, QuestionPermissionPolicy(Question))
