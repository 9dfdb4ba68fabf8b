from django import template
from django.urls import reverse

from inscripciones.emails import site_url
from inscripciones.models import registration_summary

register = template.Library()


@register.simple_tag(takes_context=True)
def event_registration(context, page):
    """What an event page shows of its registration, in one query: the published options,
    and how many registered people were marked as attending."""
    options = registration_summary(page)
    return {
        "options": options,
        "accepts": bool(options and options.accepts_registrations()),
        "closes": options.closing_time() if options else None,
        "attended": (options.attended_count or 0) if options else 0,
    }


@register.simple_tag(takes_context=True)
def cycle_feed(context, cycle):
    """The cycle's feed: its path, and a webcal:// address calendar programs subscribe to."""
    path = reverse("inscripciones:cycle_ics", args=[cycle.year])
    base = site_url(context.get("request"))
    return {"path": path, "webcal": "webcal://" + base.split("://", 1)[-1] + path}
