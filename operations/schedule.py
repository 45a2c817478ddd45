"""When a periodic job is due, from the start of its last run.

Two kinds of schedule, written as settings read them:

- ``"every N minutes"`` (and ``"hourly"`` for every 60 minutes): due N minutes
  after the last start;
- ``"daily at HH:MM"``: due at the first HH:MM on the clock of
  ``settings.TIME_ZONE`` (Europe/Amsterdam) after the last start. Across a
  change to or from summer time the clock time is kept: 03:30 stays 03:30, the
  gap between two runs is 23 or 25 hours. A time that does not exist that
  night (02:30 when the clocks go forward) is read as the same time before the
  change, so it runs once, an hour later by the clock.

A job that never ran is due at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext, ngettext

_EVERY = re.compile(r"^every\s+(\d+)\s+minutes?$")
_DAILY = re.compile(r"^daily\s+at\s+([01]\d|2[0-3]):([0-5]\d)$")


class ScheduleError(ValueError):
    pass


@dataclass(frozen=True)
class Schedule:
    text: str
    minutes: int | None = None  # every N minutes
    at: time | None = None  # daily at this local time

    @classmethod
    def parse(cls, text: str) -> Schedule:
        spelled = " ".join(text.lower().split())
        if spelled == "hourly":
            return cls(text, minutes=60)
        if match := _EVERY.match(spelled):
            minutes = int(match[1])
            if minutes < 1:
                raise ScheduleError(f"{text!r}: at least every 1 minute")
            return cls(text, minutes=minutes)
        if match := _DAILY.match(spelled):
            return cls(text, at=time(int(match[1]), int(match[2])))
        raise ScheduleError(f"{text!r}: write 'every N minutes', 'hourly' or 'daily at HH:MM'")

    @property
    def label(self) -> str:
        """For the admin, in its language: "elke 5 minuten", "elk uur",
        "dagelijks om 03:30" (the clock of ``settings.TIME_ZONE``)."""
        if self.minutes == 60:
            return gettext("elk uur")
        if self.minutes:
            return ngettext("elke minuut", "elke %(count)s minuten", self.minutes) % {
                "count": self.minutes
            }
        return gettext("dagelijks om %(time)s") % {"time": f"{self.at:%H:%M}"}

    @property
    def period(self) -> timedelta:
        """The usual time between two runs (for "overdue")."""
        return timedelta(minutes=self.minutes) if self.minutes else timedelta(days=1)

    def next_due(self, last_start: datetime | None, now: datetime) -> datetime:
        """When the job is next due; ``now`` or earlier when it is due now."""
        if last_start is None:
            return now
        if self.minutes:
            return last_start + timedelta(minutes=self.minutes)
        zone = ZoneInfo(settings.TIME_ZONE)
        local = last_start.astimezone(zone)
        day = local.date()
        while True:
            candidate = datetime.combine(day, self.at, tzinfo=zone)
            # Normalise through UTC: a time in the spring gap becomes a real one.
            candidate = candidate.astimezone(ZoneInfo("UTC"))
            if candidate > last_start:
                return candidate
            day += timedelta(days=1)

    def is_due(self, last_start: datetime | None, now: datetime) -> bool:
        return self.next_due(last_start, now) <= now
