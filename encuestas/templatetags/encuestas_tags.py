from django import template
from django.utils.translation import gettext as _

from encuestas.models import SurveyPage

register = template.Library()


@register.simple_tag(takes_context=True)
def evaluation_link_for(context, event):
    """(address, label) of the evaluation survey an event page links to, or None
    (SurveyPage.evaluation_for)."""
    from rendicion.models import PublicHearingPage

    survey = SurveyPage.evaluation_for(event)
    if survey is None:
        return None
    url = f"{survey.get_url(request=context.get('request'))}?evento={event.pk}"
    if isinstance(event, PublicHearingPage):
        return url, _("Evaluate this hearing")
    return url, _("Evaluate this encounter")


@register.simple_tag
def surveys_in(cycle):
    """The public surveys of a cycle page (SurveyPage.public_in)."""
    return list(SurveyPage.public_in(cycle))
