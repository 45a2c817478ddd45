"""Working days: Monday to Friday, without the Dutch national holidays."""

import datetime as dt

import pytest

from followup.workdays import (
    add_working_days,
    easter,
    holidays,
    is_working_day,
    working_days_between,
)
from tests.followup.helpers import AMS


def moment(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=AMS)


@pytest.mark.parametrize(
    ("year", "sunday"),
    [(2024, dt.date(2024, 3, 31)), (2025, dt.date(2025, 4, 20)), (2026, dt.date(2026, 4, 5))],
)
def test_easter(year, sunday):
    assert easter(year) == sunday


def test_the_dutch_holidays_of_2025():
    assert holidays(2025) == {
        dt.date(2025, 1, 1),
        dt.date(2025, 4, 21),  # Tweede Paasdag
        dt.date(2025, 4, 26),  # Koningsdag: the 27th is a Sunday
        dt.date(2025, 5, 5),  # Bevrijdingsdag, a lustrum year
        dt.date(2025, 5, 29),  # Hemelvaartsdag
        dt.date(2025, 6, 9),  # Tweede Pinksterdag
        dt.date(2025, 12, 25),
        dt.date(2025, 12, 26),
    }
    assert dt.date(2026, 5, 5) not in holidays(2026)  # no lustrum year


def test_weekends_and_holidays_are_no_working_days():
    assert is_working_day(dt.date(2026, 11, 6))  # Friday
    assert not is_working_day(dt.date(2026, 11, 7))  # Saturday
    assert not is_working_day(dt.date(2026, 11, 8))  # Sunday
    assert not is_working_day(dt.date(2026, 12, 25))  # Christmas, a Friday


def test_three_working_days_after_a_friday_afternoon_is_wednesday():
    assert add_working_days(moment(2026, 11, 6, 15, 0), 3) == moment(2026, 11, 11, 15, 0)


def test_a_saturday_counts_from_monday():
    assert add_working_days(moment(2026, 11, 7, 9, 0), 1) == moment(2026, 11, 9, 9, 0)


def test_christmas_and_new_year_are_skipped():
    # Wed 23 Dec 2026 + 3: Thu 24, (Fri 25, Sat, Sun, Mon 28 is a working day) -> Mon 28, Tue 29
    assert add_working_days(moment(2026, 12, 23, 12, 0), 3) == moment(2026, 12, 29, 12, 0)
    # Thu 31 Dec 2026 + 1: Fri 1 Jan is a holiday -> Mon 4 Jan 2027
    assert add_working_days(moment(2026, 12, 31, 12, 0), 1) == moment(2027, 1, 4, 12, 0)


def test_across_the_change_to_winter_time_the_wall_clock_stays():
    start = moment(2026, 10, 23, 10, 0)  # Friday, summer time
    assert add_working_days(start, 1) == moment(2026, 10, 26, 10, 0)  # Monday, winter time
    assert add_working_days(start, 1).utcoffset() == dt.timedelta(hours=1)


def test_working_days_between_is_the_inverse():
    start = moment(2026, 11, 6, 15, 0)  # Friday
    assert working_days_between(start, moment(2026, 11, 9, 14, 59)) == 0
    assert working_days_between(start, moment(2026, 11, 9, 15, 0)) == 1
    assert working_days_between(start, moment(2026, 11, 11, 16, 0)) == 3
    assert working_days_between(start, moment(2026, 11, 1)) == 0  # before the start
    for days in range(12):
        due = add_working_days(start, days)
        assert working_days_between(start, due) == days
        assert working_days_between(start, due - dt.timedelta(minutes=1)) == max(days - 1, 0)


def test_working_days_between_agrees_with_adding_over_a_long_span():
    """The counting shortcut (weeks, then holidays) against the plain walk."""
    start = moment(2026, 12, 18, 16, 30)  # a Friday before Christmas
    for days in (0, 1, 5, 9, 10, 11, 60, 250):
        due = add_working_days(start, days)
        assert working_days_between(start, due) == days
        assert working_days_between(start, due - dt.timedelta(seconds=1)) == max(days - 1, 0)
        assert working_days_between(start, due + dt.timedelta(hours=20)) in (days, days + 1)
