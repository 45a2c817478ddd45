"""Theme and target-group names on the search page follow the page's
language (issue 20): filters and facets in English where staff translated a
name, the Dutch name marked lang="nl" where not, Dutch slugs in every
address, and no query per theme."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from initiatives.models import Theme
from search.backends import get_backend
from search.documents import all_documents
from tests.factories import TargetGroupFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(corpus):
    Theme.objects.filter(slug="mantelzorg").update(
        name_translations={"en": "Informal care", "ar": "دعم مقدمي الرعاية"}
    )
    TargetGroupFactory(name="Ouderen", slug="ouderen", name_translations={"en": "Older people"})
    get_backend().rebuild(all_documents())
    return corpus


def _page(path: str, **params) -> BeautifulSoup:
    response = Client().get(path, params)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def _filter_label(soup: BeautifulSoup, name: str, value: str):
    box = soup.find("input", attrs={"name": name, "value": value})
    return soup.find("label", attrs={"for": box["id"]})


def _facet_links(soup: BeautifulSoup) -> dict:
    return {a.contents[0].get_text(strip=True): a for a in soup.select(".facet__link")}


def test_english_page_shows_translated_theme_names_in_filters_and_facets(loaded):
    soup = _page("/en/zoeken/", q="mantelzorg")

    carers = _filter_label(soup, "thema", "mantelzorg")
    assert carers.get_text(strip=True) == "Informal care"
    assert carers.find("span", lang="nl") is None
    lonely = _filter_label(soup, "thema", "eenzaamheid")  # not translated
    assert lonely.find("span", lang="nl").get_text() == "Eenzaamheid"
    older = _filter_label(soup, "doelgroep", "ouderen")
    assert older.get_text(strip=True) == "Older people"

    facets = _facet_links(soup)
    assert "Informal care" in facets, list(facets)
    assert facets["Informal care"].find("span", lang="nl") is None
    assert "thema=mantelzorg" in facets["Informal care"]["href"]  # the Dutch slug


def test_untranslated_theme_facet_keeps_lang_nl(loaded):
    soup = _page("/en/zoeken/", q="wandelen")
    marked = [span.get_text() for span in soup.select('.facet__link span[lang="nl"]')]
    assert "Gezondheid en bewegen" in marked


def test_arabic_page_uses_the_arabic_name(loaded):
    soup = _page("/ar/zoeken/")
    assert _filter_label(soup, "thema", "mantelzorg").get_text(strip=True) == "دعم مقدمي الرعاية"


def test_dutch_page_keeps_the_dutch_names(loaded):
    soup = _page("/zoeken/", q="mantelzorg")
    carers = _filter_label(soup, "thema", "mantelzorg")
    assert str(carers).endswith(">Mantelzorg</label>")  # as before: no mark inside a Dutch page
    assert "Informal care" not in str(soup)
    assert "Mantelzorg" in _facet_links(soup)


def test_dutch_slug_filters_in_every_language(loaded):
    dutch = Client().get("/zoeken/", {"thema": "mantelzorg"}).context["results"].total
    assert dutch > 0
    for language in ("en", "ar", "uk", "tr", "pl"):
        response = Client().get(f"/{language}/zoeken/", {"thema": "mantelzorg"})
        assert response.context["results"].total == dutch, language


def test_api_labels_stay_dutch(loaded):
    body = Client().get("/api/search/", {"q": "mantelzorg"}).json()
    labels = {f["key"]: f["label"] for f in body["facets"]["thema"]}
    assert labels["mantelzorg"] == "Mantelzorg"


def _queries(path: str, **params) -> int:
    client = Client()
    client.get(path, params)  # warm: form choices and content version cached
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, params).status_code == 200
    return len(queries)


def test_search_page_queries_do_not_grow_with_the_number_of_themes(loaded):
    params = {"q": "wandelen", "per_pagina": "100"}
    before = _queries("/en/zoeken/", **params)
    for n in range(12):
        loaded["wandelgroep"].themes.add(
            ThemeFactory(name=f"Thema {n}", slug=f"extra-{n}", name_translations={"en": f"T {n}"})
        )
    get_backend().rebuild(all_documents())
    after = _queries("/en/zoeken/", **params)
    assert after <= before
