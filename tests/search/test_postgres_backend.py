import pytest
from django.db import connection

from search import geohash
from search.backends.postgres import PostgresBackend, candidates, typos
from search.backends.postgres.text import tsquery_for
from search.documents import all_documents, documents_for_ids
from search.models import SearchDocument, SearchTerm
from search.query import SearchQuery
from tests.search.conftest import DORDRECHT
from tests.search.contract import RelevanceContract, SearchBackendContract


class TestPostgresBackend(SearchBackendContract, RelevanceContract):
    @pytest.fixture
    def backend(self, db):
        return PostgresBackend()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("wandelen", "wandelen:*"),
        ('"koffie" AND (thee)', "koffie:* & and:* & thee:*"),
        ("a", ""),
        ("'; DROP TABLE x; --", "drop:* & table:*"),
        ("café ", "café:*"),
        (
            "één twee drie vier vijf zes zeven acht negen tien",
            " & ".join(
                f"{w}:*" for w in ["één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht"]
            ),
        ),
    ],
)
def test_tsquery_text_keeps_only_words(text, expected):
    assert tsquery_for(SearchQuery(text=text)) == expected


@pytest.mark.django_db
class TestTypoCorrection:
    @pytest.fixture
    def loaded(self, corpus):
        backend = PostgresBackend()
        backend.rebuild(all_documents())
        return backend

    def test_rebuild_fills_the_vocabulary_from_titles_and_summaries(self, loaded):
        words = set(SearchTerm.objects.values_list("word", flat=True))
        assert {"wandelgroep", "bollenwandeling", "vrijwilliger", "koffieochtend"} <= words
        # Short words and numbers are no use as corrections.
        assert not {w for w in words if len(w) < 3 or w.isdigit()}

    def test_index_adds_new_words(self, loaded, corpus):
        page = corpus["taalcafe"]
        page.title = "Praatcafé Lisse"
        page.save()
        docs, _ = documents_for_ids([page.pk])
        loaded.index(docs)
        assert SearchTerm.objects.filter(word="praatcafé").exists()

    def test_a_typo_is_corrected_and_says_so(self, loaded):
        results = loaded.search(SearchQuery(text="wandelgroepp"))
        assert results.corrected == "wandelgroep"
        assert "Wandelgroep De Stappers" in [h.title for h in results.hits]

    def test_each_word_is_corrected_on_its_own(self, loaded):
        results = loaded.search(SearchQuery(text="koffieochtent buurtkamr"))
        assert results.corrected == "koffieochtend buurtkamer"
        assert results.hits[0].title == "Koffieochtend in de buurtkamer"

    def test_a_query_that_finds_something_is_left_alone(self, loaded):
        results = loaded.search(SearchQuery(text="wandelgroep"))
        assert results.corrected == "" and results.total >= 1

    def test_only_words_no_listing_contains_are_corrected(self, loaded):
        results = loaded.search(SearchQuery(text="koffieochtent buurtkamer"))
        assert results.corrected == "koffieochtend buurtkamer"

    def test_known_words_that_find_nothing_together_are_left_alone(self, loaded):
        # Both words exist, just not in one listing: no 'did you mean'.
        results = loaded.search(SearchQuery(text="wandelgroep koffieochtend"))
        assert results.total == 0 and results.corrected == ""

    def test_nonsense_is_not_corrected_into_something(self, loaded):
        results = loaded.search(SearchQuery(text="xqzvjk"))
        assert results.total == 0 and results.corrected == ""


