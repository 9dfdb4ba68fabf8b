"""Admin viewsets for the accountability snippets, grouped under one menu entry."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from rendicion.models import (
    Commitment,
    Department,
    Indicator,
    PopulationGroup,
    PublicCollection,
    SdgGoal,
    SdgTarget,
    StakeholderGroup,
)


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    list_display = ["name", "acronym", "email"]
    search_fields = ["name", "acronym"]
    list_export = ["name", "acronym", "slug", "email"]
    export_filename = "dependencias"


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "table"
    list_display = ["code", "name", "department", "kind"]
    list_filter = ["kind", "department", "direction", "live"]
    list_per_page = 50
    list_export = [
        "code",
        "name",
        "kind",
        "unit",
        "baseline_value",
        "baseline_text",
        "target_value",
        "target_text",
        "direction",
        "department",
        "plan_line",
        "programme",
        "live",
    ]
    export_filename = "indicadores"

    def get_queryset(self, request):
        return Indicator.objects.select_related("department")


class CommitmentViewSet(SnippetViewSet):
    model = Commitment
    icon = "tick-inverse"
    list_display = ["__str__", "department", "due_date", "status"]
    list_filter = ["status", "department", "live"]
    list_export = ["text", "department", "due_date", "status", "origin_page", "evidence", "live"]
    export_filename = "compromisos"

    def get_queryset(self, request):
        return Commitment.objects.select_related("department", "origin_page")


class StakeholderGroupViewSet(SnippetViewSet):
    model = StakeholderGroup
    icon = "user"
    list_display = ["name", "group_type", "territory"]
    list_filter = ["group_type", "departments", "population_groups"]
    list_export = [
        "name",
        "group_type",
        "territory",
        "members",
        "contact_name",
        "contact_email",
        "contact_phone",
    ]
    export_filename = "grupos-de-interes"


class PopulationGroupViewSet(SnippetViewSet):
    model = PopulationGroup
    icon = "user"
    list_display = ["name", "historically_excluded"]
    list_filter = ["historically_excluded"]
    search_fields = ["name"]
    list_export = ["name", "slug", "historically_excluded"]
    export_filename = "grupos-poblacionales"


class SdgGoalViewSet(SnippetViewSet):
    model = SdgGoal
    icon = "globe"
    list_display = ["number", "short_title", "colour"]
    list_per_page = 20
    list_export = ["number", "short_title", "title", "colour"]
    export_filename = "ods"


class SdgTargetViewSet(SnippetViewSet):
    model = SdgTarget
    icon = "globe"
    list_display = ["code", "title"]
    list_filter = ["goal"]
    list_per_page = 50
    list_export = ["code", "goal", "title"]
    export_filename = "metas-ods"


class PublicCollectionViewSet(SnippetViewSet):
    """Which collections publish their documents on upload (see docs/documents.md)."""

    model = PublicCollection
    icon = "folder-open-inverse"
    menu_label = _("Public collections")
    list_display = ["collection", "note"]

    def get_queryset(self, request):
        return PublicCollection.objects.select_related("collection")


class AccountabilityViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Accountability")
    menu_icon = "clipboard-list"
    menu_order = 200
    items = (
        IndicatorViewSet,
        CommitmentViewSet,
        StakeholderGroupViewSet,
        DepartmentViewSet,
        PopulationGroupViewSet,
        SdgGoalViewSet,
        SdgTargetViewSet,
        PublicCollectionViewSet,
    )
