"""The Open Referral HSDS export."""

import datetime as dt
import uuid

import pytest

from initiatives.models import OpeningHours
from tests.factories import (
    ActivityPageFactory,
    InitiativePageFactory,
    MeetingPlacePageFactory,
    VacancyPageFactory,
)

pytestmark = pytest.mark.django_db

# Required by the HSDS 3.0 schemas for each object (organization.json, service.json,
# location.json, service_at_location.json, address.json).
REQUIRED = {
    "organizations": {"id", "name", "description"},
    "services": {"id", "name", "status"},
    "locations": {"id", "location_type"},
    "service_at_locations": {"id", "service_id", "location_id"},
}
ADDRESS_REQUIRED = {
    "id",
    "address_1",
    "city",
    "state_province",
    "postal_code",
    "country",
    "address_type",
}


@pytest.fixture
def data(client, index):
    initiative = InitiativePageFactory(
        parent=index, title="Buurthuis De Sleutel", phone="078-1234567"
    )
    place = MeetingPlacePageFactory(
        parent=initiative,
        title="Huiskamer",
        street="Wielwijkplein",
        house_number="1",
        postcode="3317 AB",
    )
    OpeningHours.objects.create(page=place, weekday=1, opens=dt.time(9), closes=dt.time(12))
    ActivityPageFactory(parent=initiative, title="Koffieochtend")
    VacancyPageFactory(parent=initiative, title="Gastvrouw")
    draft = ActivityPageFactory(parent=initiative, title="Nog niet gepubliceerd")
    draft.unpublish()
    response = client.get("/open-data/hsds.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    return response.json()


def test_required_fields_and_uuids(data):
    for kind, required in REQUIRED.items():
        assert data[kind], kind
        for item in data[kind]:
            assert required <= {k for k, v in item.items() if v not in (None, "")}, (kind, item)
            uuid.UUID(item["id"])
    for location in data["locations"]:
        for address in location["addresses"]:
            assert set(address) >= ADDRESS_REQUIRED


def test_services_are_live_activities_and_meeting_places_linked_to_their_initiative(data):
    [organization] = data["organizations"]
    assert organization["name"] == "Buurthuis De Sleutel"
    assert organization["phones"][0]["number"] == "078-1234567"
    names = {s["name"] for s in data["services"]}
    assert names == {"Huiskamer", "Koffieochtend"}  # no vacancy, no draft
    assert {s["organization_id"] for s in data["services"]} == {organization["id"]}
    service_ids = {s["id"] for s in data["services"]}
    location_ids = {loc["id"] for loc in data["locations"]}
    for link in data["service_at_locations"]:
        assert link["service_id"] in service_ids and link["location_id"] in location_ids


def test_opening_hours_and_addresses(data):
    place = next(s for s in data["services"] if s["name"] == "Huiskamer")
    assert place["schedules"][0] | {"id": None} == {
        "id": None,
        "service_id": place["id"],
        "freq": "WEEKLY",
        "byday": "TU",
        "opens_at": "09:00",
        "closes_at": "12:00",
    }
    location = next(loc for loc in data["locations"] if loc["name"] == "Huiskamer")
    assert location["addresses"][0]["address_1"] == "Wielwijkplein 1"
    assert location["latitude"] == pytest.approx(51.8133)


def test_ids_are_stable_between_exports(client, data):
    again = client.get("/open-data/hsds.json?fresh=1").json()
    assert [o["id"] for o in again["organizations"]] == [o["id"] for o in data["organizations"]]
