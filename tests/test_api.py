"""Wagtail's API v2 for pages (/api/v2/pages/)."""

import pytest

from tests.factories import ActivityPageFactory, InitiativePageFactory

pytestmark = pytest.mark.django_db


def test_pages_api_lists_live_activities_with_their_place(client, index):
    initiative = InitiativePageFactory(parent=index, title="Buurthuis De Sleutel")
    ActivityPageFactory(parent=initiative, title="Koffieochtend", street="Wielwijkplein")
    draft = ActivityPageFactory(parent=initiative, title="Concept")
    draft.unpublish()
    response = client.get(
        "/api/v2/pages/",
        {"type": "initiatives.ActivityPage", "fields": "intro,address_line,latitude,longitude"},
    )
    assert response.status_code == 200
    items = response.json()["items"]
    assert [i["title"] for i in items] == ["Koffieochtend"]
    assert items[0]["latitude"] == pytest.approx(51.8133)
    assert items[0]["address_line"].startswith("Wielwijkplein")
    assert items[0]["meta"]["type"] == "initiatives.ActivityPage"


def test_pages_api_rejects_a_bad_filter_with_a_json_error(client):
    response = client.get("/api/v2/pages/", {"type": "nonsense"})
    assert response.status_code == 400
    assert "message" in response.json()
