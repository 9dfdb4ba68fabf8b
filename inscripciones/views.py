"""The public side of registration: the form, the cancellation link, the calendars.

The form and the cancellation page carry a CSRF token, so the page cache never stores them
(caching/middleware.py refuses any response that used one); they also say ``no-store``. The
event pages themselves stay cacheable: they only link here.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from wagtail.models import Page

from inscripciones import calendar, seats
from inscripciones.emails import site_url
from inscripciones.forms import RegistrationForm
from inscripciones.models import Registration, registration_options
from inscripciones.tokens import ExpiredLinkError, InvalidLinkError, registration_from_token
from participa.consent import current_policy
from participa.protection import RATE_LIMITED_MESSAGE, rate_limited
from rendicion.models import AccountabilityCycleIndexPage, DialogueEncounterPage, PublicHearingPage
from rendicion.visibility import is_public_page

EVENT_MODELS = (DialogueEncounterPage, PublicHearingPage)
RATE_GROUP = "inscripciones"


def public_event(page_id):
    """The encounter or hearing with this id, if the public may see it; 404 otherwise."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, EVENT_MODELS) or not is_public_page(page):
        raise Http404
    return page


def seats_left(page, options):
    if options is None or options.capacity is None:
        return None
    taken = Registration.objects.filter(page=page).holding_seat().count()
    return max(options.capacity - taken, 0)


@never_cache
@csrf_protect
def register(request, page_id):
    page = public_event(page_id)
    options = registration_options(page)
    context = {"page": page, "event": page, "options": options, "policy": current_policy()}
    if options is None or not options.accepts_registrations():
        return render(request, "inscripciones/register.html", {**context, "closed": True})
    form = RegistrationForm(request.POST or None)
    if request.method == "POST":
        if form.is_spam:
            # Answered as if received; nothing is stored (participa/protection.py).
            return render(request, "inscripciones/received.html", {**context, "spam": True})
        if form.is_valid():
            if rate_limited(request, RATE_GROUP, form.cleaned_data["email"]):
                form.add_error(None, RATE_LIMITED_MESSAGE)
            else:
                data = form.cleaned_data
                try:
                    registration, created = seats.register(
                        page,
                        name=data["name"],
                        email=data["email"],
                        phone=data["phone"],
                        territory=data["territory"],
                        population_group=data["population_group"],
                        policy=context["policy"],
                    )
                except seats.RegistrationClosedError:
                    return render(
                        request, "inscripciones/register.html", {**context, "closed": True}
                    )
                return render(
                    request,
                    "inscripciones/received.html",
                    {**context, "registration": registration, "created": created},
                )
    context["seats_left"] = seats_left(page, options)
    return render(request, "inscripciones/register.html", {**context, "form": form}, status=200)


@never_cache
@csrf_protect
def cancel(request, token):
    try:
        registration = registration_from_token(token)
    except ExpiredLinkError:
        return _bad_link(request, _("This cancellation link has expired."))
    except InvalidLinkError:
        return _bad_link(
            request,
            _("This cancellation link is not valid. Copy the whole address from the e-mail."),
        )
    page = registration.page.specific
    context = {"page": page, "event": page, "registration": registration}
    if request.method == "POST" and registration.is_cancellable:
        seats.cancel(registration)
        return render(request, "inscripciones/cancelled.html", context)
    return render(request, "inscripciones/cancel.html", context)


def _bad_link(request, message):
    return render(request, "inscripciones/bad_link.html", {"message": message}, status=400)


def _calendar_response(body, filename):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def event_ics(request, page_id):
    """``/calendario/evento/<id>.ics``: one event, for "Agregar a mi calendario". Cached like
    every public file (the page cache, emptied by any public change)."""
    page = public_event(page_id)
    return _calendar_response(calendar.event_ics(page, site_url(request)), f"evento-{page.pk}.ics")


def cycle_ics(request, year):
    """``/calendario/rendicion-de-cuentas-<year>.ics``: the vigencia's whole cronograma and its
    public events, a feed to subscribe to (webcal://)."""
    cycle = get_object_or_404(AccountabilityCycleIndexPage, year=year)
    if not is_public_page(cycle):
        raise Http404
    body = calendar.cycle_ics(cycle, site_url(request))
    return _calendar_response(body, f"rendicion-de-cuentas-{year}.ics")
