"""``__any_of``: the one-parameter ``IN`` (rendicion/lookups.py), on both databases."""

import pytest

from rendicion.models import Indicator, IndicatorMeasurement
from tests.factories import IndicatorFactory, MeasurementFactory

pytestmark = pytest.mark.django_db


def test_it_finds_the_same_rows_as_in_on_primary_and_foreign_keys():
    indicators = IndicatorFactory.create_batch(5)
    for indicator in indicators:
        MeasurementFactory(indicator=indicator)
    wanted = [indicators[3].pk, indicators[0].pk, 999_999]
    assert set(Indicator.objects.filter(pk__any_of=wanted)) == {indicators[0], indicators[3]}
    assert set(
        IndicatorMeasurement.objects.filter(indicator_id__any_of=wanted).values_list(
            "indicator_id", flat=True
        )
    ) == {indicators[0].pk, indicators[3].pk}


def test_a_thousand_values_are_one_parameter():
    indicator = IndicatorFactory()
    wanted = [indicator.pk, *range(10**6, 10**6 + 1000)]
    queryset = Indicator.objects.filter(pk__any_of=wanted)
    sql, params = queryset.query.sql_with_params()
    assert len(params) <= 2  # the list, and nothing per value
    assert list(queryset) == [indicator]


def test_an_empty_list_finds_nothing_without_asking_the_database(django_assert_num_queries):
    IndicatorFactory()
    with django_assert_num_queries(0):
        assert list(Indicator.objects.filter(pk__any_of=[])) == []


def test_what_is_not_an_integer_never_reaches_the_sql():
    with pytest.raises(ValueError):
        list(Indicator.objects.filter(pk__any_of=["1) OR (1=1"]))
