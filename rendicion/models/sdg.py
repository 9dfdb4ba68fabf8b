"""Sustainable Development Goals (ODS) and their targets, with the official UN Spanish titles.

Loaded by a data migration from ``rendicion/data/sdg_es.json`` so every install has them.
"""

from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery, Value, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from rendicion import contrast
from rendicion.models.index_pages import SdgIndexPage
from rendicion.progress import StatusSummary


class SdgGoalQuerySet(models.QuerySet):
    def with_public_indicator_counts(self):
        """Each goal with ``indicator_count``: its approved indicators, linked through a
        target or directly, each counted once."""
        from rendicion.models import Indicator

        count = (
            Indicator.objects.filter(live=True)
            # Two levels out: the goal, beyond the indicator query contributing_to nests in.
            .contributing_to(OuterRef(OuterRef("pk")))
            .order_by()
            .annotate(group=Value(1))
            .values("group")
            .annotate(total=Count("pk"))
            .values("total")
        )
        return self.annotate(indicator_count=Coalesce(Subquery(count), 0))

    def with_public_status_summaries(self):
        """The goals, each with ``status_summary``: the statuses of its approved indicators
        (docs/indicator-charts.md), and ``indicator_count``, their number. Three queries in
        all, whatever the number of indicators; one when the statuses are in the cache."""
        from rendicion.models.indicators import public_status_overview

        summaries = public_status_overview()["by_goal"]
        goals = list(self)
        for goal in goals:
            goal.status_summary = summaries.get(goal.pk) or StatusSummary.empty()
            goal.indicator_count = goal.status_summary.total
        return goals


class SdgTargetQuerySet(models.QuerySet):
    def with_public_indicator_counts(self):
        """Each target with ``indicator_count``: its approved indicators."""
        return self.annotate(indicator_count=Count("indicators", filter=Q(indicators__live=True)))


class SdgGoal(index.Indexed, models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    short_title = models.CharField(_("short title"), max_length=100)
    title = models.TextField(_("title"))
    colour = models.CharField(
        _("colour"), max_length=7, help_text=_("Official UN colour, #RRGGBB.")
    )

    objects = SdgGoalQuerySet.as_manager()

    panels = [
        FieldPanel("number", read_only=True),
        FieldPanel("short_title"),
        FieldPanel("title"),
        FieldPanel("colour"),
    ]

    search_fields = [
        index.SearchField("short_title", boost=2),
        index.SearchField("title"),
        index.AutocompleteField("short_title"),
        index.FilterField("number"),
    ]

    class Meta:
        ordering = ["number"]
        verbose_name = _("SDG goal")
        verbose_name_plural = _("SDG goals")

    def __str__(self):
        return f"ODS {self.number}. {self.short_title}"

    @property
    def text_background(self):
        """The colour to set text on: the official one, darkened only if neither black nor
        white text would reach 4.5:1 on it (WCAG 1.4.3)."""
        return contrast.text_background(self.colour)

    @property
    def text_colour(self):
        """Black or white, for text on ``text_background``."""
        return contrast.text_colour_on(self.text_background)

    def get_url(self, request=None):
        """The goal's page (/ods/4/) under the SDG index; None when there is no index. With
        ``request``, the index is looked up once per request however many goals link."""
        return SdgIndexPage.url_for_goal(self, request=request)

    def targets_with_public_indicators(self, per_target):
        """The goal's targets, each with ``indicator_count`` (its approved indicators) and
        ``first_indicators`` (at most ``per_target`` of them, by code): two queries whatever
        the number of indicators, where a prefetch would load every one of them."""
        from rendicion.models import Indicator

        targets = list(self.targets.with_public_indicator_counts())
        links = (
            Indicator.sdg_targets.through.objects.filter(sdgtarget__goal=self, indicator__live=True)
            .annotate(
                position=Window(
                    RowNumber(),
                    partition_by=F("sdgtarget_id"),
                    order_by=[F("indicator__code").asc(), F("indicator__name").asc()],
                )
            )
            .filter(position__lte=per_target)
            .select_related("indicator")
            .order_by("sdgtarget_id", "position")
        )
        first = {}
        for link in links:
            first.setdefault(link.sdgtarget_id, []).append(link.indicator)
        for target in targets:
            target.first_indicators = first.get(target.pk, [])
        return targets


class SdgTarget(index.Indexed, models.Model):
    goal = models.ForeignKey(
        SdgGoal, on_delete=models.CASCADE, related_name="targets", verbose_name=_("goal")
    )
    code = models.CharField(
        _("code"), max_length=10, unique=True, help_text=_("As the UN numbers it: 4.1, 4.a, 17.19.")
    )
    title = models.TextField(_("title"))
    # Sort key so that 4.10 follows 4.9 and lettered targets (4.a) follow numbered ones.
    position = models.PositiveIntegerField(_("position"), editable=False, default=0)

    objects = SdgTargetQuerySet.as_manager()

    panels = [
        FieldPanel("goal", read_only=True),
        FieldPanel("code", read_only=True),
        FieldPanel("title"),
    ]

    search_fields = [
        index.SearchField("code", boost=3),
        index.SearchField("title"),
        index.FilterField("code"),
        index.FilterField("goal_id"),
    ]

    class Meta:
        ordering = ["position"]
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")

    def __str__(self):
        return f"{self.code} {self.short_title}"

    @property
    def short_title(self):
        return self.title if len(self.title) <= 90 else self.title[:87].rstrip() + "…"

    @staticmethod
    def position_for(code):
        goal, _sep, suffix = code.partition(".")
        if suffix.isdigit():
            return int(goal) * 1000 + int(suffix)
        return int(goal) * 1000 + 500 + (ord(suffix.lower()) - ord("a"))
