from decimal import ROUND_HALF_UP, Decimal

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from rendicion.api_fields import ChoiceLabelField, DepartmentField, OverallProgressField
from rendicion.blocks import BodyBlock
from rendicion.choices import ActionStatus
from rendicion.editorial.forms import DepartmentScopedPageForm
from rendicion.models.cycle import cycle_year
from rendicion.models.mixins import CyclePageMixin
from rendicion.visibility import public_pages


class ImprovementPlanPage(CyclePageMixin, Page):
    """A plan de mejora whose actions are tracked to completion."""

    class Source(models.TextChoices):
        EVALUATION = "evaluation", _("Final evaluation")
        HEARING = "hearing", _("Public hearing")
        ENCOUNTER = "encounter", _("Dialogue encounter")

    source = models.CharField(_("origin"), max_length=20, choices=Source.choices)
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("source page"),
    )
    department = models.ForeignKey(
        "rendicion.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="improvement_plans",
        verbose_name=_("department"),
    )
    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    base_form_class = DepartmentScopedPageForm

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("source"), FieldPanel("department")]),
        PageChooserPanel("source_page"),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("actions", heading=_("Improvement actions"), label=_("Improvement action")),
    ]

    api_fields = [
        APIField("source"),
        APIField("source_label", serializer=ChoiceLabelField("source")),
        APIField("department", serializer=DepartmentField()),
        APIField("summary"),
        APIField("body"),
        APIField("actions"),
        APIField("overall_progress", serializer=OverallProgressField()),
    ]

    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = [
        "rendicion.AccountabilityCycleIndexPage",
        "rendicion.DepartmentSectionPage",
    ]
    subpage_types = []

    class Meta:
        verbose_name = _("improvement plan")
        verbose_name_plural = _("improvement plans")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["actions"] = list(self.actions.select_related("department"))
        context["overall_progress"] = self.overall_progress(context["actions"])
        return context

    def overall_progress(self, actions=None):
        """Mean progress of the plan's actions, or None for a plan with no actions yet."""
        actions = list(self.actions.all()) if actions is None else actions
        if not actions:
            return None
        mean = Decimal(sum(action.progress for action in actions)) / len(actions)
        return mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


class ImprovementActionQuerySet(models.QuerySet):
    def public(self):
        """Actions of public improvement plans, with ``cycle_year`` (the plan's vigencia).

        A plan's actions are rows of its live version: a draft of the plan lives in a revision
        and changes them only when published."""
        plans = public_pages(ImprovementPlanPage.objects.all())
        return self.filter(plan__in=plans).annotate(cycle_year=cycle_year("plan__path"))


class ImprovementAction(Orderable):
    plan = ParentalKey(ImprovementPlanPage, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(_("action"))
    department = models.ForeignKey(
        "rendicion.Department",
        on_delete=models.PROTECT,
        related_name="improvement_actions",
        verbose_name=_("responsible department"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PENDING
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    commitment = models.ForeignKey(
        "rendicion.Commitment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="improvement_actions",
        verbose_name=_("commitment it answers"),
        help_text=_("The commitment to citizens this action comes from, if any."),
    )

    objects = ImprovementActionQuerySet.as_manager()

    api_fields = [
        APIField("description"),
        APIField("department", serializer=DepartmentField()),
        APIField("due_date"),
        APIField("status"),
        APIField("status_label", serializer=ChoiceLabelField("status")),
        APIField("progress"),
    ]

    panels = [
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("department"), FieldPanel("due_date")]),
        FieldRowPanel([FieldPanel("status"), FieldPanel("progress")]),
        FieldPanel("commitment"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("improvement action")
        verbose_name_plural = _("improvement actions")

    def __str__(self):
        return self.description[:80]
