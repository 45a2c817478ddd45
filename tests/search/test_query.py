"""The rules every backend shares: the words of a text, the order of the
results, the highlight markers and the facet labels (search.query,
search.highlight, search.results)."""

import pytest
from django.contrib.gis.geos import Point

from search.documents import TEXT_FIELDS, Document
from search.highlight import START, STOP, marked_html
from search.query import MAX_TERMS, SearchQuery
from search.results import WIJK_FACET_SIZE, FacetCounts, SearchResults
from tests.factories import ThemeFactory

HERE = Point(4.69, 51.81, srid=4326)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Wandelen", ("wandelen",)),
        ('"koffie" AND (thee)', ("koffie", "and", "thee")),
        ("koffie:* | thee!", ("koffie", "thee")),
        ("a b c", ()),  # single letters are no words
        ("!!! &|<>", ()),
        ("'; DROP TABLE x; --", ("drop", "table", "x")[:2]),
        ("café ", ("café",)),
    ],
)
def test_words_are_the_text_without_query_syntax(text, words):
    assert SearchQuery(text=text).words == words


def test_words_are_capped():
    text = " ".join(f"woord{i}" for i in range(20))
    assert len(SearchQuery(text=text).words) == MAX_TERMS
    # Only the first 200 characters are read.
    assert SearchQuery(text="x" * 199 + " koffie").words == ("x" * 199,)


@pytest.mark.parametrize(
    ("text", "near", "sort", "effective"),
    [
        ("koffie", None, "relevance", "relevance"),
        ("", None, "relevance", "date"),
        ("", HERE, "relevance", "distance"),
        ("!!!", HERE, "relevance", "distance"),  # no words: nothing to be relevant to
        ("!!!", None, "relevance", "date"),
        ("koffie", None, "distance", "relevance"),  # no place: no distance
        ("!!!", None, "distance", "date"),
        ("", None, "distance", "date"),
        ("koffie", HERE, "distance", "distance"),
        ("koffie", HERE, "date", "date"),
    ],
)
def test_one_sort_resolution(text, near, sort, effective):
    assert SearchQuery(text=text, near=near, sort=sort).effective_sort == effective


def test_possible_types():
    assert SearchQuery().possible_types() is None
    assert SearchQuery(free_only=True).possible_types() == {"activity"}
    assert SearchQuery(types=("vacancy",), free_only=True).possible_types() == set()
    assert SearchQuery(types=("vacancy",), free_only=True).possible_types(
        with_type_filter=False
    ) == {"activity"}


def test_marked_html_escapes_the_text_and_keeps_the_markers():
    assert marked_html(f"<b>{START}koffie{STOP}</b> & thee") == (
        "&lt;b&gt;<mark>koffie</mark>&lt;/b&gt; &amp; thee"
    )
    assert marked_html("<b>no match</b>") == ""


def test_indexed_text_cannot_hold_a_highlight_marker():
    marked = f"a {START}b{STOP} c"
    doc = Document(
        **{"id": 1, "type": "activity", "url": "/", **dict.fromkeys(TEXT_FIELDS, marked)}
    )
    for name in TEXT_FIELDS:
        assert START not in getattr(doc, name) and STOP not in getattr(doc, name), name
        assert marked_html(getattr(doc, name)) == "", name


def results(counts: FacetCounts) -> SearchResults:
    return SearchResults(query=SearchQuery(), hits=[], total=0, counts=counts)


@pytest.mark.django_db
def test_facets_are_labelled_in_one_place():
    ThemeFactory(slug="eenzaamheid", name="Eenzaamheid")
    ThemeFactory(slug="armoede", name="Armoede")
    facets = results(
        FacetCounts(
            types={"vacancy": 2},
            themes={"onbekend": 1, "eenzaamheid": 2, "armoede": 2},
            wijken={"4": 1, "5": 3},
            wijk_names={"4": "Wielwijk", "5": "Binnenstad"},
        )
    ).facets
    assert [(f.key, f.label, f.count) for f in facets["type"]] == [
        ("activity", "Activiteiten", 0),
        ("meeting_place", "Ontmoetingsplekken", 0),
        ("vacancy", "Vrijwilligerswerk", 2),
        ("initiative", "Initiatieven", 0),
    ]
    # Most first, then by label; a theme without a name keeps its key.
    assert [(f.key, f.label, f.count) for f in facets["theme"]] == [
        ("armoede", "Armoede", 2),
        ("eenzaamheid", "Eenzaamheid", 2),
        ("onbekend", "onbekend", 1),
    ]
    assert [(f.key, f.label, f.count) for f in facets["wijk"]] == [
        ("5", "Binnenstad", 3),
        ("4", "Wielwijk", 1),
    ]


@pytest.mark.django_db
def test_only_the_busiest_wijken_are_offered(django_assert_num_queries):
    wijken = {str(i): i for i in range(1, 40)}
    with django_assert_num_queries(0):  # no themes: no theme names to read
        facets = results(FacetCounts(wijken=wijken)).facets
    assert len(facets["wijk"]) == WIJK_FACET_SIZE
    assert facets["wijk"][0].key == "39"
