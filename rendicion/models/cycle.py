"""The accountability cycle (vigencia) and the department sections inside it."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db import models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from rendicion.api_fields import DepartmentField, PublicPageLinkField
from rendicion.blocks import BodyBlock, PhaseBlock
from rendicion.choices import Phase
from rendicion.listing import LISTING_PAGE_SIZE, preview
from rendicion.models.mixins import CyclePageMixin
from rendicion.visibility import hidden_branches, public_pages, shown_commitments


class AccountabilityCycleIndexPage(RoutablePageMixin, Page):
    """One vigencia of the accountability process, e.g. "Rendición de Cuentas 2021"."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    objective = RichTextField(_("objective"), features=["bold", "italic", "link", "ul", "ol"])
    phases = StreamField([("phase", PhaseBlock())], blank=True, verbose_name=_("phases"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("year"),
        FieldPanel("objective"),
        FieldPanel("phases"),
        InlinePanel("activities", heading=_("Schedule"), label=_("Activity")),
        FieldPanel("body"),
    ]

    # What the page shows, in /api/v2/pages/<id>/ (docs/api.md).
    api_fields = [
        APIField("year"),
        APIField("objective"),
        APIField("phases"),
        APIField("activities"),
        APIField("body"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("objective"),
        index.SearchField("body"),
        index.FilterField("year"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "rendicion.DepartmentSectionPage",
        "rendicion.DialogueEncounterPage",
        "rendicion.ReportPage",
        "rendicion.PublicHearingPage",
        "rendicion.ImprovementPlanPage",
        "encuestas.SurveyPage",
    ]
    # The main menu shows the current cycle (the latest year): see HomePage.menu_pages.
    show_in_menus_default = True

    class Meta:
        verbose_name = _("accountability cycle")
        verbose_name_plural = _("accountability cycles")

    def get_context(self, request, *args, **kwargs):
        from rendicion.models import PublicHearingPage

        context = super().get_context(request, *args, **kwargs)
        branches = hidden_branches()
        activities = self.activities.select_related("linked_page").order_by(
            "start_date", "sort_order"
        )
        context["schedule"] = [
            (value, label, [a for a in activities if a.phase == value])
            for value, label in Phase.choices
        ]
        context["sections"] = (
            public_pages(DepartmentSectionPage.objects.child_of(self), branches)
            .select_related("department")
            .order_by("title")
        )
        context["hearings"] = public_pages(
            PublicHearingPage.objects.descendant_of(self), branches
        ).order_by("start")
        for listing in cycle_listings():
            context[listing.context_name] = preview(
                self.listed(listing, branches), self.listing_url(listing, request)
            )
        context["has_content"] = public_pages(Page.objects.descendant_of(self), branches).exists()
        context["dashboard"] = self.dashboard(branches)
        return context

    def dashboard(self, branches=None):
        """The cycle's dashboard (docs/indicator-charts.md): the development plan's public
        indicators by SDG goal and by department, and the commitments made in the cycle's
        public pages, by status. Five queries, whatever the numbers (three when the
        indicators' statuses are in the cache)."""
        from rendicion.models import Department, SdgGoal
        from rendicion.models.indicators import public_status_overview

        overview = public_status_overview()
        by_goal, by_department = overview["by_goal"], overview["by_department"]
        pages = public_pages(Page.objects.descendant_of(self), branches)
        return {
            "indicators": overview["all"],
            "goals": [
                (goal, by_goal[goal.pk]) for goal in SdgGoal.objects.all() if goal.pk in by_goal
            ],
            "departments": [
                (department, by_department[department.pk])
                for department in Department.objects.filter(pk__in=list(by_department)).order_by(
                    "name"
                )
            ],
            "commitments": shown_commitments(pages).status_summary(),
        }

    def listed(self, listing, branches=None):
        """The public pages of one of the cycle's listings, in its order."""
        return (
            public_pages(listing.model.objects.descendant_of(self), branches)
            .select_related("department")
            .order_by(*listing.ordering)
        )

    def listing_url(self, listing, request=None, department=None):
        url = (self.get_url(request=request) or "") + self.reverse_subpage(
            "listing", args=[listing.slug]
        )
        return f"{url}?dependencia={department.slug}" if department else url

    # Only these words: any other path is a child page (a department section's slug).
    @re_path(r"^(?P<slug>encuentros|informes|planes-de-mejora)/$", name="listing")
    def listing_route(self, request, slug):
        """/<cycle>/encuentros/, /informes/, /planes-de-mejora/: every public page of the kind,
        paginated, filtered by department (``?dependencia=``) like the indicator list."""
        from rendicion.filters import CyclePageFilter

        listing = cycle_listing(slug)
        filterset = CyclePageFilter(request.GET or None, queryset=self.listed(listing), cycle=self)
        paginator = Paginator(filterset.qs, LISTING_PAGE_SIZE)
        query = request.GET.copy()
        query.pop("pagina", None)
        # Not self.render(): that builds the cycle page's own context, previews and all.
        return TemplateResponse(
            request,
            "rendicion/cycle_listing.html",
            {
                "page": self,
                "self": self,
                "listing": listing,
                "filterset": filterset,
                "items": paginator.get_page(request.GET.get("pagina") or 1),
                "paginator": paginator,
                "query_string": query.urlencode(),
            },
        )

    def serve_preview(self, request, mode_name):
        return Page.serve_preview(self, request, mode_name)


def cycle_year(path_lookup):
    """The year of the accountability cycle a page lies in (``path_lookup`` names the page's
    tree path from the outer row, e.g. ``"plan__path"``), as a subquery: a page's ancestors
    are the pages whose path is a prefix of its own."""
    return Subquery(
        AccountabilityCycleIndexPage.objects.filter(
            path=Substr(OuterRef(path_lookup), 1, Length("path"))
        )
        .order_by()
        .values("year")[:1]
    )


@dataclass(frozen=True)
class CycleListing:
    """One kind of page a cycle lists in full under its own address."""

    slug: str
    model_name: str
    title: str
    context_name: str
    item_template: str
    item_name: str
    ordering: tuple

    @property
    def model(self):
        from django.apps import apps

        return apps.get_model("rendicion", self.model_name)


def cycle_listings():
    return [
        CycleListing(
            "encuentros",
            "DialogueEncounterPage",
            _("Dialogue encounters"),
            "encounters",
            "includes/encounter_item.html",
            "encounter",
            ("-start", "title"),
        ),
        CycleListing(
            "informes",
            "ReportPage",
            _("Reports"),
            "reports",
            "includes/report_item.html",
            "report",
            ("kind", "title"),
        ),
        CycleListing(
            "planes-de-mejora",
            "ImprovementPlanPage",
            _("Improvement plans"),
            "plans",
            "includes/plan_item.html",
            "plan",
            ("title",),
        ),
    ]


def cycle_listing(slug):
    for listing in cycle_listings():
        if listing.slug == slug:
            return listing
    raise Http404


class CycleActivity(Orderable):
    """An entry of the cycle's cronograma, linking to the page where it is reported."""

    cycle = ParentalKey(
        AccountabilityCycleIndexPage, on_delete=models.CASCADE, related_name="activities"
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    title = models.CharField(_("activity"), max_length=255)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    linked_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("page"),
    )

    api_fields = [
        APIField("phase"),
        APIField("title"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("linked_page", serializer=PublicPageLinkField()),
    ]

    panels = [
        FieldPanel("phase"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        PageChooserPanel("linked_page"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("activity")
        verbose_name_plural = _("schedule")

    def __str__(self):
        return self.title


class DepartmentSectionPage(CyclePageMixin, Page):
    """A department's part of a cycle: its encounters, reports and plans for the vigencia.

    Giving each department its own branch of the tree lets Wagtail's page permissions
    scope editors to their department's pages.
    """

    department = models.ForeignKey(
        "rendicion.Department",
        on_delete=models.PROTECT,
        related_name="sections",
        verbose_name=_("department"),
    )
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("department"), FieldPanel("intro")]

    api_fields = [APIField("department", serializer=DepartmentField()), APIField("intro")]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["rendicion.AccountabilityCycleIndexPage"]
    subpage_types = [
        "rendicion.DialogueEncounterPage",
        "rendicion.ReportPage",
        "rendicion.ImprovementPlanPage",
        "encuestas.SurveyPage",
    ]

    class Meta:
        verbose_name = _("department section")
        verbose_name_plural = _("department sections")

    def get_context(self, request, *args, **kwargs):
        from rendicion.models import IndicatorIndexPage

        context = super().get_context(request, *args, **kwargs)
        cycle = self.cycle
        branches = hidden_branches()
        for listing in cycle_listings():
            context[listing.context_name] = preview(
                public_pages(listing.model.objects.child_of(self), branches)
                .select_related("department")
                .order_by(*listing.ordering),
                cycle.listing_url(listing, request, department=self.department),
            )
        _index, indicators_url = IndicatorIndexPage.find_with_url(request)
        context["indicators"] = preview(
            self.department.indicators.public(),
            f"{indicators_url}?dependencia={self.department.slug}" if indicators_url else "",
        )
        return context
