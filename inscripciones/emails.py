"""The e-mails a registered person receives, in Spanish and in plain text: nothing a citizen
typed can become markup in a plain-text message (and a name cannot hold a line break, so it
cannot add a header)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Site


def site_url(request=None):
    """The public address for links in e-mails, which are sent outside any request too
    (the reminders' cron): PORTAL_BASE_URL, else the request's, else the default site's."""
    configured = getattr(settings, "PORTAL_BASE_URL", None)
    if configured:
        return configured.rstrip("/")
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url.rstrip("/") if site else ""


def cancellation_url(registration):
    from inscripciones.tokens import cancellation_token

    path = reverse("inscripciones:cancel", args=[cancellation_token(registration)])
    return site_url() + path


def _context(registration):
    page = registration.page.specific
    return {
        "registration": registration,
        "event": page,
        "event_url": site_url() + (page.get_url() or ""),
        "cancellation_url": cancellation_url(registration),
        "calendar_url": site_url() + reverse("inscripciones:event_ics", args=[page.pk]),
    }


def _send(registration, template, subject):
    with translation.override("es"):
        context = _context(registration)
        body = render_to_string(f"inscripciones/emails/{template}.txt", context)
        subject = subject() % {"event": context["event"].title}
    send_mail(" ".join(subject.split()), body, None, [registration.email])


def send_confirmation(registration):
    if registration.status == registration.Status.WAITING:
        return _send(registration, "waiting", lambda: _("On the waiting list: %(event)s"))
    return _send(registration, "confirmation", lambda: _("Registration confirmed: %(event)s"))


def send_promotion(registration):
    return _send(registration, "promotion", lambda: _("You have a seat: %(event)s"))


def send_reminder(registration):
    return _send(registration, "reminder", lambda: _("Tomorrow: %(event)s"))
