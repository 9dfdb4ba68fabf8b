from dataclasses import dataclass

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel
from wagtail.documents import get_document_model_string
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

from rendicion.charts import stacked_segments
from rendicion.choices import ActionStatus
from rendicion.models.cycle import cycle_year
from rendicion.models.mixins import LiveBaselineRevisionMixin

# Where a dashboard counts a commitment (docs/indicator-charts.md): overdue wins over the
# status typed when the due date has passed and it is not fulfilled.
OVERDUE = "overdue"
COMMITMENT_SUMMARY_ORDER = (
    ActionStatus.FULFILLED,
    ActionStatus.IN_PROGRESS,
    ActionStatus.PENDING,
    OVERDUE,
    ActionStatus.NOT_FULFILLED,
)
COMMITMENT_PHRASES = {
    ActionStatus.FULFILLED: ngettext_lazy(
        "%(number)s commitment fulfilled", "%(number)s commitments fulfilled", "count"
    ),
    ActionStatus.IN_PROGRESS: ngettext_lazy(
        "%(number)s commitment in progress", "%(number)s commitments in progress", "count"
    ),
    ActionStatus.PENDING: ngettext_lazy(
        "%(number)s commitment pending", "%(number)s commitments pending", "count"
    ),
    OVERDUE: ngettext_lazy(
        "%(number)s commitment overdue", "%(number)s commitments overdue", "count"
    ),
    ActionStatus.NOT_FULFILLED: ngettext_lazy(
        "%(number)s commitment closed without being fulfilled",
        "%(number)s commitments closed without being fulfilled",
        "count",
    ),
}
COMMITMENT_SUMMARY_LABELS = {
    ActionStatus.FULFILLED: ActionStatus.FULFILLED.label,
    ActionStatus.IN_PROGRESS: ActionStatus.IN_PROGRESS.label,
    ActionStatus.PENDING: ActionStatus.PENDING.label,
    OVERDUE: _("Overdue"),
    ActionStatus.NOT_FULFILLED: _("Closed, not fulfilled"),
}


@dataclass(frozen=True)
class CommitmentSummary:
    """How many commitments are in each of ``COMMITMENT_SUMMARY_ORDER``."""

    counts: tuple  # ((key, count), …) in COMMITMENT_SUMMARY_ORDER

    @property
    def total(self):
        return sum(count for _key, count in self.counts)

    @property
    def rows(self):
        """(key, label, count) of every category, zeros included, for a table."""
        return [(key, COMMITMENT_SUMMARY_LABELS[key], count) for key, count in self.counts]

    @property
    def segments(self):
        return stacked_segments(self.counts)

    @property
    def phrases(self):
        return [
            (key, COMMITMENT_PHRASES[key] % {"count": count, "number": number_format(count)})
            for key, count in self.counts
        ]


class CommitmentQuerySet(models.QuerySet):
    def with_cycle_year(self):
        """Each commitment with ``cycle_year``: the vigencia of the page where it was made."""
        return self.annotate(cycle_year=cycle_year("origin_page__path"))

    def status_summary(self, today=None):
        """A :class:`CommitmentSummary` of these commitments, in one query: overdue are
        those whose due date has passed (before ``today``) and that are not fulfilled; the
        others count by their status."""
        today = today or timezone.localdate()
        overdue = Q(due_date__lt=today) & ~Q(status=ActionStatus.FULFILLED)
        counts = self.order_by().aggregate(
            **{
                ActionStatus.FULFILLED: Count("pk", filter=Q(status=ActionStatus.FULFILLED)),
                OVERDUE: Count("pk", filter=overdue),
                **{
                    status: Count("pk", filter=Q(status=status) & ~overdue)
                    for status in (
                        ActionStatus.IN_PROGRESS,
                        ActionStatus.PENDING,
                        ActionStatus.NOT_FULFILLED,
                    )
                },
            }
        )
        return CommitmentSummary(tuple((key, counts[key]) for key in COMMITMENT_SUMMARY_ORDER))


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
    status_note = models.TextField(
        _("what changed"),
        blank=True,
        help_text=_(
            "Shown with the status in the commitment's public history when this version is "
            "published with a new status."
        ),
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
        FieldPanel("status_note"),
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


class CommitmentStatusChange(models.Model):
    """One dated entry of a commitment's public status history (pending → in progress →
    fulfilled / not fulfilled). Written only when a version of the commitment is *published*
    with a status different from the last entry (``record_status_change``): an approved change,
    never a draft, and never typed by hand."""

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="status_changes"
    )
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices)
    changed_at = models.DateTimeField(_("date"), default=timezone.now)
    note = models.TextField(_("what changed"), blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_document = models.ForeignKey(
        get_document_model_string(),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("evidence document"),
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("commitment status change")
        verbose_name_plural = _("commitment status changes")

    def __str__(self):
        return f"{self.commitment_id}: {self.get_status_display()}"


def record_status_change(commitment, revision=None):
    """After ``commitment`` was published: a history entry when its status differs from the
    last one (the first publication records the status it starts with)."""
    last = commitment.status_changes.order_by("-changed_at", "-pk").first()
    if last is not None and last.status == commitment.status:
        return None
    return CommitmentStatusChange.objects.create(
        commitment=commitment,
        status=commitment.status,
        note=commitment.status_note,
        evidence=commitment.evidence,
        evidence_document_id=commitment.evidence_document_id,
        revision=revision,
    )


def _published_questions_prefetch():
    """The published citizen questions a commitment came from, when participa is installed
    (its model is reached through the relation, so this module imports nothing of it)."""
    try:
        field = Commitment._meta.get_field("questions")
    except Exception:
        return None
    return Prefetch(
        "questions",
        queryset=field.related_model.objects.published().order_by("received_at"),
        to_attr="published_questions",
    )


def shown_commitments_of(page):
    """The approved commitments made at ``page`` (a hearing or encounter being served), with
    their status history, the public improvement actions they fed and the published questions
    they came from: a fixed number of queries however many there are."""
    from rendicion.models.improvement import ImprovementAction

    prefetches = [
        Prefetch(
            "status_changes",
            queryset=CommitmentStatusChange.objects.select_related("evidence_document"),
        ),
        Prefetch(
            "improvement_actions",
            queryset=ImprovementAction.objects.public().select_related("plan"),
            to_attr="public_improvement_actions",
        ),
    ]
    questions = _published_questions_prefetch()
    if questions is not None:
        prefetches.append(questions)
    return (
        page.commitments.filter(live=True)
        .select_related("department", "evidence_document")
        .prefetch_related(*prefetches)
        .order_by("due_date", "pk")
    )


def commitment_published(sender, instance, revision=None, **kwargs):
    """Receiver of Wagtail's ``published`` for commitments (connected in ``RendicionConfig``)."""
    record_status_change(instance, revision)
