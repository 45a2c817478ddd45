"""'Eerstvolgende keer' in search answers counts from now, not from today's
midnight: the same occurrence as the activity's own page."""

import datetime as dt

import pytest
from django.utils import timezone

from initiatives.models import ActivityException, ActivityPage
from initiatives.schedule import TZ
from search.backends.elasticsearch import ElasticsearchBackend
from search.backends.postgres import PostgresBackend
from search.documents import all_documents
from search.query import SearchQuery
from tests.factories import ActivityPageFactory, InitiativePageFactory
from tests.search.test_elasticsearch import FakeClient

TUESDAY = dt.date(2027, 1, 5)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TZ)


@pytest.fixture
def koffie(index):
    """Every Tuesday 10:00-12:00, indexed on that Tuesday."""
    club = InitiativePageFactory(parent=index, title="Buurthuis De Brug")
    page = ActivityPageFactory(
        parent=club,
        title="Dinsdagkoffie",
        starts_on=TUESDAY,
        start_time=dt.time(10),
        end_time=dt.time(12),
        recurrence="weekly",
    )
    PostgresBackend().rebuild(all_documents(today=TUESDAY))
    return page


@pytest.fixture
def frozen(monkeypatch):
    def freeze(moment: dt.datetime) -> None:
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return freeze


def next_date(q: SearchQuery = SearchQuery(text="dinsdagkoffie")):  # noqa: B008 - frozen
    (hit,) = PostgresBackend().search(q).hits
    return hit


@pytest.mark.django_db
class TestNextDate:
    def test_at_22_on_the_day_it_ended_the_next_week(self, koffie, frozen):
        now = at(TUESDAY, 22)
        frozen(now)
        hit = next_date()
        assert hit.next_date == TUESDAY + dt.timedelta(days=7)
        # The activity's page says the same.
        page = ActivityPage.objects.get(pk=koffie.pk)
        assert page.next_occurrences(count=1, after=now)[0].start == hit.next_start

    def test_while_it_runs_today(self, koffie, frozen):
        frozen(at(TUESDAY, 11, 30))
        hit = next_date()
        assert hit.next_date == TUESDAY
        assert hit.next_start == at(TUESDAY, 10)

    def test_an_exception_is_skipped(self, koffie, frozen):
        ActivityException.objects.create(page=koffie, date=TUESDAY + dt.timedelta(days=7))
        frozen(at(TUESDAY, 22))
        assert next_date().next_date == TUESDAY + dt.timedelta(days=14)

    def test_a_date_window_counts_from_its_start(self, koffie, frozen):
        frozen(at(TUESDAY, 9))
        q = SearchQuery(text="dinsdagkoffie", date_from=TUESDAY + dt.timedelta(days=8))
        assert next_date(q).next_date == TUESDAY + dt.timedelta(days=14)

    def test_api_and_page(self, client, koffie, frozen):
        frozen(at(TUESDAY, 22))
        data = client.get("/api/search/", {"q": "dinsdagkoffie"}).json()
        assert data["results"][0]["next_date"] == "2027-01-12"
        html = client.get("/zoeken/", {"q": "dinsdagkoffie"}).content.decode()
        assert "Dinsdag 12 januari, 10:00" in html
        assert "5 januari" not in html


@pytest.mark.django_db
def test_schedules_in_one_query(index, django_assert_num_queries):
    club = InitiativePageFactory(parent=index)
    pages = [ActivityPageFactory(parent=club, starts_on=TUESDAY) for _ in range(5)]
    ActivityException.objects.create(page=pages[0], date=TUESDAY)
    with django_assert_num_queries(1):
        found = ActivityPage.objects.filter(pk__in=[p.pk for p in pages]).schedules()
    assert found[pages[0].pk] == ActivityPage.objects.get(pk=pages[0].pk).get_schedule()
    assert found[pages[1].pk].exceptions == frozenset()


@pytest.mark.django_db
def test_elasticsearch_answers_give_the_same_next_date(koffie, frozen):
    source = {
        "id": koffie.pk, "type": "activity", "title": "Dinsdagkoffie", "url": "/k/",
        "dates": [TUESDAY.isoformat(), (TUESDAY + dt.timedelta(days=7)).isoformat()],
    }  # fmt: skip
    response = {
        "hits": {"total": {"value": 1}, "hits": [{"_id": str(koffie.pk), "_source": source}]},
        "aggregations": {"type": {"buckets": []}, "typed": {"theme": {"buckets": []},
                                                            "wijk": {"buckets": []}}},
    }  # fmt: skip
    backend = ElasticsearchBackend(urls="http://es.invalid:9200")
    backend._client = FakeClient(response)
    frozen(at(TUESDAY, 22))
    (hit,) = backend.search(SearchQuery(text="dinsdagkoffie")).hits
    assert hit.next_date == TUESDAY + dt.timedelta(days=7)


@pytest.mark.django_db
def test_in_date_order_what_ended_today_comes_after_tomorrow(koffie, frozen):
    """The index orders by day; the page must read in the order of the dates
    it shows: at 22:00 Tuesday's coffee (next: a week on) comes after
    Wednesday's walk, not before it (the contract test failed every
    afternoon)."""
    walk = ActivityPageFactory(
        parent=koffie.get_parent(),
        title="Woensdagwandeling",
        starts_on=TUESDAY + dt.timedelta(days=1),
        start_time=dt.time(10),
        end_time=dt.time(11),
        recurrence="weekly",
    )
    PostgresBackend().rebuild(all_documents(today=TUESDAY))
    q = SearchQuery(types=("activity",), sort="date")
    frozen(at(TUESDAY, 9))
    assert [hit.id for hit in PostgresBackend().search(q).hits] == [koffie.pk, walk.pk]
    frozen(at(TUESDAY, 22))
    hits = PostgresBackend().search(q).hits
    assert [hit.id for hit in hits] == [walk.pk, koffie.pk]
    assert [hit.next_date for hit in hits] == sorted(hit.next_date for hit in hits)
