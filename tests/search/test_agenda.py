"""The home page's agenda from the search index (search.agenda): the same
occurrences, in the same order, as expanding every schedule in Python
(``initiatives.agenda.activities_between``, kept as the oracle), in a few
queries whatever the number of activities."""

import datetime as dt

import pytest
from django.contrib.gis.geos import Point
from django.db import transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from initiatives import agenda as home_agenda
from initiatives.agenda import activities_between
from initiatives.models import ActivityException, ActivityPage, PostcodeCentroid
from initiatives.models.pages import Recurrence
from initiatives.schedule import aware
from search import agenda as search_agenda
from search.agenda import upcoming
from search.backends import get_backend
from search.documents import all_documents
from tests.factories import ActivityPageFactory, InitiativePageFactory
from tests.initiatives.test_demo_data import _ensure_site_structure, load

DORDRECHT = Point(4.6901, 51.8133, srid=4326)


def key(pairs):
    return [(occ.start, occ.end, page.pk) for occ, page in pairs]


def distances(pairs):
    return [round(page.distance.m) if page.distance is not None else None for _, page in pairs]


def rebuild():
    get_backend().rebuild(all_documents())


def test_search_registers_the_index_as_the_agenda():
    assert home_agenda.registered() is upcoming


# -- the demo data ---------------------------------------------------------------
@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded and indexed once for this module, rolled back afterwards."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            _ensure_site_structure()
            load()
            rebuild()
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def moments():
    """Every three hours for the coming three days, and the edges of a day."""
    today = timezone.localdate()
    for days in range(3):
        day = today + dt.timedelta(days=days)
        for hour, minute in ((0, 0), (0, 30), (3, 0), (9, 0), (12, 0), (18, 0), (21, 0),
                             (23, 30), (23, 59)):  # fmt: skip
            yield aware(day, dt.time(hour, minute))


@pytest.mark.django_db
def test_today_and_this_week_equal_expanding_every_schedule(demo):
    assert ActivityPage.objects.live().count() >= 200
    compared = 0
    for now in moments():
        end_of_today = now.replace(hour=23, minute=59, second=59)
        week_end = now + dt.timedelta(days=7)
        windows = [
            ((now, end_of_today), {}),
            ((end_of_today, week_end), {"starting_after": end_of_today}),
        ]
        for (start, end), extra in windows:
            expected = activities_between(start, end, **extra)
            assert key(upcoming(start, end, **extra)) == key(expected), (now, extra)
            compared += len(expected)
    assert compared > 100  # the demo has an agenda at these moments


@pytest.mark.django_db
def test_near_a_postcode_equals_expanding_every_schedule(demo):
    points = [pc.point for pc in PostcodeCentroid.objects.order_by("postcode")[::40][:4]]
    assert points
    compared = 0
    for point in points:
        for km in (2, 10):
            now = timezone.now()
            for start, end, extra in (
                (now, now + dt.timedelta(hours=24), {}),
                (now, now + dt.timedelta(days=7), {"limit": 30}),
            ):
                expected = activities_between(start, end, point=point, km=km, **extra)
                found = upcoming(start, end, point=point, km=km, **extra)
                assert key(found) == key(expected), (point, km)
                assert distances(found) == distances(expected)
                compared += len(expected)
    assert compared > 20


@pytest.mark.django_db
@pytest.mark.parametrize("walk", [1, 4, 25])
def test_near_a_postcode_the_bounded_walk_equals_expanding_every_schedule(demo, monkeypatch, walk):
    """The walk in start order stops after ``walk`` occurrences: at an instant
    many share (the nearest of them then come from the GiST), short of the
    page (the plain query answers), or holding it. Each way, the same rows."""
    monkeypatch.setattr(search_agenda, "WALK", walk)
    points = [pc.point for pc in PostcodeCentroid.objects.order_by("postcode")[::25][:6]]
    compared = 0
    for point in points:
        for km in (3, 15):
            for now in list(moments())[::4]:
                for start, end, extra in (
                    (now, now.replace(hour=23, minute=59, second=59), {}),
                    (now, now + dt.timedelta(days=7), {"limit": 30}),
                ):
                    expected = activities_between(start, end, point=point, km=km, **extra)
                    found = upcoming(start, end, point=point, km=km, **extra)
                    assert key(found) == key(expected), (point, km, now, walk)
                    assert distances(found) == distances(expected)
                    compared += len(expected)
    assert compared > 100


