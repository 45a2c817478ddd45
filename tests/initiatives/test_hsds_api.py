"""The paged HSDS endpoints (HSDA shape), the dump from export_hsds, the
monthly rules, invalidation on publish and conditional GET."""

import datetime as dt
import gzip
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.hsds import activity_schedule
from tests.factories import ActivityPageFactory, InitiativePageFactory, MeetingPlacePageFactory
from tests.initiatives.test_hsds import _validator

pytestmark = pytest.mark.django_db

PAGE_KEYS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}


@pytest.fixture
def seven(index):
    initiative = InitiativePageFactory(parent=index, title="Buurthuis")
    place = MeetingPlacePageFactory(parent=initiative, title="Huiskamer")
    return [initiative, place] + [
        ActivityPageFactory(parent=initiative, title=f"Activiteit {n}") for n in range(6)
    ]


def test_services_page_in_the_hsda_shape(client, seven):
    first = client.get("/open-data/hsds/services?per_page=3").json()
    assert set(first) >= PAGE_KEYS
    assert (first["total_items"], first["total_pages"], first["size"]) == (7, 3, 3)
    assert first["first_page"] and not first["last_page"] and not first["empty"]
    last = client.get("/open-data/hsds/services?per_page=3&page=3").json()
    assert (last["page_number"], last["size"], last["last_page"]) == (3, 1, True)
    beyond = client.get("/open-data/hsds/services?per_page=3&page=9").json()
    assert beyond["empty"] and beyond["contents"] == []
    names = [
        s["name"]
        for n in (1, 2, 3)
        for s in client.get(f"/open-data/hsds/services?per_page=3&page={n}").json()["contents"]
    ]
    assert sorted(names) == sorted(p.title for p in seven[1:])
    validator = _validator("service.json")
    for item in first["contents"]:
        assert list(validator.iter_errors(item)) == []


def test_organizations_and_locations(client, seven):
    orgs = client.get("/open-data/hsds/organizations").json()
    assert [o["name"] for o in orgs["contents"]] == ["Buurthuis"]
    locs = client.get("/open-data/hsds/locations?per_page=100").json()
    assert locs["total_items"] == 7 and len(locs["contents"]) == 7
    validator = _validator("location.json")
    assert all(list(validator.iter_errors(item)) == [] for item in locs["contents"])


@pytest.mark.parametrize(
    "query", ["page=0", "page=x", "per_page=0", "per_page=101", "page=-1", "per_page=1e3"]
)
def test_bad_paging_is_a_json_400_in_dutch(client, seven, query):
    response = client.get(f"/open-data/hsds/services?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "moet" in response.json()["error"]


def test_one_service_by_its_id(client, seven):
    listed = client.get("/open-data/hsds/services?per_page=100").json()["contents"]
    wanted = listed[4]
    response = client.get(f"/open-data/hsds/services/{wanted['id']}")
    assert response.status_code == 200 and response.json() == wanted
    assert client.get("/open-data/hsds/services/nonsense").status_code == 404
    other = "00000000-0000-0000-0000-000000000000"
    assert client.get(f"/open-data/hsds/services/{other}").status_code == 404


def test_queries_per_page_do_not_grow(client, seven, index):
    client.get("/open-data/hsds/services?per_page=2")  # counts and site paths cached
    with CaptureQueriesContext(connection) as few:
        client.get("/open-data/hsds/services?per_page=2&page=2&a=1")
    initiative = InitiativePageFactory(parent=index, title="Nog een")
    for n in range(10):
        ActivityPageFactory(parent=initiative, title=f"Meer {n}")
    client.get("/open-data/hsds/services?per_page=20")
    with CaptureQueriesContext(connection) as many:
        response = client.get("/open-data/hsds/services?per_page=20&page=1&a=2")
    assert response.json()["size"] == 17
    assert len(many) == len(few), [q["sql"][:80] for q in many]


def test_publishing_shows_at_once_and_the_etag_changes(client, seven):
    response = client.get("/open-data/hsds/services?per_page=100")
    etag = response["ETag"]
    assert response["Cache-Control"] == "public, max-age=60"
    again = client.get("/open-data/hsds/services?per_page=100", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    ActivityPageFactory(parent=seven[0], title="Nieuw").save_revision().publish()
    fresh = client.get("/open-data/hsds/services?per_page=100", HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200 and fresh["ETag"] != etag
    assert "Nieuw" in {s["name"] for s in fresh.json()["contents"]}
    seven[2].unpublish()
    gone = client.get("/open-data/hsds/services?per_page=100").json()
    assert seven[2].title not in {s["name"] for s in gone["contents"]}


def test_rules_in_rfc5545_terms(index):
    initiative = InitiativePageFactory(parent=index)
    first_tuesday = ActivityPageFactory(
        parent=initiative, starts_on=dt.date(2026, 1, 6), recurrence="monthly"
    )
    last_tuesday = ActivityPageFactory(
        parent=initiative, starts_on=dt.date(2026, 3, 31), recurrence="monthly"
    )
    biweekly = ActivityPageFactory(
        parent=initiative,
        starts_on=dt.date(2026, 7, 1),
        start_time=dt.time(10),
        recurrence="biweekly",
        repeat_until=dt.date(2026, 12, 31),
    )
    assert activity_schedule(first_tuesday, "x")["byday"] == "1TU"
    assert activity_schedule(last_tuesday, "x")["byday"] == "-1TU"
    rule = activity_schedule(biweekly, "00000000-0000-0000-0000-000000000001")
    assert (rule["freq"], rule["interval"], rule["byday"], rule["wkst"]) == (
        "WEEKLY",
        2,
        "WE",
        "MO",
    )
    assert rule["opens_at"] == "10:00+02:00"  # summer time on the first date
    assert (rule["valid_from"], rule["valid_to"]) == ("2026-07-01", "2026-12-31")
    validator = _validator("schedule.json")
    assert list(validator.iter_errors(rule)) == []


def test_export_command_writes_a_gzip_dump_served_with_etag(client, seven, settings, tmp_path):
    settings.OPEN_DATA_DIR = str(tmp_path)
    settings.OPEN_DATA_LICENSE = "CC-BY-4.0"
    call_command("export_hsds", stdout=io.StringIO())
    with gzip.open(tmp_path / "hsds.json.gz", "rt", encoding="utf-8") as dump:
        data = json.load(dump)
    assert data["license"]["name"] == "CC-BY-4.0" and data["generated_at"]
    assert len(data["services"]) == 7 and len(data["organizations"]) == 1
    assert data["taxonomies"][0]["name"]
    packed = client.get("/open-data/hsds.json", HTTP_ACCEPT_ENCODING="gzip, br")
    assert packed["Content-Encoding"] == "gzip" and packed["Last-Modified"]
    body = gzip.decompress(b"".join(packed.streaming_content))
    assert json.loads(body)["services"] == data["services"]
    plain = client.get("/open-data/hsds.json")
    assert json.loads(b"".join(plain.streaming_content))["services"] == data["services"]
    assert client.get("/open-data/hsds.json", HTTP_IF_NONE_MATCH=packed["ETag"]).status_code == 304
