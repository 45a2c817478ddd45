"""Safe addresses ("adres alleen op aanvraag", issue 18).

A shelter, a support group or someone's home can keep its address back: the
listing then shows its wijk and gemeente and "Adres op aanvraag". One meeting
place has a distinctive street, postcode and point; every output is fetched
and none of them may carry the street, the postcode (with or without the
space) or the point to three decimals. An activity held at that meeting
place is as safe as the place, even when the place is marked later.
"""

import datetime as dt
import json
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.gis.geos import Point
from django.utils import timezone

from initiatives.listing import ListingFilters
from initiatives.models import ActivityPage, MeetingPlacePage
from search.backends.postgres import PostgresBackend
from search.documents import coarse, documents_for_ids
from search.indexing import process_outbox
from search.lists import IndexedListings
from search.query import SearchQuery
from tests.factories import (
    ActivityPageFactory,
    InitiativePageFactory,
    MeetingPlacePageFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    UserFactory,
    square,
)

pytestmark = pytest.mark.django_db

STREET, NUMBER, TOWN = "Schuilhoekstraat", "7", "Dordrecht"
POSTCODE = "3317 AB"
EXACT = Point(4.68237, 51.81683, srid=4326)
# Near the exact point: the safe place is nearer than the open one, its
# coarse point (the centre of its ~1 km cell) is further away.
NEAR = Point(4.6830, 51.8170, srid=4326)
OPEN_PLACE = Point(4.6850, 51.8175, srid=4326)


def assert_no_address(body: str, where: str = "") -> None:
    for secret in (STREET, POSTCODE, POSTCODE.replace(" ", ""), f"{EXACT.y:.3f}", f"{EXACT.x:.3f}"):
        assert secret not in body, f"{secret!r} in {where}"


@pytest.fixture
def wijk(db):
    dordrecht = MunicipalityFactory(
        name="Dordrecht", slug="dordrecht", boundary=square(4.69, 51.81, 0.1)
    )
    return NeighbourhoodFactory(
        municipality=dordrecht, name="Wielwijk", boundary=square(4.68, 51.815, 0.02)
    )


@pytest.fixture
def initiative(index, wijk):
    return InitiativePageFactory(
        parent=index,
        title="Stichting Veilig Thuis",
        street="Dorpsstraat",
        phone="078 123 45 67",
    )


@pytest.fixture
def place(initiative):
    return MeetingPlacePageFactory(
        parent=initiative,
        title="Lotgenotengroep De Schuilplaats",
        intro="Praten met mensen die hetzelfde meemaken.",
        street=STREET,
        house_number=NUMBER,
        postcode=POSTCODE,
        town=TOWN,
        location=EXACT,
        address_on_request=True,
    )


@pytest.fixture
def activity(initiative, place):
    """Held at the safe meeting place; not marked itself."""
    return ActivityPageFactory(
        parent=initiative,
        title="Praatgroep Schuilplaats",
        intro="Elke week een praatgroep.",
        meeting_place=place,
        starts_on=timezone.localdate() + dt.timedelta(days=1),
        recurrence="weekly",
    )


@pytest.fixture
def indexed(place, activity):
    process_outbox()  # as after commit (nothing commits in a test)
    return place, activity


def test_the_fixture_has_the_address_and_the_area(place, activity, wijk):
    place.refresh_from_db()
    assert place.street == STREET and place.postcode == POSTCODE
    assert place.neighbourhood == wijk and place.public_area == "Wielwijk, Dordrecht"
    assert not place.place_is_public
    # The activity took the place's address, and its safety with it.
    activity.refresh_from_db()
    assert activity.street == STREET and not activity.place_is_public


def test_the_detail_pages_show_the_wijk_and_whom_to_ask(client, indexed):
    place, activity = indexed
    for page in (place, activity):
        html = client.get(page.url).content.decode()
        assert_no_address(html, page.url)
        text = BeautifulSoup(html, "html.parser").get_text(" ", strip=True)
        assert "Wielwijk, Dordrecht" in text
        assert "Adres op aanvraag" in text
        assert "Stichting Veilig Thuis" in text  # the contact to ask
        assert "data-map" not in html or '"lat"' not in html  # no marker


