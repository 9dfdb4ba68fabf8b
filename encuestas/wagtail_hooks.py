from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button, HeaderButton

from encuestas import admin_urls
from encuestas.models import SurveyPage
from rendicion.editorial.scope import queryset_for


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("encuestas/", include(admin_urls, namespace="encuestas"))]


@hooks.register("filter_form_submissions_for_user")
def scope_form_submissions(user, pages):
    """Wagtail's page rights, narrowed by the portal's one scope rule: a department's
    editors read their department's surveys only."""
    return queryset_for(user, pages)


def _results_url(page):
    return reverse("encuestas:results", args=[page.pk])


@hooks.register("register_page_header_buttons")
def results_header_button(page, user, view_name, next_url=None):
    if page.specific_class is SurveyPage and page.pk:
        yield HeaderButton(
            _("Survey results"), url=_results_url(page), icon_name="form", priority=60
        )


@hooks.register("register_page_listing_more_buttons")
def results_listing_button(page, user, next_url=None):
    if page.specific_class is SurveyPage:
        yield Button(_("Survey results"), url=_results_url(page), icon_name="form", priority=60)
