"""iCalendar feeds: a real parser must read them and a real recurrence engine
must find exactly the dates that initiatives/schedule.py shows on the site."""

import datetime as dt
from urllib.parse import urlsplit

import pytest
from dateutil.rrule import rruleset, rrulestr
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from initiatives import calendars
from initiatives.models import ActivityException, ActivityPage
from initiatives.schedule import TZ
from tests.factories import (
    ActivityPageFactory,
    InitiativePageFactory,
    MeetingPlacePageFactory,
    NeighbourhoodFactory,
)

WINDOW = (dt.datetime(2026, 2, 1, tzinfo=TZ), dt.datetime(2026, 7, 1, tzinfo=TZ))


def fetch(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith('inline; filename="')
    # getvalue(): the feeds of many activities are streamed.
    return Calendar.from_ical(response.getvalue())


def events(cal):
    return cal.walk("VEVENT")


def exdates(event):
    found = event.get("exdate") or []
    lists = found if isinstance(found, list) else [found]
    return [d.dt for exdate in lists for d in exdate.dts]


def expand(event, start, end):
    """Occurrence starts in [start, end) by dateutil's RFC 5545 engine."""
    dtstart = event.decoded("dtstart")
    rules = rruleset()
    rules.rrule(rrulestr(event["rrule"].to_ical().decode(), dtstart=dtstart))
    for day in exdates(event):
        rules.exdate(day)
    return [d for d in rules.between(start, end, inc=True) if d < end]


@pytest.fixture
def initiative(index):
    return InitiativePageFactory(parent=index)


def activity_with(initiative, exceptions=(), **fields):
    page = ActivityPageFactory(parent=initiative, **fields)
    for day in exceptions:
        ActivityException.objects.create(page=page, date=day, reason="Vakantie")
    return ActivityPage.objects.get(pk=page.pk)


class TestRecurrenceMatchesSchedule:
    @pytest.mark.parametrize(
        "fields",
        [
            # Tuesdays; Koningsdag week off; crosses the DST change of 29 March.
            {"exceptions": [dt.date(2026, 4, 28), dt.date(2026, 3, 3)]},
            {"repeat_until": dt.date(2026, 5, 19), "exceptions": [dt.date(2026, 3, 31)]},
            {"recurrence": "biweekly", "starts_on": dt.date(2026, 1, 7)},
            # The first Tuesday of the month (BYDAY=1TU).
            {"recurrence": "monthly", "exceptions": [dt.date(2026, 4, 7)]},
            # 29 January is the last Thursday: BYDAY=-1TH, also in 4-Thursday months.
            {"recurrence": "monthly", "starts_on": dt.date(2026, 1, 29)},
            # The third Saturday, until June.
            {
                "recurrence": "monthly",
                "starts_on": dt.date(2026, 1, 17),
                "repeat_until": dt.date(2026, 6, 20),
            },
            # Starts inside the window, in the evening.
            {"starts_on": dt.date(2026, 3, 12), "start_time": dt.time(19, 30)},
        ],
    )
    def test_expanded_feed_equals_schedule(self, client, initiative, fields):
        page = activity_with(initiative, **fields)
        cal = fetch(client, reverse("initiatives:activity_calendar", args=[page.pk]))
        (event,) = events(cal)
        expected = [o.start for o in page.occurrences_between(*WINDOW) if o.start >= WINDOW[0]]
        assert expected  # the window is not empty
        assert expand(event, *WINDOW) == expected
        for day in fields.get("exceptions", []):
            assert day not in [d.date() for d in expected]
        # Durations of the feed agree with the site's end times.
        length = event.decoded("dtend") - event.decoded("dtstart")
        assert {o.end - o.start for o in page.occurrences_between(*WINDOW)} == {length}

    def test_fields_and_timezone(self, client, initiative):
        page = activity_with(
            initiative,
            title="Koffie & taart",
            intro="Gezellig, met de buren; iedereen welkom.",
            street="Voorstraat",
            house_number="1",
            postcode="3311 AA",
            repeat_until=dt.date(2026, 3, 31),
            exceptions=[dt.date(2026, 2, 17)],
        )
        response = client.get(reverse("initiatives:activity_calendar", args=[page.pk]))
        text = response.content.decode()
        assert "DTSTART;TZID=Europe/Amsterdam:20260106T100000" in text
        cal = Calendar.from_ical(response.content)
        assert str(cal["prodid"]) == "-//Meedoen//NL"
        assert str(cal["x-wr-calname"]) == "Koffie & taart"
        (tz,) = cal.walk("VTIMEZONE")
        assert str(tz["tzid"]) == "Europe/Amsterdam"
        (event,) = events(cal)
        # The host of the configured base URL (core/site_url.py), not the Site's.
        host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname
        assert str(event["uid"]) == f"activity-{page.pk}@{host}"
        assert str(event["summary"]) == "Koffie & taart"
        assert str(event["description"]) == "Gezellig, met de buren; iedereen welkom."
        assert str(event["location"]) == "Voorstraat 1, 3311 AA Dordrecht"
        assert str(event["url"]).startswith("http") and str(event["url"]).endswith(page.url)
        rule = event["rrule"]
        assert rule["freq"] == ["WEEKLY"]
        assert rule["until"] == [dt.datetime(2026, 3, 31, 21, 59, 59, tzinfo=dt.UTC)]
        assert exdates(event) == [dt.datetime(2026, 2, 17, 10, tzinfo=TZ)]
        assert "dtstamp" in event

    def test_monthly_byday(self, client, initiative):
        first_tuesday = activity_with(initiative, recurrence="monthly")
        last_friday = activity_with(
            initiative, recurrence="monthly", starts_on=dt.date(2026, 1, 30)
        )
        for page, byday in ((first_tuesday, "1TU"), (last_friday, "-1FR")):
            cal = fetch(client, reverse("initiatives:activity_calendar", args=[page.pk]))
            assert events(cal)[0]["rrule"].to_ical().decode() == f"FREQ=MONTHLY;BYDAY={byday}"

    def test_biweekly_interval(self, client, initiative):
        page = activity_with(initiative, recurrence="biweekly")
        cal = fetch(client, reverse("initiatives:activity_calendar", args=[page.pk]))
        assert events(cal)[0]["rrule"].to_ical().decode() == "FREQ=WEEKLY;INTERVAL=2"


class TestOneOff:
    def test_no_rrule(self, client, initiative):
        page = activity_with(
            initiative,
            recurrence="once",
            starts_on=dt.date(2026, 5, 9),
            start_time=dt.time(14),
            end_time=dt.time(16),
        )
        (event,) = events(fetch(client, reverse("initiatives:activity_calendar", args=[page.pk])))
        assert "rrule" not in event and "exdate" not in event
        assert event.decoded("dtstart") == dt.datetime(2026, 5, 9, 14, tzinfo=TZ)
        assert event.decoded("dtend") == dt.datetime(2026, 5, 9, 16, tzinfo=TZ)

    def test_multi_day_and_overnight_ends(self, client, initiative):
        festival = activity_with(
            initiative,
            recurrence="once",
            starts_on=dt.date(2026, 6, 5),
            ends_on=dt.date(2026, 6, 7),
            end_time=dt.time(17),
        )
        night = activity_with(
            initiative,
            recurrence="once",
            starts_on=dt.date(2026, 6, 5),
            start_time=dt.time(22),
            end_time=dt.time(1),
        )
        for page in (festival, night):
            (event,) = events(
                fetch(client, reverse("initiatives:activity_calendar", args=[page.pk]))
            )
            (occ,) = page.next_occurrences(after=dt.datetime(2026, 6, 1, tzinfo=TZ))
            assert event.decoded("dtstart") == occ.start
            assert event.decoded("dtend") == occ.end

    def test_called_off_one_off_is_left_out(self, client, initiative):
        page = activity_with(
            initiative,
            recurrence="once",
            starts_on=dt.date(2026, 5, 9),
            exceptions=[dt.date(2026, 5, 9)],
        )
        cal = fetch(client, reverse("initiatives:activity_calendar", args=[page.pk]))
        assert events(cal) == []

    def test_no_end_time_means_no_dtend(self, client, initiative):
        page = activity_with(initiative, recurrence="once", end_time=None)
        (event,) = events(fetch(client, reverse("initiatives:activity_calendar", args=[page.pk])))
        assert "dtend" not in event


class TestFeeds:
    def uids(self, cal):
        return {str(e["uid"]).split("@")[0] for e in events(cal)}

    def test_initiative_feed_has_only_its_live_activities(self, client, index, initiative):
        mine = activity_with(initiative)
        also_mine = activity_with(initiative, recurrence="monthly")
        activity_with(initiative, live=False)
        MeetingPlacePageFactory(parent=initiative)
        other = InitiativePageFactory(parent=index)
        activity_with(other)
        cal = fetch(client, reverse("initiatives:initiative_calendar", args=[initiative.pk]))
        assert self.uids(cal) == {f"activity-{mine.pk}", f"activity-{also_mine.pk}"}
        assert str(cal["x-wr-calname"]) == f"Activiteiten van {initiative.title}"

    def test_all_activities_and_wijk_filter(self, client, index, initiative):
        wijk, other_wijk = NeighbourhoodFactory(), NeighbourhoodFactory()
        here = activity_with(initiative)
        there = activity_with(InitiativePageFactory(parent=index))
        ActivityPage.objects.filter(pk=here.pk).update(neighbourhood=wijk)
        ActivityPage.objects.filter(pk=there.pk).update(neighbourhood=other_wijk)
        activity_with(initiative, live=False)
        url = reverse("initiatives:activities_calendar")
        assert url == "/activiteiten/agenda.ics"
        assert self.uids(fetch(client, url)) == {f"activity-{here.pk}", f"activity-{there.pk}"}
        cal = fetch(client, url, wijk=wijk.pk)
        assert self.uids(cal) == {f"activity-{here.pk}"}
        assert str(cal["x-wr-calname"]) == f"Activiteiten in {wijk.name}"

    def test_long_ended_activities_are_left_out_of_big_feeds(self, client, initiative):
        ended = activity_with(initiative, recurrence="once", starts_on=dt.date(2020, 1, 1))
        cal = fetch(client, reverse("initiatives:activities_calendar"))
        assert f"activity-{ended.pk}" not in self.uids(cal)
        # The activity's own feed still has it.
        cal = fetch(client, reverse("initiatives:activity_calendar", args=[ended.pk]))
        assert len(events(cal)) == 1

    def test_big_feeds_hold_the_window_past_30_and_next_180_days(self, client, initiative):
        today = timezone.localdate()

        def once(days, **fields):
            return activity_with(
                initiative, recurrence="once", starts_on=today + dt.timedelta(days=days), **fields
            )

        kept = {
            once(-20),
            once(180),
            once(-60, ends_on=today - dt.timedelta(days=25)),  # several days, into the window
            activity_with(initiative, repeat_until=today - dt.timedelta(days=10)),
            activity_with(initiative),  # weekly, no end
        }
        left_out = {
            once(-40),
            once(181),
            activity_with(initiative, repeat_until=today - dt.timedelta(days=31)),
            activity_with(initiative, starts_on=today + dt.timedelta(days=200)),
        }
        for url in (
            reverse("initiatives:activities_calendar"),
            reverse("initiatives:initiative_calendar", args=[initiative.pk]),
        ):
            found = self.uids(fetch(client, url))
            assert found == {f"activity-{p.pk}" for p in kept}, url
            assert not found & {f"activity-{p.pk}" for p in left_out}
        # The activity's own feed always has it.
        (page,) = (
            left_out
            - {p for p in left_out if p.recurrence != "once"}
            - {p for p in left_out if p.starts_on > today}
        )
        cal = fetch(client, reverse("initiatives:activity_calendar", args=[page.pk]))
        assert len(events(cal)) == 1

    def test_big_feeds_are_streamed_in_pages(self, client, initiative, monkeypatch):
        monkeypatch.setattr(calendars, "CHUNK", 3)
        monkeypatch.setattr(calendars, "FIRST_CHUNK", 1)
        made = {activity_with(initiative).pk for _ in range(5)}
        response = client.get(reverse("initiatives:activities_calendar"))
        assert response.streaming
        chunks = list(response.streaming_content)
        # Header, a first small page (the first events sooner), pages of at
        # most three activities, the end.
        assert len(chunks) == 5, chunks
        assert [c.count(b"BEGIN:VEVENT") for c in chunks[1:-1]] == [1, 3, 1]
        assert chunks[0].startswith(b"BEGIN:VCALENDAR") and b"BEGIN:VTIMEZONE" in chunks[0]
        assert chunks[-1] == b"END:VCALENDAR\r\n"
        cal = Calendar.from_ical(b"".join(chunks))
        assert self.uids(cal) == {f"activity-{pk}" for pk in made}

    def test_queries_do_not_grow_with_the_activities(
        self, client, initiative, django_assert_max_num_queries
    ):
        urls = (
            reverse("initiatives:activities_calendar"),
            reverse("initiatives:initiative_calendar", args=[initiative.pk]),
        )

        def count() -> list[int]:
            counts = []
            for url in urls:
                with CaptureQueriesContext(connection) as queries:
                    fetch(client, url)
                counts.append(len(queries))
            return counts

        for _ in range(3):
            activity_with(initiative, exceptions=[dt.date(2026, 12, 22)])
        fetch(client, urls[0])  # site and content type caches
        few = count()
        for _ in range(30):
            activity_with(initiative, exceptions=[dt.date(2026, 12, 22)])
        with django_assert_max_num_queries(max(few)):
            fetch(client, urls[0])
        assert count() == few

    @pytest.mark.parametrize("wijk", ["abc", "999999", "-1"])
    def test_bad_wijk_is_400(self, client, db, wijk):
        response = client.get(reverse("initiatives:activities_calendar"), {"wijk": wijk})
        assert response.status_code == 400
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert "wijk" in response.content.decode()

    def test_unknown_or_unpublished_is_404(self, client, initiative):
        hidden = activity_with(initiative, live=False)
        place = MeetingPlacePageFactory(parent=initiative)
        for url in (
            reverse("initiatives:activity_calendar", args=[hidden.pk]),
            reverse("initiatives:activity_calendar", args=[place.pk]),
            reverse("initiatives:activity_calendar", args=[999999]),
            reverse("initiatives:initiative_calendar", args=[hidden.pk]),
            reverse("initiatives:initiative_calendar", args=[999999]),
        ):
            assert client.get(url).status_code == 404, url


def test_activity_page_links_to_its_feed(client, initiative):
    page = activity_with(initiative)
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Zet in mijn agenda" in html
    assert f'href="/activiteiten/{page.pk}/agenda.ics"' in html
