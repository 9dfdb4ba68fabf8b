from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel
from wagtail.documents import get_document_model_string
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

from rendicion.choices import ActionStatus
from rendicion.models.cycle import cycle_year
from rendicion.models.mixins import LiveBaselineRevisionMixin


class CommitmentQuerySet(models.QuerySet):
    def with_cycle_year(self):
        """Each commitment with ``cycle_year``: the vigencia of the page where it was made."""
        return self.annotate(cycle_year=cycle_year("origin_page__path"))


class Commitment(
    LiveBaselineRevisionMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    index.Indexed,
    models.Model,
):
    """A compromiso the administration made to citizens in an encounter or a hearing."""

    # The same statuses as improvement actions: both are promises tracked to completion.
    Status = ActionStatus

    text = models.TextField(_("commitment"))
    department = models.ForeignKey(
        "rendicion.Department",
        on_delete=models.PROTECT,
        related_name="commitments",
        verbose_name=_("responsible department"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    origin_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("made at"),
        help_text=_("The encounter or hearing where it was made."),
    )
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_document = models.ForeignKey(
        get_document_model_string(),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("evidence document"),
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="commitment")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="commitment",
        for_concrete_model=False,
    )

    objects = CommitmentQuerySet.as_manager()

    panels = [
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("department"), FieldPanel("due_date"), FieldPanel("status")]),
        PageChooserPanel(
            "origin_page", ["rendicion.DialogueEncounterPage", "rendicion.PublicHearingPage"]
        ),
        FieldPanel("evidence"),
        FieldPanel("evidence_document"),
    ]

    search_fields = [
        index.SearchField("text"),
        index.SearchField("evidence"),
        index.FilterField("status"),
        index.FilterField("department_id"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self):
        return self.text if len(self.text) <= 80 else self.text[:77] + "…"
