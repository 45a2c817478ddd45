"""Languages spoken at a listing (issue 20, "talen"): a curated list of codes
on every kind of listing; the lists, the search (both backends, with a facet)
and the API filter on them; cards, detail pages, JSON-LD, HSDS and the embed
show them, each name in its own language with ``lang`` and ``dir``; the demo
has listings in several languages."""

import datetime as dt
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.utils import timezone

from initiatives import hsds, languages
from initiatives.listing import ListingFilters, PagesIndex
from initiatives.models import ActivityPage, InitiativePage, MeetingPlacePage, VacancyPage
from search.backends.elasticsearch.body import build_search_body
from search.backends.elasticsearch.mapping import document_body, index_settings
from search.backends.elasticsearch.responses import counts_from
from search.documents import Document, documents_for_ids
from search.indexing import process_outbox
from search.lists import IndexedListings
from search.query import SearchQuery
from tests.factories import (
    ActivityPageFactory,
    InitiativePageFactory,
    MeetingPlacePageFactory,
    UserFactory,
    VacancyPageFactory,
)
from tests.initiatives.test_demo_data import demo  # noqa: F401 - the module-wide demo
from tests.initiatives.test_hsds import _errors
from tests.initiatives.test_structured_data import ld
from tests.search.test_elasticsearch import filters_of

pytestmark = pytest.mark.django_db

WIELWIJK = Point(4.6560, 51.8070, srid=4326)
TODAY = dt.date(2026, 1, 5)


@pytest.fixture
def spoken(index):
    """An Arabic-speaking women's group, an English-only parents' coffee, a
    Ukrainian place, a vacancy in Polish, and a listing that chose nothing."""
    initiative = InitiativePageFactory(parent=index, title="Welkom in de wijk", location=WIELWIJK)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    pages = {
        "vrouwen": ActivityPageFactory(
            parent=initiative,
            title="Vrouwengroep Al-Amal",
            location=WIELWIJK,
            starts_on=tomorrow,
            recurrence="weekly",
            languages=["nl", "ar"],
        ),
        "ouders": ActivityPageFactory(
            parent=initiative,
            title="Parents' Coffee",
            location=WIELWIJK,
            starts_on=tomorrow,
            recurrence="weekly",
            languages=["en"],
        ),
        "koffie": ActivityPageFactory(
            parent=initiative,
            title="Koffieochtend",
            location=WIELWIJK,
            starts_on=tomorrow,
            recurrence="weekly",
        ),
        "huiskamer": MeetingPlacePageFactory(
            parent=initiative, title="Huiskamer Oekraïne", location=WIELWIJK, languages=["uk"]
        ),
        "vacature": VacancyPageFactory(
            parent=initiative, title="Maatje", location=WIELWIJK, languages=["nl", "pl"]
        ),
    }
    process_outbox()  # as after commit (nothing commits in a test)
    return pages


def _titles(html: str) -> set[str]:
    soup = BeautifulSoup(html, "html.parser")
    return {h.get_text(strip=True) for h in soup.select(".card__title")}


# -- the list of languages ---------------------------------------------------------------
def test_the_list_holds_bcp47_codes_with_dutch_names_and_autonyms():
    codes = [language.code for language in languages.LANGUAGES]
    assert len(codes) == len(set(codes))
    assert codes[0] == "nl"
    # ISO 639-1 where there is one, else ISO 639-3 (the lang attribute, schema.org and HSDS).
    assert all(re.fullmatch(r"[a-z]{2,3}", code) for code in codes)
    assert {"nl", "en", "ar", "uk", "tr", "pl", "so", "ti", "fa", "pap", "srn"} <= set(codes)
    by_code = languages.BY_CODE
    assert (by_code["ar"].name, by_code["ar"].autonym, by_code["ar"].dir) == (
        "Arabisch",
        "العربية",
        "rtl",
    )
    assert (by_code["uk"].name, by_code["uk"].autonym) == ("Oekraïens", "Українська")
    assert (by_code["tr"].autonym, by_code["pl"].autonym) == ("Türkçe", "Polski")
    assert by_code["fa"].dir == "rtl" and by_code["pl"].dir == "ltr"
    assert "Dari" in by_code["fa"].name


def test_summary_says_ook_only_when_dutch_is_spoken_too():
    assert languages.summary([]) == ""
    assert languages.summary(["nl"]) == ""
    assert languages.summary(["ar", "nl"]) == "Ook in het Arabisch"
    assert languages.summary(["en"]) == "In het Engels"
    assert languages.summary(["nl", "uk", "ar"]) == "Ook in het Arabisch en het Oekraïens"
    assert languages.summary(["nl", "dse"]) == "Ook in Nederlandse Gebarentaal"
    assert languages.spoken_codes([]) == ["nl"]
    assert languages.spoken_codes(["tr", "xx", "tr"]) == ["tr"]


