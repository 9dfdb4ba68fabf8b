"""Progress is derived from baseline, target and the latest measurement, never typed."""

import datetime
from decimal import Decimal

import pytest

from rendicion.progress import Direction, Progress, compute_progress
from tests.factories import IndicatorFactory, MeasurementFactory

D = Decimal


@pytest.mark.parametrize(
    ("baseline", "target", "current", "direction", "percent", "status"),
    [
        # The seed's 220100900: 400 → 1050 with 800 measured.
        (D(400), D(1050), D(800), Direction.INCREASE, D("61.5"), Progress.IN_PROGRESS),
        (D(400), D(1050), D(1050), Direction.INCREASE, D("100.0"), Progress.MET),
        (D(400), D(1050), D(1200), Direction.INCREASE, D("123.1"), Progress.MET),
        (D(400), D(1050), D(300), Direction.INCREASE, D("-15.4"), Progress.BEHIND),
        # A decrease counts the other way: 20 → 10 with 15 measured is half way.
        (D(20), D(10), D(15), Direction.DECREASE, D("50.0"), Progress.IN_PROGRESS),
        (D(20), D(10), D(8), Direction.DECREASE, D("120.0"), Progress.MET),
        (D(20), D(10), D(25), Direction.DECREASE, D("-50.0"), Progress.BEHIND),
        # The seed's 220103401: 27 → 27, maintain, met while the value holds.
        (D(27), D(27), D(27), Direction.MAINTAIN, D("100.0"), Progress.MET),
        (D(27), D(27), D(30), Direction.MAINTAIN, D("100.0"), Progress.MET),
        (D(27), D(27), D(24), Direction.MAINTAIN, D("88.9"), Progress.IN_PROGRESS),
        # A baseline equal to the target on an increase indicator behaves like maintain.
        (D(27), D(27), D(27), Direction.INCREASE, D("100.0"), Progress.MET),
    ],
)
def test_numeric_progress(baseline, target, current, direction, percent, status):
    progress = compute_progress(baseline, target, current, direction)
    assert progress.percent == percent
    assert progress.status == status


def test_no_measurement_has_no_percentage():
    progress = compute_progress(D(400), D(1050), None, Direction.INCREASE)
    assert progress.percent is None
    assert progress.status == Progress.NO_MEASUREMENT


def test_text_target_has_no_percentage():
    progress = compute_progress(None, None, D(3), Direction.INCREASE)
    assert progress.percent is None
    assert progress.status == Progress.NOT_COMPUTABLE


def test_bar_is_clamped_but_percent_is_not():
    over = compute_progress(D(0), D(10), D(15), Direction.INCREASE)
    under = compute_progress(D(10), D(20), D(5), Direction.INCREASE)
    assert (over.percent, over.bar_percent) == (D("150.0"), D(100))
    assert (under.percent, under.bar_percent) == (D("-50.0"), D(0))


@pytest.mark.django_db
class TestIndicatorProgress:
    def test_uses_the_latest_measurement_by_date(self):
        indicator = IndicatorFactory(baseline_value=D(400), target_value=D(1050))
        MeasurementFactory(
            indicator=indicator, period="2021", date=datetime.date(2021, 12, 31), value=D(800)
        )
        MeasurementFactory(
            indicator=indicator, period="2020", date=datetime.date(2020, 12, 31), value=D(500)
        )
        assert indicator.latest_measurement.period == "2021"
        assert indicator.progress.percent == D("61.5")

    def test_text_baseline_shows_its_text_and_no_percentage(self):
        indicator = IndicatorFactory(
            baseline_value=None,
            baseline_text="08 IE clasificación C, 08 IE clasificación B, 08 IE clasificación A",
            target_value=None,
            target_text="06 IEO con mejoramiento de clasificación de plantel",
        )
        MeasurementFactory(indicator=indicator, value=D(3))
        assert indicator.baseline_display.startswith("08 IE clasificación C")
        assert indicator.progress.percent is None
        assert indicator.progress.status == Progress.NOT_COMPUTABLE

    def test_a_text_baseline_wins_over_a_stale_number(self):
        indicator = IndicatorFactory(
            baseline_value=D(8), baseline_text="08 IE clasificación C", target_value=D(6)
        )
        MeasurementFactory(indicator=indicator, value=D(3))
        assert indicator.progress.percent is None

    def test_without_measurements(self):
        indicator = IndicatorFactory()
        assert indicator.latest_measurement is None
        assert indicator.progress.status == Progress.NO_MEASUREMENT
