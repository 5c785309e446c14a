"""Counting periods as Regulation (EEC, Euratom) No 1182/71 does. Pure Python; no Django.

- Art. 3(1): the day of the event that starts a period is not counted.
- Art. 3(2)(b): a period in days ends at the end of its last day.
- Art. 3(2)(c): a period in weeks or months ends on the day of the last week or month with the
  same weekday or date as the event; if that date does not exist in the last month, on the last
  day of that month.
- Art. 3(3): periods include weekends and public holidays, unless expressed in working days.
- Art. 3(4): a period whose last day is a Saturday, Sunday or public holiday ends at the end of
  the next working day.
- Art. 3(5): a period of two days or more includes at least two working days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import cache

import holidays
from dateutil.relativedelta import relativedelta


class Unit(StrEnum):
    DAYS = "days"
    WORKING_DAYS = "working_days"
    WEEKS = "weeks"
    MONTHS = "months"


@dataclass(frozen=True)
class Period:
    amount: int
    unit: Unit

    def __str__(self) -> str:
        return f"{self.amount} {self.unit.value.replace('_', ' ')}"


@dataclass(frozen=True)
class Calendar:
    """The working days of one jurisdiction: weekends and its public holidays."""

    jurisdiction: str  # ISO 3166 code, e.g. "NL"
    extra_holidays: frozenset[date] = frozenset()

    def is_working_day(self, day: date) -> bool:
        if day.weekday() >= 5 or day in self.extra_holidays:
            return False
        return day not in _public_holidays(self.jurisdiction, day.year)

    def next_working_day(self, day: date) -> date:
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day


@cache
def _public_holidays(jurisdiction: str, year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays(jurisdiction, years=year).keys())


def period_end(event_day: date, period: Period, calendar: Calendar) -> date:
    """The last day of a period that starts with an event on `event_day`."""
    if period.amount < 0:
        raise ValueError("a period cannot be negative")
    if period.unit is Unit.WORKING_DAYS:
        day, counted = event_day, 0
        while counted < period.amount:
            day += timedelta(days=1)
            if calendar.is_working_day(day):
                counted += 1
        return day
    if period.unit is Unit.DAYS:
        end = event_day + timedelta(days=period.amount)
    elif period.unit is Unit.WEEKS:
        end = event_day + timedelta(weeks=period.amount)
    else:
        end = event_day + relativedelta(months=period.amount)  # clamps to the month's end
    end = calendar.next_working_day(end)  # Art. 3(4)
    if period.amount >= 2 or period.unit is not Unit.DAYS:  # Art. 3(5)
        while _working_days_between(event_day, end, calendar) < 2:
            end = calendar.next_working_day(end + timedelta(days=1))
    return end


def _working_days_between(event_day: date, end: date, calendar: Calendar) -> int:
    """Working days in the period (event_day, end]."""
    count, day = 0, event_day
    while day < end and count < 2:
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            count += 1
    return count
