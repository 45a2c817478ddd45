"""Place names offline (issue 14): woonplaatsen, gemeenten and wijken as
residents type them, in every location field, with no network at all."""

import math

import pytest
from django.contrib.gis.geos import Point

from initiatives.demo.loader import load_geography, load_woonplaatsen
from initiatives.geocoding import LocateFailure, locate, locate_choices
from initiatives.models import Municipality, Neighbourhood, PostcodeCentroid, Woonplaats
from initiatives.places import place_key, rebuild_place_names, resolve_place, suggest_places
from search.backends import get_backend
from search.documents import all_documents
from search.indexing import process_outbox
from tests.factories import InitiativePageFactory, UserFactory, VacancyPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(no_network):
    """The demo region: its gemeenten, wijken and the towns they hold."""
    load_geography()
    load_woonplaatsen()


@pytest.mark.parametrize(
    ("typed", "kind", "name", "gemeente"),
    [
        ("Dordrecht", "gemeente", "Dordrecht", "Dordrecht"),
        ("Sassenheim", "woonplaats", "Sassenheim", "Teylingen"),
        ("Lisse", "gemeente", "Lisse", "Lisse"),
        ("Hillegom", "gemeente", "Hillegom", "Hillegom"),
        ("Uithoorn", "gemeente", "Uithoorn", "Uithoorn"),
        # Both a woonplaats and a wijk of Uithoorn: the wijk has a boundary.
        ("De Kwakel", "wijk", "De Kwakel", "Uithoorn"),
        ("Hilversum", "gemeente", "Hilversum", "Hilversum"),
        ("Wielwijk", "wijk", "Wielwijk", "Dordrecht"),
        ("Wielwijk Dordrecht", "wijk", "Wielwijk", "Dordrecht"),
        ("Dordrecht Wielwijk", "wijk", "Wielwijk", "Dordrecht"),
        ("wielwijk, dordrecht", "wijk", "Wielwijk", "Dordrecht"),
        ("Voorhout", "wijk", "Voorhout", "Teylingen"),
        ("Warmond Teylingen", "wijk", "Warmond", "Teylingen"),
        ("Teylingen", "gemeente", "Teylingen", "Teylingen"),
        ("  SASSENHEIM ", "woonplaats", "Sassenheim", "Teylingen"),
        ("s Graveland", "wijk", "'s-Graveland", "Wijdemeren"),
        ("Muiderberg", "wijk", "Muiderberg", "Gooise Meren"),
        ("Naarden", "woonplaats", "Naarden", "Gooise Meren"),
        ("Noordwijkerhout", "wijk", "Noordwijkerhout", "Noordwijk"),
        ("Wielwijk (wijk in Dordrecht)", "wijk", "Wielwijk", "Dordrecht"),
    ],
)
def test_seed_towns_resolve_offline(places, typed, kind, name, gemeente):
    place = resolve_place(typed).place
    assert place is not None, resolve_place(typed)
    assert (place.kind, place.name, place.municipality) == (kind, name, gemeente)
    assert place.point is not None


def test_keys_ignore_accents_case_and_punctuation():
    assert place_key("'s-Hertogenbosch") == place_key("S HERTOGENBOSCH")
    assert place_key("Súdwest-Fryslân") == place_key("sudwest fryslan")
    assert place_key("Alphen a/d Rijn") == place_key("Alphen aan den Rijn")
    assert place_key("Ouderkerk a/d Amstel") == place_key("Ouderkerk aan de Amstel")


def test_common_variants(no_network):
    bosch = Municipality.objects.create(name="'s-Hertogenbosch", slug="den-bosch", code="GM0796")
    Municipality.objects.create(name="'s-Gravenhage", slug="den-haag", code="GM0518")
    alphen = Municipality.objects.create(name="Alphen aan den Rijn", slug="alphen", code="GM0484")
    rebuild_place_names()
    assert resolve_place("Den Bosch").place.municipality_id == bosch.pk
    assert resolve_place("den haag").place.name == "'s-Gravenhage"
    assert resolve_place("Alphen a/d Rijn").place.municipality_id == alphen.pk