@pytest.mark.django_db
class TestCandidates:
    """Counting and ranking over candidates: exact when they hold every match,
    a lower bound (capped) when not, and the same page either way."""

    @pytest.fixture
    def loaded(self, corpus):
        backend = PostgresBackend()
        backend.rebuild(all_documents())
        return backend

    def ids(self, results):
        return [hit.id for hit in results.hits]

    def test_the_nearest_listings_are_enough_for_the_page(self, loaded, monkeypatch):
        q = SearchQuery(near=DORDRECHT, radius_km=100, sort="distance", per_page=2)
        everything = loaded.search(q)
        monkeypatch.setattr(candidates, "PROBE", 3)
        probed = loaded.search(q)
        assert probed.capped and not everything.capped
        assert probed.total == 3 < everything.total  # a lower bound
        assert self.ids(probed) == self.ids(everything)
        assert sum(f.count for f in probed.facets["type"]) == 3

    def test_a_probe_that_reaches_the_radius_is_exact(self, loaded, monkeypatch):
        monkeypatch.setattr(candidates, "PROBE", 50)
        results = loaded.search(SearchQuery(near=DORDRECHT, radius_km=5, sort="distance"))
        assert not results.capped and results.total == 6

    def test_too_few_matches_nearby_searches_the_whole_radius(self, loaded, monkeypatch):
        monkeypatch.setattr(candidates, "PROBE", 3)
        results = loaded.search(SearchQuery(text="bollenwandeling", near=DORDRECHT, radius_km=100))
        assert [h.title for h in results.hits] == ["Bollenwandeling"]
        assert results.total == 1 and not results.capped
        assert results.hits[0].distance_km == pytest.approx(50, abs=2)

    def test_too_few_matches_nearby_look_in_a_ring_before_the_radius(self, loaded, monkeypatch):
        # The 3 nearest hold at most one 'wandel' listing, the page needs 2:
        # the probe reached 2.5 km, so the ring is 10 km.
        q = SearchQuery(text="wandel", near=DORDRECHT, radius_km=100, sort="distance", per_page=2)
        everything = loaded.search(q)
        asked = []
        cover = geohash.cover
        monkeypatch.setattr(geohash, "cover", lambda *a: asked.append(a[2]) or cover(*a))
        monkeypatch.setattr(candidates, "PROBE", 3)
        ringed = loaded.search(q)
        assert asked == [pytest.approx(4 * 2_500, rel=0.05)]  # the ring, not the radius
        assert ringed.capped
        assert self.ids(ringed) == self.ids(everything) != []

    def test_pages_past_the_candidates_are_ordered_over_every_match(self, loaded, monkeypatch):
        q = SearchQuery(near=DORDRECHT, radius_km=100, sort="distance", per_page=2, page=3)
        everything = loaded.search(q)
        monkeypatch.setattr(candidates, "PROBE", 3)
        assert self.ids(loaded.search(q)) == self.ids(everything) != []

    def test_without_a_place_counting_stops_at_the_cap(self, loaded, monkeypatch):
        q = SearchQuery(text="wandel", per_page=1)
        everything = loaded.search(q)
        assert everything.total >= 3 and not everything.capped
        monkeypatch.setattr(candidates, "COUNT_CAP", 2)
        capped = loaded.search(q)
        assert capped.capped and capped.total == 2

    def test_the_type_filter_keeps_the_other_types_in_the_type_facet(self, loaded):
        results = loaded.search(SearchQuery(near=DORDRECHT, radius_km=5, types=("vacancy",)))
        counts = {f.key: f.count for f in results.facets["type"]}
        assert results.total == counts["vacancy"] >= 1
        assert counts["activity"] >= 1 and {h.type for h in results.hits} == {"vacancy"}

    def test_a_type_too_rare_nearby_still_counts_the_other_types(self, loaded, monkeypatch):
        # The nearest 3 hold no initiative: the typed search runs on its own
        # and the other types keep the counts the probe saw.
        monkeypatch.setattr(candidates, "PROBE", 3)
        q = SearchQuery(near=DORDRECHT, radius_km=100, types=("initiative",), sort="distance")
        results = loaded.search(q)
        counts = {f.key: f.count for f in results.facets["type"]}
        assert {h.type for h in results.hits} == {"initiative"}
        assert counts["initiative"] == results.total >= 1
        assert 1 <= sum(n for key, n in counts.items() if key != "initiative") <= 3

    def test_filters_no_listing_can_meet_find_nothing(self, loaded):
        # "free" is about activities; a vacancy is never free or not.
        results = loaded.search(SearchQuery(text="koffie", types=("vacancy",), free_only=True))
        assert results.total == 0 and results.hits == [] and results.corrected == ""


@pytest.mark.django_db
class TestUnknownWords:
    @pytest.fixture
    def loaded(self, corpus):
        PostgresBackend().rebuild(all_documents())

    @pytest.mark.parametrize(
        ("words", "unknown"),
        [
            (["wandelen"], set()),  # stem 'wandel' starts 'wandelgroep'
            (["vrijwiliger", "koffie"], {"vrijwiliger"}),
            (["de", "xqzvjk"], {"xqzvjk"}),  # a stop word is known
        ],
    )
    def test_words_whose_stem_starts_no_vocabulary_word(self, loaded, words, unknown):
        assert typos.unknown_words(words) == unknown


@pytest.mark.django_db
def test_a_rebuild_keeps_the_per_type_indexes_partial(corpus):
    PostgresBackend().rebuild(all_documents())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE 'searchdoc_near_%%'"
        )
        indexes = dict(cursor.fetchall())
    assert len(indexes) == 4
    assert all(f"= '{name.removeprefix('searchdoc_near_')}'" in d for name, d in indexes.items())


@pytest.mark.django_db
def test_tags_hold_type_filters_and_cells(corpus):
    PostgresBackend().rebuild(all_documents())
    doc = SearchDocument.objects.filter(type="activity", free=True).first()
    lat, lon = doc.location.y, doc.location.x
    assert {"t:activity", "free"} | {f"th:{t}" for t in doc.themes} <= set(doc.tags)
    assert {f"g{p}:{geohash.encode(lat, lon, p)}" for p in geohash.PRECISIONS} <= set(doc.tags)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("koffie", "'koffie':*"),  # a prefix: finds koffieochtend
        ("samen eten", "'sam' & 'eten':*"),  # 'sam' whole, not every 'sam…' word
        ("de", ""),  # only a stop word
    ],
)
def test_short_stems_match_whole_words(text, expected):
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_query(%s)::text", [tsquery_for(SearchQuery(text=text))])
        assert cursor.fetchone()[0] == expected


@pytest.mark.django_db
def test_listed_looks_up_only_the_ids_asked_for(corpus, django_assert_num_queries):
    PostgresBackend().rebuild(all_documents())
    asked = [corpus["taalcafe"].pk, corpus["huiskamer"].pk, 999_999]
    with django_assert_num_queries(1) as captured:
        listed = PostgresBackend().listed(asked)
    assert listed == {corpus["taalcafe"].pk, corpus["huiskamer"].pk}
    assert "WHERE" in captured.captured_queries[0]["sql"]  # not a scan of every id
    with django_assert_num_queries(0):
        assert PostgresBackend().listed([]) == set()
