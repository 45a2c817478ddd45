"""Nothing found: an honest answer with steps that can find something."""

import pytest
from django.http import QueryDict
from django.utils import translation

from initiatives.models import Municipality, Theme
from search import next_steps as steps_module
from search.backends.postgres import PostgresBackend
from search.documents import all_documents
from search.next_steps import next_steps
from search.query import SearchQuery
from search.results import SearchResults
from tests.factories import ContactPointFactory, MunicipalityFactory, ThemeFactory, square
from tests.search.conftest import DORDRECHT

PAGE = "/zoeken/"


@pytest.fixture
def dordrecht(corpus):
    MunicipalityFactory(name="Dordrecht", code="GM0505", boundary=square(4.69, 51.81, 0.1))
    ThemeFactory(name="Mantelzorg", slug="mantelzorg")
    PostgresBackend().rebuild(all_documents())


def steps(text="", radius=2.0, **params):
    q = SearchQuery(text=text, near=DORDRECHT, radius_km=radius)
    query = QueryDict(mutable=True)
    query.update({"q": text, "waar": "3311", "straal": str(radius), **params})
    return next_steps(SearchResults(query=q, hits=[], total=0), query)


@pytest.mark.django_db
def test_wider_area_and_whole_gemeente(dordrecht):
    found = steps("xqzvjk", radius=2.0, pagina="3")
    assert found[0].text == "Zoek verder weg: binnen 5 km"
    assert "straal=5" in found[0].url and "q=xqzvjk" in found[0].url
    assert "pagina" not in found[0].url
    # 0.1 degrees each way around the centre: its farthest corner ~14 km away.
    assert found[1].text == "Zoek in heel Dordrecht (binnen 14 km)"


@pytest.mark.django_db
def test_no_wider_area_past_the_maximum(dordrecht):
    assert [s.text for s in steps("xqzvjk", radius=100)] == []


@pytest.mark.django_db
def test_a_theme_for_the_words(dordrecht):
    found = steps("mantelzorgers", radius=100)
    assert [(s.text, s.url) for s in found] == [
        ("Bekijk alles over Mantelzorg", "?waar=3311&straal=100&thema=mantelzorg")
    ]


@pytest.mark.django_db
def test_the_page_shows_them_and_keeps_what_was_typed(client, dordrecht):
    ContactPointFactory(
        name="Sociaal wijkteam",
        phone="078-1234567",
        municipalities=[Municipality.objects.get(code="GM0505")],
    )
    html = client.get(PAGE, {"q": "mantelzorgerz", "waar": "3317", "straal": "1"}).content.decode()
    assert "We hebben niets gevonden" in html
    assert "Zoek verder weg: binnen 5 km" in html
    assert "Bekijk alles over Mantelzorg" in html
    assert 'value="mantelzorgerz"' in html
    assert 'href="tel:0781234567"' in html


@pytest.mark.django_db
def test_no_place_no_contact_point():
    assert steps_module.contact_point_for(SearchQuery()) is None


# -- in the visitor's language (issue 20) ------------------------------------------
@pytest.fixture
def translated(dordrecht):
    Theme.objects.filter(slug="mantelzorg").update(
        name_translations={"en": "Care and help at home", "ar": "دعم مقدمي الرعاية"}
    )
    ThemeFactory(name="Armoede", slug="armoede", name_translations={"en": "Help with money"})


def theme_steps(language: str, text: str) -> list[tuple[str, str]]:
    with translation.override(language):
        return [(s.text, s.url) for s in steps(text, radius=100)]


def test_english_words_find_a_theme_by_its_english_name(translated):
    assert theme_steps("en", "care") == [
        ("See everything about Care and help at home", "?waar=3311&straal=100&thema=mantelzorg")
    ]


def test_arabic_words_find_a_theme_by_its_arabic_name(translated):
    [(text, url)] = theme_steps("ar", "الرعاية")
    assert "دعم مقدمي الرعاية" in text
    assert url.endswith("thema=mantelzorg")


def test_themes_in_the_order_of_the_names_shown(translated):
    # Dutch order: Armoede, Mantelzorg; English: Care…, Help….
    assert [url[-10:] for _text, url in theme_steps("en", "help")] == [
        "mantelzorg",
        "ma=armoede",
    ]


def test_dutch_page_matches_dutch_names_only(translated):
    assert theme_steps("nl", "carers") == []
    assert theme_steps("nl", "help") == []
    assert theme_steps("nl", "mantelzorgers") == [
        ("Bekijk alles over Mantelzorg", "?waar=3311&straal=100&thema=mantelzorg")
    ]
