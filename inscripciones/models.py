"""Registration to the dialogue encounters and the public hearing (docs/participation.md).

The options (open or not, capacity, closing time) are a child of the event page, edited in
its own form (an inline panel of at most one row), so a change goes through the page's review
workflow and shows when the page is published. The registrations themselves are plain rows:
citizens write them, never the page's revisions.
"""

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel

# An encounter has a start and no end: calendars get this length.
ENCOUNTER_LENGTH = datetime.timedelta(hours=2)


class RegistrationOptions(models.Model):
    is_open = models.BooleanField(
        _("registration open"),
        default=True,
        help_text=_("Citizens may register on the portal until it closes."),
    )
    capacity = models.PositiveIntegerField(
        _("seats"),
        null=True,
        blank=True,
        help_text=_("Empty: no limit. Past it, people join the waiting list."),
    )
    closes_at = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Empty: registration closes when the event starts."),
    )

    panels = [
        FieldPanel("is_open"),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("closes_at")]),
    ]

    class Meta:
        abstract = True
        verbose_name = _("registration")
        verbose_name_plural = _("registration")

    def __str__(self):
        return self.page.title if self.page_id else ""

    def closing_time(self):
        """When registration closes: its closing time, and never after the event starts."""
        start = self.page.start
        return min(self.closes_at, start) if self.closes_at else start

    def accepts_registrations(self, now=None):
        now = now or timezone.now()
        return self.is_open and now < self.closing_time()


class EncounterRegistrationOptions(RegistrationOptions):
    page = ParentalKey(
        "rendicion.DialogueEncounterPage",
        on_delete=models.CASCADE,
        related_name="registration_options",
    )

    class Meta(RegistrationOptions.Meta):
        pass


class HearingRegistrationOptions(RegistrationOptions):
    page = ParentalKey(
        "rendicion.PublicHearingPage",
        on_delete=models.CASCADE,
        related_name="registration_options",
    )

    class Meta(RegistrationOptions.Meta):
        pass


def registration_options(page):
    """The page's published registration options, or None (an event without registration)."""
    relation = getattr(page.specific, "registration_options", None)
    return relation.first() if relation is not None else None


def registration_summary(page):
    """The published options with ``attended_count`` (registrations marked as attended), in
    one query: what the event page shows. None without options."""
    from django.db.models import Count, OuterRef, Subquery

    relation = getattr(page.specific, "registration_options", None)
    if relation is None:
        return None
    attended = (
        Registration.objects.filter(
            page_id=OuterRef("page_id"), status=Registration.Status.ATTENDED
        )
        .order_by()
        .values("page_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    options = relation.all()
    if not isinstance(options, models.QuerySet):
        # A preview: the page and its options come from a revision, not the database.
        first = options.first()
        if first is not None:
            first.attended_count = None
        return first
    return options.annotate(attended_count=Subquery(attended)).first()


def event_end(page):
    """When an encounter or the hearing ends: the hearing's end, or its start plus the usual
    length (an encounter has no end; a hearing may have none)."""
    return getattr(page, "end", None) or page.start + ENCOUNTER_LENGTH


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        """Not cancelled: holding a seat, on the waiting list, or attended."""
        return self.exclude(status=Registration.Status.CANCELLED)

    def holding_seat(self):
        return self.filter(status__in=Registration.SEAT_STATUSES)

    def waiting(self):
        return self.filter(status=Registration.Status.WAITING).order_by("position")

    def attended(self):
        return self.filter(status=Registration.Status.ATTENDED)

    def for_user(self, user):
        """The registrations ``user`` may see in the admin: those of the event pages the
        portal's scope rule lets them reach (rendicion/editorial/scope.py). An encounter in a
        department's section is that department's; the hearing and cycle-level encounters
        belong to the coordinating department."""
        from wagtail.models import Page

        from rendicion.editorial.scope import queryset_for

        return self.filter(page__in=queryset_for(user, Page.objects.all()).values("pk"))


class Registration(models.Model):
    """One person's registration to one event (encounter or hearing)."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        ATTENDED = "attended", _("Attended")

    SEAT_STATUSES = (Status.REGISTERED, Status.ATTENDED)

    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("event"),
    )
    name = models.CharField(_("full name"), max_length=150)
    email = models.EmailField(_("e-mail"), max_length=254)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    territory = models.CharField(_("comuna, corregimiento or municipality"), max_length=120)
    population_group = models.ForeignKey(
        "rendicion.PopulationGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("population group"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.REGISTERED
    )
    # Order of arrival for the event: the waiting list is promoted in this order.
    position = models.PositiveIntegerField(_("order of arrival"))
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    promoted_at = models.DateTimeField(
        _("given a seat from the waiting list"), null=True, blank=True
    )
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    # Ley 1581 de 2012: when the person accepted the personal-data policy, and which version.
    consent_at = models.DateTimeField(_("consent given at"))
    consent_version = models.CharField(_("data policy version"), max_length=40)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["page", "position"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            # One live registration per e-mail and event (a cancelled one may be followed by a
            # new one); the form answers a second one kindly before this would refuse it.
            models.UniqueConstraint(
                fields=["page", "email"],
                condition=~Q(status="cancelled"),
                name="inscripciones_one_active_registration_per_email",
            ),
            models.UniqueConstraint(
                fields=["page", "position"], name="inscripciones_one_position_per_event"
            ),
        ]
        indexes = [models.Index(fields=["page", "status"], name="inscripciones_page_status")]

    def __str__(self):
        return f"{self.name} — {self.page.title}"

    @property
    def holds_seat(self):
        return self.status in self.SEAT_STATUSES

    @property
    def is_cancellable(self):
        return self.status in (self.Status.REGISTERED, self.Status.WAITING)


def normalised_email(email):
    return (email or "").strip().lower()


__all__ = [
    "ENCOUNTER_LENGTH",
    "EncounterRegistrationOptions",
    "HearingRegistrationOptions",
    "Registration",
    "event_end",
    "registration_options",
]
