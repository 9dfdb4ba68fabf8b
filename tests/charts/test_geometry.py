"""The trend chart's geometry (rendicion/charts.py): pure numbers, no database."""

from decimal import Decimal

import pytest

from rendicion.charts import (
    BASELINE,
    INSET,
    MEASUREMENT,
    PLOT_BOTTOM,
    PLOT_LEFT,
    PLOT_RIGHT,
    PLOT_TOP,
    nice_step,
    stacked_segments,
    trend_chart,
    value_axis,
)

D = Decimal


def inside_plot(point):
    return PLOT_LEFT <= point.x <= PLOT_RIGHT and PLOT_TOP <= point.y <= PLOT_BOTTOM


def test_points_are_scaled_on_one_axis_from_baseline_to_target():
    # The seed's 220100900: 400 → 1 050, with 800 measured.
    chart = trend_chart(D(400), D(1050), [("2021", D(800))])
    baseline, measurement = chart.points
    assert (baseline.kind, measurement.kind, chart.target.kind) == (BASELINE, MEASUREMENT, "target")
    assert measurement.label == "2021"
    # Left to right: baseline, measurement, target at the right edge.
    assert baseline.x == PLOT_LEFT + INSET < measurement.x < chart.target.x == PLOT_RIGHT - INSET
    # Higher values are drawn higher (smaller y), in proportion.
    assert baseline.y > measurement.y > chart.target.y
    ticks = [tick.value for tick in chart.ticks]
    assert ticks == [D(0), D(250), D(500), D(750), D(1000), D(1250)]
    zero, top = chart.ticks[0], chart.ticks[-1]
    assert (zero.y, top.y) == (PLOT_BOTTOM, PLOT_TOP)
    per_unit = (zero.y - top.y) / 1250
    assert measurement.y == pytest.approx(zero.y - 800 * per_unit, abs=0.1)
    assert chart.path == f"M{baseline.x:g} {baseline.y:g} L{measurement.x:g} {measurement.y:g}"
    assert all(inside_plot(point) for point in (*chart.points, chart.target))


def test_a_decreasing_indicator_has_its_target_below_its_baseline():
    # Infant mortality 20 → 10, measured 15 then 12: going down is progress.
    chart = trend_chart(D(20), D(10), [("2021", D(15)), ("2022", D(12))])
    baseline, first, second = chart.points
    assert chart.target.y > baseline.y  # lower value, further down the image
    assert baseline.y < first.y < second.y < chart.target.y
    assert chart.target_y == chart.target.y


def test_a_single_measurement_sits_half_way_across():
    chart = trend_chart(D(0), D(100), [("2021", D(50))])
    (measurement,) = chart.measurements
    assert measurement.x == pytest.approx((PLOT_LEFT + PLOT_RIGHT) / 2, abs=0.1)


def test_without_measurements_the_chart_shows_baseline_and_target_only():
    chart = trend_chart(D(10), D(40), [])
    assert chart.measurements == ()
    assert len(chart.points) == 1
    assert chart.path.startswith("M") and " L" not in chart.path
    assert chart.baseline.x == PLOT_LEFT + INSET and chart.target.x == PLOT_RIGHT - INSET


def test_values_beyond_the_target_widen_the_axis_and_are_not_clipped():
    chart = trend_chart(D(400), D(1050), [("2021", D(800)), ("2022", D(1600))])
    beyond = chart.points[-1]
    assert beyond.y < chart.target.y  # above the target line
    assert inside_plot(beyond)
    assert chart.ticks[-1].value >= D(1600)
    below = trend_chart(D(400), D(1050), [("2021", D(-50))]).points[-1]
    assert inside_plot(below)


def test_an_equal_baseline_and_target_still_get_an_axis():
    chart = trend_chart(D(27), D(27), [("2021", D(27))])
    assert chart.ticks[0].value < D(27) < chart.ticks[-1].value
    assert chart.baseline.y == chart.target.y


def test_a_text_baseline_or_target_gives_no_chart():
    assert trend_chart(None, D(10), [("2021", D(3))]) is None
    assert trend_chart(D(1), None, []) is None


def test_many_periods_name_only_some_under_the_axis_but_always_the_last():
    measurements = [(f"{2020 + i // 2}-S{i % 2 + 1}", D(i)) for i in range(14)]
    chart = trend_chart(D(0), D(20), measurements)
    named = [point.label for point in chart.measurements if point.show_label]
    assert 3 <= len(named) <= 6 + 1
    assert named[0] == "2020-S1" and named[-1] == measurements[-1][0]


@pytest.mark.parametrize(
    ("span", "step"),
    [(D(1050), D(250)), (D(10), D(2)), (D("0.25"), D("0.05")), (D(7), D(2)), (D(100), D(20))],
)
def test_steps_are_round(span, step):
    assert nice_step(span) == step


def test_an_axis_starts_at_zero_when_the_values_are_far_from_it():
    assert value_axis([D(400), D(1050), D(800)])[0] == 0
    low, high, _step = value_axis([D(90), D(95), D(93)])
    assert 0 < low <= 90 and high >= 95


def test_stacked_segments_add_up_and_keep_empty_ones_at_zero_width():
    segments = stacked_segments([("met", 1), ("in_progress", 0), ("behind", 3)])
    assert [(s.key, s.count, s.width) for s in segments] == [
        ("met", 1, 25.0),
        ("in_progress", 0, 0.0),
        ("behind", 3, 75.0),
    ]
    assert segments[2].start == 25.0
    assert stacked_segments([("met", 0)]) == []


def test_no_value_but_zero_sits_on_the_bottom_line():
    # Infant mortality 9.1 → 8: the target would fall on the axis, among the period labels.
    low, high, step = value_axis([D("9.1"), D(8), D("8.6")])
    assert low < 8 and high >= D("9.1")
    chart = trend_chart(D("9.1"), D(8), [("2021", D("8.6"))])
    assert chart.target.y < PLOT_BOTTOM
