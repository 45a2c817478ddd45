"""Suggestions as you type (/zoeken/suggesties/): what each field suggests,
that nothing private is ever among it, and bad input that stays a JSON answer."""

import pytest
from django.contrib.gis.geos import Point
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import pgettext
from wagtail.models import PageViewRestriction

from initiatives.models import Theme, Woonplaats
from initiatives.places import rebuild_place_names
from search import suggestions
from search.backends import get_backend
from search.documents import all_documents
from search.models import SearchDocument
from search.suggestions import MAX_RESULTS, fold, fold_translated
from tests.factories import (
    ActivityPageFactory,
    HelpRequestFactory,
    InitiativePageFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    TargetGroupFactory,
    ThemeFactory,
    VacancyPageFactory,
    VolunteerProfileFactory,
)

pytestmark = pytest.mark.django_db

URL = "/zoeken/suggesties/"
# Every private text below starts with this, so one query would find them all.
SECRET = "Dorzq"


def values(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [s["value"] for s in response.json()["suggestions"]]


@pytest.fixture
def places(db):
    dordrecht = MunicipalityFactory(name="Dordrecht", slug="dordrecht", code="GM0505")
    teylingen = MunicipalityFactory(name="Teylingen", slug="teylingen", code="GM1525")
    MunicipalityFactory(name="'s-Hertogenbosch", slug="s-hertogenbosch", code="GM0796")
    NeighbourhoodFactory(name="Wielwijk", slug="wielwijk", municipality=dordrecht)
    NeighbourhoodFactory(name="Centrum", slug="centrum-dordrecht", municipality=dordrecht)
    NeighbourhoodFactory(name="Centrum", slug="centrum-teylingen", municipality=teylingen)
    Woonplaats.objects.create(
        name="Sassenheim", municipality=teylingen, point=Point(4.52, 52.225, srid=4326)
    )
    rebuild_place_names()


@pytest.fixture
def listings(index):
    """Public listings, and private things whose text starts like theirs."""
    ThemeFactory(name="Eenzaamheid", slug="eenzaamheid")
    ThemeFactory(name="Taal en digitale vaardigheden", slug="taal")
    TargetGroupFactory(name="Ouderen", slug="ouderen")
    dorp = InitiativePageFactory(parent=index, title="Dorpshuis De Linde")
    # One title in three initiatives: "common".
    for n, town in enumerate(["Muiden", "Lisse", "Hillegom"]):
        initiative = InitiativePageFactory(parent=index, title=f"Buurtkamer {town}")
        ActivityPageFactory(parent=initiative, title="Koffieochtend", slug=f"koffie-{n}")
    ActivityPageFactory(parent=dorp, title="Koffie-uurtje")
    ActivityPageFactory(parent=dorp, title="Samen koffie drinken")
    ActivityPageFactory(parent=dorp, title="Taalcafé Dordrecht")
    VacancyPageFactory(parent=dorp, title="Chauffeur Dorpsbus")

    # Never to be suggested: unpublished, restricted, behind a restricted
    # initiative, a closed vacancy, a draft title, help requests, profiles.
    ActivityPageFactory(parent=dorp, title=f"{SECRET} concept", live=False)
    hidden = ActivityPageFactory(parent=dorp, title=f"{SECRET} besloten")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    closed = InitiativePageFactory(parent=index, title=f"{SECRET} initiatief")
    PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.LOGIN)
    ActivityPageFactory(parent=closed, title=f"{SECRET} kind")
    VacancyPageFactory(parent=dorp, title=f"{SECRET} vervuld", status="filled")
    draft = ActivityPageFactory(parent=dorp, title="Dorpsfeest")
    draft.title = f"{SECRET} nieuwe titel"
    draft.save_revision()
    HelpRequestFactory(title=f"{SECRET} boodschappen")
    VolunteerProfileFactory(display_name=f"{SECRET} Jansen")
    get_backend().rebuild(all_documents())


