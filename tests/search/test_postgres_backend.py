import pytest

from search.backends.postgres import PostgresBackend, tsquery_text
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
