"""Abuse protection every public participation form shares (docs/participation.md).

One place for the three defences, so no form gets a weaker copy: a honeypot field that people
never see, a rate limit per client address and per e-mail address (django-ratelimit on the
shared cache, so every app server counts together), and the client address itself, read the
same way the sign-in lockout reads it (django-axes, behind the trusted proxies).
"""

from axes.helpers import get_client_ip_address
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited

HONEYPOT_FIELD = "sitio_web"


class HoneypotInput(forms.TextInput):
    """Hidden from people (and their screen readers and keyboards), filled in by naive bots."""

    template_name = "participa/widgets/honeypot.html"

    def __init__(self):
        super().__init__(attrs={"autocomplete": "off", "tabindex": "-1"})


class ProtectedForm(forms.Form):
    """Base of every public participation form: adds the honeypot field. A form that fills it
    is spam; the view answers as if it had been received and stores nothing, so a bot learns
    nothing from the answer."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            required=False, label=_("Leave this field empty"), widget=HoneypotInput()
        )

    @property
    def is_spam(self):
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())


def client_address(request):
    return get_client_ip_address(request) or "unknown"


def _normalised_email(email):
    return (email or "").strip().lower()


def rate_limited(request, group, email=""):
    """True when this submission goes over a limit: per client address, and per e-mail address
    when one was given. Counts the attempt (successful or not), like a login lockout does."""
    limited_by_address = is_ratelimited(
        request,
        group=f"{group}:ip",
        key=lambda _group, req: client_address(req),
        rate=settings.PARTICIPATION_RATE_PER_ADDRESS,
        increment=True,
    )
    email = _normalised_email(email)
    limited_by_email = bool(email) and is_ratelimited(
        request,
        group=f"{group}:email",
        key=lambda _group, _req: email,
        rate=settings.PARTICIPATION_RATE_PER_EMAIL,
        increment=True,
    )
    return limited_by_address or limited_by_email


RATE_LIMITED_MESSAGE = _(
    "We have received many submissions from your connection or e-mail address in a short time. "
    "Please try again in an hour; what you wrote is still in the form."
)
