"""The accountability cycle (vigencia) and the department sections inside it."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from rendicion.blocks import BodyBlock, PhaseBlock
from rendicion.choices import Phase
from rendicion.models.mixins import CyclePageMixin
from rendicion.visibility import hidden_branches, public_pages


class AccountabilityCycleIndexPage(Page):
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
    ]
    # The main menu shows the current cycle (the latest year): see HomePage.menu_pages.
    show_in_menus_default = True

    class Meta:
        verbose_name = _("accountability cycle")
        verbose_name_plural = _("accountability cycles")

    def get_context(self, request, *args, **kwargs):
        from rendicion.models import (
            DialogueEncounterPage,
            ImprovementPlanPage,
            PublicHearingPage,
            ReportPage,
        )

        context = super().get_context(request, *args, **kwargs)

        branches = hidden_branches()

        def published(model):
            return public_pages(model.objects.all(), branches)

        activities = self.activities.select_related("linked_page").order_by(
            "start_date", "sort_order"
        )
        context["schedule"] = [
            (value, label, [a for a in activities if a.phase == value])
            for value, label in Phase.choices
        ]
        context["sections"] = (
            published(DepartmentSectionPage).child_of(self).select_related("department")
        )
        context["encounters"] = (
            published(DialogueEncounterPage)
            .descendant_of(self)
            .select_related("department")
            .order_by("start")
        )
        context["hearings"] = published(PublicHearingPage).descendant_of(self).order_by("start")
        context["reports"] = (
            published(ReportPage)
            .descendant_of(self)
            .select_related("department")
            .order_by("kind", "title")
        )
        context["plans"] = published(ImprovementPlanPage).descendant_of(self)
        context["has_content"] = published(Page).descendant_of(self).exists()
        return context


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

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["rendicion.AccountabilityCycleIndexPage"]
    subpage_types = [
        "rendicion.DialogueEncounterPage",
        "rendicion.ReportPage",
        "rendicion.ImprovementPlanPage",
    ]

    class Meta:
        verbose_name = _("department section")
        verbose_name_plural = _("department sections")

    def get_context(self, request, *args, **kwargs):
        from rendicion.models import DialogueEncounterPage, Indicator, ReportPage

        context = super().get_context(request, *args, **kwargs)
        children = public_pages(Page.objects.child_of(self))
        context["encounters"] = DialogueEncounterPage.objects.filter(pk__in=children).order_by(
            "start"
        )
        context["reports"] = ReportPage.objects.filter(pk__in=children).order_by("title")
        context["other_pages"] = children.not_type(DialogueEncounterPage, ReportPage).specific()
        context["indicators"] = Indicator.objects.public().filter(department=self.department_id)
        return context
