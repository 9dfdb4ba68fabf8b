"""Geometry of the charts the public pages draw as server-side SVG (docs/indicator-charts.md).

Pure functions of numbers: no database, no language, no markup. Templates under
``templates/charts/`` write the SVG from what these return, with the words and the number
formatting of the page (a point says what it is, ``kind``; the template names it).

Coordinates are in the units of the SVG's ``viewBox`` (``WIDTH`` × ``HEIGHT``): the image
scales to its box, so one geometry serves a 320 px phone and a desktop.
"""

import math
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

WIDTH = 400
HEIGHT = 240
# Room for the value axis's labels (left), the period labels (bottom) and the value above a
# point at the top of the plot.
PLOT_LEFT = 58
PLOT_RIGHT = WIDTH - 24
PLOT_TOP = 24
PLOT_BOTTOM = HEIGHT - 36
# The first and last points sit this far inside the plot, so that their labels clear the
# value axis's and fit in the image.
INSET = 22
# Periods named under the axis, at most: with more measurements every k-th is named (and the
# last one), the others are in the table beside the chart.
MAX_PERIOD_LABELS = 6

BASELINE = "baseline"
MEASUREMENT = "measurement"
TARGET = "target"


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: Decimal
    kind: str  # BASELINE, MEASUREMENT or TARGET
    label: str = ""  # a measurement's period
    show_label: bool = True  # whether its period is written under the axis


@dataclass(frozen=True)
class Tick:
    y: float
    value: Decimal


@dataclass(frozen=True)
class TrendChart:
    """Baseline → measurements (oldest first) → target, on one value axis.

    ``points`` are the baseline and the measurements, joined by ``path``; ``target`` is the
    target's point at the right end, and ``target_y`` the height of the dashed line drawn
    across the plot at the target's value.
    """

    points: tuple
    target: Point
    ticks: tuple
    path: str
    width: int = WIDTH
    height: int = HEIGHT
    plot_left: int = PLOT_LEFT
    plot_right: int = PLOT_RIGHT
    plot_top: int = PLOT_TOP
    plot_bottom: int = PLOT_BOTTOM

    @property
    def baseline(self):
        return self.points[0]

    @property
    def measurements(self):
        return self.points[1:]

    @property
    def target_y(self):
        return self.target.y

    @property
    def period_label_y(self):
        return self.plot_bottom + 18

    @property
    def tick_label_x(self):
        return self.plot_left - 6

    @property
    def target_marker(self):
        """(x, y) of the top-left corner of the target's 10 × 10 square."""
        return round(self.target.x - 5, 1), round(self.target.y - 5, 1)

    @property
    def view_box(self):
        return f"0 0 {self.width} {self.height}"


def _decimal(value):
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _tidy(value):
    """400.0 → 400, 2.50 → 2.5, 5E+2 → 500: no exponent, no trailing zeros."""
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral_value() else normal


def nice_step(span, count=5):
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving about ``count`` intervals
    over ``span`` (> 0)."""
    raw = _decimal(span) / count
    exponent = raw.adjusted()
    base = Decimal(10) ** exponent
    fraction = raw / base
    for nice in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10)):
        if fraction <= nice:
            return _tidy(nice * base)
    return _tidy(Decimal(10) * base)  # pragma: no cover (fraction < 10 always)


def value_axis(values):
    """(low, high, step) of an axis showing every value in ``values``, on round ticks.

    Starts at zero when every value is positive and the lowest is less than half the
    highest: a bar of 40 against 1 050 should look small. A single value (or values all
    equal) gets an axis around it. Otherwise no value sits on the bottom line.
    """
    low, high = min(values), max(values)
    if low >= 0 and low <= high / 2:
        low = Decimal(0)
    if low == high:
        pad = abs(low) / 10 if low else Decimal(1)
        low, high = low - pad, high + pad
        if min(values) >= 0 and low < 0:
            low = Decimal(0)
    step = nice_step(high - low)
    low = (low / step).to_integral_value(rounding=ROUND_FLOOR) * step
    high = (high / step).to_integral_value(rounding=ROUND_CEILING) * step
    if low and min(values) == low:
        # A value on the bottom line would sit on the period labels: one step more below.
        low -= step
        if low < 0 <= min(values):
            low = Decimal(0)
    return low, high, step


def _scale(low, high):
    span = float(high - low)

    def y(value):
        share = float(_decimal(value) - low) / span
        return round(PLOT_BOTTOM - share * (PLOT_BOTTOM - PLOT_TOP), 1)

    return y


def _label_every(count):
    return max(1, math.ceil(count / MAX_PERIOD_LABELS))


def trend_chart(baseline, target, measurements):
    """The chart of an indicator with a numeric ``baseline`` and ``target`` and
    ``measurements``, a sequence of (period, value) oldest first (none is fine: the chart
    shows the way from the baseline to the target). ``None`` when the baseline or the target
    is not a number: a text cannot be placed on an axis.

    Values beyond the target (or below the baseline) widen the axis: nothing is clipped.
    A decreasing indicator needs nothing special: its target simply sits lower.
    """
    if baseline is None or target is None:
        return None
    baseline, target = _decimal(baseline), _decimal(target)
    measurements = [(period, _decimal(value)) for period, value in measurements]
    values = [baseline, target, *(value for _period, value in measurements)]
    low, high, step = value_axis(values)
    y = _scale(low, high)

    slots = len(measurements) + 2  # baseline, each measurement, target
    spacing = (PLOT_RIGHT - PLOT_LEFT - 2 * INSET) / (slots - 1)

    def x(slot):
        return round(PLOT_LEFT + INSET + slot * spacing, 1)

    every = _label_every(len(measurements))
    points = [Point(x(0), y(baseline), baseline, BASELINE)]
    for index, (period, value) in enumerate(measurements):
        shown = index % every == 0 or index == len(measurements) - 1
        points.append(Point(x(index + 1), y(value), value, MEASUREMENT, str(period), shown))
    target_point = Point(x(slots - 1), y(target), target, TARGET)

    ticks = []
    value = low
    while value <= high:
        ticks.append(Tick(y(value), _tidy(value)))
        value += step
    path = " ".join(
        f"{'M' if index == 0 else 'L'}{point.x:g} {point.y:g}" for index, point in enumerate(points)
    )
    return TrendChart(tuple(points), target_point, tuple(ticks), path)


# --- Bars of counts ------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    key: str
    count: int
    start: float  # percent of the bar's width
    width: float  # percent of the bar's width


def stacked_segments(counts):
    """``counts``, a sequence of (key, count), as segments of a 100 % bar in that order;
    an empty count gives a segment of width 0 (so that a page's size does not depend on
    which counts are empty), and no count at all gives no bar."""
    total = sum(count for _key, count in counts)
    if not total:
        return []
    segments, start = [], 0.0
    for key, count in counts:
        width = round(count * 100 / total, 2)
        segments.append(Segment(key, count, round(start, 2), width))
        start += width
    return segments
