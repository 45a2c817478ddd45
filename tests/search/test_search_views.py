"""The search page, the JSON API and the GeoJSON feed: results, facets,
paging, and bad input that becomes a Dutch message, never a server error."""

import datetime as dt
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from initiatives.models import PostcodeCentroid
from search.backends import get_backend
from search.documents import all_documents
from tests.factories import ActivityPageFactory, NeighbourhoodFactory, VacancyPageFactory, square
from tests.search.conftest import WIELWIJK

pytestmark = pytest.mark.django_db

PAGE = "/zoeken/"
API = "/api/search/"
GEOJSON = "/api/search.geojson"
TODAY = timezone.localdate()


@pytest.fixture
def wijk(db):
    """A wijk around Wielwijk, made before the corpus so its pages fall in it."""
    return NeighbourhoodFactory(name="Wielwijk", boundary=square(WIELWIJK.x, WIELWIJK.y, 0.01))


@pytest.fixture
def loaded(wijk, corpus):
    PostcodeCentroid.objects.create(postcode="3317 AB", point=WIELWIJK, town="Dordrecht")
    get_backend().rebuild(all_documents())
    return corpus


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


# -- the page ------------------------------------------------------------------
def test_page_and_api_say_when_a_typo_was_corrected(client, loaded):
    html = client.get(PAGE, {"q": "wandelgroepp"}).content.decode()
    assert "We vonden niets voor <q>wandelgroepp</q>" in html
    assert "<q>wandelgroep</q>" in html and "Wandelgroep De Stappers" in html
    data = client.get(API, {"q": "wandelgroepp"}).json()
    assert data["corrected"] == "wandelgroep" and data["total"] >= 1
    assert client.get(API, {"q": "wandelgroep"}).json()["corrected"] is None


def test_urls():
    assert reverse("search:page") == PAGE
    assert reverse("search:api") == API
    assert reverse("search:geojson") == GEOJSON