def test_a_typo_is_offered_never_used(places):
    resolution = resolve_place("Sasenheim")
    assert resolution.place is None
    assert [p.name for p in resolution.guesses][:1] == ["Sassenheim"]
    with pytest.raises(Exception) as err:
        locate("Sasenheim")
    assert err.value.code == LocateFailure.NOT_FOUND
    assert "Sassenheim" in [p.name for p in locate_choices(err.value)]


def test_a_different_town_is_never_a_typo(places):
    # Close in letters to nothing we hold: no guess at all.
    assert resolve_place("Amsterdam").guesses == []
    assert resolve_place("Ede").guesses == []


def test_two_places_with_one_name_are_a_choice(places):
    dordrecht = Municipality.objects.get(name="Dordrecht")
    Woonplaats.objects.create(
        name="Noord", municipality=dordrecht, point=Point(4.69, 51.82, srid=4326)
    )
    rebuild_place_names()
    resolution = resolve_place("Noord")
    assert resolution.ambiguous
    assert {p.label for p in resolution.places} == {
        "Noord (wijk in Hilversum)",
        "Noord (woonplaats in Dordrecht)",
    }
    # Each label, typed back, is that place alone.
    assert resolve_place("Noord (woonplaats in Dordrecht)").place.kind == "woonplaats"
    with pytest.raises(Exception) as err:
        locate("Noord")
    assert err.value.code == LocateFailure.AMBIGUOUS


