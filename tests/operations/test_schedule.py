"""When a job is due (operations/schedule.py): fixed times, summer time."""

from datetime import UTC, datetime, timedelta

import pytest

from operations.schedule import Schedule, ScheduleError


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_never_run_is_due_now():
    now = utc(2026, 6, 1, 12, 0)
    assert Schedule.parse("daily at 03:30").is_due(None, now)
    assert Schedule.parse("every 5 minutes").is_due(None, now)


def test_every_n_minutes_counts_from_the_last_start():
    every5 = Schedule.parse("every 5 minutes")
    last = utc(2026, 6, 1, 12, 0, 10)
    assert every5.next_due(last, last) == utc(2026, 6, 1, 12, 5, 10)
    assert not every5.is_due(last, utc(2026, 6, 1, 12, 5, 9))
    assert every5.is_due(last, utc(2026, 6, 1, 12, 5, 10))
    assert Schedule.parse("hourly").next_due(last, last) == utc(2026, 6, 1, 13, 0, 10)


def test_daily_at_is_amsterdam_time():
    daily = Schedule.parse("daily at 03:30")
    # Summer (CEST, +2): 03:30 is 01:30 UTC.
    assert daily.next_due(utc(2026, 6, 1, 1, 30), utc(2026, 6, 1, 2)) == utc(2026, 6, 2, 1, 30)
    # Winter (CET, +1): 02:30 UTC.
    assert daily.next_due(utc(2026, 1, 5, 2, 30), utc(2026, 1, 5, 3)) == utc(2026, 1, 6, 2, 30)
    # Started by hand in the afternoon: due again the next night, not 24 h later.
    assert daily.next_due(utc(2026, 6, 1, 14, 0), utc(2026, 6, 1, 14)) == utc(2026, 6, 2, 1, 30)
    # Before 03:30 on the same night: later that night.
    assert daily.next_due(utc(2026, 6, 1, 0, 0), utc(2026, 6, 1, 0)) == utc(2026, 6, 1, 1, 30)


def test_daily_across_the_change_to_summer_time():
    # 29 March 2026: clocks go from 02:00 to 03:00. 03:30 stays 03:30 by the clock.
    daily = Schedule.parse("daily at 03:30")
    last = utc(2026, 3, 28, 2, 30)  # 03:30 CET
    due = daily.next_due(last, last)
    assert due == utc(2026, 3, 29, 1, 30)  # 03:30 CEST
    assert due - last == timedelta(hours=23)


def test_daily_across_the_change_to_winter_time():
    # 25 October 2026: clocks go from 03:00 back to 02:00.
    daily = Schedule.parse("daily at 03:30")
    last = utc(2026, 10, 24, 1, 30)  # 03:30 CEST
    due = daily.next_due(last, last)
    assert due == utc(2026, 10, 25, 2, 30)  # 03:30 CET
    assert due - last == timedelta(hours=25)


def test_a_time_in_the_spring_gap_runs_once_that_day():
    daily = Schedule.parse("daily at 02:30")  # does not exist on 29 March 2026
    last = utc(2026, 3, 28, 1, 30)  # 02:30 CET
    due = daily.next_due(last, last)
    assert utc(2026, 3, 29, 0, 0) < due < utc(2026, 3, 30, 0, 0)
    assert daily.next_due(due, due) == utc(2026, 3, 30, 0, 30)  # 02:30 CEST


def test_a_time_that_happens_twice_in_autumn_runs_once():
    daily = Schedule.parse("daily at 02:30")  # happens twice on 25 October 2026
    last = utc(2026, 10, 24, 0, 30)  # 02:30 CEST
    first = daily.next_due(last, last)
    assert first == utc(2026, 10, 25, 0, 30)  # the first 02:30 (CEST)
    assert daily.next_due(first, first) == utc(2026, 10, 26, 1, 30)  # 02:30 CET


@pytest.mark.parametrize(
    "text", ["every 0 minutes", "daily at 25:00", "daily at 3:30", "weekly", "", "every x minutes"]
)
def test_unreadable_schedules_are_refused(text):
    with pytest.raises(ScheduleError):
        Schedule.parse(text)


def test_dutch_labels_for_the_admin():
    assert Schedule.parse("every 5 minutes").label == "elke 5 minuten"
    assert Schedule.parse("hourly").label == "elk uur"
    assert Schedule.parse("every 1 minute").label == "elke minuut"
    assert Schedule.parse("daily at 03:30").label == "dagelijks om 03:30"
