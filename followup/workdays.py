"""Working days (Monday to Friday, without the Dutch national holidays) for
the follow-up deadlines: "three working days" after a Friday afternoon is
Wednesday afternoon, not Monday.

Counted in Europe/Amsterdam wall-clock time (the project's TIME_ZONE)."""

from __future__ import annotations

import datetime as dt
from functools import cache

from django.utils import timezone


def easter(year: int) -> dt.date:
    """Easter Sunday (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's name
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


@cache
def holidays(year: int) -> frozenset[dt.date]:
    """The national holidays on which offices close: New Year, Easter Monday,
    King's Day (the 26th when the 27th is a Sunday), Liberation Day in a
    lustrum year (a day off in most agreements only then), Ascension,
    Whit Monday and Christmas. Good Friday is no general day off."""
    sunday = easter(year)
    kings_day = dt.date(year, 4, 27)
    if kings_day.weekday() == 6:
        kings_day = dt.date(year, 4, 26)
    days = {
        dt.date(year, 1, 1),
        sunday + dt.timedelta(days=1),  # Tweede Paasdag
        kings_day,
        sunday + dt.timedelta(days=39),  # Hemelvaartsdag
        sunday + dt.timedelta(days=50),  # Tweede Pinksterdag
        dt.date(year, 12, 25),
        dt.date(year, 12, 26),
    }
    if year % 5 == 0:
        days.add(dt.date(year, 5, 5))
    return frozenset(days)


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in holidays(day.year)


def add_working_days(start: dt.datetime, days: int) -> dt.datetime:
    """The moment ``days`` working days after ``start``: the same wall-clock
    time on the ``days``-th working day after its date. Something that came in
    on a Saturday has its first working day on Monday."""
    local = timezone.localtime(start)
    day = local.date()
    left = days
    while left > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            left -= 1
    naive = dt.datetime.combine(day, local.time().replace(tzinfo=None))
    return timezone.make_aware(naive, timezone.get_current_timezone())


def _weekdays_through(day: dt.date) -> int:
    """Mondays to Fridays from 1 January of year 1 (a Monday) through ``day``."""
    weeks, rest = divmod(day.toordinal(), 7)
    return weeks * 5 + min(rest, 5)


def _working_days_after(first: dt.date, last: dt.date) -> int:
    """Working days d with first < d <= last, without walking the days: an
    item that waits for months costs the same as one of a day."""
    count = _weekdays_through(last) - _weekdays_through(first)
    for year in range(first.year, last.year + 1):
        count -= sum(1 for h in holidays(year) if first < h <= last and h.weekday() < 5)
    return count


def working_days_between(start: dt.datetime, end: dt.datetime) -> int:
    """How many whole working days lie between ``start`` and ``end``: the
    largest n with ``add_working_days(start, n) <= end`` (0 if end is before
    start). What "waits 4 working days" means on the pages."""
    if end <= start:
        return 0
    local_start, local_end = timezone.localtime(start), timezone.localtime(end)
    count = _working_days_after(local_start.date(), local_end.date())
    if count and local_end.time() < local_start.time() and is_working_day(local_end.date()):
        count -= 1  # the last working day has not reached the time of day yet
    return count
