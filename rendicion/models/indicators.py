"""Development-plan indicators, their measurements and SDG links.

Indicators carry Wagtail's draft state, revisions, locking and workflow: the database row is
always the last *approved* version; pending edits live in revisions until approval.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, OuterRef, Q, Subquery, When
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from importer.cells import read_period
from rendicion.charts import trend_chart
from rendicion.models.mixins import LiveBaselineRevisionMixin
from rendicion.progress import Direction, StatusSummary, compute_progress


def progress_of(baseline_value, baseline_text, target_value, target_text, current, direction):
    """An indicator's :class:`~rendicion.progress.Progress` from its fields: a baseline or
    target given in words counts as text even when a number sits beside it."""
    return compute_progress(
        baseline_value if not baseline_text else None,
        target_value if not target_text else None,
        current,
        direction,
    )


class IndicatorQuerySet(models.QuerySet):
    def public(self):
        """Approved indicators, with what their public pages need in as few queries as possible."""
        return (
            self.filter(live=True)
            .order_by("-kind", Case(When(code="", then=1), default=0), "code", "name", "pk")
            .select_related("department")
            .prefetch_related("measurements", "sdg_targets__goal", "sdg_goals")
        )

    def contributing_to(self, goal):
        """Indicators linked to ``goal`` (an SdgGoal or its pk, or an OuterRef) through one
        of its targets or directly, each once."""
        through_targets = Indicator.sdg_targets.through.objects.filter(sdgtarget__goal=goal)
        through_goals = Indicator.sdg_goals.through.objects.filter(sdggoal=goal)
        return self.filter(
            Q(pk__in=through_targets.values("indicator_id"))
            | Q(pk__in=through_goals.values("indicator_id"))
        )

    # --- Status summaries (docs/indicator-charts.md): one query for the statuses, one per
    # kind of SDG link, whatever the number of indicators.

    def with_latest_value(self):
        """Each indicator with ``latest_value``: its latest measurement's value (by cut-off
        date, as ``Indicator.latest_measurement``), or None."""
        latest = (
            IndicatorMeasurement.objects.filter(indicator=OuterRef("pk"))
            .order_by("-date", "-pk")
            .values("value")[:1]
        )
        return self.annotate(latest_value=Subquery(latest))

    def statuses(self):
        """{pk: (department_id, progress status)} of these indicators, in one query."""
        rows = (
            self.prefetch_related(None)
            .select_related(None)
            .order_by()
            .with_latest_value()
            .values_list(
                "pk",
                "department_id",
                "baseline_value",
                "baseline_text",
                "target_value",
                "target_text",
                "latest_value",
                "direction",
            )
        )
        return {
            pk: (department_id, progress_of(*fields).status) for pk, department_id, *fields in rows
        }

    def status_summary(self):
        """The :class:`~rendicion.progress.StatusSummary` of these indicators (one query)."""
        return StatusSummary.of(status for _department, status in self.statuses().values())

    def status_summaries_by_department(self, statuses=None):
        """{department_id: StatusSummary} of the departments these indicators belong to
        (``statuses``, from ``statuses()``, saves its query when the caller has it)."""
        statuses = self.statuses() if statuses is None else statuses
        by_department = {}
        for department_id, status in statuses.values():
            by_department.setdefault(department_id, []).append(status)
        return {key: StatusSummary.of(statuses) for key, statuses in by_department.items()}

    def status_summaries_by_goal(self, statuses=None):
        """{goal_id: StatusSummary} of the SDG goals these indicators contribute to, through
        a target or directly, each indicator once per goal (two queries, one with
        ``statuses``)."""
        statuses = self.statuses() if statuses is None else statuses
        keys = self.order_by().values("pk")
        through_targets = Indicator.sdg_targets.through.objects.filter(
            indicator__in=keys
        ).values_list("sdgtarget__goal_id", "indicator_id")
        through_goals = Indicator.sdg_goals.through.objects.filter(indicator__in=keys).values_list(
            "sdggoal_id", "indicator_id"
        )
        # One query; UNION drops the pairs linked both ways.
        links = set(through_targets.union(through_goals))
        by_goal = {}
        for goal_id, indicator_id in links:
            if indicator_id in statuses:
                by_goal.setdefault(goal_id, []).append(statuses[indicator_id][1])
        return {key: StatusSummary.of(found) for key, found in by_goal.items()}


def public_status_overview():
    """The statuses of every public indicator (docs/indicator-charts.md), as the SDG pages
    and the cycle dashboards show them: ``{"all": StatusSummary, "by_goal": {goal_id:
    StatusSummary}, "by_department": {department_id: StatusSummary}}``. Two queries, kept in
    the cache until the next public change (any write empties it, docs/caching.md): every
    goal page, ``/ods/`` and every cycle read the same few numbers."""
    from caching.invalidation import kept_until_next_change
    from rendicion.visibility import public_indicators

    def build():
        indicators = public_indicators()
        statuses = indicators.statuses()
        return {
            "all": StatusSummary.of(status for _department, status in statuses.values()),
            "by_goal": indicators.status_summaries_by_goal(statuses),
            "by_department": indicators.status_summaries_by_department(statuses),
        }

    return kept_until_next_change("indicator-status-overview", build)


class Indicator(
    LiveBaselineRevisionMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    index.Indexed,
    ClusterableModel,
):
    class Kind(models.TextChoices):
        RESULT = "result", _("Result")
        PRODUCT = "product", _("Product")

    class DirectionChoices(models.TextChoices):
        INCREASE = Direction.INCREASE, _("Increase")
        DECREASE = Direction.DECREASE, _("Decrease")
        MAINTAIN = Direction.MAINTAIN, _("Maintain")

    code = models.CharField(
        _("code"),
        max_length=30,
        blank=True,
        help_text=_("Development plan code, e.g. 220100900. Unique when present."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_("Used in the address when the indicator has no code."),
    )
    name = models.CharField(_("name"), max_length=500)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PRODUCT)
    unit = models.CharField(_("unit of measure"), max_length=100)
    baseline_value = models.DecimalField(
        _("baseline (number)"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    baseline_text = models.CharField(
        _("baseline (text)"),
        max_length=500,
        blank=True,
        help_text=_("When the baseline is not a single number, e.g. “08 IE clasificación C”."),
    )
    target_value = models.DecimalField(
        _("target (number)"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    target_text = models.CharField(_("target (text)"), max_length=500, blank=True)
    direction = models.CharField(
        _("direction"),
        max_length=10,
        choices=DirectionChoices.choices,
        default=DirectionChoices.INCREASE,
    )
    department = models.ForeignKey(
        "rendicion.Department",
        on_delete=models.PROTECT,
        related_name="indicators",
        verbose_name=_("responsible department"),
    )
    plan_line = models.CharField(_("development plan line"), max_length=300, blank=True)
    programme = models.CharField(_("programme"), max_length=300, blank=True)
    sdg_targets = ParentalManyToManyField(
        "rendicion.SdgTarget", related_name="indicators", verbose_name=_("SDG targets"), blank=True
    )
    sdg_goals = ParentalManyToManyField(
        "rendicion.SdgGoal",
        related_name="goal_indicators",
        verbose_name=_("SDG goals without a target"),
        blank=True,
        help_text=_(
            "When the development plan links the indicator to a goal but to none of its "
            "targets. A goal one of its targets above already belongs to need not be added."
        ),
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="indicator")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="indicator",
        for_concrete_model=False,
    )

    objects = IndicatorQuerySet.as_manager()

    # The indicator's own data as its editors fill it in (besides its code, slug, state,
    # measurements and SDG targets): what the bulk import writes, the admin listing exports
    # and the tests compare.
    DATA_FIELDS = (
        "name",
        "kind",
        "unit",
        "baseline_value",
        "baseline_text",
        "target_value",
        "target_text",
        "direction",
        "department",
        "plan_line",
        "programme",
    )

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("kind")]),
        FieldPanel("name"),
        FieldPanel("department"),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("direction")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("baseline_value"), FieldPanel("baseline_text")]),
                FieldRowPanel([FieldPanel("target_value"), FieldPanel("target_text")]),
            ],
            heading=_("Baseline and target"),
        ),
        InlinePanel(
            "year_targets",
            heading=_("Targets per year"),
            label=_("Year's target"),
            help_text=_("What the action plan expects by the end of each year of the plan."),
        ),
        MultiFieldPanel(
            [FieldPanel("plan_line"), FieldPanel("programme")], heading=_("Development plan")
        ),
        FieldPanel("sdg_targets"),
        FieldPanel("sdg_goals"),
        InlinePanel("measurements", heading=_("Measurements"), label=_("Measurement")),
        FieldPanel("slug"),
    ]

    search_fields = [
        index.SearchField("code", boost=5),
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("unit"),
        index.SearchField("plan_line"),
        index.SearchField("programme"),
        index.RelatedFields("department", [index.SearchField("name")]),
        index.FilterField("kind"),
        index.FilterField("department_id"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["code", "name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~Q(code=""), name="unique_indicator_code_when_present"
            ),
        ]

    def __str__(self):
        return f"{self.code} · {self.name}" if self.code else self.name

    @classmethod
    def default_slug(cls, code, name):
        """The slug of an indicator given none: from its code, or its name without one."""
        return slugify(code or name)[: cls._meta.get_field("slug").max_length]

    def clean(self):
        super().clean()
        self.code = self.code.strip()
        if not self.slug:
            self.slug = self.default_slug(self.code, self.name)
        if self.baseline_value is None and not self.baseline_text.strip():
            raise ValidationError(
                {"baseline_value": _("Give the baseline as a number, a text or both.")}
            )
        if self.target_value is None and not self.target_text.strip():
            raise ValidationError(
                {"target_value": _("Give the target as a number, a text or both.")}
            )

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.default_slug(self.code, self.name)
        super().save(*args, **kwargs)

    @property
    def url_key(self):
        return self.code or self.slug

    @property
    def baseline_display(self):
        return self.baseline_text or self.baseline_value

    @property
    def target_display(self):
        return self.target_text or self.target_value

    @property
    def direct_sdg_goals(self):
        """The goals linked directly that none of the indicator's targets already shows."""
        shown = {target.goal_id for target in self.sdg_targets.all()}
        return [goal for goal in self.sdg_goals.all() if goal.pk not in shown]

    @property
    def sdg_goal_numbers(self):
        """Every goal the indicator contributes to, through a target or directly, in order."""
        numbers = {target.goal.number for target in self.sdg_targets.all()}
        numbers.update(goal.number for goal in self.sdg_goals.all())
        return sorted(numbers)

    @property
    def ordered_measurements(self):
        # Sorted in Python so that prefetched measurements cost no extra query.
        return sorted(self.measurements.all(), key=lambda m: (m.date, m.pk or 0))

    @cached_property
    def ordered_year_targets(self):
        # Sorted in Python, read once per instance: the indicator page asks twice.
        return sorted(self.year_targets.all(), key=lambda target: target.year)

    @property
    def current_year_target(self):
        """The target of the year of the latest measurement, else of the latest year."""
        year_targets = self.ordered_year_targets
        if not year_targets:
            return None
        latest = self.latest_measurement
        if latest is not None:
            for year_target in year_targets:
                if year_target.year == latest.date.year:
                    return year_target
        return year_targets[-1]

    @property
    def latest_measurement(self):
        measurements = self.ordered_measurements
        return measurements[-1] if measurements else None

    @property
    def progress(self):
        latest = self.latest_measurement
        return progress_of(
            self.baseline_value,
            self.baseline_text,
            self.target_value,
            self.target_text,
            latest.value if latest else None,
            self.direction,
        )

    @property
    def is_qualitative(self):
        """A baseline or target given in words: no percentage, no chart."""
        return bool(self.baseline_text or self.target_text)

    @property
    def trend_chart(self):
        """The geometry of the baseline → measurements → target chart (rendicion/charts.py),
        or None for a qualitative indicator."""
        if self.is_qualitative or self.baseline_value is None or self.target_value is None:
            return None
        return trend_chart(
            self.baseline_value,
            self.target_value,
            [(m.period, m.value) for m in self.ordered_measurements],
        )

    def get_url(self, request=None):
        from rendicion.models.index_pages import IndicatorIndexPage

        return IndicatorIndexPage.url_for_indicator(self, request=request)


