"""The Open Referral HSDS export."""

import datetime as dt
import json
import uuid
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from initiatives.hsds import export
from initiatives.models import ActivityPage, MeetingPlacePage, OpeningHours, Theme
from initiatives.schedule import aware
from tests.factories import (
    ActivityPageFactory,
    InitiativePageFactory,
    MeetingPlacePageFactory,
    VacancyPageFactory,
)

pytestmark = pytest.mark.django_db

# Required by the HSDS schemas for each object (organization.json, service.json,
# location.json, service_at_location.json, address.json); the schemas let a required
# string be "", this checks that the fields that matter are filled. The full check
# against the official schemas is further down.
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
    coffee = ActivityPageFactory(
        parent=initiative,
        title="Koffieochtend",
        is_free=False,
        cost=Decimal("2.50"),
        cost_note="koffie inbegrepen",
        accessibility=["wheelchair", "hearing_loop"],
    )
    coffee.themes.add(Theme.objects.create(name="Ontmoeten", slug="ontmoeten"))
    coffee.save()
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
    # Times carry their offset from UTC (HSDS asks for it): today's, in Amsterdam.
    offset = aware(timezone.localdate(), dt.time(9)).strftime("%z")
    offset = f"{offset[:3]}:{offset[3:]}"
    assert place["schedules"][0] | {"id": None} == {
        "id": None,
        "service_id": place["id"],
        "freq": "WEEKLY",
        "interval": 1,
        "wkst": "MO",
        "byday": "TU",
        "opens_at": "09:00" + offset,
        "closes_at": "12:00" + offset,
    }
    location = next(loc for loc in data["locations"] if loc["name"] == "Huiskamer")
    assert location["addresses"][0]["address_1"] == "Wielwijkplein 1"
    assert location["latitude"] == pytest.approx(51.8133)


def test_ids_are_stable_between_exports(client, data):
    again = client.get("/open-data/hsds.json?fresh=1").json()
    assert [o["id"] for o in again["organizations"]] == [o["id"] for o in data["organizations"]]


# -- validation against the official Open Referral JSON Schemas --------------------------
# The schema files are vendored verbatim in hsds_schema/ (see its README.md). They refer
# to each other by relative $ref ("phone.json"), resolved against each file's $id.
SCHEMA_DIR = Path(__file__).parent / "hsds_schema"
SCHEMAS = {
    "organizations": "organization.json",
    "services": "service.json",
    "locations": "location.json",
    "service_at_locations": "service_at_location.json",
    "taxonomy_terms": "taxonomy_term.json",
}


def _registry() -> Registry:
    resources = [
        Resource.from_contents(
            json.loads(path.read_text(encoding="utf-8")), default_specification=DRAFT202012
        )
        for path in sorted(SCHEMA_DIR.glob("*.json"))
    ]
    return Registry().with_resources((resource.id(), resource) for resource in resources)


REGISTRY = _registry()
# jsonschema checks "uuid" and "email" itself; "uri" only with an optional package, so
# check that ourselves: an absolute URL, as other systems need to follow it.
FORMATS = FormatChecker()


@FORMATS.checks("uri")
def _absolute_uri(value) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme and parts.netloc)


def _validator(schema_file: str) -> Draft202012Validator:
    [base] = {uri for uri in REGISTRY if uri.endswith("/" + schema_file)}
    return Draft202012Validator({"$ref": base}, registry=REGISTRY, format_checker=FORMATS)


def _errors(data: dict) -> list[str]:
    errors = []
    for kind, schema_file in SCHEMAS.items():
        validator = _validator(schema_file)
        for item in data[kind]:
            for error in validator.iter_errors(item):
                path = "/".join(str(p) for p in error.absolute_path)
                errors.append(f"{kind}[{item.get('name', item['id'])}]/{path}: {error.message}")
    return errors


def test_the_vendored_schemas_load_resolve_and_catch_errors():
    for schema_file in SCHEMAS.values():
        Draft202012Validator.check_schema(json.loads((SCHEMA_DIR / schema_file).read_text()))
    assert all(
        uri.startswith("https://raw.githubusercontent.com/openreferral/") for uri in REGISTRY
    )
    # The nested objects the export uses are there to $ref.
    for nested in ("phone.json", "schedule.json", "address.json"):
        _validator(nested)
    # And the validator does catch what the schemas forbid.
    bad = {"id": "1", "name": "x", "status": "open", "url": "/relative", "schedules": [{}]}
    messages = {e.message for e in _validator("service.json").iter_errors(bad)}
    assert "'1' is not a 'uuid'" in messages
    assert (
        "'open' is not one of ['active', 'inactive', 'defunct', 'temporarily closed']" in messages
    )
    assert "'/relative' is not a 'uri'" in messages
    assert "'id' is a required property" in messages  # in the schedule


def test_export_validates_against_the_official_schemas(data):
    assert all(data[kind] for kind in SCHEMAS)
    assert _errors(data) == []


@pytest.fixture
def sparse(index):
    """What may be empty: an initiative without e-mail or phone; an activity without an
    intro, an end time or a point on the map (the page forms ask for them, but older or
    imported pages may lack them); a meeting place with neither hours nor address."""
    initiative = InitiativePageFactory(parent=index, title="Zonder gegevens", email="")
    walk = ActivityPageFactory(parent=initiative, title="Wandelen", town="Zwijndrecht")
    ActivityPage.objects.filter(pk=walk.pk).update(intro="", end_time=None, location=None)
    nowhere = MeetingPlacePageFactory(parent=initiative, title="Ergens")
    MeetingPlacePage.objects.filter(pk=nowhere.pk).update(location=None, town="")
    return export()


def test_sparse_pages_validate_too(sparse):
    assert _errors(sparse) == []
    [organization] = sparse["organizations"]
    assert "email" not in organization and organization["phones"] == []
    walk = next(loc for loc in sparse["locations"] if loc["name"] == "Wandelen")
    assert "latitude" not in walk and walk["addresses"][0]["city"] == "Zwijndrecht"
    assert [loc["name"] for loc in sparse["locations"]] == ["Wandelen"]  # "Ergens" is nowhere


def test_a_full_initiative_validates(data, index):
    InitiativePageFactory(parent=index, title="Met alles", email="info@example.nl", phone="078")
    fresh = export()
    assert _errors(fresh) == []
    full = next(o for o in fresh["organizations"] if o["name"] == "Met alles")
    assert full["email"] == "info@example.nl" and full["phones"][0]["number"] == "078"


def test_queries_do_not_grow_with_the_activities(index, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    initiative = InitiativePageFactory(parent=index)
    ActivityPageFactory(parent=initiative)
    export()  # once for what is cached (the site's root paths)
    with CaptureQueriesContext(connection) as few:
        export()
    for _ in range(5):
        ActivityPageFactory(parent=initiative)
    with django_assert_num_queries(len(few)):
        assert len(export()["services"]) == 6
