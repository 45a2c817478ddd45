"""Conditional GET on feeds and the API, and nothing personal in a shared
cache (core/conditional.py)."""

import pytest

from tests.factories import ActivityPageFactory, InitiativePageFactory, UserFactory

pytestmark = pytest.mark.django_db

PERSONAL = ["/profiel/", "/inbox/", "/mijn-reacties/", "/voor-jou/", "/mijn-gegevens/"]


@pytest.fixture
def activity(index):
    initiative = InitiativePageFactory(parent=index, title="Buurthuis")
    return ActivityPageFactory(parent=initiative, title="Koffie")


@pytest.mark.parametrize(
    "url",
    ["/api/v2/pages/?type=initiatives.ActivityPage", "/activiteiten/agenda.ics", "ACTIVITY_ICS"],
)
def test_not_modified_until_something_is_published(client, activity, url):
    url = url.replace("ACTIVITY_ICS", f"/activiteiten/{activity.pk}/agenda.ics")
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"]
    assert "public" in first["Cache-Control"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    activity.title = "Koffie en thee"
    activity.save_revision().publish()
    fresh = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert fresh.status_code == 200 and fresh["ETag"] != first["ETag"]


def test_a_logged_in_request_gets_no_etag_and_no_shared_caching(client, activity):
    url = "/api/v2/pages/?type=initiatives.ActivityPage"
    etag = client.get(url)["ETag"]
    client.force_login(UserFactory())
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "ETag" not in response and "public" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("url", PERSONAL)
def test_personal_pages_are_never_shared_cacheable(client, url):
    client.force_login(UserFactory())
    response = client.get(url)
    assert response.status_code in (200, 302), url
    assert "public" not in response.get("Cache-Control", "")
    assert "ETag" not in response
    vary = response.get("Vary", "").lower()
    assert "cookie" in vary or "private" in response.get("Cache-Control", "")