# -- the field ---------------------------------------------------------------------------
def test_an_unknown_code_is_refused_and_the_choice_is_tidied(index):
    initiative = InitiativePageFactory(parent=index)
    page = ActivityPageFactory(parent=initiative)
    page.languages = ["ar", "xx"]
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "languages" in error.value.message_dict
    page.languages = ["tr", "nl", "tr"]
    page.full_clean()
    assert page.languages == ["nl", "tr"]


@pytest.mark.parametrize(
    "model", ["activitypage", "meetingplacepage", "vacancypage", "initiativepage"]
)
def test_the_editor_offers_the_languages_as_checkboxes(client, index, model):
    parent = index if model == "initiativepage" else InitiativePageFactory(parent=index)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(f"/admin/pages/add/initiatives/{model}/{parent.pk}/")
    soup = BeautifulSoup(response.content, "html.parser")
    boxes = soup.select('input[type=checkbox][name="languages"]')
    assert [b["value"] for b in boxes] == [language.code for language in languages.LANGUAGES]
    assert "In welke talen kun je hier terecht?" in soup.get_text()


# -- lists -------------------------------------------------------------------------------
@pytest.mark.parametrize("index_class", [PagesIndex, IndexedListings])
def test_list_filter_keeps_the_languages_asked_for(spoken, index_class):
    def found(model, *codes):
        filters = ListingFilters(model, languages=codes)
        return {f.page_id for f in index_class().ids(filters, 0, 20)}

    assert found(ActivityPage, "ar") == {spoken["vrouwen"].pk}
    assert found(ActivityPage, "ar", "en") == {spoken["vrouwen"].pk, spoken["ouders"].pk}
    # Dutch: chosen, or nothing chosen (the default).
    assert found(ActivityPage, "nl") == {spoken["vrouwen"].pk, spoken["koffie"].pk}
    assert found(MeetingPlacePage, "uk") == {spoken["huiskamer"].pk}
    assert found(VacancyPage, "pl") == {spoken["vacature"].pk}
    assert index_class().count(ListingFilters(ActivityPage, languages=("tr",)), 100) == 0


def test_list_page_filters_and_refuses_an_unknown_language(client, spoken):
    response = client.get("/activiteiten/", {"taal": "ar"})
    assert _titles(response.content.decode()) == {"Vrouwengroep Al-Amal"}
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one('input[name="taal"][value="ar"]').has_attr("checked")
    response = client.get("/activiteiten/", {"taal": "klingon"})
    assert response.status_code == 200
    assert "Deze taal kennen we niet" in response.content.decode()


def test_cards_say_which_languages_with_lang_and_dir(client, spoken):
    soup = BeautifulSoup(client.get("/activiteiten/").content, "html.parser")
    lines = {
        card.select_one(".card__title").get_text(strip=True): card.select_one(".card__languages")
        for card in soup.select(".card")
    }
    assert lines["Koffieochtend"] is None  # Dutch only: nothing to say
    women = lines["Vrouwengroep Al-Amal"]
    assert women.get_text(" ", strip=True).startswith("Ook in het Arabisch")
    autonym = women.select_one('[lang="ar"]')
    assert autonym["dir"] == "rtl" and autonym.get_text() == "العربية"
    parents = lines["Parents' Coffee"]
    assert parents.get_text(" ", strip=True).startswith("In het Engels")
    assert parents.select_one('[lang="en"]')["dir"] == "ltr"


def test_the_detail_page_lists_the_languages(client, spoken):
    soup = BeautifulSoup(client.get(spoken["vrouwen"].url).content, "html.parser")
    line = soup.select_one(".languages")
    assert line.get_text(" ", strip=True).startswith("Talen: Nederlands, Arabisch")
    assert line.select_one('[lang="ar"][dir="rtl"]').get_text() == "العربية"
    soup = BeautifulSoup(client.get(spoken["vacature"].url).content, "html.parser")
    assert "Pools" in soup.select_one(".languages").get_text()
    soup = BeautifulSoup(client.get(spoken["koffie"].url).content, "html.parser")
    assert soup.select_one(".languages") is None


# -- search ------------------------------------------------------------------------------
def test_the_document_holds_the_languages_spoken(spoken):
    docs, _ = documents_for_ids([spoken["vrouwen"].pk, spoken["koffie"].pk])
    by_title = {doc.title: doc.languages for doc in docs}
    assert by_title == {"Vrouwengroep Al-Amal": ["nl", "ar"], "Koffieochtend": ["nl"]}


def test_search_page_filters_shows_and_counts(client, spoken):
    response = client.get("/zoeken/", {"taal": ["ar", "uk"]})
    html = response.content.decode()
    assert _titles(html) == {"Vrouwengroep Al-Amal", "Huiskamer Oekraïne"}
    soup = BeautifulSoup(html, "html.parser")
    result = soup.select_one(".search-result .card__languages")
    assert result.select_one("[lang][dir]") is not None
    facet = soup.find("nav", attrs={"aria-label": "Taal"})
    labels = facet.get_text(" ", strip=True)
    assert "Arabisch" in labels and "Oekraïens" in labels
    # The filter's checkboxes name each language in itself too.
    box = soup.select_one('input[name="taal"][value="uk"]')
    assert box.has_attr("checked")
    label = soup.find("label", attrs={"for": box["id"]})
    assert label.select_one('[lang="uk"]').get_text() == "Українська"


