from django import template

from participa.public import current_hearing, page_participation

register = template.Library()


@register.inclusion_tag("participa/includes/page_questions.html", takes_context=True)
def page_questions(context, page):
    """The citizen questions of a hearing or encounter (participa/public.py decides)."""
    request = context.get("request")
    shown = context.get("commitments")
    return {"page": page, "request": request, **page_participation(page, request, shown)}


@register.inclusion_tag("participa/includes/home_invitation.html")
def participation_invitation(cycle):
    """The home page's "Participe" box: ask the current cycle's hearing (participa/public.py)."""
    return {"hearing": current_hearing(cycle)}
