"""Edge cases found in review: date overflow, place names offline, privacy of
work from home, and a rebuild while Elasticsearch is down."""

import datetime as dt
import socket

import pytest
from django.contrib.gis.geos import Point

from initiatives.geocoding import GeocoderUnavailable, PostcodeTableGeocoder, geocode
from search.backends.elasticsearch import ElasticsearchBackend
from search.backends.fallback import BackendUnavailable, FallbackBackend
from search.backends.postgres import PostgresBackend
from search.documents import all_documents, documents_for_ids
from search.models import SearchDocument
from search.query import HORIZON_DAYS, SearchQuery
from tests.factories import InitiativePageFactory, VacancyPageFactory


def test_window_days_is_clamped_to_the_index_horizon():
    today = dt.date(2026, 11, 23)
    far = SearchQuery(date_from=dt.date(9999, 12, 31), date_to=dt.date(9999, 12, 31))
    assert far.window_days(today) == [today + dt.timedelta(days=HORIZON_DAYS)]
    past = SearchQuery(date_from=dt.date(1, 1, 1), date_to=dt.date(2026, 11, 24))
    assert past.window_days(today) == [today, today + dt.timedelta(days=1)]
    assert SearchQuery().window_days(today) is None
    tuesdays = SearchQuery(weekdays=(1,)).window_days(today)
    assert tuesdays and {d.weekday() for d in tuesdays} == {1}


@pytest.mark.django_db
def test_far_future_dates_do_not_break_the_backend(index):
    results = PostgresBackend().search(SearchQuery(date_from=dt.date(9999, 12, 31)))
    assert results.total == 0


@pytest.mark.django_db
def test_a_place_name_offline_is_unavailable_not_unknown():
    with pytest.raises(GeocoderUnavailable):
        geocode("Dordrecht", geocoders=[PostcodeTableGeocoder()])


@pytest.mark.django_db
def test_work_from_home_has_no_public_point(index):
    initiative = InitiativePageFactory(parent=index)
    remote = VacancyPageFactory(
        parent=initiative, from_home=True, location=Point(4.65, 51.81, srid=4326)
    )
    (doc,), _ = documents_for_ids([remote.pk])
    assert doc.lat is None and doc.lon is None


def _closed_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


@pytest.mark.django_db
def test_rebuild_with_elasticsearch_down_still_rebuilds_postgres(index):
    InitiativePageFactory(parent=index, title="Buurthuis De Brug")
    SearchDocument.objects.all().delete()
    down = ElasticsearchBackend(urls=f"http://127.0.0.1:{_closed_port()}", timeout=0.5)
    backend = FallbackBackend(down, PostgresBackend())
    with pytest.raises(BackendUnavailable, match="PostgreSQL index rebuilt"):
        backend.rebuild(all_documents())
    assert SearchDocument.objects.filter(title="Buurthuis De Brug").exists()
    results = backend.search(SearchQuery(text="brug"))
    assert results.fallback and [h.title for h in results.hits] == ["Buurthuis De Brug"]
