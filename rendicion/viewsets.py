"""Admin viewsets for the accountability snippets, grouped under one menu entry."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.models import Page
from wagtail.snippets.views.snippets import (
    CreateView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from importer.views import IndicatorExportView, IndicatorImportView
from rendicion.editorial.scope import (
    can_reach,
    department_of,
    member_department_ids,
    reaches_everything,
)
from rendicion.editorial.viewsets import DepartmentScopedViewSet, EditorialStatusColumn
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
from rendicion.spreadsheet_safety import FormulaSafeExportMixin


class FormulaSafeIndexView(FormulaSafeExportMixin, IndexView):
    """Every listing's CSV export keeps formula-like text inert (rendicion.spreadsheet_safety)."""


class DepartmentViewSet(SnippetViewSet):
    index_view_class = FormulaSafeIndexView
    model = Department
    icon = "group"
    list_display = ["name", "acronym", "email"]
    search_fields = ["name", "acronym"]
    list_export = ["name", "acronym", "slug", "email"]
    export_filename = "dependencias"


class IndicatorIndexView(FormulaSafeIndexView):
    """The indicator listing, with the spreadsheet import and export of
    docs/indicator-import.md next to the add button."""

    import_url_name = None
    export_matrix_url_name = None

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.user_has_any_permission({"add", "change"}):
            buttons.append(
                HeaderButton(
                    _("Import from spreadsheet"),
                    url=reverse(self.import_url_name),
                    icon_name="upload",
                )
            )
        return buttons

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons.copy()
        buttons.append(
            Button(
                _("Download in import format (XLSX)"),
                url=reverse(self.export_matrix_url_name),
                icon_name="download",
                priority=80,
            )
        )
        buttons.append(
            Button(
                _("Download in import format (ODS)"),
                url=reverse(self.export_matrix_url_name) + "?format=ods",
                icon_name="download",
                priority=81,
            )
        )
        return buttons


class IndicatorViewSet(DepartmentScopedViewSet):
    model = Indicator
    index_view_class = IndicatorIndexView
    icon = "table"
    list_display = ["code", "name", "department", "kind", EditorialStatusColumn()]
    list_filter = ["kind", "department", "direction", "live"]
    list_per_page = 50
    list_export = ["code", *Indicator.DATA_FIELDS, "live"]
    export_filename = "indicadores"

    def get_queryset(self, request):
        return self.scope_queryset(request, Indicator.objects.select_related("department"))

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            import_url_name=self.get_url_name("import"),
            export_matrix_url_name=self.get_url_name("export_matrix"),
            **kwargs,
        )

    def get_urlpatterns(self):
        import_view = self.construct_view(
            IndicatorImportView,
            import_url_name=self.get_url_name("import"),
            header_icon="upload",
        )
        return [
            *super().get_urlpatterns(),
            path("import/", import_view, name="import"),
            path("export-matrix/", self.construct_view(IndicatorExportView), name="export_matrix"),
        ]


class CommitmentCreateView(CreateView):
    """``…/add/?origin_page=<id>`` (from an encounter's or hearing's edit screen): the new
    commitment is made at that page, for its department. Ignored for a page the user does
    not reach, or that is not an encounter or hearing."""

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or self.model()
        origin = self._origin_page()
        if origin is not None:
            instance.origin_page = origin
            department = getattr(origin, "department", None) or department_of(origin)
            user = self.request.user
            if department is not None and (
                reaches_everything(user) or department.pk in member_department_ids(user)
            ):
                instance.department = department
        return instance

    def _origin_page(self):
        from rendicion.models import DialogueEncounterPage, PublicHearingPage

        page_id = self.request.GET.get("origin_page", "")
        if not page_id.isdigit():
            return None
        page = Page.objects.filter(pk=int(page_id)).specific().first()
        if not isinstance(page, DialogueEncounterPage | PublicHearingPage):
            return None
        return page if can_reach(self.request.user, page) else None


class CommitmentViewSet(DepartmentScopedViewSet):
    index_view_class = FormulaSafeIndexView
    add_view_class = CommitmentCreateView
    model = Commitment
    icon = "tick-inverse"
    list_display = ["__str__", "department", "due_date", "status", EditorialStatusColumn()]
    list_filter = ["status", "department", "live"]
    list_export = ["text", "department", "due_date", "status", "origin_page", "evidence", "live"]
    export_filename = "compromisos"

    def get_queryset(self, request):
        return self.scope_queryset(
            request, Commitment.objects.select_related("department", "origin_page")
        )


class StakeholderGroupViewSet(SnippetViewSet):
    index_view_class = FormulaSafeIndexView
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
    index_view_class = FormulaSafeIndexView
    model = PopulationGroup
    icon = "user"
    list_display = ["name", "historically_excluded"]
    list_filter = ["historically_excluded"]
    search_fields = ["name"]
    list_export = ["name", "slug", "historically_excluded"]
    export_filename = "grupos-poblacionales"


class SdgGoalViewSet(SnippetViewSet):
    index_view_class = FormulaSafeIndexView
    model = SdgGoal
    icon = "globe"
    list_display = ["number", "short_title", "colour"]
    list_per_page = 20
    list_export = ["number", "short_title", "title", "colour"]
    export_filename = "ods"


class SdgTargetViewSet(SnippetViewSet):
    index_view_class = FormulaSafeIndexView
    model = SdgTarget
    icon = "globe"
    list_display = ["code", "title"]
    list_filter = ["goal"]
    list_per_page = 50
    list_export = ["code", "goal", "title"]
    export_filename = "metas-ods"


class PublicCollectionViewSet(SnippetViewSet):
    index_view_class = FormulaSafeIndexView
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