# -- "waar" ----------------------------------------------------------------------
def test_waar_suggests_places_as_labels_that_resolve_to_them(client, places):
    found = client.get(URL, {"veld": "waar", "q": "sass"}).json()["suggestions"]
    assert found[0] == {
        "value": "Sassenheim (woonplaats in Teylingen)",
        "label": "Sassenheim",
        "kind": "woonplaats in Teylingen",
    }
    found = client.get(URL, {"veld": "waar", "q": "dor"}).json()["suggestions"]
    assert found[0] == {"value": "Dordrecht (gemeente)", "label": "Dordrecht", "kind": "gemeente"}
    wijk = client.get(URL, {"veld": "waar", "q": "wielw"}).json()["suggestions"][0]
    assert wijk["value"] == "Wielwijk (wijk in Dordrecht)"
    assert wijk["kind"] == "wijk in Dordrecht"
    # What is suggested, typed back, is that place for the search form.
    for suggestion in (*found, wijk):
        page = client.get("/zoeken/", {"waar": suggestion["value"]})
        assert page.context["form"].is_valid(), page.context["form"].errors


def test_waar_names_each_wijk_of_the_same_name_by_its_gemeente(client, places):
    assert set(values(client.get(URL, {"veld": "waar", "q": "centrum"}))) == {
        "Centrum (wijk in Dordrecht)",
        "Centrum (wijk in Teylingen)",
    }


@pytest.mark.parametrize(
    "text, expected",
    [
        ("DORDRECHT", "Dordrecht (gemeente)"),
        ("s-hert", "'s-Hertogenbosch (gemeente)"),
        ("den bosch", "'s-Hertogenbosch (gemeente)"),  # the resolver's variants
        ("dordrect", "Dordrecht (gemeente)"),  # a typo
    ],
)
def test_waar_ignores_case_punctuation_and_small_typos(client, places, text, expected):
    assert expected in values(client.get(URL, {"veld": "waar", "q": text}))


def test_waar_is_the_place_resolver(places, django_assert_max_num_queries):
    assert suggestions.SOURCES["waar"] is suggestions.place_suggestions
    with django_assert_max_num_queries(2):
        found = suggestions.place_suggestions("sass", 1)
    assert [s.value for s in found] == ["Sassenheim (woonplaats in Teylingen)"]


# -- "wat" -----------------------------------------------------------------------
def test_wat_suggests_themes_target_groups_and_titles(client, listings):
    assert values(client.get(URL, {"veld": "wat", "q": "taal"})) == [
        "Taal en digitale vaardigheden",
        "Taalcafé Dordrecht",
    ]
    found = client.get(URL, {"veld": "wat", "q": "oud"}).json()["suggestions"]
    assert found == [{"value": "Ouderen", "label": "Ouderen", "kind": "voor wie"}]


def test_wat_puts_a_common_title_first_and_names_it_once(client, listings):
    found = values(client.get(URL, {"veld": "wat", "q": "koff"}))
    assert found[:2] == ["Koffieochtend", "Koffie-uurtje"]
    assert found.count("Koffieochtend") == 1
    assert "Samen koffie drinken" in found  # a later word of the title
    assert client.get(URL, {"veld": "wat", "q": "koffieo"}).json()["suggestions"] == [
        {"value": "Koffieochtend", "label": "Koffieochtend", "kind": "activiteit"}
    ]


def test_wat_corrects_a_typo_only_when_nothing_matches_as_typed(
    client, listings, django_assert_max_num_queries
):
    # Three queries: as typed, the vocabulary's nearest word, and with it.
    with django_assert_max_num_queries(3):
        found = values(client.get(URL, {"veld": "wat", "q": "koffieochtent"}))
    assert found == ["Koffieochtend"]
    assert values(client.get(URL, {"veld": "wat", "q": "samen koffi"})) == ["Samen koffie drinken"]
    # "eenzaam" is how "Eenzaamheid" starts: no guessing at other names.
    assert values(client.get(URL, {"veld": "wat", "q": "eenzaam"})) == ["Eenzaamheid"]


def test_wat_matches_without_accents(client, listings):
    assert values(client.get(URL, {"veld": "wat", "q": "taalcafe"})) == ["Taalcafé Dordrecht"]