def test_search_page_refuses_an_unknown_language_in_dutch(client, spoken):
    response = client.get("/zoeken/", {"taal": "xx", "q": "koffie"})
    assert response.status_code == 200
    text = BeautifulSoup(response.content, "html.parser").get_text(" ")
    assert "Deze taal kennen we niet. Kies uit de lijst." in text
    # Nothing typed is lost.
    assert 'value="koffie"' in response.content.decode()


def test_api_filters_counts_and_refuses(client, spoken):
    data = client.get("/api/search/", {"taal": "en"}).json()
    assert [r["title"] for r in data["results"]] == ["Parents' Coffee"]
    assert data["results"][0]["languages"] == ["en"]
    everything = client.get("/api/search/").json()
    counts = {f["key"]: f["count"] for f in everything["facets"]["taal"]}
    assert counts["ar"] == 1 and counts["en"] == 1 and counts["uk"] == 1 and counts["pl"] == 1
    # The initiative, the women's group, the coffee and the vacancy speak Dutch.
    assert counts["nl"] == 4
    response = client.get("/api/search/", {"taal": ["ar", "xx"]})
    assert response.status_code == 400
    assert "Deze taal kennen we niet" in response.json()["errors"]["taal"][0]


def test_elasticsearch_body_mapping_and_counts():
    body = build_search_body(SearchQuery(text="koffie", languages=("ar", "en")), TODAY)
    assert {"terms": {"languages": ["ar", "en"]}} in filters_of(body)
    assert body["aggs"]["typed"]["aggs"]["language"] == {
        "terms": {"field": "languages", "size": len(languages.LANGUAGES)}
    }
    plain = build_search_body(SearchQuery(text="koffie"), TODAY)
    assert not any("languages" in str(f) for f in filters_of(plain))
    types = {n: s["type"] for n, s in index_settings()["mappings"]["properties"].items()}
    assert types["languages"] == "keyword"
    doc = Document(id=1, type="activity", title="t", summary="", body="", url="/")
    doc.languages = ["nl", "ar"]
    assert document_body(doc)["languages"] == ["nl", "ar"]
    aggs = {
        "type": {"buckets": [{"key": "activity", "doc_count": 3}]},
        "typed": {
            "theme": {"buckets": []},
            "wijk": {"buckets": []},
            "language": {"buckets": [{"key": "nl", "doc_count": 2}, {"key": "ar", "doc_count": 1}]},
        },
    }
    assert counts_from(aggs).languages == {"nl": 2, "ar": 1}


# -- open data ---------------------------------------------------------------------------
def test_json_ld_says_in_which_languages(client, spoken):
    assert ld(client, spoken["vrouwen"])["inLanguage"] == ["nl", "ar"]
    assert ld(client, spoken["ouders"])["inLanguage"] == "en"
    assert ld(client, spoken["koffie"])["inLanguage"] == "nl"
    place = ld(client, spoken["huiskamer"])
    assert place["availableLanguage"] == [
        {"@type": "Language", "name": "Oekraïens", "alternateName": "uk"}
    ]


def test_hsds_services_and_locations_have_languages_that_validate(spoken):
    page = ActivityPage.objects.get(pk=spoken["vrouwen"].pk)
    service = hsds.service(page, spoken["vrouwen"].get_parent().pk)
    assert [(lang["name"], lang["code"]) for lang in service["languages"]] == [
        ("Nederlands", "nl"),
        ("Arabisch", "ar"),
    ]
    assert {lang["service_id"] for lang in service["languages"]} == {service["id"]}
    location = hsds.location(MeetingPlacePage.objects.get(pk=spoken["huiskamer"].pk))
    assert [lang["code"] for lang in location["languages"]] == ["uk"]
    data = {
        "organizations": [],
        "services": [service],
        "locations": [location],
        "service_at_locations": [],
        "taxonomy_terms": [],
    }
    assert _errors(data) == []


def test_the_embed_names_the_languages(client, spoken):
    response = client.get("/embed/activiteiten/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    line = soup.select_one(".card__languages")
    assert line is not None and line.select_one("[lang][dir]") is not None


# -- demo data ---------------------------------------------------------------------------
def test_the_demo_has_listings_in_at_least_three_other_languages(demo):  # noqa: F811
    spoken_codes = set()
    for model in (ActivityPage, MeetingPlacePage, VacancyPage, InitiativePage):
        for codes in model.objects.live().exclude(languages=[]).values_list("languages", flat=True):
            spoken_codes.update(codes)
    assert len(spoken_codes - {"nl"}) >= 3
    assert {"ar", "en", "uk"} <= spoken_codes
    english_only = ActivityPage.objects.live().filter(languages=["en"])
    assert english_only.exists()
