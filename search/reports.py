"""*Reports → Searches without results*: what citizens looked for and did not find, so that
editors add a synonym or the content (docs/search.md)."""

from django.db.models import IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.models import QueryDailyHits

from search.models import UnansweredSearch

# Who may read it: whoever manages the synonyms it leads to.
PERMISSION = "search.change_searchsynonym"


def can_read_report(user):
    return user.is_active and user.has_perm(PERMISSION)


class UnansweredSearchReport(ReportView):
    page_title = _("Searches without results")
    header_icon = "search"
    is_searchable = True
    search_fields = ["query_string"]
    default_ordering = "-searches"
    index_url_name = "unanswered_searches_report"
    index_results_url_name = "unanswered_searches_report_results"
    columns = [
        Column("query_string", label=_("Search"), sort_key="query_string"),
        NumberColumn("searches", label=_("Times searched"), sort_key="searches"),
        DateColumn("first_seen", label=_("First without results"), sort_key="first_seen"),
        DateColumn("last_seen", label=_("Last without results"), sort_key="last_seen"),
    ]
    list_export = ["query_string", "searches", "first_seen", "last_seen"]
    export_headings = {
        "query_string": _("Search"),
        "searches": _("Times searched"),
        "first_seen": _("First without results"),
        "last_seen": _("Last without results"),
    }

    def get_base_queryset(self):
        # How often: Wagtail's own counts of the same normalised query.
        searches = (
            QueryDailyHits.objects.filter(query__query_string=OuterRef("query_string"))
            .order_by()
            .values("query__query_string")
            .annotate(total=Sum("hits"))
            .values("total")
        )
        return UnansweredSearch.objects.annotate(
            searches=Coalesce(Subquery(searches, output_field=IntegerField()), 0)
        )

    def dispatch(self, request, *args, **kwargs):
        if not can_read_report(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)
