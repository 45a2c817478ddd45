"""When things happen: activity recurrence and meeting-place opening hours.

Pure functions over small value objects, so the rules (midnight, exceptions,
daylight saving) can be tested without a database. Times are wall-clock times
in Europe/Amsterdam: "every Tuesday 10:00" stays 10:00 across a DST change.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils.translation import gettext, gettext_lazy, pgettext_lazy

TZ = ZoneInfo("Europe/Amsterdam")

WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
# The same days as iCalendar (RFC 5545 BYDAY) and Open Referral HSDS name them.
RFC5545_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
ORDINALS = {1: "eerste", 2: "tweede", 3: "derde", 4: "vierde", 5: "laatste"}
# The names above stay Dutch: they are values (forms, the print agenda, the
# open-data export). People read these, in the page's language.
WEEKDAY_LABELS = [
    gettext_lazy("maandag"),
    gettext_lazy("dinsdag"),
    gettext_lazy("woensdag"),
    gettext_lazy("donderdag"),
    gettext_lazy("vrijdag"),
    gettext_lazy("zaterdag"),
    gettext_lazy("zondag"),
]
ORDINAL_LABELS = {
    # Translators: "the first Tuesday of the month" (5 is the last one).
    1: pgettext_lazy("nth weekday of the month", "eerste"),
    2: pgettext_lazy("nth weekday of the month", "tweede"),
    3: pgettext_lazy("nth weekday of the month", "derde"),
    4: pgettext_lazy("nth weekday of the month", "vierde"),
    5: pgettext_lazy("nth weekday of the month", "laatste"),
}

ONCE, WEEKLY, BIWEEKLY, MONTHLY = "once", "weekly", "biweekly", "monthly"

# A rule that never matches (e.g. every 5th Monday of February) must not spin.
_MAX_STEPS = 5000


def aware(day: date, at: time) -> datetime:
    """The local wall-clock moment ``day at``; fold=0 picks the first of a
    repeated hour and a time that DST skips moves forward."""
    naive = datetime.combine(day, at)
    local = naive.replace(tzinfo=TZ)
    # A non-existent time (02:30 on the spring change) round-trips to 03:30.
    return local.astimezone(ZoneInfo("UTC")).astimezone(TZ)


@dataclass(frozen=True)
class Occurrence:
    start: datetime
    end: datetime

    @property
    def date(self) -> date:
        return self.start.date()


@dataclass(frozen=True)
class Schedule:
    """An activity's timing: one-off, or repeating until an optional date."""

    starts_on: date
    start_time: time
    end_time: time | None = None
    recurrence: str = ONCE
    ends_on: date | None = None  # last day of a one-off that spans days
    repeat_until: date | None = None
    exceptions: frozenset[date] = field(default_factory=frozenset)

    # -- single dates ------------------------------------------------------
    def month_nth(self) -> int:
        """Which weekday of the month the first date is (5 means the last)."""
        n = (self.starts_on.day - 1) // 7 + 1
        return min(n, 5)

    def _nth_weekday(self, year: int, month: int) -> date | None:
        weekday = self.starts_on.weekday()
        n = self.month_nth()
        days_in_month = calendar.monthrange(year, month)[1]
        matching = [
            d for d in range(1, days_in_month + 1) if date(year, month, d).weekday() == weekday
        ]
        if n == 5:
            return date(year, month, matching[-1])
        return date(year, month, matching[n - 1]) if len(matching) >= n else None

    def _dates_from(self, first: date) -> Iterator[date]:
        """Rule dates on or after ``first`` (exceptions not yet removed)."""
        start = self.starts_on
        if self.recurrence == ONCE:
            if start >= first:
                yield start
            return
        if self.recurrence in (WEEKLY, BIWEEKLY):
            step = 7 if self.recurrence == WEEKLY else 14
            skip = max(0, (first - start).days)
            day = start + timedelta(days=-(-skip // step) * step)
            for _ in range(_MAX_STEPS):
                yield day
                day += timedelta(days=step)
            return
        if self.recurrence == MONTHLY:
            year, month = (max(first, start).year, max(first, start).month)
            for _ in range(_MAX_STEPS):
                day = self._nth_weekday(year, month)
                if day and day >= start and day >= first:
                    yield day
                month += 1
                if month > 12:
                    year, month = year + 1, 1
            return
        raise ValueError(f"unknown recurrence {self.recurrence!r}")

    def occurrence_on(self, day: date) -> Occurrence:
        start = aware(day, self.start_time)
        if self.recurrence == ONCE and self.ends_on and self.ends_on > day:
            end = aware(self.ends_on, self.end_time or time(23, 59))
        elif self.end_time is None:
            end = start
        elif self.end_time <= self.start_time:
            # Ends after midnight, e.g. 22:00-01:00.
            end = aware(day + timedelta(days=1), self.end_time)
        else:
            end = aware(day, self.end_time)
        return Occurrence(start, end)

    # -- public --------------------------------------------------------------
    def occurrences(
        self,
        after: datetime,
        until: datetime | None = None,
        limit: int | None = None,
    ) -> Iterator[Occurrence]:
        """Occurrences that have not ended at ``after`` (one in progress counts),
        starting before ``until``, at most ``limit`` of them."""
        after = after.astimezone(TZ)
        until = until.astimezone(TZ) if until else None
        # Start a day early: an occurrence from yesterday may run past midnight.
        first = after.date() - timedelta(days=1)
        if self.recurrence == ONCE and self.ends_on:
            first = min(first, self.starts_on)
        count = 0
        for day in self._dates_from(first):
            if self.repeat_until and self.recurrence != ONCE and day > self.repeat_until:
                return
            if until and aware(day, self.start_time) >= until:
                return
            if day in self.exceptions:
                continue
            occ = self.occurrence_on(day)
            if occ.end <= after and not (occ.start == occ.end and occ.start >= after):
                continue
            yield occ
            count += 1
            if limit is not None and count >= limit:
                return

    def dates_between(self, first: date, last: date) -> list[date]:
        """The days (inclusive) on which the activity takes place, without
        building datetimes: cheap enough to index a million activities."""
        if self.recurrence == ONCE:
            end = self.ends_on or self.starts_on
            days = (
                self.starts_on + timedelta(days=i) for i in range((end - self.starts_on).days + 1)
            )
            return [d for d in days if first <= d <= last and d not in self.exceptions]
        found = []
        for day in self._dates_from(first):
            if day > last or (self.repeat_until and day > self.repeat_until):
                break
            if day not in self.exceptions:
                found.append(day)
        return found

    def next_occurrence(self, after: datetime) -> Occurrence | None:
        return next(self.occurrences(after, limit=1), None)

    def describe(self) -> str:
        """The rule in plain words, as a resident would say it, in the
        active language (Dutch by default)."""
        weekday = str(WEEKDAY_LABELS[self.starts_on.weekday()])
        times = f"{self.start_time:%H:%M}"
        if self.end_time:
            times += f"–{self.end_time:%H:%M}"
        if self.recurrence == WEEKLY:
            text = gettext("Elke %(weekday)s, %(times)s") % {"weekday": weekday, "times": times}
        elif self.recurrence == BIWEEKLY:
            text = gettext("Om de week op %(weekday)s, %(times)s") % {
                "weekday": weekday,
                "times": times,
            }
        elif self.recurrence == MONTHLY:
            text = gettext("Elke %(nth)s %(weekday)s van de maand, %(times)s") % {
                "nth": ORDINAL_LABELS[self.month_nth()],
                "weekday": weekday,
                "times": times,
            }
        else:
            return gettext("%(weekday)s %(date)s, %(times)s") % {
                "weekday": weekday.capitalize(),
                "date": format_date(self.starts_on),
                "times": times,
            }
        if self.repeat_until:
            text += gettext(" (tot en met %(date)s)") % {"date": format_date(self.repeat_until)}
        return text


MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


# Translators: month names inside a date ("4 maart 2025"): use the form a
# date takes (e.g. the genitive in Ukrainian and Polish).
MONTH_LABELS = [
    pgettext_lazy("month in a date", "januari"),
    pgettext_lazy("month in a date", "februari"),
    pgettext_lazy("month in a date", "maart"),
    pgettext_lazy("month in a date", "april"),
    pgettext_lazy("month in a date", "mei"),
    pgettext_lazy("month in a date", "juni"),
    pgettext_lazy("month in a date", "juli"),
    pgettext_lazy("month in a date", "augustus"),
    pgettext_lazy("month in a date", "september"),
    pgettext_lazy("month in a date", "oktober"),
    pgettext_lazy("month in a date", "november"),
    pgettext_lazy("month in a date", "december"),
]


def format_date(day: date) -> str:
    """'4 maart 2025', in the active language."""
    # Translators: a date: day number, month name, year.
    return gettext("%(day)s %(month)s %(year)s") % {
        "day": day.day,
        "month": MONTH_LABELS[day.month - 1],
        "year": day.year,
    }


# -- opening hours ----------------------------------------------------------------
@dataclass(frozen=True)
class Slot:
    """One opening period on a weekday (0 = Monday). ``closes`` at or before
    ``opens`` means the slot runs past midnight into the next day."""

    weekday: int
    opens: time
    closes: time

    @property
    def overnight(self) -> bool:
        return self.closes <= self.opens

    def label(self) -> str:
        closes = "24:00" if self.closes == time(0) else f"{self.closes:%H:%M}"
        return f"{self.opens:%H:%M}–{closes}"


def is_open(slots: Iterable[Slot], at: datetime) -> bool:
    """Whether a place with these slots is open at the moment ``at``."""
    local = at.astimezone(TZ)
    today, now = local.weekday(), local.time()
    yesterday = (today - 1) % 7
    for slot in slots:
        if slot.weekday == today:
            if slot.overnight and now >= slot.opens:
                return True
            if not slot.overnight and slot.opens <= now < slot.closes:
                return True
        elif slot.weekday == yesterday and slot.overnight and now < slot.closes:
            return True
    return False


def slots_on(slots: Iterable[Slot], weekday: int) -> list[Slot]:
    return sorted((s for s in slots if s.weekday == weekday), key=lambda s: s.opens)


def week_table(slots: Iterable[Slot]) -> list[tuple[str, list[Slot]]]:
    """Monday to Sunday with each day's slots, for an opening-hours table."""
    slots = list(slots)
    return [(WEEKDAYS[d], slots_on(slots, d)) for d in range(7)]
