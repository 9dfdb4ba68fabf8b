"""The search's admin: synonyms (a snippet) and the report of searches without results."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import SearchSynonym
from search.reports import UnansweredSearchReport, can_read_report


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = _("Search synonyms")
    add_to_settings_menu = True
    list_display = ["term", "equivalents"]
    search_fields = ["term", "equivalents"]
    ordering = ["term"]


register_snippet(SearchSynonymViewSet)


@hooks.register("register_admin_urls")
def register_unanswered_report_url():
    return [
        path(
            "reports/busquedas-sin-resultados/",
            UnansweredSearchReport.as_view(),
            name="unanswered_searches_report",
        ),
        path(
            "reports/busquedas-sin-resultados/results/",
            UnansweredSearchReport.as_view(results_only=True),
            name="unanswered_searches_report_results",
        ),
    ]


class UnansweredSearchMenuItem(MenuItem):
    def is_shown(self, request):
        return can_read_report(request.user)


@hooks.register("register_reports_menu_item")
def register_unanswered_report_menu_item():
    return UnansweredSearchMenuItem(
        _("Searches without results"),
        reverse("unanswered_searches_report"),
        icon_name="search",
        order=700,
    )
