import pytest

from search.backends.postgres import PostgresBackend, tsquery_text
from search.documents import all_documents, documents_for_ids
from search.models import SearchTerm
from search.query import SearchQuery
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
    assert tsquery_text(text) == expected


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

    def test_nonsense_is_not_corrected_into_something(self, loaded):
        results = loaded.search(SearchQuery(text="xqzvjk"))
        assert results.total == 0 and results.corrected == ""