def test_suggest_places(places, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        found = suggest_places("sass")
    assert [(s.name, s.kind_label, s.gemeente) for s in found][:1] == [
        ("Sassenheim", "woonplaats", "Teylingen")
    ]
    assert suggest_places("wielw")[0].label == "Wielwijk (wijk in Dordrecht)"
    assert suggest_places("") == []
    assert len(suggest_places("d", limit=3)) <= 3


# --- every location field ---
@pytest.fixture
def listings(places, index):
    wielwijk = Neighbourhood.objects.get(name="Wielwijk")
    sterrenburg = Neighbourhood.objects.get(name="Sterrenburg")
    kwakel = Neighbourhood.objects.get(name="De Kwakel")
    pages = {
        "wielwijk": InitiativePageFactory(
            parent=index, title="Buurthuis Wielwijk", location=wielwijk.boundary.point_on_surface
        ),
        "sterrenburg": InitiativePageFactory(
            parent=index,
            title="Buurthuis Sterrenburg",
            location=sterrenburg.boundary.point_on_surface,
        ),
        "kwakel": InitiativePageFactory(
            parent=index, title="Dorpshuis De Kwakel", location=kwakel.boundary.point_on_surface
        ),
    }
    get_backend().rebuild(all_documents())
    return pages


@pytest.mark.parametrize(
    ("waar", "found", "not_found", "understood"),
    [
        ("Dordrecht", ["Wielwijk", "Sterrenburg"], ["De Kwakel"], "Dordrecht (gemeente)"),
        ("Wielwijk", ["Wielwijk"], ["Sterrenburg"], "Wielwijk (wijk in Dordrecht)"),
        ("Wielwijk Dordrecht", ["Wielwijk"], ["Sterrenburg"], "Wielwijk (wijk in Dordrecht)"),
        ("De Kwakel", ["De Kwakel"], ["Wielwijk"], "De Kwakel (wijk in Uithoorn)"),
        ("Uithoorn", ["De Kwakel"], ["Wielwijk"], "Uithoorn (gemeente)"),
    ],
)
def test_search_in_a_place(client, listings, waar, found, not_found, understood):
    html = client.get("/zoeken/", {"waar": waar}).content.decode()
    assert f"Zoekt in: {understood}" in html
    for name in found:
        assert f"Buurthuis {name}" in html or f"Dorpshuis {name}" in html
    for name in not_found:
        assert f"Buurthuis {name}" not in html and f"Dorpshuis {name}" not in html
    api = client.get("/api/search/", {"waar": waar}).json()
    assert api["place"] == understood
    assert all(any(n in r["title"] for n in found) for r in api["results"])


@pytest.mark.parametrize(
    "waar", ["Sassenheim", "Lisse", "Hillegom", "Hilversum", "De Kwakel", "Uithoorn"]
)
def test_every_seed_town_is_a_search_place(client, places, waar):
    response = client.get("/zoeken/", {"waar": waar})
    assert response.status_code == 200
    assert "Zoekt in:" in response.content.decode()
    assert client.get("/api/search/", {"waar": waar}).status_code == 200


def test_search_offers_a_choice_and_keeps_the_query(client, places):
    dordrecht = Municipality.objects.get(name="Dordrecht")
    Woonplaats.objects.create(
        name="Noord", municipality=dordrecht, point=Point(4.69, 51.82, srid=4326)
    )
    rebuild_place_names()
    html = client.get("/zoeken/", {"q": "koffie", "waar": "Noord"}).content.decode()
    assert "Bedoel je" in html
    assert "q=koffie&amp;waar=Noord+%28woonplaats+in+Dordrecht%29" in html
    assert 'value="Noord"' in html
    api = client.get("/api/search/", {"waar": "Noord"})
    assert api.status_code == 400 and len(api.json()["choices"]["waar"]) == 2


def test_search_typo_and_unknown(client, places):
    html = client.get("/zoeken/", {"waar": "Sasenheim"}).content.decode()
    assert "Bedoel je" in html and "Sassenheim (woonplaats in Teylingen)" in html
    html = client.get("/zoeken/", {"waar": "Nergenshuizen"}).content.decode()
    assert "Deze plek kennen we niet" in html and 'value="Nergenshuizen"' in html
    assert "Bedoel je" not in html


@pytest.mark.parametrize(
    ("postcode", "shown", "hidden"),
    [
        ("Dordrecht", ["Wielwijk", "Sterrenburg"], ["De Kwakel"]),
        ("Wielwijk Dordrecht", ["Wielwijk"], ["Sterrenburg"]),
        ("De Kwakel", ["De Kwakel"], ["Wielwijk"]),
    ],
)
def test_listing_filters_take_a_place_name(client, listings, postcode, shown, hidden):
    for page in listings.values():
        VacancyPageFactory(
            parent=page, title=f"Gastvrouw {page.title.split(' ', 1)[1]}", location=page.location
        )
    process_outbox()  # the lists read the index, written after the commit a test never makes
    html = client.get("/vacatures/", {"postcode": postcode}).content.decode()
    assert "geen geldige postcode" not in html
    for name in shown:
        assert f"Gastvrouw {name}" in html
    for name in hidden:
        assert f"Gastvrouw {name}" not in html


@pytest.mark.parametrize(
    ("postcode", "said", "not_said"),
    [
        # A gemeente or wijk is filtered by its boundary: no "km" to speak of.
        ("Dordrecht", "in Dordrecht (gemeente)", "km van Dordrecht"),
        ("Wielwijk Dordrecht", "in Wielwijk (wijk in Dordrecht)", "km van Wielwijk"),
        # A postcode is a point with a radius.
        ("3317", "binnen 5 km van", None),
    ],
)
def test_listing_says_what_it_filtered_on(client, listings, postcode, said, not_said):
    html = client.get("/vacatures/", {"postcode": postcode}).content.decode()
    assert said in html
    if not_said:
        assert not_said not in html


@pytest.mark.parametrize(
    "town", ["Dordrecht", "Sassenheim", "Lisse", "Hillegom", "Uithoorn", "De Kwakel", "Hilversum"]
)
def test_home_near_form_takes_a_town(client, places, home, town):
    html = client.get("/", {"postcode": town}).content.decode()
    assert "geen geldige postcode" not in html
    assert "We laten zien wat er is in de buurt van" in html


def test_import_places_csv_and_geojson(tmp_path, no_network):
    from django.core.management import call_command

    teylingen = Municipality.objects.create(name="Teylingen", slug="teylingen", code="GM1525")
    csv_file = tmp_path / "woonplaatsen.csv"
    csv_file.write_text(
        "woonplaats;gemeentecode;lat;lon;radius_km;aliases\n"
        "Sassenheim;1525;52,2250;4,5220;2,5;Sassem\n"
        "Nergens;9999;52.0;5.0;;\n"  # no such gemeente: skipped
        "Omgedraaid;1525;4.5;52.2;;\n",  # lat/lon swapped: outside NL, skipped
        encoding="utf-8",
    )
    call_command("import_places", str(csv_file))
    town = Woonplaats.objects.get(name="Sassenheim")
    assert (town.municipality, town.radius_km, town.aliases) == (teylingen, 2.5, ["Sassem"])
    assert resolve_place("Sassem").place.name == "Sassenheim"
    geojson = tmp_path / "woonplaatsen.geojson"
    square = [[[4.45, 52.20], [4.50, 52.20], [4.50, 52.24], [4.45, 52.24], [4.45, 52.20]]]
    geojson.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", '
        '"properties": {"woonplaatsnaam": "Warmond", "gemeentecode": "GM1525"}, '
        f'"geometry": {{"type": "Polygon", "coordinates": {square}}}}}]}}'
    )
    call_command("import_places", str(geojson))
    call_command("import_places", str(geojson))  # again: updated, not doubled
    warmond = Woonplaats.objects.get(name="Warmond")
    assert warmond.area is not None and warmond.radius_km >= 1.5
    assert resolve_place("warmond").place.municipality == "Teylingen"


