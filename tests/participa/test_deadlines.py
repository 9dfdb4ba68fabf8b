"""Answer deadlines count Colombian business days, public holidays excluded (Ley 1755, art. 14)."""

import datetime

from participa.deadlines import (
    add_business_days,
    answer_deadline,
    business_days_between,
    is_business_day,
)


def test_fifteen_business_days_skip_weekends_and_the_december_holidays():
    # Received Friday 4 December 2026: 8 December (Inmaculada Concepción) and 25 December are
    # holidays, so the 15th business day is Tuesday 29 December, not Friday 25.
    assert answer_deadline(datetime.date(2026, 12, 4), days=15) == datetime.date(2026, 12, 29)


def test_a_moved_holiday_is_not_a_business_day():
    # Ley Emiliani: San Pedro y San Pablo (29 June 2026, a Monday) is a holiday.
    assert not is_business_day(datetime.date(2026, 6, 29))
    assert is_business_day(datetime.date(2026, 6, 30))
    assert add_business_days(datetime.date(2026, 6, 26), 1) == datetime.date(2026, 6, 30)


def test_a_datetime_counts_from_its_local_day(settings):
    settings.PARTICIPATION_ANSWER_BUSINESS_DAYS = 1
    # 23:30 in Bogotá on Friday 4 December is already Saturday in UTC.
    received = datetime.datetime(2026, 12, 5, 4, 30, tzinfo=datetime.UTC)
    assert answer_deadline(received) == datetime.date(2026, 12, 7)


def test_business_days_between_is_signed():
    friday, next_tuesday = datetime.date(2026, 12, 4), datetime.date(2026, 12, 9)
    assert business_days_between(friday, next_tuesday) == 2  # Monday 7, Wednesday 9
    assert business_days_between(next_tuesday, friday) == -2
