from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.documents import get_document_model_string
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from rendicion.api_fields import (
    ChoiceLabelField,
    DepartmentField,
    DocumentLinkField,
    GroupNameField,
    NamesField,
    ShownCommitmentsField,
)
from rendicion.blocks import BodyBlock, QuestionBlock
from rendicion.editorial.forms import DepartmentScopedPageForm
from rendicion.models.commitments import shown_commitments_of
from rendicion.models.mixins import CyclePageMixin, QuestionIntakeMixin
from rendicion.panels import CommitmentsMadeHerePanel


class DialogueEncounterPage(CyclePageMixin, QuestionIntakeMixin, Page):
    """An encuentro de diálogo participativo, or a zonal Gobierno al barrio / al campo session."""

    class Modality(models.TextChoices):
        DEPARTMENT = "department", _("Department dialogue encounter")
        NEIGHBOURHOOD = "neighbourhood", _("Gobierno al barrio")
        RURAL = "rural", _("Gobierno al campo")

    department = models.ForeignKey(
        "rendicion.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="encounters",
        verbose_name=_("department"),
    )
    modality = models.CharField(_("modality"), max_length=20, choices=Modality.choices)
    territory = models.CharField(
        _("territory"), max_length=200, blank=True, help_text=_("Comuna or corregimiento.")
    )
    start = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    stakeholder_groups = ParentalManyToManyField(
        "rendicion.StakeholderGroup",
        blank=True,
        related_name="encounters",
        verbose_name=_("stakeholder groups invited"),
    )
    attendance_total = models.PositiveIntegerField(_("total attendance"), null=True, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    questions = StreamField(
        [("question", QuestionBlock())], blank=True, verbose_name=_("questions and proposals")
    )
    systematisation_document = models.ForeignKey(
        get_document_model_string(),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("systematisation document"),
    )

    base_form_class = DepartmentScopedPageForm

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("modality"), FieldPanel("department")]),
        FieldRowPanel([FieldPanel("start"), FieldPanel("territory")]),
        FieldPanel("place"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("stakeholder_groups"),
                FieldPanel("attendance_total"),
                InlinePanel("attendance", label=_("Attendance by group")),
            ],
            heading=_("Participants"),
        ),
        FieldPanel("body"),
        FieldPanel("questions"),
        FieldPanel("systematisation_document"),
        CommitmentsMadeHerePanel(),
        QuestionIntakeMixin.question_intake_panel(),
        # Registration on the portal (inscripciones/, docs/participation.md).
        InlinePanel(
            "registration_options", max_num=1, heading=_("Registration"), label=_("Registration")
        ),
    ]

    api_fields = [
        APIField("department", serializer=DepartmentField()),
        APIField("modality"),
        APIField("modality_label", serializer=ChoiceLabelField("modality")),
        APIField("territory"),
        APIField("start"),
        APIField("place"),
        APIField("summary"),
        APIField("stakeholder_groups", serializer=NamesField()),
        APIField("attendance_total"),
        APIField("attendance"),
        APIField("body"),
        APIField("questions"),
        APIField("systematisation_document", serializer=DocumentLinkField()),
        APIField("commitments", serializer=ShownCommitmentsField()),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("territory"),
        index.SearchField("place"),
        index.SearchField("body"),
        index.SearchField("questions"),
        index.FilterField("modality"),
    ]

    parent_page_types = [
        "rendicion.AccountabilityCycleIndexPage",
        "rendicion.DepartmentSectionPage",
    ]
    subpage_types = []

    class Meta:
        verbose_name = _("dialogue encounter")
        verbose_name_plural = _("dialogue encounters")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["stakeholder_groups"] = self.stakeholder_groups.all()
        context["attendance"] = self.attendance.select_related(
            "stakeholder_group", "population_group"
        )
        context["commitments"] = shown_commitments_of(self)
        return context


class EncounterAttendance(Orderable):
    """How many people of a stakeholder or population group took part."""

    page = ParentalKey(DialogueEncounterPage, on_delete=models.CASCADE, related_name="attendance")
    stakeholder_group = models.ForeignKey(
        "rendicion.StakeholderGroup",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("stakeholder group"),
    )
    population_group = models.ForeignKey(
        "rendicion.PopulationGroup",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("population group"),
    )
    count = models.PositiveIntegerField(_("people"))

    api_fields = [APIField("group", serializer=GroupNameField()), APIField("count")]

    panels = [
        FieldRowPanel(
            [FieldPanel("stakeholder_group"), FieldPanel("population_group"), FieldPanel("count")]
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def clean(self):
        if not self.stakeholder_group_id and not self.population_group_id:
            raise ValidationError(_("Choose a stakeholder group or a population group."))

    @property
    def group(self):
        return self.stakeholder_group or self.population_group
