"""One contract for every search backend (STYLE 10): subclass it per backend
and provide a ``backend`` fixture that returns an empty, ready backend."""

import datetime as dt

import pytest
from django.utils import timezone

from search.documents import all_documents, minute_of_week
from search.query import SearchQuery
from tests.search.conftest import DORDRECHT, LISSE, WIELWIJK


def titles(results):
    return [hit.title for hit in results.hits]


@pytest.mark.django_db
class SearchBackendContract:
    @pytest.fixture
    def loaded(self, backend, corpus):
        written = backend.rebuild(all_documents())
        assert written == len(corpus)
        return backend

    # -- writes ---------------------------------------------------------------
    def test_rebuild_and_indexed_ids(self, loaded, corpus):
        assert loaded.indexed_ids() == {p.pk for p in corpus.values()}

    def test_delete(self, loaded, corpus):
        loaded.delete([corpus["taalcafe"].pk, 999_999])
        assert corpus["taalcafe"].pk not in loaded.indexed_ids()
        assert "Taalcafé Lisse" not in titles(loaded.search(SearchQuery(text="taalcafé")))

    def test_index_replaces(self, loaded, corpus):
        from search.documents import documents_for_ids

        page = corpus["taalcafe"]
        page.title = "Praatcafé Lisse"
        page.save()
        docs, _ = documents_for_ids([page.pk])
        loaded.index(docs)
        assert titles(loaded.search(SearchQuery(text="praatcafé"))) == ["Praatcafé Lisse"]
        assert titles(loaded.search(SearchQuery(text="taalcafé"))) == []

    # -- text -----------------------------------------------------------------
    def test_highlight_is_escaped_with_marks(self, loaded):
        hit = loaded.search(SearchQuery(text="koffie")).hits[0]
        assert "<mark>" in hit.highlight
        assert "<script" not in hit.highlight

    def test_query_syntax_is_just_text(self, loaded):
        for text in [
            '"koffie',
            "koffie:",
            "koffie*",
            "(koffie",
            "koffie AND",
            "'; DROP TABLE search_searchdocument; --",
            "!!!",
            "&|<>",
        ]:
            results = loaded.search(SearchQuery(text=text))
            assert results.total >= 0  # answered, no exception

    # -- place ----------------------------------------------------------------
    def test_radius_and_distance_sort(self, loaded, corpus):
        results = loaded.search(SearchQuery(near=DORDRECHT, radius_km=5, sort="distance"))
        # The initiative, four listings and the meeting place in Dordrecht; not Lisse.
        assert results.total == 6
        distances = [h.distance_km for h in results.hits]
        assert distances == sorted(distances)
        assert distances[0] == pytest.approx(0, abs=0.05)
        assert max(distances) < 5

    def test_nearest_first_when_a_place_is_given(self, loaded):
        results = loaded.search(SearchQuery(text="wandelen", near=LISSE, radius_km=100))
        assert titles(results)[0] == "Bollenwandeling"

    # -- filters ----------------------------------------------------------------
    def test_types_and_type_facet(self, loaded):
        results = loaded.search(SearchQuery(text="wandel", types=("vacancy",)))
        assert titles(results) == ["Vrijwilliger voor de wandelgroep"]
        by_type = {f.key: f.count for f in results.facets["type"]}
        # The type facet ignores the type filter, so people see what else there is.
        assert by_type["activity"] == 2 and by_type["vacancy"] == 1

    def test_theme_filter_and_facets(self, loaded):
        results = loaded.search(SearchQuery(themes=("mantelzorg",)))
        assert titles(results) == ["Mantelzorgcafé Dordrecht"]
        everything = loaded.search(SearchQuery(near=DORDRECHT, radius_km=100))
        themes = {f.key: (f.label, f.count) for f in everything.facets["theme"]}
        assert themes["gezondheid-en-bewegen"] == ("Gezondheid en bewegen", 3)

    def test_wijk_facet_counts(self, loaded, corpus):
        results = loaded.search(SearchQuery(near=DORDRECHT, radius_km=100))
        assert isinstance(results.facets["wijk"], list)

    def test_in_a_gemeente(self, backend, corpus):
        """A named gemeente is searched in its boundary (docs/places.md): the
        listings whose municipality it is, however far from its centre."""
        from initiatives.areas import assign_areas, listing_models
        from tests.factories import MunicipalityFactory, square

        dordrecht = MunicipalityFactory(name="Dordrecht", boundary=square(4.67, 51.81, 0.05))
        for model in listing_models():
            assign_areas(model)
        backend.rebuild(all_documents())
        results = backend.search(SearchQuery(near=DORDRECHT, municipality_id=dordrecht.pk))
        assert results.total > 0
        assert {hit.municipality for hit in results.hits} == {"Dordrecht"}
        assert not any("Lisse" in t for t in titles(results))
        everything = backend.search(SearchQuery(near=DORDRECHT, radius_km=100))
        assert everything.total > results.total

    def test_free_only_keeps_free_activities(self, loaded):
        results = loaded.search(SearchQuery(text="wandelen", free_only=True))
        assert titles(results) == ["Wandelgroep De Stappers"]

    def test_date_window(self, loaded):
        today = timezone.localdate()
        results = loaded.search(
            SearchQuery(
                date_from=today + dt.timedelta(days=1), date_to=today + dt.timedelta(days=1)
            )
        )
        assert titles(results) == ["Koffieochtend in de buurtkamer"]

    def test_weekday(self, loaded):
        today = timezone.localdate()
        results = loaded.search(SearchQuery(weekdays=(today.weekday(),)))
        assert "Wandelgroep De Stappers" in titles(results)
        assert "Koffieochtend in de buurtkamer" not in titles(results)

    def test_sort_by_date(self, loaded, monkeypatch):
        # Early in the day, so today's walk has not ended yet (by the
        # afternoon it comes after the others: tests/search/test_next_date.py).
        early = dt.datetime.combine(
            timezone.localdate(), dt.time(0, 1), tzinfo=timezone.get_current_timezone()
        )
        monkeypatch.setattr(timezone, "now", lambda: early)
        results = loaded.search(SearchQuery(types=("activity",), sort="date"))
        dates = [h.next_date for h in results.hits]
        assert dates == sorted(dates)
        assert results.hits[0].title == "Wandelgroep De Stappers"

    def test_open_now_and_open_on(self, loaded):
        monday_ten = dt.datetime.combine(
            dt.date(2026, 1, 5), dt.time(10), tzinfo=timezone.get_current_timezone()
        )
        results = loaded.search(SearchQuery(open_at_minute=minute_of_week(monday_ten)))
        assert titles(results) == ["Huiskamer van de wijk"]
        # Friday 19:00-01:00 is open on Saturday 00:30 too.
        saturday = dt.datetime.combine(
            dt.date(2026, 1, 10), dt.time(0, 30), tzinfo=timezone.get_current_timezone()
        )
        results = loaded.search(SearchQuery(open_at_minute=minute_of_week(saturday)))
        assert titles(results) == ["Avondinloop"]
        assert set(titles(loaded.search(SearchQuery(open_on=4)))) == {
            "Huiskamer van de wijk",
            "Avondinloop",
        }
        assert titles(loaded.search(SearchQuery(open_on=6))) == []

    def test_hits_say_whether_a_meeting_place_is_open_now(self, loaded, monkeypatch):
        """From the opening hours the index returns with the hit: the cards
        say "Nu open" or "Nu gesloten" without a query per card."""
        tz = timezone.get_current_timezone()
        moments = {
            dt.datetime(2026, 1, 5, 10, tzinfo=tz): ("open", "closed"),  # Monday 10:00
            dt.datetime(2026, 1, 10, 0, 30, tzinfo=tz): ("closed", "open"),  # Saturday 00:30
        }
        for moment, expected in moments.items():
            monkeypatch.setattr(timezone, "now", lambda moment=moment: moment)
            hits = {h.title: h for h in loaded.search(SearchQuery(types=("meeting_place",))).hits}
            said = tuple(
                "open" if hits[title].open_now else "closed"
                for title in ("Huiskamer van de wijk", "Avondinloop")
            )
            assert said == expected, moment
        # Not a meeting place, or no opening hours: nothing is said.
        assert {h.open_now for h in loaded.search(SearchQuery(types=("activity",))).hits} == {None}

    def test_languages_filter_and_facet(self, loaded, corpus):
        """Any of the languages asked for (issue 20); a listing that chose
        none speaks Dutch, so "nl" finds it too."""
        results = loaded.search(SearchQuery(languages=("uk",)))
        assert set(titles(results)) == {"Taalcafé Lisse", "Koffieochtend in de buurtkamer"}
        results = loaded.search(SearchQuery(languages=("ar", "pl")))
        assert titles(results) == ["Koffieochtend in de buurtkamer"]
        assert results.hits[0].languages == ("ar", "uk")
        dutch = loaded.search(SearchQuery(languages=("nl",), per_page=100))
        assert "Koffieochtend in de buurtkamer" not in titles(dutch)
        assert "Taalcafé Lisse" in titles(dutch)
        assert dutch.total == len(corpus) - 1
        everything = loaded.search(SearchQuery(near=DORDRECHT, radius_km=100))
        spoken = {f.key: (f.label, f.count) for f in everything.facets["language"]}
        assert spoken["uk"] == ("Oekraïens", 2)
        assert spoken["ar"] == ("Arabisch", 1)
        assert spoken["nl"] == ("Nederlands", len(corpus) - 1)
        # With words and a type, as the search page asks.
        asked = SearchQuery(text="taalcafé", languages=("uk",), types=("activity",))
        results = loaded.search(asked)
        assert titles(results) == ["Taalcafé Lisse"]

    def test_wheelchair(self, loaded):
        results = loaded.search(SearchQuery(wheelchair=True))
        assert set(titles(results)) == {"Wandelgroep De Stappers", "Huiskamer van de wijk"}

    def test_paging(self, loaded):
        first = loaded.search(SearchQuery(near=WIELWIJK, radius_km=100, per_page=4))
        second = loaded.search(SearchQuery(near=WIELWIJK, radius_km=100, per_page=4, page=2))
        assert first.total == second.total == 11
        assert first.pages == 3
        assert not set(titles(first)) & set(titles(second))


