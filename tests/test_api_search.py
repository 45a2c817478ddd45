"""``/api/v2/pages/?search=`` has a length and a word limit: Wagtail builds one
nested query node per word, and some 150 words were a RecursionError (500)."""

import pytest

from api.views import MAX_SEARCH_LENGTH, MAX_SEARCH_WORDS
from tests.factories import ActivityPageFactory, InitiativePageFactory

pytestmark = pytest.mark.django_db
URL = "/api/v2/pages/"


@pytest.mark.parametrize("operator", ["and", "or"])
@pytest.mark.parametrize("words", [MAX_SEARCH_WORDS + 1, 200, 1000])
def test_too_many_words_is_a_400_with_a_message(client, index, words, operator):
    query = " ".join(["a"] * words)
    response = client.get(URL, {"search": query, "search_operator": operator})
    assert response.status_code == 400
    assert response.json() == {"message": f"search can have at most {MAX_SEARCH_WORDS} words"}


def test_too_long_is_a_400_with_a_message(client, index):
    response = client.get(URL, {"search": "koffie" * 40})
    assert response.status_code == 400
    assert response.json() == {
        "message": f"search can be at most {MAX_SEARCH_LENGTH} characters long"
    }


def test_a_search_within_the_limits_still_finds(client, index):
    initiative = InitiativePageFactory(parent=index)
    ActivityPageFactory(parent=initiative, title="Koffieochtend in de bibliotheek")
    words = " ".join(["koffieochtend"] * MAX_SEARCH_WORDS)[:MAX_SEARCH_LENGTH]
    for query in ("koffieochtend", words):
        response = client.get(URL, {"search": query, "search_operator": "or"})
        assert response.status_code == 200, query
        assert [i["title"] for i in response.json()["items"]] == ["Koffieochtend in de bibliotheek"]
