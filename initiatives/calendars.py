"""iCalendar feeds (RFC 5545) for activities: one VEVENT per activity.

A recurring activity becomes one event with an RRULE that says the same as
``schedule.Schedule`` (weekly, every other week, the nth or last weekday of the
month), EXDATEs for the exceptions and an UNTIL for ``repeat_until``. Times carry
TZID Europe/Amsterdam with a VTIMEZONE, so "every Tuesday 10:00" stays 10:00
across daylight saving in the reader's calendar too.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.db.models import Q
from icalendar import Calendar, Event, vRecur

from . import schedule
from .models import ActivityPage
from .models.pages import Recurrence

PRODID = "-//Meedoen//NL"
TZID = "Europe/Amsterdam"
UTC = ZoneInfo("UTC")

# Feeds of many activities leave out those that ended longer ago than this.
KEEP_ENDED_DAYS = 90

_BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def _local(day: date, at: time) -> datetime:
    """Wall-clock time in Amsterdam; the reader's calendar resolves DST."""
    return datetime.combine(day, at, tzinfo=schedule.TZ)


def recurrence_rule(page: ActivityPage) -> vRecur | None:
    """The RRULE matching ``schedule.Schedule._dates_from``; None for a one-off."""
    if page.recurrence == Recurrence.ONCE:
        return None
    weekday = _BYDAY[page.starts_on.weekday()]
    if page.recurrence == Recurrence.WEEKLY:
        rule = vRecur(freq="WEEKLY")
    elif page.recurrence == Recurrence.BIWEEKLY:
        rule = vRecur(freq="WEEKLY", interval=2)
    elif page.recurrence == Recurrence.MONTHLY:
        # Same n as Schedule._month_nth: day 29-31 means "the last" (-1).
        nth = min((page.starts_on.day - 1) // 7 + 1, 5)
        rule = vRecur(freq="MONTHLY", byday=f"{-1 if nth == 5 else nth}{weekday}")
    else:
        raise ValueError(f"unknown recurrence {page.recurrence!r}")
    if page.repeat_until:
        # Inclusive: the last day counts. With a TZID start, UNTIL is in UTC.
        last = _local(page.repeat_until, time(23, 59, 59)).astimezone(UTC)
        rule["until"] = last
    return rule


def _end(page: ActivityPage, start: datetime) -> datetime | None:
    """DTEND of the first occurrence, as ``Schedule._occurrence_on`` reckons it."""
    if page.recurrence == Recurrence.ONCE and page.ends_on and page.ends_on > page.starts_on:
        return _local(page.ends_on, page.end_time or time(23, 59))
    if page.end_time is None:
        return None  # RFC 5545: no DTEND means the event takes no time
    if page.end_time <= page.start_time:
        return _local(page.starts_on + timedelta(days=1), page.end_time)
    return _local(page.starts_on, page.end_time)


def activity_event(page: ActivityPage, *, url: str) -> Event | None:
    """The VEVENT for an activity; None for a one-off that was called off.

    ``url`` is the page's full URL; its host makes the UID."""
    exceptions = sorted({e.date for e in page.exceptions.all()})
    rule = recurrence_rule(page)
    if rule is None and page.starts_on in exceptions:
        return None
    host = urlsplit(url).hostname or "meedoen"
    event = Event()
    event.add("uid", f"activity-{page.pk}@{host}")
    stamp = (page.last_published_at or page.updated_at or datetime.now(UTC)).astimezone(UTC)
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("summary", page.title)
    if page.intro:
        event.add("description", page.intro)
    if page.address_line:
        event.add("location", page.address_line)
    event.add("url", url)
    start = _local(page.starts_on, page.start_time)
    event.add("dtstart", start)
    end = _end(page, start)
    if end is not None:
        event.add("dtend", end)
    if rule is not None:
        event.add("rrule", rule)
        if exceptions:
            event.add("exdate", [_local(day, page.start_time) for day in exceptions])
    return event


def build_calendar(name: str, events: Iterable[Event]) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TZID)
    for event in events:
        cal.add_component(event)
    cal.add_missing_timezones(first_date=date(2000, 1, 1), last_date=date(2040, 1, 1))
    return cal


def feed(name: str, pages: Iterable[ActivityPage], request) -> bytes:
    """The serialised VCALENDAR for ``pages`` (prefetch their exceptions)."""
    events = (activity_event(page, url=page.get_full_url(request)) for page in pages)
    return build_calendar(name, (e for e in events if e is not None)).to_ical()


def not_long_ended(queryset, today: date):
    """Drop activities whose last date is more than KEEP_ENDED_DAYS ago."""
    cutoff = today - timedelta(days=KEEP_ENDED_DAYS)
    once = Q(recurrence=Recurrence.ONCE)
    return queryset.filter(
        (once & (Q(starts_on__gte=cutoff) | Q(ends_on__gte=cutoff)))
        | (~once & (Q(repeat_until__isnull=True) | Q(repeat_until__gte=cutoff)))
    )