def test_page_lists_results_for_text(client, loaded):
    response = client.get(PAGE, {"q": "wandelen"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Wandelgroep De Stappers" in html
    assert "Koffieochtend in de buurtkamer" not in html
    assert "<mark>" in html  # the highlight is not escaped twice
    assert "Activiteit" in html  # type label
    assert 'value="wandelen"' in html  # the input stays in the form
    assert 'id="kaart-punten"' in html  # map markers
    assert response.context["results"].total >= 3


def test_page_with_postcode_shows_distance_with_comma(client, loaded):
    response = client.get(PAGE, {"waar": "3317", "straal": "5"})
    assert response.status_code == 200
    html = response.content.decode()
    titles = [hit.title for hit in response.context["results"].hits]
    assert "Wandelgroep De Stappers" in titles
    assert "Taalcafé Lisse" not in titles  # 50 km away
    assert "binnen 5 km van 3317 Dordrecht" in html
    # Every distance is written the Dutch way.
    for hit in response.context["results"].hits:
        assert f"{hit.distance_km:.1f}".replace(".", ",") + " km" in html


def test_pc6_postcode_and_lat_lon(client, loaded):
    response = client.get(PAGE, {"waar": "3317ab"})
    assert response.status_code == 200
    assert response.context["results"].query.near is not None
    response = client.get(API, {"waar": f"{WIELWIJK.y},{WIELWIJK.x}", "straal": "1"})
    assert response.status_code == 200
    assert {r["title"] for r in response.json()["results"]} >= {"Huiskamer van de wijk"}


def test_facet_links_keep_other_parameters(client, loaded, wijk):
    response = client.get(PAGE, {"q": "wandelen", "waar": "3317", "straal": "100"})
    facets = response.context["facets"]
    activity = next(f for f in facets["type"] if f["label"] == "Activiteiten")
    assert activity["count"] == 2
    assert query(activity["url"]) == {
        "q": ["wandelen"],
        "waar": ["3317"],
        "straal": ["100"],
        "type": ["activity"],
    }
    theme = next(f for f in facets["thema"] if f["label"] == "Gezondheid en bewegen")
    assert query(theme["url"])["thema"] == ["gezondheid-en-bewegen"]
    wijk_link = next(f for f in facets["wijk"] if f["label"] == "Wielwijk")
    assert query(wijk_link["url"])["wijk"] == [str(wijk.pk)]
    html = response.content.decode()
    assert activity["url"].replace("&", "&amp;") in html

    # Following a facet link filters, and the chosen value links back to 'without'.
    response = client.get(PAGE + activity["url"])
    assert {hit.type for hit in response.context["results"].hits} == {"activity"}
    chosen = next(f for f in response.context["facets"]["type"] if f["selected"])
    assert "type" not in query(chosen["url"])
    response = client.get(PAGE + wijk_link["url"])
    assert response.context["results"].total == wijk_link["count"]


def test_paging_keeps_the_query_string(client, loaded):
    response = client.get(PAGE, {"waar": "3317", "straal": "100", "per_pagina": "3"})
    results = response.context["results"]
    assert results.total == len(loaded) and results.pages == 4
    html = response.content.decode()
    assert "waar=3317&amp;straal=100&amp;per_pagina=3&amp;pagina=2" in html
    second = client.get(PAGE, {"waar": "3317", "straal": "100", "per_pagina": "3", "pagina": "2"})
    first_ids = {h.id for h in results.hits}
    assert first_ids.isdisjoint({h.id for h in second.context["results"].hits})
    # Past the last page: a calm message and a way back.
    past = client.get(PAGE, {"waar": "3317", "per_pagina": "3", "pagina": "50"})
    assert past.status_code == 200
    assert "Deze pagina bestaat niet" in past.content.decode()


def test_empty_state_has_suggestions(client, loaded):
    response = client.get(PAGE, {"q": "xylofoonorkest"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "We hebben niets gevonden" in html
    assert "?q=koffie" in html


def test_page_without_parameters_lists_everything(client, loaded):
    response = client.get(PAGE)
    assert response.status_code == 200
    assert response.context["results"].total == len(loaded)


def test_page_query_count_is_bounded(client, loaded, django_assert_max_num_queries):
    # Form choices (3), geocoding (1), hits + counts + theme labels (3), site.
    with django_assert_max_num_queries(12):
        response = client.get(
            PAGE, {"q": "wandelen", "waar": "3317", "thema": "gezondheid-en-bewegen"}
        )
    assert response.status_code == 200


def test_more_results_do_not_add_queries(client, loaded, index, django_assert_max_num_queries):
    for n in range(15):
        ActivityPageFactory(parent=loaded["dordt"], title=f"Wandelclub {n}", location=WIELWIJK)
    get_backend().rebuild(all_documents())
    with django_assert_max_num_queries(12):
        response = client.get(PAGE, {"q": "wandel", "waar": "3317", "per_pagina": "100"})
    assert len(response.context["results"].hits) >= 15


def test_home_page_links_to_search(client, home):
    response = client.get("/")
    html = response.content.decode()
    assert f'action="{PAGE}"' in html
    assert f'href="{PAGE}"' in html  # main navigation


# -- JSON and GeoJSON ------------------------------------------------------------
def test_api_shape(client, loaded):
    response = client.get(API, {"q": "wandelen", "waar": "3317"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) == {
        "total", "capped", "corrected", "also_searched", "place", "page", "pages",
        "per_page", "results", "facets",
    }  # fmt: skip
    assert data["page"] == 1 and data["per_page"] == 20 and data["capped"] is False
    hit = next(r for r in data["results"] if r["title"] == "Wandelgroep De Stappers")
    assert set(hit) == {
        "id", "type", "title", "summary", "url", "initiative", "wijk", "gemeente",
        "lat", "lon", "distance_km", "next_date", "highlight", "address_on_request", "respite",
        "languages",
    }  # fmt: skip
    assert hit["type"] == "activity"
    assert hit["url"].startswith(settings.WAGTAILADMIN_BASE_URL + "/")  # the base URL
    assert hit["initiative"] == "Buurthuis De Sleutel"
    assert hit["wijk"] == "Wielwijk"
    assert hit["distance_km"] == 0.0
    assert len(hit["next_date"]) == 10  # YYYY-MM-DD
    assert "<mark>" in hit["highlight"]
    assert {f["key"] for f in data["facets"]["type"]} == {
        "activity", "meeting_place", "vacancy", "initiative",
    }  # fmt: skip
    assert {"key", "label", "count"} == set(data["facets"]["thema"][0])
    assert "wijk" in data["facets"]


def test_geojson_shape(client, loaded, index):
    VacancyPageFactory(
        parent=loaded["dordt"], title="Wandelmaatje vanuit huis", from_home=True, location=None
    )
    get_backend().rebuild(all_documents())
    assert "Wandelmaatje vanuit huis" in {
        r["title"] for r in client.get(API, {"q": "wandel"}).json()["results"]
    }
    response = client.get(GEOJSON, {"q": "wandel", "per_pagina": "100"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    titles = {f["properties"]["title"] for f in data["features"]}
    assert "Wandelgroep De Stappers" in titles
    assert "Wandelmaatje vanuit huis" not in titles  # no point, no feature
    feature = data["features"][0]
    assert feature["type"] == "Feature"
    assert feature["geometry"]["type"] == "Point"
    lon, lat = feature["geometry"]["coordinates"]
    assert 3 < lon < 8 and 50 < lat < 54
    assert {"title", "type", "url"} <= set(feature["properties"])
    assert feature["properties"]["url"].startswith(settings.WAGTAILADMIN_BASE_URL + "/")


# -- bad input ---------------------------------------------------------------------
BAD = [
    ({"waar": "9999 ZZ"}, "waar", "Deze postcode kennen we niet"),
    # Place names are judged offline (initiatives/places.py): unknown is unknown.
    ({"waar": "Atlantis"}, "waar", "Deze plek kennen we niet"),
    ({"waar": "40.0,5.0"}, "waar", "niet in Nederland"),
    ({"waar": "3317", "straal": "0"}, "straal", "hooguit 100 km"),
    ({"waar": "3317", "straal": "101"}, "straal", "hooguit 100 km"),
    ({"waar": "3317", "straal": "abc"}, "straal", "aantal kilometers"),
    ({"straal": "-5"}, "straal", "aantal kilometers"),
    ({"q": "x" * 10_000}, "q", "te lang"),
    ({"type": "spaceship"}, "type", "soort kennen we niet"),
    ({"thema": "bestaat-niet"}, "thema", "thema kennen we niet"),
    ({"doelgroep": "marsmannetjes"}, "doelgroep", "doelgroep kennen we niet"),
    ({"sorteer": "random"}, "sorteer", "sorteren"),
    ({"wijk": "999999"}, "wijk", "wijk kennen we niet"),
    ({"wijk": "abc"}, "wijk", "wijk kennen we niet"),
    ({"van": "morgen"}, "van", "geen datum"),
    ({"van": "2026-02-30"}, "van", "geen datum"),
    ({"van": "9999-12-31", "tot": "9999-12-31"}, "van", "Kies een datum tussen"),
    ({"van": str(TODAY + dt.timedelta(days=9)), "tot": str(TODAY)}, "tot", "vóór de begindatum"),
    ({"dag": "7"}, "dag", "dag van de week"),
    ({"open_op": "-1"}, "open_op", "dag van de week"),
    ({"pagina": "0"}, "pagina", "Kies een pagina"),
    ({"pagina": "-1"}, "pagina", "Kies een pagina"),
    ({"pagina": "x"}, "pagina", "Kies een pagina"),
    ({"pagina": str(10**9)}, "pagina", "Kies een pagina"),
    ({"pagina": "١"}, "pagina", "Kies een pagina"),  # an Arabic-Indic digit
    ({"per_pagina": "101"}, "per_pagina", "per pagina"),
]


@pytest.mark.parametrize(("params", "field", "message"), BAD)
def test_bad_input_on_the_page_is_a_dutch_message(client, home, params, field, message):
    response = client.get(PAGE, params)
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert any(message in str(e) for e in form.errors[field])
    html = response.content.decode()
    assert "Er ging iets mis met je zoekopdracht" in html
    assert response.context["results"] is None


@pytest.mark.parametrize(("params", "field", "message"), BAD)
def test_bad_input_in_the_api_is_a_400(client, db, params, field, message):
    for url in (API, GEOJSON):
        response = client.get(url, params)
        assert response.status_code == 400
        assert response["Content-Type"] == "application/json"
        errors = response.json()["errors"]
        assert any(message in m for m in errors[field])


def test_bad_input_keeps_what_was_typed(client, home):
    response = client.get(PAGE, {"q": "koffie", "waar": "9999 ZZ", "straal": "abc"})
    html = response.content.decode()
    assert 'value="koffie"' in html
    assert 'value="9999 ZZ"' in html
    assert 'value="abc"' in html
    assert 'aria-invalid="true"' in html


def test_unreachable_geocoder_asks_calmly_for_a_postcode(client, home, settings):
    settings.GEOCODERS = ["pdok"]  # points at an unreachable address in tests
    response = client.get(PAGE, {"waar": "Dordrecht"})
    assert response.status_code == 200
    messages = response.context["form"].errors["waar"]
    assert any("Vul een postcode in" in m and "later" in m for m in messages)
    assert client.get(API, {"waar": "Dordrecht"}).status_code == 400


SYNTAX = ['"', ":", "*", "(", "AND", "'; DROP TABLE search_searchdocument; --", "<script>"]
SYNTAX += ['"wandelen" AND (koffie', "wandel*", "title:koffie", "%", "\\", "a\u200bb"]


@pytest.mark.parametrize("text", SYNTAX)
def test_query_syntax_is_just_text(client, home, text):
    for url in (PAGE, API, GEOJSON):
        assert client.get(url, {"q": text}).status_code == 200
    response = client.get(PAGE, {"q": text})
    assert "<script>" not in response.content.decode().split("</header>")[1]


def test_sql_in_the_query_is_just_text(client, loaded):
    sql = "'; DROP TABLE search_searchdocument; --"
    assert client.get(PAGE, {"q": sql}).status_code == 200
    assert client.get(API, {"q": f"wandelen {sql}"}).status_code == 200
    assert client.get(API, {"q": "wandelen"}).json()["total"] >= 3  # the table is still there


@pytest.mark.parametrize("url", [PAGE, API, GEOJSON])
@pytest.mark.parametrize(
    "raw",
    ["q=%FF%FE", "q=caf%E9", "waar=%FF", "%FF=%FF", "type=%FF", "q=a%00b", "q=%01%1F%7F"],
)
def test_broken_bytes_and_control_characters(home, url, raw):
    response = Client().generic("GET", url, QUERY_STRING=raw)
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "errors" in response.json()


def test_nul_and_control_characters_are_stripped(client, home):
    response = client.get(API, {"q": "wandel\x00en\x1b"})
    assert response.status_code == 200
    response = client.get(PAGE, {"q": "wan\x00delen"})
    assert response.context["form"].cleaned_data["q"] == "wan delen"
    assert "\x00" not in response.content.decode()


def test_only_get(client, db):
    assert client.post(PAGE).status_code == 405
    assert client.post(API).status_code == 405


def test_cards_say_open_or_closed_and_the_next_date(client, loaded, monkeypatch):
    monday_ten = dt.datetime(2026, 1, 5, 10, tzinfo=timezone.get_current_timezone())
    monkeypatch.setattr(timezone, "now", lambda: monday_ten)
    soup = BeautifulSoup(client.get(PAGE, {"q": ""}).content, "html.parser")
    cards = {
        card.select_one(".card__title").get_text(strip=True): card
        for card in soup.select(".search-result")
    }

    def badge(title):
        found = cards[title].select_one(".badge--open, .badge--closed")
        return found.get_text(strip=True) if found else None

    assert badge("Huiskamer van de wijk") == "Nu open"
    assert badge("Avondinloop") == "Nu gesloten"
    assert badge("Wandelgroep De Stappers") is None
    assert cards["Wandelgroep De Stappers"].select_one(".search-result__date time")