@pytest.mark.django_db
def test_a_few_of_each_day_equal_expanding_every_schedule(demo):
    """ "Deze week" without a place: per day what starts first, over all seven
    days (the soonest twelve were a day and a half)."""
    compared, days = 0, set()
    for now in list(moments())[::3]:
        start = now.replace(hour=23, minute=59, second=59)
        end = aware(now.date() + dt.timedelta(days=8), dt.time.min)
        for per_day in (1, 3):
            extra = {"starting_after": start, "per_day": per_day}
            expected = activities_between(start, end, **extra)
            assert key(upcoming(start, end, **extra)) == key(expected), (now, per_day)
            counts = {}
            for occ, _ in expected:
                counts[occ.date] = counts.get(occ.date, 0) + 1
            assert max(counts.values()) <= per_day
            days |= set(counts)
            compared += len(expected)
    assert len(days) >= 7 and compared > 50
    # Near a point the same, each day walked on its own.
    point = PostcodeCentroid.objects.order_by("postcode").first().point
    now = timezone.now()
    end = now + dt.timedelta(days=7)
    for km in (3, 15):
        expected = activities_between(now, end, point=point, km=km, per_day=2)
        found = upcoming(now, end, point=point, km=km, per_day=2)
        assert key(found) == key(expected)
        assert distances(found) == distances(expected)


# -- day boundaries and "now", Europe/Amsterdam ----------------------------------
@pytest.fixture
def initiative(index):
    return InitiativePageFactory(parent=index, location=DORDRECHT)


def activity(initiative, **kwargs):
    kwargs.setdefault("location", DORDRECHT)
    return ActivityPageFactory(parent=initiative, **kwargs)


@pytest.mark.django_db
def test_the_agenda_keeps_to_the_clock(initiative):
    today = timezone.localdate()
    yesterday = today - dt.timedelta(days=1)
    morning = activity(
        initiative,
        title="Ochtendkoffie",
        starts_on=today,
        start_time=dt.time(9),
        end_time=dt.time(10),
        recurrence=Recurrence.WEEKLY,
    )
    night = activity(
        initiative,
        title="Nachtcafé",
        starts_on=yesterday - dt.timedelta(days=7),
        start_time=dt.time(22),
        end_time=dt.time(2),
        recurrence=Recurrence.WEEKLY,
    )
    camp = activity(
        initiative,
        title="Kamp",
        starts_on=yesterday,
        ends_on=today + dt.timedelta(days=1),
        start_time=dt.time(10),
        end_time=dt.time(16),
        recurrence=Recurrence.ONCE,
    )
    called_off = activity(initiative, title="Afgelast", starts_on=today, start_time=dt.time(20),
                          recurrence=Recurrence.WEEKLY)  # fmt: skip
    ActivityException.objects.create(page=called_off, date=today)
    rebuild()

    def today_at(hour, minute=0):
        now = aware(today, dt.time(hour, minute))
        end = now.replace(hour=23, minute=59, second=59)
        found = upcoming(now, end, limit=500)
        assert key(found) == key(activities_between(now, end, limit=500)), now
        # (The demo of this module's other tests may still be loaded.)
        return {page.title for _, page in found if page.get_parent().pk == initiative.pk}

    # Yesterday's night café runs until 02:00 today.
    assert today_at(1, 30) == {"Ochtendkoffie", "Nachtcafé", "Kamp"}
    assert today_at(2, 0) == {"Ochtendkoffie", "Kamp"}
    # The morning coffee that ended this morning is not on tonight's agenda.
    assert today_at(9, 59) == {"Ochtendkoffie", "Kamp"}
    assert today_at(21) == {"Kamp"}
    assert morning.pk and camp.pk and night.pk


@pytest.mark.django_db
def test_more_in_progress_than_shown_keeps_the_order(initiative):
    """In progress is read by an index walk that stops at the limit (issue 15:
    30,000 in progress at 1M listings were all read and sorted): with more in
    progress than shown, at the same start and at different ones, near a
    point and without one, the first ones are still those of the oracle."""
    today = timezone.localdate()
    for i in range(24):
        # Twenty start at 09:00, more than a batch of the walk, so the order
        # among them (by distance near a point, else by id) decides what is
        # shown; the nearest are not the first made. Four started earlier.
        start = dt.time(9) if i < 20 else dt.time(7 + i % 2)
        activity(initiative, title=f"Bezig {i}", starts_on=today, start_time=start,
                 end_time=dt.time(16), recurrence=Recurrence.ONCE,
                 location=Point(4.6901 + 0.003 * ((i * 7) % 19), 51.8133, srid=4326))  # fmt: skip
    rebuild()
    now = aware(today, dt.time(11))
    end = now.replace(hour=23, minute=59)
    for limit in (3, 6, 10, 30):
        for extra in ({}, {"point": DORDRECHT, "km": 8}):
            found = upcoming(now, end, limit=limit, **extra)
            expected = activities_between(now, end, limit=limit, **extra)
            assert key(found) == key(expected), (limit, extra)
            assert distances(found) == distances(expected), (limit, extra)