def test_nothing_private_is_ever_suggested(client, listings):
    found = values(client.get(URL, {"veld": "wat", "q": "dor"}))
    # The public ones are there, so the query itself works...
    assert {"Dorpshuis De Linde", "Chauffeur Dorpsbus", "Dorpsfeest"} <= set(found)
    # ...and none of the private ones, whatever is asked.
    for text in [SECRET, SECRET[:3], f"{SECRET} kind", "concept", "besloten", "boodschappen"]:
        for field in ("wat", "waar"):
            found = client.get(URL, {"veld": field, "q": text}).json()["suggestions"]
            assert SECRET.lower() not in str(found).lower(), (field, text)


def test_at_most_eight(client, index):
    initiative = InitiativePageFactory(parent=index, title="Breien")
    for n in range(12):
        ActivityPageFactory(parent=initiative, title=f"Breicafé {n:02d}", slug=f"brei-{n}")
    get_backend().rebuild(all_documents())
    assert len(values(Client().get(URL, {"veld": "wat", "q": "brei"}))) == MAX_RESULTS


def test_many_matches_read_the_alphabetically_first_titles(index, monkeypatch):
    """With more matching titles than are read, those read from the prefix
    index are the alphabetically first: the plain title before its longer
    variants, and whole-title matches before later-word ones."""
    monkeypatch.setattr(suggestions, "TITLE_CANDIDATES", 3)
    initiative = InitiativePageFactory(parent=index, title="Handwerk")
    for n in range(6):
        ActivityPageFactory(parent=initiative, title=f"Breicafé {9 - n}", slug=f"brei-{n}")
    ActivityPageFactory(parent=initiative, title="Breicafé", slug="brei")
    ActivityPageFactory(parent=initiative, title="Samen breien", slug="samen")
    get_backend().rebuild(all_documents())
    found = [s.value for s in suggestions.topic_suggestions("brei")]
    assert found == ["Breicafé", "Breicafé 4", "Breicafé 5", "Samen breien"]


# -- the endpoint ----------------------------------------------------------------
def test_url_and_answer_shape(client, listings):
    assert reverse("search:suggestions") == URL
    response = client.get(URL, {"veld": "wat", "q": " taalcaf "})
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "veld": "wat",
        "q": "taalcaf",
        "suggestions": [
            {"value": "Taalcafé Dordrecht", "label": "Taalcafé Dordrecht", "kind": "activiteit"}
        ],
    }


def test_answers_may_be_cached_for_a_short_while(client, places):
    response = client.get(URL, {"veld": "waar", "q": "dor"})
    assert response["Cache-Control"] == "public, max-age=300"
    assert "Cookie" not in response.get("Vary", "")


@pytest.mark.parametrize("text", ["", "d", " d ", "\x00d", "--", "%%", "__"])
def test_less_than_two_letters_suggests_nothing(client, places, text):
    assert values(client.get(URL, {"veld": "waar", "q": text})) == []


@pytest.mark.parametrize(
    "params", [{}, {"q": "dor"}, {"veld": "", "q": "dor"}, {"veld": "hoe", "q": "dor"}]
)
def test_unknown_field_is_a_json_400_in_dutch(client, db, params):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert response.json() == {"error": "Kies het veld: veld=wat of veld=waar."}


@pytest.mark.parametrize(
    "raw",
    ["veld=waar&q=%FF%FE", "veld=wat&q=caf%E9", "veld=%FF&q=dor", "veld=wat&q=a%00b",
     "veld=waar&q=%01%1F%7F", "veld=wat&q=%27%3B--", "veld=wat&q=%5C", "veld=waar&veld=wat&q=x"],
)  # fmt: skip
def test_broken_bytes_control_characters_and_syntax_never_500(listings, raw):
    response = Client().generic("GET", URL, QUERY_STRING=raw)
    assert response.status_code in (200, 400)
    assert response["Content-Type"] == "application/json"


def test_long_text_is_cut_not_refused(client, places):
    response = client.get(URL, {"veld": "waar", "q": "Dordrecht" + "x" * 5000})
    assert response.status_code == 200
    assert len(response.json()["q"]) == suggestions.MAX_LENGTH


