"""The editorial status of a page or snippet, for admin templates (the rule is
``rendicion.editorial.status``; the workflow's steps are read once per request)."""

from django import template

from rendicion.editorial.status import editorial_status as status_for
from rendicion.editorial.status import steps_for_request

register = template.Library()


@register.simple_tag(takes_context=True)
def editorial_status(context, obj):
    return status_for(obj, steps=steps_for_request(context.get("request")))
