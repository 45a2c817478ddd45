"""The quick date choices and months, at fixed moments (weekends, late
evenings, the nights the clocks change)."""

from datetime import UTC, date, datetime

import pytest

from initiatives.when import Month, When, day_label, when_days, when_days_at


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


# 2026-12-02 is a Wednesday.
@pytest.mark.parametrize(
    ("when", "today", "expected"),
    [
        ("vandaag", date(2026, 12, 2), (date(2026, 12, 2), date(2026, 12, 2))),
        ("morgen", date(2026, 12, 2), (date(2026, 12, 3), date(2026, 12, 3))),
        # A weekday: the coming Saturday and Sunday.
        ("weekend", date(2026, 12, 2), (date(2026, 12, 5), date(2026, 12, 6))),
        ("weekend", date(2026, 12, 4), (date(2026, 12, 5), date(2026, 12, 6))),
        # Saturday: today and Sunday; Sunday: only today.
        ("weekend", date(2026, 12, 5), (date(2026, 12, 5), date(2026, 12, 6))),
        ("weekend", date(2026, 12, 6), (date(2026, 12, 6), date(2026, 12, 6))),
        # Monday: the weekend is six days away.
        ("weekend", date(2026, 12, 7), (date(2026, 12, 12), date(2026, 12, 13))),
        # Deze week: today up to and including Sunday.
        ("week", date(2026, 12, 2), (date(2026, 12, 2), date(2026, 12, 6))),
        ("week", date(2026, 12, 7), (date(2026, 12, 7), date(2026, 12, 13))),
        ("week", date(2026, 12, 6), (date(2026, 12, 6), date(2026, 12, 6))),
        # Tomorrow over a month's and a year's end.
        ("morgen", date(2026, 12, 31), (date(2027, 1, 1), date(2027, 1, 1))),
    ],
)
def test_when_days(when, today, expected):
    assert when_days(when=when, today=today) == expected


def test_unknown_choice_is_refused():
    with pytest.raises(ValueError):
        when_days(when="gisteren", today=date(2026, 12, 2))


def test_late_evening_is_still_today_in_the_netherlands():
    # 23:30 UTC on Tuesday is 00:30 on Wednesday in Amsterdam (winter time).
    assert when_days_at(when="vandaag", now=utc(2026, 12, 1, 23, 30)) == (
        date(2026, 12, 2),
        date(2026, 12, 2),
    )
    # 22:59 UTC is 23:59 on Tuesday: still Tuesday.
    assert when_days_at(when="vandaag", now=utc(2026, 12, 1, 22, 59)) == (
        date(2026, 12, 1),
        date(2026, 12, 1),
    )


def test_summer_time_evening():
    # 22:30 UTC on Saturday 1 August is 00:30 on Sunday (UTC+2): the weekend
    # is only Sunday then.
    assert when_days_at(when="weekend", now=utc(2026, 8, 1, 22, 30)) == (
        date(2026, 8, 2),
        date(2026, 8, 2),
    )
    assert when_days_at(when="weekend", now=utc(2026, 8, 1, 21, 59)) == (
        date(2026, 8, 1),
        date(2026, 8, 2),
    )


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # The night of 28 to 29 March 2026 the clocks go forward (02:00 -> 03:00).
        (utc(2026, 3, 28, 22, 59), (date(2026, 3, 28), date(2026, 3, 29))),  # Sat 23:59 CET
        (utc(2026, 3, 28, 23, 0), (date(2026, 3, 29), date(2026, 3, 29))),  # Sun 00:00 CET
        (utc(2026, 3, 29, 1, 0), (date(2026, 3, 29), date(2026, 3, 29))),  # Sun 03:00 CEST
        (utc(2026, 3, 29, 21, 59), (date(2026, 3, 29), date(2026, 3, 29))),  # Sun 23:59 CEST
        (utc(2026, 3, 29, 22, 0), (date(2026, 4, 4), date(2026, 4, 5))),  # Mon 00:00 CEST
        # The night of 24 to 25 October 2026 they go back (03:00 -> 02:00).
        (utc(2026, 10, 24, 21, 59), (date(2026, 10, 24), date(2026, 10, 25))),  # Sat 23:59
        (utc(2026, 10, 24, 22, 0), (date(2026, 10, 25), date(2026, 10, 25))),  # Sun 00:00
        (utc(2026, 10, 25, 1, 30), (date(2026, 10, 25), date(2026, 10, 25))),  # 02:30 twice
        (utc(2026, 10, 25, 22, 59), (date(2026, 10, 25), date(2026, 10, 25))),  # Sun 23:59 CET
        (utc(2026, 10, 25, 23, 0), (date(2026, 10, 31), date(2026, 11, 1))),  # Mon 00:00 CET
    ],
)
def test_weekend_around_the_clock_changes(now, expected):
    assert when_days_at(when="weekend", now=now) == expected


def test_tomorrow_and_week_on_the_clock_change_sundays():
    assert when_days_at(when="morgen", now=utc(2026, 3, 29, 21, 59)) == (
        date(2026, 3, 30),
        date(2026, 3, 30),
    )
    assert when_days_at(when="week", now=utc(2026, 10, 22, 12, 0)) == (
        date(2026, 10, 22),
        date(2026, 10, 25),
    )


def test_choices_are_the_parameter_values():
    assert [c.value for c in When] == ["vandaag", "morgen", "weekend", "week"]


def test_month_parse_and_navigation():
    month = Month.parse("2026-12")
    assert (month.first, month.last) == (date(2026, 12, 1), date(2026, 12, 31))
    assert str(month.previous) == "2026-11"
    assert str(month.next) == "2027-01"
    assert month.label == "december 2026"
    assert Month.parse("2028-2").last == date(2028, 2, 29)


@pytest.mark.parametrize("value", ["2026-13", "2026-00", "2026", "dec", "2026-12-01", "0000-01"])
def test_month_parse_refuses_nonsense(value):
    with pytest.raises(ValueError, match=r"\w"):
        Month.parse(value)


def test_month_weeks_start_on_monday():
    weeks = Month.parse("2026-12").weeks()
    # 1 December 2026 is a Tuesday: Monday is November's.
    assert weeks[0][0] is None
    assert weeks[0][1] == date(2026, 12, 1)
    assert all(len(week) == 7 for week in weeks)
    assert weeks[-1][3] == date(2026, 12, 31)


def test_day_label():
    assert day_label(date(2026, 12, 2)) == "woensdag 2 december"
