"""Answer deadlines on Colombian business days (docs/participation.md).

Ley 1755 de 2015, art. 14: a petition is answered within 15 days, counted in business days
(Monday to Friday, not public holidays) from the day after it was received. Colombia's holidays
move (Ley Emiliani), so they come from the ``holidays`` package, not from a list kept here.
"""

import datetime
from functools import lru_cache

import holidays
from django.conf import settings
from django.utils import timezone


@lru_cache(maxsize=32)
def _holidays_of(year):
    return frozenset(holidays.country_holidays("CO", years=year).keys())


def is_business_day(day):
    return day.weekday() < 5 and day not in _holidays_of(day.year)


def add_business_days(start, days):
    """The date ``days`` business days after ``start`` (``start`` itself not counted)."""
    day = start
    counted = 0
    while counted < days:
        day += datetime.timedelta(days=1)
        if is_business_day(day):
            counted += 1
    return day


def business_days_between(start, end):
    """Business days after ``start`` up to and including ``end`` (negative if ``end`` is
    earlier)."""
    if end < start:
        return -business_days_between(end, start)
    return sum(
        1
        for offset in range(1, (end - start).days + 1)
        if is_business_day(start + datetime.timedelta(days=offset))
    )


def answer_deadline(received_at, days=None):
    """The last day to answer something received at ``received_at`` (an aware datetime or a
    date), in Palmira's calendar."""
    if isinstance(received_at, datetime.datetime):
        received_at = timezone.localtime(received_at).date()
    return add_business_days(received_at, days or settings.PARTICIPATION_ANSWER_BUSINESS_DAYS)