class IndicatorMeasurement(Orderable):
    indicator = ParentalKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    period = models.CharField(_("period"), max_length=50, help_text=_("E.g. 2021, 2021-S1."))
    date = models.DateField(
        _("cut-off date"),
        blank=True,
        help_text=_("Empty: the last day of the period (2022 → 31/12/2022, 2022-S1 → 30/06/2022)."),
    )
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4)
    note = models.TextField(_("note"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("period"), FieldPanel("date"), FieldPanel("value")]),
        FieldPanel("source"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")

    def __str__(self):
        return f"{self.period}: {self.value}"

    def clean(self):
        super().clean()
        if self.date is not None or not self.period:
            return  # an empty period has its own "required" error
        # The period says when it ends, as in the import format (docs/indicator-import.md).
        period = read_period(self.period)
        if period is None:
            raise ValidationError(
                {
                    "date": _(
                        "Enter the cut-off date: the period “%(period)s” does not say when it "
                        "ends (write 2022, 2022-S1, 2022-T3 or 2022-06 to have it filled in)."
                    )
                    % {"period": self.period}
                }
            )
        self.date = period.date


class IndicatorYearTarget(Orderable):
    """The target of one year (the "meta de la vigencia"), beside the four-year target."""

    indicator = ParentalKey(Indicator, on_delete=models.CASCADE, related_name="year_targets")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(
        _("target (number)"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    text = models.CharField(_("target (text)"), max_length=500, blank=True)

    panels = [FieldRowPanel([FieldPanel("year"), FieldPanel("value"), FieldPanel("text")])]

    class Meta(Orderable.Meta):
        verbose_name = _("year's target")
        verbose_name_plural = _("targets per year")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"], name="one_target_per_indicator_and_year"
            ),
        ]

    def __str__(self):
        return f"{self.year}: {self.display}"

    @property
    def display(self):
        return self.text or self.value

    def clean(self):
        super().clean()
        if self.value is None and not self.text.strip():
            raise ValidationError({"value": _("Give the target as a number, a text or both.")})