# --- fields that keep a home point: a town is its PC4, and stays coarse ---
def _metres(a: Point, b: Point) -> float:
    from volunteers.locations import _metres_per_degree

    per_lat, per_lon = _metres_per_degree((a.y + b.y) / 2)
    return math.hypot((a.x - b.x) * per_lon, (a.y - b.y) * per_lat)


@pytest.mark.parametrize("town", ["Sassenheim", "De Kwakel", "Hillegom", "Wielwijk Dordrecht"])
def test_profile_takes_a_town_and_stays_coarse(client, places, town):
    from volunteers.models import VolunteerProfile

    user = UserFactory()
    client.force_login(user)
    response = client.post(
        "/profiel/", {"display_name": "Fatima", "postcode": town, "travel_km": "10"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    profile = VolunteerProfile.objects.get(user=user)
    # Kept as the town's PC4, whose centre is the point, never a home.
    centroid = PostcodeCentroid.objects.get(postcode=profile.postcode)
    assert len(profile.postcode) == 4
    assert profile.location.equals_exact(centroid.point, 1e-9)
    # What initiatives see is computed from the coarse point, 400-800 m off.
    assert 399 <= _metres(profile.coarse_location, profile.location) <= 801


@pytest.mark.parametrize("town", ["Sassenheim", "Uithoorn", "Wielwijk"])
def test_help_request_takes_a_town_and_is_snapped(client, places, town):
    from helprequests.models import HelpRequest
    from helprequests.services import rounded_point

    user = UserFactory()
    client.force_login(user)
    response = client.post(
        "/hulpvragen/nieuw/",
        {
            "kind": "groceries",
            "title": "Boodschappen op dinsdag",
            "description": "Wie helpt mij met de boodschappen?",
            "when_text": "dinsdag",
            "postcode": town,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    help_request = HelpRequest.objects.get(requester=user)
    centroid = PostcodeCentroid.objects.get(postcode=help_request.postcode)
    assert help_request.location.equals_exact(centroid.point, 1e-9)
    assert help_request.public_location.equals_exact(rounded_point(centroid.point), 1e-9)


def test_help_list_filters_near_a_town(client, places):
    html = client.get("/hulpvragen/", {"postcode": "Sassenheim"}).content.decode()
    assert "kennen we niet" not in html and "geen geldige" not in html
    html = client.get("/hulpvragen/", {"postcode": "Sasenheim"}).content.decode()
    assert "Bedoel je" in html and "Sassenheim (woonplaats in Teylingen)" in html