def test_json_ld_keeps_the_wijk_only(client, indexed):
    place, activity = indexed
    for page in (place, activity):
        soup = BeautifulSoup(client.get(page.url).content, "html.parser")
        [script] = soup.select('script[type="application/ld+json"]')
        data = json.loads(script.string)
        where = data if page is place else data["location"]
        assert "geo" not in where
        assert where["address"] == {
            "@type": "PostalAddress",
            "addressLocality": "Wielwijk, Dordrecht",
            "addressCountry": "NL",
        }


def test_lists_and_the_initiative_page(client, indexed, initiative):
    for url in (
        "/activiteiten/",
        "/ontmoetingsplekken/",
        "/ontmoetingsplekken/?postcode=Dordrecht",
        initiative.url,
        "/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_address(response.content.decode(), url)
    html = client.get("/ontmoetingsplekken/").content.decode()
    assert "Lotgenotengroep De Schuilplaats" in html and "op aanvraag" in html


def test_hsds_open_data(client, indexed):
    for url in (
        "/open-data/hsds.json",
        "/open-data/hsds/services",
        "/open-data/hsds/locations",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_address(response.content.decode(), url)
    # The services are there, without a location; the count does not tell.
    services = client.get("/open-data/hsds/services").content.decode()
    assert "Lotgenotengroep De Schuilplaats" in services
    assert "Praatgroep Schuilplaats" in services
    assert client.get("/open-data/hsds/locations").json()["total_items"] == 0


def test_icalendar_feeds(client, indexed, initiative):
    _, activity = indexed
    for url in (
        f"/activiteiten/{activity.pk}/agenda.ics",
        f"/initiatieven/{initiative.pk}/agenda.ics",
        "/activiteiten/agenda.ics",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        body = body.decode()
        assert "Praatgroep Schuilplaats" in body, url
        assert_no_address(body, url)
        assert "LOCATION:Wielwijk\\, Dordrecht (adres op aanvraag)" in body


@pytest.mark.parametrize(
    "query", [{}, {"fields": "*"}, {"fields": "_,address_line,latitude,longitude"}]
)
def test_api_v2(client, indexed, query):
    place, activity = indexed
    for model in ("initiatives.MeetingPlacePage", "initiatives.ActivityPage"):
        body = client.get("/api/v2/pages/", {"type": model, **query}).content.decode()
        assert_no_address(body, model)
    for page in (place, activity):
        response = client.get(f"/api/v2/pages/{page.pk}/", query)
        assert response.status_code == 200
        assert_no_address(response.content.decode(), page.url)
    data = client.get(f"/api/v2/pages/{place.pk}/").json()
    assert data["address_on_request"] is True
    assert data["address_line"] == "" and data["latitude"] is None


def test_search_page_api_and_geojson(client, indexed):
    for url, params in (
        ("/zoeken/", {"q": "schuilplaats"}),
        ("/zoeken/", {"q": "schuilplaats", "waar": "Dordrecht", "sorteer": "distance"}),
        ("/api/search/", {"q": "schuilplaats"}),
        ("/api/search.geojson", {"q": "schuilplaats"}),
        ("/api/search/", {"q": STREET}),
    ):
        response = client.get(url, params)
        assert response.status_code == 200, (url, params)
        assert_no_address(response.content.decode(), f"{url} {params}")
    found = client.get("/api/search/", {"q": "schuilplaats"}).json()
    assert {hit["title"] for hit in found["results"]} >= {
        "Lotgenotengroep De Schuilplaats",
        "Praatgroep Schuilplaats",
    }
    safe = [h for h in found["results"] if h["title"] == "Lotgenotengroep De Schuilplaats"][0]
    assert safe["address_on_request"] is True and safe["lat"] is None and safe["lon"] is None
    # No marker, not even on the coarse point: on the search page's map nor in GeoJSON.
    geojson = client.get("/api/search.geojson", {"q": "schuilplaats"}).json()
    assert geojson["features"] == []
    page = client.get("/zoeken/", {"q": "schuilplaats"}).content.decode()
    assert "kaart-punten" not in page
    # The street is not searchable either.
    assert client.get("/api/search/", {"q": STREET}).json()["total"] == 0


def test_sitemap(client, indexed):
    index = client.get("/sitemap.xml").content.decode()
    assert_no_address(index, "sitemap")
    for loc in re.findall(r"<loc>([^<]+)</loc>", index):
        path = loc.split("://", 1)[-1].split("/", 1)[-1]
        assert_no_address(client.get("/" + path).content.decode(), path)


def test_the_index_holds_a_coarse_point(indexed):
    place, activity = indexed
    docs, _ = documents_for_ids([place.pk, activity.pk])
    assert len(docs) == 2
    for doc in docs:
        assert (doc.lat, doc.lon) == coarse(EXACT.y, EXACT.x)
        assert f"{doc.lat:.3f}" != f"{EXACT.y:.3f}" and f"{doc.lon:.3f}" != f"{EXACT.x:.3f}"
        # About a kilometre at most: the cell's centre.
        assert Point(doc.lon, doc.lat, srid=4326).distance(EXACT) < 0.011


def test_distances_and_nearest_first_use_the_coarse_point(indexed, initiative):
    place, _ = indexed
    open_place = MeetingPlacePageFactory(parent=initiative, title="Buurtkamer", location=OPEN_PLACE)
    process_outbox()
    # Exactly, the safe place is the nearer one; on its coarse point it is not.
    assert EXACT.distance(NEAR) < OPEN_PLACE.distance(NEAR)
    found = IndexedListings().ids(
        ListingFilters(MeetingPlacePage, point=NEAR, km=5), offset=0, limit=10
    )
    assert [f.page_id for f in found] == [open_place.pk, place.pk]
    coarse_point = Point(*reversed(coarse(EXACT.y, EXACT.x)), srid=4326)
    safe_m = found[1].distance_m
    assert safe_m > 300  # the exact point is ~60 m from NEAR
    assert abs(safe_m - _metres(coarse_point, NEAR)) < 5
    results = PostgresBackend().search(
        SearchQuery(near=NEAR, radius_km=5, sort="distance", types=("meeting_place",))
    )
    assert [hit.id for hit in results.hits] == [open_place.pk, place.pk]


def _metres(a: Point, b: Point) -> float:
    return a.transform(28992, clone=True).distance(b.transform(28992, clone=True))


def test_marking_a_place_later_rebuilds_its_documents_and_its_activities(initiative):
    place = MeetingPlacePageFactory(parent=initiative, title="Inloop", location=EXACT)
    activity = ActivityPageFactory(parent=initiative, title="Koffie", meeting_place=place)
    process_outbox()
    docs, _ = documents_for_ids([place.pk, activity.pk])
    assert {(d.lat, d.lon) for d in docs} == {(EXACT.y, EXACT.x)}

    place.address_on_request = True
    place.save_revision().publish()
    process_outbox()
    docs, _ = documents_for_ids([place.pk, activity.pk])
    assert {(d.lat, d.lon) for d in docs} == {coarse(EXACT.y, EXACT.x)}
    # The activity was not saved again, and still shows no address.
    activity = ActivityPage.objects.get(pk=activity.pk)
    assert not activity.address_on_request and not activity.place_is_public


def test_the_editor_offers_the_flag_with_its_help(client, initiative, place):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    for url in (
        f"/admin/pages/{place.pk}/edit/",
        f"/admin/pages/add/initiatives/activitypage/{initiative.pk}/",
        f"/admin/pages/{initiative.pk}/edit/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        soup = BeautifulSoup(response.content, "html.parser")
        box = soup.select_one('input[type=checkbox][name="address_on_request"]')
        assert box is not None, url
        assert "lotgenotengroep" in soup.get_text()
    checked = BeautifulSoup(client.get(f"/admin/pages/{place.pk}/edit/").content, "html.parser")
    assert checked.select_one('input[name="address_on_request"]').has_attr("checked")
