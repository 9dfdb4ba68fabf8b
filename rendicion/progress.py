"""Indicator progress, derived from baseline, target and the latest measurement.

Never stored: a percentage typed by hand drifts from the data it claims to summarise.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _


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
        percent = (baseline - current) / (baseline - target) * 100
    else:
        percent = (current - baseline) / (target - baseline) * 100
    percent = _round(percent)
    if percent >= 100:
        status = Progress.MET
    elif percent < 0:
        status = Progress.BEHIND
    else:
        status = Progress.IN_PROGRESS
    return Progress(percent, status)


def _progress_to_hold(target, current, direction):
    """A level to hold (or a baseline equal to the target): met while the value holds."""
    holds = current <= target if direction == Direction.DECREASE else current >= target
    if holds:
        return Progress(Decimal("100.0"), Progress.MET)
    if direction == Direction.DECREASE:
        percent = target / current * 100 if current else Decimal(0)
    else:
        percent = current / target * 100 if target else Decimal(0)
    return Progress(_round(percent), Progress.IN_PROGRESS)
