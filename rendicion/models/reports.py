from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from rendicion.api_fields import (
    ChoiceLabelField,
    DepartmentField,
    NamesField,
    PublicIndicatorsField,
)
from rendicion.blocks import BodyBlock, DocumentListBlock, RightBlock
from rendicion.editorial.forms import DepartmentScopedPageForm
from rendicion.models.indicators import Indicator
from rendicion.models.mixins import CyclePageMixin


class ReportPage(CyclePageMixin, Page):
    """An informe: the RdC management report, a department's report, a systematisation or
    the final evaluation, with its documents and the rights-based section the strategy asks for."""

    class Kind(models.TextChoices):
        MANAGEMENT = "management", _("Accountability management report")
        DEPARTMENT = "department", _("Department report")
        SYSTEMATISATION = "systematisation", _("Systematisation report")
        EVALUATION = "evaluation", _("Final evaluation report")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    department = models.ForeignKey(
        "rendicion.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("department"),
        help_text=_("Leave empty for a report of the whole administration."),
    )
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period to"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    documents = StreamField(DocumentListBlock(), blank=True, verbose_name=_("documents"))
    indicators = ParentalManyToManyField(
        "rendicion.Indicator",
        blank=True,
        related_name="reports",
        verbose_name=_("indicators reported"),
    )
    rights = StreamField([("right", RightBlock())], blank=True, verbose_name=_("rights"))
    population_groups = ParentalManyToManyField(
        "rendicion.PopulationGroup",
        blank=True,
        related_name="reports",
        verbose_name=_("population groups"),
    )

    base_form_class = DepartmentScopedPageForm

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("department")]),
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("documents"),
        FieldPanel("indicators"),
        MultiFieldPanel(
            [FieldPanel("rights"), FieldPanel("population_groups")],
            heading=_("Rights-based and peace approach"),
        ),
    ]

    api_fields = [
        APIField("kind"),
        APIField("kind_label", serializer=ChoiceLabelField("kind")),
        APIField("department", serializer=DepartmentField()),
        APIField("period_start"),
        APIField("period_end"),
        APIField("summary"),
        APIField("body"),
        APIField("documents"),
        APIField("indicators", serializer=PublicIndicatorsField()),
        APIField("rights"),
        APIField("population_groups", serializer=NamesField()),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("kind"),
    ]

    parent_page_types = [
        "rendicion.AccountabilityCycleIndexPage",
        "rendicion.DepartmentSectionPage",
    ]
    subpage_types = []

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        linked = self.indicators.all()
        if not isinstance(linked, models.QuerySet):
            # A preview renders a revision, whose relation is an in-memory list.
            linked = [indicator.pk for indicator in linked]
        context["indicators"] = Indicator.objects.public().filter(pk__in=linked)
        context["population_groups"] = self.population_groups.all()
        return context
