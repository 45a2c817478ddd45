"""Recurrence and opening hours: the rules residents rely on to show up on time."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from initiatives.schedule import (
    BIWEEKLY,
    MONTHLY,
    ONCE,
    TZ,
    WEEKLY,
    Schedule,
    Slot,
    is_open,
    week_table,
)


def at(y, m, d, hh=0, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=TZ)


def dates(schedule, after, n=5):
    return [o.start.date() for o in schedule.occurrences(after, limit=n)]


class TestRecurrence:
    def test_weekly_from_before_the_start(self):
        s = Schedule(date(2026, 1, 6), time(10), time(12), WEEKLY)  # a Tuesday
        assert dates(s, at(2025, 12, 1), 3) == [
            date(2026, 1, 6),
            date(2026, 1, 13),
            date(2026, 1, 20),
        ]

    def test_weekly_jumps_to_the_next_one_after_now(self):
        s = Schedule(date(2026, 1, 6), time(10), time(12), WEEKLY)
        assert dates(s, at(2026, 3, 4, 9), 1) == [date(2026, 3, 10)]

    def test_occurrence_in_progress_still_counts(self):
        s = Schedule(date(2026, 1, 6), time(10), time(12), WEEKLY)
        occ = s.next_occurrence(at(2026, 1, 13, 11, 30))
        assert occ.start == at(2026, 1, 13, 10)
        assert occ.end == at(2026, 1, 13, 12)

    def test_finished_occurrence_is_skipped(self):
        s = Schedule(date(2026, 1, 6), time(10), time(12), WEEKLY)
        assert s.next_occurrence(at(2026, 1, 13, 12, 0)).start.date() == date(2026, 1, 20)

    def test_biweekly_keeps_its_rhythm(self):
        s = Schedule(date(2026, 1, 7), time(14), time(16), BIWEEKLY)
        assert dates(s, at(2026, 1, 8), 3) == [
            date(2026, 1, 21),
            date(2026, 2, 4),
            date(2026, 2, 18),
        ]

    def test_monthly_first_tuesday(self):
        s = Schedule(date(2026, 1, 6), time(19, 30), time(21), MONTHLY)
        assert dates(s, at(2026, 1, 7), 4) == [
            date(2026, 2, 3),
            date(2026, 3, 3),
            date(2026, 4, 7),
            date(2026, 5, 5),
        ]
        assert s.describe().startswith("Elke eerste dinsdag van de maand")

    def test_monthly_last_friday(self):
        s = Schedule(date(2026, 1, 30), time(20), None, MONTHLY)  # 5th Friday = last
        assert dates(s, at(2026, 1, 31), 3) == [
            date(2026, 2, 27),
            date(2026, 3, 27),
            date(2026, 4, 24),
        ]
        assert "laatste vrijdag" in s.describe()

    def test_exceptions_are_skipped(self):
        s = Schedule(
            date(2026, 4, 20), time(10), time(12), WEEKLY, exceptions=frozenset({date(2026, 4, 27)})
        )  # Koningsdag
        assert dates(s, at(2026, 4, 21), 2) == [date(2026, 5, 4), date(2026, 5, 11)]

    def test_repeat_until_is_inclusive(self):
        s = Schedule(date(2026, 1, 6), time(10), time(12), WEEKLY, repeat_until=date(2026, 1, 20))
        assert dates(s, at(2026, 1, 1), 10) == [
            date(2026, 1, 6),
            date(2026, 1, 13),
            date(2026, 1, 20),
        ]

    def test_once_in_the_past_has_no_next(self):
        s = Schedule(date(2026, 1, 6), time(10), time(12), ONCE)
        assert s.next_occurrence(at(2026, 2, 1)) is None
        assert s.describe() == "Dinsdag 6 januari 2026, 10:00–12:00"

    def test_multi_day_one_off(self):
        s = Schedule(date(2026, 6, 5), time(18), time(16), ONCE, ends_on=date(2026, 6, 7))
        occ = s.next_occurrence(at(2026, 6, 6, 12))
        assert (occ.start, occ.end) == (at(2026, 6, 5, 18), at(2026, 6, 7, 16))

    def test_past_midnight_ends_the_next_day(self):
        s = Schedule(date(2026, 1, 2), time(22), time(1), WEEKLY)  # Friday night
        occ = s.next_occurrence(at(2026, 1, 10, 0, 30))  # Saturday 00:30
        assert occ.start == at(2026, 1, 9, 22)
        assert occ.end == at(2026, 1, 10, 1)

    def test_until_window(self):
        s = Schedule(date(2026, 1, 5), time(9), time(10), WEEKLY)
        found = list(s.occurrences(at(2026, 1, 1), until=at(2026, 1, 19, 9)))
        assert [o.date for o in found] == [date(2026, 1, 5), date(2026, 1, 12)]

    def test_wall_clock_time_survives_dst(self):
        # 29 March 2026 the clocks go forward; the activity stays at 10:00 local.
        s = Schedule(date(2026, 3, 22), time(10), time(11), WEEKLY)
        before, after = list(s.occurrences(at(2026, 3, 21), limit=2))
        assert before.start.hour == after.start.hour == 10
        assert before.start.utcoffset() != after.start.utcoffset()
        # Same-zone subtraction is wall-clock; in UTC the week is an hour short.
        utc = ZoneInfo("UTC")
        elapsed = after.start.astimezone(utc) - before.start.astimezone(utc)
        assert elapsed.total_seconds() == 7 * 24 * 3600 - 3600

    def test_time_skipped_by_dst_moves_forward(self):
        s = Schedule(date(2026, 3, 29), time(2, 30), time(3, 30), ONCE)
        occ = s.next_occurrence(at(2026, 3, 28))
        assert (occ.start.hour, occ.start.minute) == (3, 30)

    def test_never_matching_rule_terminates(self):
        s = Schedule(date(2026, 1, 6), time(10), None, WEEKLY, repeat_until=date(2026, 1, 6))
        assert dates(s, at(2027, 1, 1)) == []

    def test_unknown_recurrence_is_an_error(self):
        with pytest.raises(ValueError):
            list(Schedule(date(2026, 1, 6), time(10), None, "daily").occurrences(at(2026, 1, 1)))


class TestOpeningHours:
    slots = [
        Slot(0, time(9), time(12)),  # Monday morning
        Slot(0, time(13, 30), time(17)),  # and afternoon
        Slot(4, time(20), time(1)),  # Friday evening until 01:00
        Slot(5, time(22), time(0)),  # Saturday 22:00 until midnight
    ]

    @pytest.mark.parametrize(
        ("moment", "expected"),
        [
            (at(2026, 1, 5, 9), True),  # opens at 9: open
            (at(2026, 1, 5, 12), False),  # closes at 12: closed
            (at(2026, 1, 5, 12, 30), False),  # lunch break
            (at(2026, 1, 5, 16, 59), True),
            (at(2026, 1, 9, 23), True),  # Friday night
            (at(2026, 1, 10, 0, 30), True),  # after midnight, still Friday's slot
            (at(2026, 1, 10, 1), False),
            (at(2026, 1, 10, 23, 59), True),  # until midnight
            (at(2026, 1, 11, 0, 0), False),
            (at(2026, 1, 6, 10), False),  # Tuesday: closed
        ],
    )
    def test_is_open(self, moment, expected):
        assert is_open(self.slots, moment) is expected

    def test_is_open_converts_to_local_time(self):
        utc = datetime(2026, 1, 5, 8, 30, tzinfo=ZoneInfo("UTC"))  # 09:30 in Amsterdam
        assert is_open(self.slots, utc)

    def test_summer_time(self):
        # 09:30 local on a Monday in July is 07:30 UTC.
        assert is_open(self.slots, datetime(2026, 7, 6, 7, 30, tzinfo=ZoneInfo("UTC")))

    def test_week_table_orders_days_and_slots(self):
        table = week_table(reversed(self.slots))
        assert [day for day, _ in table][:2] == ["maandag", "dinsdag"]
        assert [s.label() for s in table[0][1]] == ["09:00–12:00", "13:30–17:00"]
        assert table[5][1][0].label() == "22:00–24:00"
        assert table[1][1] == []


class TestDatesBetween:
    """The date-only path the search index uses must agree with occurrences()."""

    @pytest.mark.parametrize(
        "s",
        [
            Schedule(date(2026, 1, 6), time(10), time(12), WEEKLY),
            Schedule(date(2026, 1, 7), time(14), time(16), BIWEEKLY, repeat_until=date(2026, 5, 1)),
            Schedule(date(2026, 1, 30), time(20), None, MONTHLY),
            Schedule(
                date(2026, 3, 22),
                time(10),
                time(11),
                WEEKLY,
                exceptions=frozenset({date(2026, 4, 5), date(2026, 4, 12)}),
            ),
            Schedule(date(2026, 2, 10), time(10), time(12), ONCE),
        ],
    )
    def test_agrees_with_occurrences(self, s):
        expected = [o.date for o in s.occurrences(at(2026, 1, 1), until=at(2026, 7, 1))]
        assert s.dates_between(date(2026, 1, 1), date(2026, 6, 30)) == expected

    def test_multi_day_event_covers_each_day(self):
        s = Schedule(date(2026, 6, 5), time(18), time(16), ONCE, ends_on=date(2026, 6, 7))
        assert s.dates_between(date(2026, 6, 6), date(2026, 6, 30)) == [
            date(2026, 6, 6),
            date(2026, 6, 7),
        ]