def test_only_get_and_head(client, db):
    response = client.post(URL, {"veld": "waar", "q": "dor"})
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert "error" in response.json()
    assert client.head(URL, {"veld": "waar", "q": "dor"}).status_code == 200


def test_rate_limited_per_client_address(client, places, settings):
    settings.SEARCH_SUGGEST_RATE = "3/m"
    for _ in range(3):
        assert client.get(URL, {"veld": "waar", "q": "dor"}).status_code == 200
    response = client.get(URL, {"veld": "waar", "q": "dor"})
    assert response.status_code == 429
    assert response.json()["error"].startswith("Even wachten")
    assert response["Retry-After"] == "60"
    assert "no-store" in response["Cache-Control"]
    # Another address is not held up.
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert other.get(URL, {"veld": "waar", "q": "dor"}).status_code == 200


def test_one_query_per_request(
    client, places, listings, django_assert_num_queries, django_assert_max_num_queries
):
    # The place resolver: its names, then close ones if there are few.
    with django_assert_max_num_queries(2):
        assert values(client.get(URL, {"veld": "waar", "q": "dordrecht"}))
    with django_assert_num_queries(1):
        assert values(client.get(URL, {"veld": "wat", "q": "koff"}))
    with django_assert_num_queries(0):
        assert values(client.get(URL, {"veld": "wat", "q": "k"})) == []


NAMES = ["Súdwest-Fryslân", "'s-Hertogenbosch", "Ééntje  Ïs  Çá", "Noord/Zuid (oost) ", "Café"]


def test_fold_matches_the_sql_folding(db):
    """fold() and its SQL twins must agree, or a name could not match itself."""
    from django.db import connection

    with connection.cursor() as cursor:
        for name in NAMES:
            cursor.execute(f"SELECT {suggestions._folded('%s')}", [name])
            assert cursor.fetchone()[0] == fold(name), name


def test_fold_matches_the_stored_title_folding(index):
    initiative = InitiativePageFactory(parent=index, title="Buurthuis")
    for n, name in enumerate(NAMES):
        ActivityPageFactory(parent=initiative, title=name, slug=f"naam-{n}")
    get_backend().rebuild(all_documents())
    stored = dict(SearchDocument.objects.values_list("title", "title_folded"))
    assert {name: stored[name] for name in NAMES} == {name: fold(name) for name in NAMES}


# -- in the visitor's language (issue 20) ------------------------------------------
CARERS = {
    "en": "Support for carers",
    "ar": "دعم مقدمي الرعاية",
    "uk": "Підтримка доглядальників",
    "tr": "Bakıcılara destek",
    "pl": "Wsparcie dla opiekunów",
}


@pytest.fixture
def translated(corpus):
    Theme.objects.filter(slug="mantelzorg").update(name_translations=CARERS)
    TargetGroupFactory(
        name="Ouderen", slug="ouderen", name_translations={"en": "Older people", "ar": "كبار السن"}
    )
    get_backend().rebuild(all_documents())
    return corpus


def wat(language: str, text: str) -> list[dict]:
    prefix = "" if language == "nl" else f"/{language}"
    response = Client().get(f"{prefix}{URL}", {"veld": "wat", "q": text})
    assert response.status_code == 200, response.content
    return response.json()["suggestions"]


def shown(language: str, text: str) -> list[tuple[str, str]]:
    """(label, value) of each suggestion."""
    return [(s["label"], s["value"]) for s in wat(language, text)]


@pytest.mark.parametrize("text", ["care", "carer", "CARERS", "support f", "Support for carers"])
def test_english_page_suggests_a_theme_by_its_english_name(translated, text):
    assert {"value": "Mantelzorg", "label": "Support for carers", "kind": "theme"} in wat(
        "en", text
    )


def test_english_page_still_knows_the_dutch_names_and_shows_them_in_english(translated):
    assert ("Support for carers", "Mantelzorg") in shown("en", "mantelz")
    assert ("Older people", "Ouderen") in shown("en", "oud")
    assert ("Older people", "Ouderen") in shown("en", "older")
    # Not translated: the Dutch name, as on the page's filters.
    assert ("Eenzaamheid", "Eenzaamheid") in shown("en", "eenza")


