"""iCalendar feeds (RFC 5545) for activities: one VEVENT per activity.

A recurring activity becomes one event with an RRULE that says the same as
``schedule.Schedule`` (weekly, every other week, the nth or last weekday of the
month), EXDATEs for the exceptions and an UNTIL for ``repeat_until``. Times carry
TZID Europe/Amsterdam with a VTIMEZONE, so "every Tuesday 10:00" stays 10:00
across daylight saving in the reader's calendar too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta
from functools import cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet
from icalendar import Calendar, Event, vRecur

from core.site_url import page_full_url

from . import schedule
from .choices import Recurrence
from .models import ActivityPage

PRODID = "-//Meedoen//NL"
TZID = "Europe/Amsterdam"
UTC = ZoneInfo("UTC")

# Feeds of many activities hold the activities with a date in this window.
FEED_PAST_DAYS = 30
FEED_AHEAD_DAYS = 180
CHUNK = 500  # activities read and written at a time in a streamed feed
# The first events sooner: 500 activities take 0.5-1 s to write on the 2-core
# machine, and a calendar app or a person watching waits for the first.
FIRST_CHUNK = 50


def recurrence_rule(sched: schedule.Schedule) -> vRecur | None:
    """The RRULE that says what ``sched`` says; None for a one-off."""
    if sched.recurrence == Recurrence.ONCE:
        return None
    weekday = schedule.RFC5545_DAYS[sched.starts_on.weekday()]
    if sched.recurrence == Recurrence.WEEKLY:
        rule = vRecur(freq="WEEKLY")
    elif sched.recurrence == Recurrence.BIWEEKLY:
        rule = vRecur(freq="WEEKLY", interval=2)
    elif sched.recurrence == Recurrence.MONTHLY:
        nth = sched.month_nth()  # 5 means the last: -1
        rule = vRecur(freq="MONTHLY", byday=f"{-1 if nth == 5 else nth}{weekday}")
    else:
        raise ValueError(f"unknown recurrence {sched.recurrence!r}")
    if sched.repeat_until:
        # Inclusive: the last day counts. With a TZID start, UNTIL is in UTC.
        rule["until"] = schedule.aware(sched.repeat_until, time(23, 59, 59)).astimezone(UTC)
    return rule


def activity_event(page: ActivityPage, *, url: str) -> Event | None:
    """The VEVENT for an activity; None for a one-off that was called off.

    ``url`` is the page's full URL; its host makes the UID."""
    sched = page.get_schedule()  # uses the prefetched exceptions
    exceptions = sorted(sched.exceptions)
    rule = recurrence_rule(sched)
    if rule is None and page.starts_on in exceptions:
        return None
    host = urlsplit(url).hostname or "meedoen"
    event = Event()
    event.add("uid", f"activity-{page.pk}@{host}")
    stamp = (page.last_published_at or page.updated_at or datetime.now(UTC)).astimezone(UTC)
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("summary", one_line(page.title))
    if page.intro:
        event.add("description", page.intro)
    if not page.place_is_public:
        # A safe address: where as far as anyone may know, the wijk.
        if page.public_area:
            event.add("location", f"{page.public_area} (adres op aanvraag)")
    elif page.address_line:
        event.add("location", page.address_line)
    event.add("url", url)
    # The first occurrence as the site reckons it (overnight, multi-day);
    # no end time means none in the feed either (RFC 5545: it takes no time).
    first = sched.occurrence_on(sched.starts_on)
    event.add("dtstart", first.start)
    if first.end > first.start:
        event.add("dtend", first.end)
    if rule is not None:
        event.add("rrule", rule)
        if exceptions:
            event.add("exdate", [schedule.aware(day, page.start_time) for day in exceptions])
    return event


def one_line(text: str) -> str:
    """A title as one line: a line break in it (only a crafted request gets
    one in) would end the property and start another."""
    return " ".join(text.split())


def build_calendar(name: str, events: Iterable[Event]) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", one_line(name))
    cal.add("x-wr-timezone", TZID)
    for event in events:
        cal.add_component(event)
    cal.add_missing_timezones(first_date=date(2000, 1, 1), last_date=date(2040, 1, 1))
    return cal


def feed(name: str, pages: Iterable[ActivityPage], request) -> bytes:
    """The serialised VCALENDAR for ``pages`` (prefetch their exceptions)."""
    events = (activity_event(page, url=page_full_url(page, request)) for page in pages)
    return build_calendar(name, (e for e in events if e is not None)).to_ical()


@cache
def _timezone_block() -> bytes:
    """The VTIMEZONE of Europe/Amsterdam, 2000-2040, as build_calendar adds it
    (made once: it is the same in every feed)."""
    cal = build_calendar("", [])
    event = Event()
    event.add("dtstart", schedule.aware(date(2026, 1, 1), time(10)))
    cal.add_component(event)
    cal.add_missing_timezones(first_date=date(2000, 1, 1), last_date=date(2040, 1, 1))
    return b"".join(c.to_ical() for c in cal.walk("VTIMEZONE"))


def feed_chunks(
    name: str, pages: QuerySet, request, *, chunk_size: int | None = None
) -> Iterator[bytes]:
    """The VCALENDAR for ``pages``, piece by piece, for a streamed response:
    the header at once, then the events of FIRST_CHUNK activities, then of
    ``chunk_size`` activities at a time
    (by primary key, so every batch is an index range scan and memory stays
    flat however many activities there are), then the end."""
    head = build_calendar(name, []).to_ical()
    end = b"END:VCALENDAR\r\n"
    assert head.endswith(end)
    yield head[: -len(end)] + _timezone_block()
    chunk_size = chunk_size or CHUNK
    size = min(FIRST_CHUNK, chunk_size)
    last = 0
    # What the location line reads: a safe address (its meeting place's too)
    # says only the wijk and gemeente.
    batch = (
        pages.select_related("meeting_place", "neighbourhood", "municipality")
        .prefetch_related("exceptions")
        .order_by("pk")
    )
    while chunk := list(batch.filter(pk__gt=last)[:size]):
        events = (activity_event(page, url=page_full_url(page, request)) for page in chunk)
        yield b"".join(event.to_ical() for event in events if event is not None)
        last, size = chunk[-1].pk, chunk_size
    yield end


def in_window(queryset, today: date):
    """Activities with a date from FEED_PAST_DAYS ago to FEED_AHEAD_DAYS ahead:
    what a calendar app shows, and a feed whose size does not grow with the
    years of activities behind it or a rule that repeats for ever."""
    first = today - timedelta(days=FEED_PAST_DAYS)
    last = today + timedelta(days=FEED_AHEAD_DAYS)
    once = Q(recurrence=Recurrence.ONCE)
    return queryset.filter(starts_on__lte=last).filter(
        (once & (Q(starts_on__gte=first) | Q(ends_on__gte=first)))
        | (~once & (Q(repeat_until__isnull=True) | Q(repeat_until__gte=first)))
    )
