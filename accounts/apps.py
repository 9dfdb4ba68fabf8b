from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Sign-in protection")

    def ready(self):
        from axes.models import AccessAttempt
        from wagtail.permissions import register_permission_policy

        from accounts.policies import LockoutPermissionPolicy

        register_permission_policy(AccessAttempt, LockoutPermissionPolicy(AccessAttempt))
