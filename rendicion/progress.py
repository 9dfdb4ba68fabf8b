"""Indicator progress, derived from baseline, target and the latest measurement.

Never stored: a percentage typed by hand drifts from the data it claims to summarise.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from rendicion.charts import stacked_segments


class Direction:
    INCREASE = "increase"
    DECREASE = "decrease"
    MAINTAIN = "maintain"


@dataclass(frozen=True)
class Progress:
    """The state of an indicator against its target.

    ``percent`` is ``None`` when it cannot be computed honestly (text baseline or target,
    no measurement yet). It may exceed 100 (over-achievement) or fall below 0 (the value
    moved away from the target); ``bar_percent`` is the clamped value for drawing a bar.
    """

    percent: Decimal | None
    status: str
    # How ``percent`` was reached, to write it out for citizens (``Formula``); None when
    # there is no percentage.
    formula: "Formula | None" = field(default=None, compare=False)

    NO_MEASUREMENT = "no_measurement"
    NOT_COMPUTABLE = "not_computable"
    MET = "met"
    IN_PROGRESS = "in_progress"
    BEHIND = "behind"

    STATUS_LABELS = {
        NO_MEASUREMENT: _("No measurement yet"),
        NOT_COMPUTABLE: _("Qualitative target"),
        MET: _("Target met"),
        IN_PROGRESS: _("In progress"),
        BEHIND: _("Behind the baseline"),
    }

    @property
    def status_label(self):
        return self.STATUS_LABELS[self.status]

    @property
    def bar_percent(self):
        if self.percent is None:
            return 0
        return max(Decimal(0), min(Decimal(100), self.percent))

    @property
    def is_met(self):
        return self.status == self.MET


@dataclass(frozen=True)
class Formula:
    """The calculation behind a percentage, term by term, so a page can write it out:

    * ``RATIO`` (increase and decrease): (``a`` − ``b``) ÷ (``c`` − ``d``) × 100. For an
      increase a = current, b = baseline, c = target, d = baseline; for a decrease
      a = baseline, b = current, c = baseline, d = target.
    * ``HOLD`` (maintain, or a baseline equal to the target): ``holds`` tells whether the
      current value holds the target (≥ for an increase, ≤ for a decrease), in which case
      the target is met (100 %); otherwise ``a`` ÷ ``c`` × 100 (current ÷ target for an
      increase, target ÷ current for a decrease).
    """

    RATIO = "ratio"
    HOLD = "hold"

    kind: str
    direction: str
    a: Decimal
    b: Decimal | None
    c: Decimal
    d: Decimal | None
    holds: bool = False


ONE_DECIMAL = Decimal("0.1")


def _round(value):
    return value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def compute_progress(baseline, target, current, direction):
    """Return the :class:`Progress` of ``current`` from ``baseline`` towards ``target``.

    ``baseline``, ``target`` and ``current`` are ``Decimal`` or ``None``; ``None`` for the
    baseline or target means it is only known as text, and a text cannot be measured against.
    """
    if current is None:
        return Progress(None, Progress.NO_MEASUREMENT)
    if baseline is None or target is None:
        return Progress(None, Progress.NOT_COMPUTABLE)

    if direction == Direction.MAINTAIN or baseline == target:
        return _progress_to_hold(target, current, direction)

    if direction == Direction.DECREASE:
        formula = Formula(Formula.RATIO, direction, baseline, current, baseline, target)
    else:
        formula = Formula(Formula.RATIO, Direction.INCREASE, current, baseline, target, baseline)
    percent = _round((formula.a - formula.b) / (formula.c - formula.d) * 100)
    if percent >= 100:
        status = Progress.MET
    elif percent < 0:
        status = Progress.BEHIND
    else:
        status = Progress.IN_PROGRESS
    return Progress(percent, status, formula)


def _progress_to_hold(target, current, direction):
    """A level to hold (or a baseline equal to the target): met while the value holds."""
    decrease = direction == Direction.DECREASE
    holds = current <= target if decrease else current >= target
    a, c = (target, current) if decrease else (current, target)
    formula = Formula(Formula.HOLD, direction, a, None, c, None, holds=holds)
    if holds:
        return Progress(Decimal("100.0"), Progress.MET, formula)
    percent = a / c * 100 if c else Decimal(0)
    return Progress(_round(percent), Progress.IN_PROGRESS, formula)


# --- Summaries of many indicators ----------------------------------------------------------

# The order in which summaries count, draw and write the statuses.
STATUS_ORDER = (
    Progress.MET,
    Progress.IN_PROGRESS,
    Progress.BEHIND,
    Progress.NO_MEASUREMENT,
    Progress.NOT_COMPUTABLE,
)

STATUS_PHRASES = {
    Progress.MET: ngettext_lazy(
        "%(number)s indicator with its target met",
        "%(number)s indicators with their target met",
        "count",
    ),
    Progress.IN_PROGRESS: ngettext_lazy(
        "%(number)s indicator in progress", "%(number)s indicators in progress", "count"
    ),
    Progress.BEHIND: ngettext_lazy(
        "%(number)s indicator behind its baseline",
        "%(number)s indicators behind their baseline",
        "count",
    ),
    Progress.NO_MEASUREMENT: ngettext_lazy(
        "%(number)s indicator without a measurement yet",
        "%(number)s indicators without a measurement yet",
        "count",
    ),
    Progress.NOT_COMPUTABLE: ngettext_lazy(
        "%(number)s indicator with a qualitative target",
        "%(number)s indicators with a qualitative target",
        "count",
    ),
}


def _grouped(count):
    return number_format(count, force_grouping=True)


# The same, short, for a tile: "3 met, 2 in progress".
STATUS_SHORT_PHRASES = {
    Progress.MET: ngettext_lazy("%(number)s met", "%(number)s met", "count"),
    Progress.IN_PROGRESS: ngettext_lazy(
        "%(number)s in progress", "%(number)s in progress", "count"
    ),
    Progress.BEHIND: ngettext_lazy("%(number)s behind", "%(number)s behind", "count"),
    Progress.NO_MEASUREMENT: ngettext_lazy(
        "%(number)s without data", "%(number)s without data", "count"
    ),
    Progress.NOT_COMPUTABLE: ngettext_lazy(
        "%(number)s qualitative", "%(number)s qualitative", "count"
    ),
}


@dataclass(frozen=True)
class StatusSummary:
    """How many indicators are in each status of :class:`Progress` (``STATUS_ORDER``)."""

    counts: tuple  # ((status, count), …) in STATUS_ORDER, zeros included

    @classmethod
    def of(cls, statuses):
        """The summary of an iterable of statuses (``Progress.status`` values)."""
        tally = dict.fromkeys(STATUS_ORDER, 0)
        for status in statuses:
            tally[status] += 1
        return cls(tuple(tally.items()))

    @classmethod
    def empty(cls):
        return cls.of(())

    @property
    def total(self):
        return sum(count for _status, count in self.counts)

    def count(self, status):
        return dict(self.counts)[status]

    @property
    def met(self):
        return self.count(Progress.MET)

    @property
    def in_progress(self):
        return self.count(Progress.IN_PROGRESS)

    @property
    def behind(self):
        return self.count(Progress.BEHIND)

    @property
    def no_measurement(self):
        return self.count(Progress.NO_MEASUREMENT)

    @property
    def not_computable(self):
        return self.count(Progress.NOT_COMPUTABLE)

    @property
    def rows(self):
        """(status, label, count) of every status, zeros included, for a table."""
        return [(status, Progress.STATUS_LABELS[status], count) for status, count in self.counts]

    @property
    def segments(self):
        """The statuses present, as segments of a 100 % bar (``rendicion.charts``)."""
        return stacked_segments(self.counts)

    @property
    def phrases(self):
        """(status, "3 indicadores en avance") for every status, zeros included ("0
        indicadores…" is news too), in order."""
        return [
            (status, STATUS_PHRASES[status] % {"count": count, "number": _grouped(count)})
            for status, count in self.counts
        ]

    @property
    def short_phrases(self):
        """(status, "3 cumplidos") for each status present, in order."""
        return [
            (status, STATUS_SHORT_PHRASES[status] % {"count": count, "number": _grouped(count)})
            for status, count in self.counts
            if count
        ]