@pytest.mark.django_db
def test_an_edit_the_index_has_not_seen_is_not_shown(initiative):
    today = timezone.localdate()
    page = activity(initiative, title="Verzet", starts_on=today + dt.timedelta(days=1),
                    start_time=dt.time(10), recurrence=Recurrence.ONCE)  # fmt: skip
    rebuild()
    now = aware(today, dt.time(8))
    week = now + dt.timedelta(days=7)
    assert page.pk in {p.pk for _, p in upcoming(now, week, limit=500)}
    # Moved a week on; the index still says tomorrow. The detail page's
    # schedule is what counts.
    ActivityPage.objects.filter(pk=page.pk).update(starts_on=today + dt.timedelta(days=8))
    assert page.pk not in {p.pk for _, p in upcoming(now, week, limit=500)}


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_activities(initiative, client):
    today = timezone.localdate()

    made = ActivityPage.objects.count()

    def add(n):
        nonlocal made
        for i in range(made, made + n):
            day = today + dt.timedelta(days=i % 7)
            activity(initiative, title=f"Activiteit {i}", starts_on=day,
                     start_time=dt.time(8 + i % 12), recurrence=Recurrence.WEEKLY)  # fmt: skip
        made += n
        rebuild()

    def count():
        now = aware(today, dt.time(7))
        with CaptureQueriesContext(transaction.get_connection()) as queries:
            upcoming(now, now.replace(hour=23, minute=59), point=DORDRECHT)
            upcoming(now, now + dt.timedelta(days=7))
            upcoming(now, now + dt.timedelta(days=7), per_day=3)
        return len(queries)

    add(5)
    few = count()
    add(40)
    assert count() == few <= 14  # each call: in progress, what starts next, the pages


@pytest.mark.django_db
@pytest.mark.parametrize("per_day", [None, 2])
def test_a_stale_candidate_is_replaced_by_the_next_one(initiative, per_day):
    """Only as many pages are read as will be shown; when one of them no
    longer holds (moved, the index not yet told), the next candidate fills
    its place, in the order expanding every schedule gives. (Other tests in
    this module leave the demo data behind: the four start before dawn, so
    they come first.)"""
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    pages = [
        activity(
            initiative,
            title=f"Activiteit {minute}",
            starts_on=tomorrow,
            start_time=dt.time(5, minute),
            end_time=dt.time(6),
            recurrence=Recurrence.ONCE,
        )  # fmt: skip
        for minute in (0, 1, 2, 3)
    ]
    rebuild()
    now = aware(tomorrow, dt.time(4))
    week = now + dt.timedelta(days=7)
    extra = {"per_day": per_day} if per_day else {"limit": 2}
    found = upcoming(now, week, **extra)
    assert [p.pk for _, p in found][:2] == [pages[0].pk, pages[1].pk]
    ActivityPage.objects.filter(pk=pages[0].pk).update(starts_on=tomorrow + dt.timedelta(days=9))
    found = upcoming(now, week, **extra)
    assert [p.pk for _, p in found][:2] == [pages[1].pk, pages[2].pk]
    assert key(found) == key(activities_between(now, week, **extra))


@pytest.mark.django_db
def test_only_the_pages_shown_are_read(initiative, monkeypatch):
    """The candidates include spares for an index that is behind; with the
    index current, only the pages that will be shown are read."""
    today = timezone.localdate()
    for i in range(20):
        activity(initiative, title=f"Activiteit {i}", starts_on=today + dt.timedelta(days=i % 7),
                 start_time=dt.time(9 + i % 10), recurrence=Recurrence.WEEKLY)  # fmt: skip
    rebuild()
    read: list[int] = []
    confirmed = search_agenda.confirmed_occurrences

    def counting(rows, *args):
        read.append(len(rows))
        return confirmed(rows, *args)

    monkeypatch.setattr(search_agenda, "confirmed_occurrences", counting)
    now = aware(today, dt.time(7))
    week = now + dt.timedelta(days=7)
    shown = upcoming(now, week, limit=5)
    assert len(shown) == 5 and sum(read) == 5
    read.clear()
    shown = upcoming(now, week, per_day=2)
    assert sum(read) == len(shown) == 14