@pytest.mark.parametrize(
    "language, text",
    [
        ("ar", "دعم"),
        ("ar", "الرعاية"),  # a later word
        ("ar", "الرِّعاية"),  # typed with vowel signs
        ("uk", "догляд"),
        ("uk", "ПІДТРИМКА"),
        ("tr", "bakici"),  # without Turkish letters
        ("tr", "Bakıcı"),
        ("pl", "opiekunow"),
    ],
)
def test_other_languages_suggest_a_theme_by_its_name_there(translated, language, text):
    # Arabic and Cyrillic text folds to no Dutch text at all: only the theme,
    # not every title.
    assert shown(language, text) == [(CARERS[language], "Mantelzorg")]


def test_arabic_target_group_and_its_kind(translated):
    with translation.override("ar"):
        kind = pgettext("soort suggestie", "voor wie")
    assert wat("ar", "كبار") == [{"value": "Ouderen", "label": "كبار السن", "kind": kind}]


def test_dutch_page_matches_the_dutch_names_only(translated):
    carers = {"value": "Mantelzorg", "label": "Mantelzorg", "kind": "thema"}
    assert wat("nl", "mantelz")[0] == carers
    assert wat("nl", "care") == []
    assert wat("nl", "دعم") == []
    assert wat("nl", "older") == []


def test_a_chosen_translated_theme_finds_its_listings(translated):
    chosen = wat("en", "carer")[0]
    assert chosen["label"] == "Support for carers"
    # What goes into the "Wat?" field is searched as Dutch text.
    results = Client().get("/en/zoeken/", {"q": chosen["value"]}).context["results"]
    assert translated["mantelzorgcafe"].pk in {hit.id for hit in results.hits}


def test_one_query_in_every_language(translated, django_assert_num_queries):
    for language, text in [("en", "care"), ("ar", "دعم"), ("nl", "mantel")]:
        with django_assert_num_queries(1):
            assert wat(language, text), language


NAMES_TRANSLATED = [
    *NAMES,
    "دعم مقدمي الرعاية",
    "الرِّعايةُ ـ أُسرة",
    "Підтримка сім'ї й дітей",
    "Yaşlılar İçin Bakım",
    "Wsparcie dla opiekunów, Łódź",
    "ＦＵＬＬ ﬁx",
]


def test_fold_translated_matches_its_sql_twin(db):
    from django.db import connection

    with connection.cursor() as cursor:
        for name in NAMES_TRANSLATED:
            cursor.execute(f"SELECT {suggestions._folded_translated('%s')}", [name])
            assert cursor.fetchone()[0] == fold_translated(name), name


@pytest.mark.parametrize(
    "name, folded",
    [
        ("Mantelzorgcafé", "mantelzorgcafe"),
        ("Yaşlılar İçin Bakım", "yaslilar icin bakim"),
        ("Łódź", "lodz"),
        ("Підтримка сім'ї й", "підтримка сім і и"),
        ("الرِّعايةُ", "الرعاية"),
        ("أسرة ـ", "اسرة"),
    ],
)
def test_fold_translated(name, folded):
    assert fold_translated(name) == folded


def test_dutch_names_and_titles_are_marked_on_a_page_in_another_language(translated, places):
    # A translated theme is in the page's language: nothing to mark.
    carers = next(s for s in wat("en", "carer") if s["value"] == "Mantelzorg")
    assert "lang" not in carers
    # Not translated, a listing's title, a place: Dutch, and said so.
    assert next(s for s in wat("en", "eenza") if s["value"] == "Eenzaamheid")["lang"] == "nl"
    titles = [s for s in wat("en", "koffie") if s["kind"] != "theme"]
    assert titles and all(s["lang"] == "nl" for s in titles)
    place = Client().get(f"/en{URL}", {"veld": "waar", "q": "dor"}).json()["suggestions"][0]
    assert place["lang"] == "nl"
    # The Dutch page's answer is as it was: no marks.
    assert all("lang" not in s for s in wat("nl", "mantelz") + wat("nl", "koffie"))
