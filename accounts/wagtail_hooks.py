"""An admin screen, under Settings, listing the sign-in lockouts: deleting one unblocks the
account at once (django-axes' ``AccessAttempt`` rows). Only for those who manage users."""

from axes.models import AccessAttempt
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet


class LockoutViewSet(ModelViewSet):
    model = AccessAttempt
    icon = "lock"
    menu_label = _("Sign-in lockouts")
    add_to_settings_menu = True
    name = "lockouts"
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    search_fields = ["username", "ip_address"]
    inspect_view_enabled = False
    form_fields = ["username"]


@hooks.register("register_admin_viewset")
def register_lockout_viewset():
    return LockoutViewSet()
