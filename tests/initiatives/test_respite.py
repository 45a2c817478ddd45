"""Respite as a first-class need (issue 18): a listing says what respite
(*respijtzorg*) it offers mantelzorgers; the lists, the search (both
backends) and the page "Even vrij voor mantelzorgers" find those, cards and
detail pages show a badge, and the demo has some."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.contrib.gis.geos import Point
from django.utils import timezone

from initiatives.choices import Respite
from initiatives.listing import ListingFilters, PagesIndex
from initiatives.models import ActivityPage, InitiativePage, MeetingPlacePage, PostcodeCentroid
from search.backends.elasticsearch.body import build_search_body
from search.backends.elasticsearch.mapping import document_body, index_settings
from search.backends.postgres import PostgresBackend
from search.documents import Document, documents_for_ids
from search.indexing import process_outbox
from search.lists import IndexedListings
from search.query import SearchQuery
from tests.factories import (
    ActivityPageFactory,
    ContactPointFactory,
    InitiativePageFactory,
    MeetingPlacePageFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    UserFactory,
    square,
)
from tests.initiatives.test_demo_data import demo  # noqa: F401 - the module-wide demo
from tests.search.test_elasticsearch import filters_of

pytestmark = pytest.mark.django_db

WIELWIJK = Point(4.6560, 51.8070, srid=4326)
LISSE = Point(4.5570, 52.2580, srid=4326)
TODAY = dt.date(2026, 1, 5)


@pytest.fixture
def area(db):
    dordrecht = MunicipalityFactory(
        name="Dordrecht", slug="dordrecht", boundary=square(4.69, 51.81, 0.1)
    )
    wijk = NeighbourhoodFactory(
        municipality=dordrecht, name="Wielwijk", boundary=square(4.656, 51.807, 0.02)
    )
    PostcodeCentroid.objects.create(postcode="3317", point=WIELWIJK, town="Dordrecht")
    PostcodeCentroid.objects.create(postcode="2161", point=LISSE, town="Lisse")
    return dordrecht, wijk


@pytest.fixture
def offers(index, area):
    """Respite near Wielwijk, respite far away in Lisse, and the rest."""
    steunpunt = InitiativePageFactory(parent=index, title="Mantelzorgsteunpunt", location=WIELWIJK)
    lisse = InitiativePageFactory(parent=index, title="Welzijn Lisse", location=LISSE)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    pages = {
        "logeerhuis": MeetingPlacePageFactory(
            parent=steunpunt, title="Logeerhuis De Linde", location=WIELWIJK, respite=["stay"]
        ),
        "vrijmiddag": ActivityPageFactory(
            parent=steunpunt,
            title="Vrije middag voor mantelzorgers",
            location=WIELWIJK,
            starts_on=tomorrow,
            recurrence="weekly",
            respite=["time_off"],
        ),
        "dagopvang_lisse": MeetingPlacePageFactory(
            parent=lisse, title="Dagopvang Lisse", location=LISSE, respite=["daycare"]
        ),
        "koffie": ActivityPageFactory(
            parent=steunpunt,
            title="Koffieochtend",
            location=WIELWIJK,
            starts_on=tomorrow,
            recurrence="weekly",
        ),
        "buurthuis": MeetingPlacePageFactory(
            parent=steunpunt, title="Buurthuis", location=WIELWIJK
        ),
    }
    process_outbox()  # as after commit (nothing commits in a test)
    return pages


def _titles(html: str, selector: str = ".card__title, .search-result .card__title") -> set[str]:
    return {h.get_text(strip=True) for h in BeautifulSoup(html, "html.parser").select(selector)}


# -- the field ---------------------------------------------------------------------------
def test_the_kinds_carers_look_for():
    assert dict(Respite.choices) == {
        "stay": "logeeropvang",
        "daycare": "dagopvang",
        "at_home": "oppas of respijt aan huis",
        "time_off": "even vrij: een activiteit voor mantelzorgers",
    }


@pytest.mark.parametrize("model", ["activitypage", "meetingplacepage"])
def test_the_editor_offers_the_kinds_as_checkboxes(client, index, model):
    initiative = InitiativePageFactory(parent=index)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(f"/admin/pages/add/initiatives/{model}/{initiative.pk}/")
    soup = BeautifulSoup(response.content, "html.parser")
    boxes = soup.select('input[type=checkbox][name="respite"]')
    assert {b["value"] for b in boxes} == set(Respite.values)


# -- lists -------------------------------------------------------------------------------
@pytest.mark.parametrize("index_class", [PagesIndex, IndexedListings])
def test_list_filter_keeps_only_respite(offers, index_class):
    found = index_class().ids(ListingFilters(MeetingPlacePage, respite=True), 0, 20)
    assert {f.page_id for f in found} == {offers["logeerhuis"].pk, offers["dagopvang_lisse"].pk}
    found = index_class().ids(ListingFilters(ActivityPage, respite=True), 0, 20)
    assert [f.page_id for f in found] == [offers["vrijmiddag"].pk]
    near = ListingFilters(MeetingPlacePage, respite=True, point=WIELWIJK, km=5)
    assert [f.page_id for f in index_class().ids(near, 0, 20)] == [offers["logeerhuis"].pk]
    assert index_class().count(ListingFilters(MeetingPlacePage, respite=True), 100) == 2


def test_list_pages_filter_and_show_the_badge(client, offers):
    html = client.get("/ontmoetingsplekken/", {"respijt": "on"}).content.decode()
    assert _titles(html) == {"Logeerhuis De Linde", "Dagopvang Lisse"}
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one('input[name="respijt"]').has_attr("checked")
    assert len(soup.select(".card .badge--respite")) == 2
    html = client.get("/ontmoetingsplekken/").content.decode()
    assert "Buurthuis" in _titles(html)
    assert len(BeautifulSoup(html, "html.parser").select(".card .badge--respite")) == 2
    html = client.get("/activiteiten/", {"respijt": "on"}).content.decode()
    assert _titles(html) == {"Vrije middag voor mantelzorgers"}


def test_the_detail_page_names_the_kinds(client, offers):
    soup = BeautifulSoup(client.get(offers["logeerhuis"].url).content, "html.parser")
    respite = soup.select_one(".respite")
    assert "Even vrij voor mantelzorgers" in respite.get_text()
    assert "logeeropvang" in respite.get_text()
    soup = BeautifulSoup(client.get(offers["buurthuis"].url).content, "html.parser")
    assert soup.select_one(".respite") is None


# -- search ------------------------------------------------------------------------------
def test_the_document_carries_the_kinds(offers):
    (doc,), _ = documents_for_ids([offers["logeerhuis"].pk])
    assert doc.respite == ["stay"]


def test_postgres_search_filters_on_respite(offers):
    backend = PostgresBackend()
    results = backend.search(SearchQuery(respite=tuple(Respite.values)))
    assert {h.title for h in results.hits} == {
        "Logeerhuis De Linde",
        "Vrije middag voor mantelzorgers",
        "Dagopvang Lisse",
    }
    results = backend.search(SearchQuery(respite=("stay", "daycare"), near=WIELWIJK, radius_km=10))
    assert [h.title for h in results.hits] == ["Logeerhuis De Linde"]
    # With words and one type, as the search page asks.
    results = backend.search(
        SearchQuery(text="mantelzorgers", respite=("time_off",), types=("activity",))
    )
    assert [h.title for h in results.hits] == ["Vrije middag voor mantelzorgers"]


def test_search_page_and_api_take_the_filter(client, offers):
    data = client.get("/api/search/", {"respijt": ["stay", "daycare"]}).json()
    assert {r["title"] for r in data["results"]} == {"Logeerhuis De Linde", "Dagopvang Lisse"}
    assert {tuple(r["respite"]) for r in data["results"]} == {("stay",), ("daycare",)}
    response = client.get("/zoeken/", {"respijt": "stay"})
    assert _titles(response.content.decode()) == {"Logeerhuis De Linde"}
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.select(".search-result .badge--respite")) == 1
    response = client.get("/api/search/", {"respijt": "spa"})
    assert response.status_code == 400
    assert "respijtzorg" in response.content.decode()


def test_elasticsearch_body_and_mapping():
    body = build_search_body(SearchQuery(text="opvang", respite=("stay", "daycare")), TODAY)
    assert {"terms": {"respite": ["stay", "daycare"]}} in filters_of(body)
    plain = build_search_body(SearchQuery(text="opvang"), TODAY)
    assert not any("respite" in str(f) for f in filters_of(plain))
    types = {n: s["type"] for n, s in index_settings()["mappings"]["properties"].items()}
    assert types["respite"] == "keyword"
    doc = Document(id=1, type="activity", title="t", summary="", body="", url="/", respite=["stay"])
    assert document_body(doc)["respite"] == ["stay"]


# -- the theme page ----------------------------------------------------------------------
def test_even_vrij_lists_respite_near_a_postcode_with_the_steunpunt(client, offers, area):
    _, wijk = area
    ContactPointFactory(name="Sociaal wijkteam Wielwijk", kind="wijkteam", neighbourhoods=[wijk])
    ContactPointFactory(
        name="Mantelzorgsteunpunt Drechtsteden",
        kind="mantelzorg",
        phone="078-123 45 67",
        email="steunpunt@example.nl",
        neighbourhoods=[wijk],
    )
    response = client.get("/even-vrij/", {"waar": "3317"})
    assert response.status_code == 200
    html = response.content.decode()
    assert _titles(html) == {"Logeerhuis De Linde", "Vrije middag voor mantelzorgers"}
    soup = BeautifulSoup(html, "html.parser")
    assert soup.h1.get_text(strip=True) == "Even vrij voor mantelzorgers"
    block = soup.select_one(".contact-point")
    assert "Mantelzorgsteunpunt Drechtsteden" in block.get_text()
    assert "078-123 45 67" in block.get_text()
    assert "Sociaal wijkteam Wielwijk" not in block.get_text()


def test_even_vrij_without_a_place_and_with_one_kind(client, offers):
    html = client.get("/even-vrij/").content.decode()
    assert _titles(html) == {
        "Logeerhuis De Linde",
        "Vrije middag voor mantelzorgers",
        "Dagopvang Lisse",
    }
    html = client.get("/even-vrij/", {"respijt": "daycare"}).content.decode()
    assert _titles(html) == {"Dagopvang Lisse"}


def test_even_vrij_bad_input_is_a_dutch_message(client, offers):
    response = client.get("/even-vrij/", {"respijt": "sauna", "waar": "x" * 300})
    assert response.status_code == 200
    text = BeautifulSoup(response.content, "html.parser").get_text(" ")
    assert "Er ging iets mis" in text and "Kies uit de lijst" in text


# -- demo data ---------------------------------------------------------------------------
def test_the_demo_has_respite_and_a_safe_address(client, demo):  # noqa: F811
    for model in (ActivityPage, MeetingPlacePage, InitiativePage):
        assert model.objects.live().exclude(respite=[]).exists(), model.__name__
    safe = MeetingPlacePage.objects.live().filter(address_on_request=True)
    assert safe.count() == 1
    place = safe.get()
    assert place.street and place.neighbourhood
    html = client.get(place.url).content.decode()
    assert "Adres op aanvraag" in html and place.street not in html
    # Its activities are held there and are as safe.
    for activity in ActivityPage.objects.filter(meeting_place=place):
        assert activity.address_on_request and not activity.place_is_public