# A labelled Dutch query set: (query, place, expected in the top 3).
RELEVANCE = [
    ("wandelen", None, {"Wandelgroep De Stappers", "Bollenwandeling"}),
    ("wandelgroep", None, {"Wandelgroep De Stappers", "Vrijwilliger voor de wandelgroep"}),
    ("wandeling", None, {"Bollenwandeling"}),
    ("koffie", None, {"Koffieochtend in de buurtkamer"}),
    ("vrijwiliger", None, {"Vrijwilliger voor de wandelgroep", "Vrijwillige chauffeur"}),
    ("mantelzorg", None, {"Mantelzorgcafé Dordrecht"}),
    ("mantelzorgers", None, {"Mantelzorgcafé Dordrecht"}),
    ("taalcafe", None, {"Taalcafé Lisse"}),
    ("chauffeur", None, {"Vrijwillige chauffeur"}),
    ("buurtkamer", None, {"Koffieochtend in de buurtkamer"}),
    ("wandelen", "lisse", {"Bollenwandeling"}),
    ("wandelen", "dordrecht", {"Wandelgroep De Stappers"}),
]


class RelevanceContract:
    @pytest.mark.parametrize(("text", "place", "expected"), RELEVANCE)
    def test_expected_in_top_3(self, loaded, text, place, expected):
        near = {"lisse": LISSE, "dordrecht": DORDRECHT, None: None}[place]
        results = loaded.search(SearchQuery(text=text, near=near, radius_km=100 if near else None))
        top = titles(results)[:3]
        assert expected <= set(top), f"{text!r}: {top}"

    def test_nearest_first_for_the_same_text(self, loaded):
        from_lisse = titles(loaded.search(SearchQuery(text="wandel", near=LISSE, radius_km=100)))
        from_dordt = titles(
            loaded.search(SearchQuery(text="wandel", near=DORDRECHT, radius_km=100))
        )
        assert from_lisse[0] == "Bollenwandeling"
        assert from_dordt[0] != "Bollenwandeling"
