"""Questions and proposals citizens send to a hearing or an encounter (docs/participation.md).

A question belongs to a department (the one the citizen chose, else the page's): the one scope
rule (``rendicion.editorial.scope``) decides who moderates it. Its answer deadline is counted in
Colombian business days when it arrives (``participa.deadlines``).
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from participa.deadlines import add_business_days, answer_deadline

TEXT_MAX_LENGTH = 2000
ANSWER_MAX_LENGTH = 5000


class QuestionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Question.Status.PUBLISHED)

    def awaiting_answer(self):
        return self.filter(status=Question.Status.RECEIVED)

    def overdue(self, today=None):
        return self.awaiting_answer().filter(due_date__lt=today or timezone.localdate())

    def due_soon(self, today=None):
        """Waiting, not overdue, due within PARTICIPATION_DUE_SOON_BUSINESS_DAYS business days."""
        today = today or timezone.localdate()
        limit = add_business_days(today, settings.PARTICIPATION_DUE_SOON_BUSINESS_DAYS)
        return self.awaiting_answer().filter(due_date__gte=today, due_date__lte=limit)

    def deadline_counts(self, today=None):
        """{"waiting", "overdue", "due_soon"} in one query."""
        today = today or timezone.localdate()
        limit = add_business_days(today, settings.PARTICIPATION_DUE_SOON_BUSINESS_DAYS)
        waiting = Q(status=Question.Status.RECEIVED)
        return self.aggregate(
            waiting=Count("pk", filter=waiting),
            overdue=Count("pk", filter=waiting & Q(due_date__lt=today)),
            due_soon=Count("pk", filter=waiting & Q(due_date__gte=today, due_date__lte=limit)),
        )

    def public_counts(self, page):
        """What the page says it received and answered publicly (spam is not counted)."""
        return self.filter(page=page).aggregate(
            received=Count("pk", filter=~Q(rejection_reason=Question.RejectionReason.SPAM)),
            answered=Count("pk", filter=Q(status=Question.Status.PUBLISHED)),
        )


class Question(models.Model):
    class Kind(models.TextChoices):
        QUESTION = "question", _("Question")
        PROPOSAL = "proposal", _("Proposal")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        PUBLISHED = "published", _("Published with answer")
        ANSWERED_PRIVATELY = "private", _("Answered privately")
        REJECTED = "rejected", _("Rejected")

    class RejectionReason(models.TextChoices):
        SPAM = "spam", _("Spam")
        OFFENSIVE = "offensive", _("Offensive")
        DUPLICATE = "duplicate", _("Duplicate")

    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.PROTECT,
        related_name="citizen_questions",
        verbose_name=_("hearing or encounter"),
    )
    department = models.ForeignKey(
        "rendicion.Department",
        on_delete=models.PROTECT,
        related_name="citizen_questions",
        verbose_name=_("department or topic"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.QUESTION)
    anonymous = models.BooleanField(_("anonymous"), default=False)
    name = models.CharField(_("name"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    territory = models.CharField(_("comuna or corregimiento"), max_length=120)
    population_group = models.ForeignKey(
        "rendicion.PopulationGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("population group"),
    )
    text = models.TextField(_("question or proposal"), max_length=TEXT_MAX_LENGTH)
    consent_at = models.DateTimeField(_("consent given at"))
    consent_policy_version = models.CharField(_("data policy version"), max_length=40)
    consent_policy_url = models.CharField(_("data policy address"), max_length=500)
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    due_date = models.DateField(_("answer due"), db_index=True)

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED
    )
    rejection_reason = models.CharField(
        _("reason for rejection"), max_length=10, choices=RejectionReason.choices, blank=True
    )
    moderation_note = models.TextField(
        _("internal note"), blank=True, help_text=_("Never shown to the public.")
    )
    answer = models.TextField(_("answer"), blank=True, max_length=ANSWER_MAX_LENGTH)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    notified_at = models.DateTimeField(_("citizen notified"), null=True, blank=True)
    commitment = models.ForeignKey(
        "rendicion.Commitment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("commitment"),
        help_text=_("The commitment this answer created or refers to."),
    )
    anonymised_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("citizen question")
        verbose_name_plural = _("citizen questions")
        permissions = [
            ("view_personal_data", _("Can see the e-mail and phone of citizens")),
        ]
        indexes = [models.Index(fields=["page", "status", "answered_at"])]

    def __str__(self):
        return self.text if len(self.text) <= 60 else self.text[:57] + "…"

    def save(self, *args, **kwargs):
        if not self.due_date:
            self.due_date = answer_deadline(self.received_at or timezone.now())
        super().save(*args, **kwargs)
        # The page cache ignores this model's writes (a new question shows nowhere): it
        # empties when a save changes what a page shows — a question published, edited while
        # published, withdrawn, or erased.
        if getattr(self, "_was_shown", False) or self.status == self.Status.PUBLISHED:
            from rendicion.signals import public_content_changed

            public_content_changed.send(sender=type(self))
        self._was_shown = self.status == self.Status.PUBLISHED

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._was_shown = instance.status == cls.Status.PUBLISHED
        return instance

    @property
    def public_name(self):
        """The only personal datum ever shown publicly."""
        if self.anonymous or not self.name:
            return _("Anonymous")
        return self.name

    @property
    def is_waiting(self):
        return self.status == self.Status.RECEIVED

    def is_overdue(self, today=None):
        return self.is_waiting and self.due_date < (today or timezone.localdate())

    def is_due_soon(self, today=None):
        today = today or timezone.localdate()
        limit = add_business_days(today, settings.PARTICIPATION_DUE_SOON_BUSINESS_DAYS)
        return self.is_waiting and today <= self.due_date <= limit

    @property
    def deadline_flag(self):
        """ "Overdue" or "Due soon" for a question still waiting; "" otherwise."""
        if self.is_overdue():
            return str(pgettext_lazy("citizen question", "Overdue"))
        if self.is_due_soon():
            return str(pgettext_lazy("citizen question", "Due soon"))
        return ""

    def anonymise(self):
        self.name = ""
        self.email = ""
        self.phone = ""
        self.anonymous = True
        self.anonymised_at = timezone.now()
        if self.status != self.Status.PUBLISHED:
            self.text = ""
            self.answer = ""


def retention_cutoff(now=None):
    return (now or timezone.now()) - datetime.timedelta(days=settings.PARTICIPATION_RETENTION_DAYS)
