"""The machine outputs follow the HTML's privacy rules (docs/api.md).

A vacancy "vanuit huis" has no public place: its page says only "Je kunt dit
vanuit huis doen", and JSON-LD, the map and search leave the address and point
out, even when an editor filled them in. Wagtail's API v2 must do the same, in
every way of asking: the detail, the list, ``fields=*``, ``fields=_,…``. Pages
behind a view restriction (login or password) are not public data either: not
in the API, the HSDS export or the calendars.
"""

import json

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from tests.factories import (
    ActivityPageFactory,
    InitiativePageFactory,
    MeetingPlacePageFactory,
    VacancyPageFactory,
)

pytestmark = pytest.mark.django_db

STREET, NUMBER, POSTCODE = "Thuisstraat", "12", "3311 AB"
PAGE_FIELDS = "intro,address_line,latitude,longitude,from_home"


@pytest.fixture
def initiative(index):
    return InitiativePageFactory(parent=index, title="Buurthuis", street="Dorpsstraat")


@pytest.fixture
def from_home(initiative):
    """Filled in with an address and a point, as an editor may well do."""
    return VacancyPageFactory(
        parent=initiative,
        title="Telefooncirkel",
        from_home=True,
        street=STREET,
        house_number=NUMBER,
        postcode=POSTCODE,
    )


def _no_place(body: str):
    assert STREET not in body and POSTCODE not in body
    assert "51.8133" not in body and "4.6901" not in body  # the factory's point


def _item(data: dict) -> dict:
    return data["items"][0] if "items" in data else data


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"fields": "*"},
        {"fields": "_,address_line,latitude,longitude"},
        {"fields": "address_line,latitude,longitude"},
        {"fields": "-intro"},
    ],
)
def test_detail_of_a_from_home_vacancy_has_no_place(client, from_home, query):
    response = client.get(f"/api/v2/pages/{from_home.pk}/", query)
    assert response.status_code == 200
    _no_place(response.content.decode())
    data = response.json()
    if "address_line" in data:
        assert (data["address_line"], data["latitude"], data["longitude"]) == ("", None, None)


@pytest.mark.parametrize(
    "query",
    [
        {"type": "initiatives.VacancyPage", "fields": "*"},
        {"type": "initiatives.VacancyPage", "fields": PAGE_FIELDS},
        {"type": "initiatives.VacancyPage", "fields": "_,address_line,latitude,longitude"},
        {"type": "initiatives.VacancyPage,initiatives.ActivityPage", "fields": "*"},
        {"fields": "*"},
        {"child_of": "{parent}", "fields": "*"},
        {"descendant_of": "{parent}", "type": "initiatives.VacancyPage", "fields": "*"},
        {"type": "initiatives.VacancyPage", "search": "Telefooncirkel", "fields": "*"},
    ],
)
def test_lists_show_no_place_of_a_from_home_vacancy(client, from_home, initiative, query):
    query = {k: v.format(parent=initiative.pk) for k, v in query.items()}
    response = client.get("/api/v2/pages/", query)
    assert response.status_code == 200, response.content
    _no_place(response.content.decode().replace('"Dorpsstraat"', ""))


def test_from_home_is_said_and_other_places_stay_public(client, from_home, initiative):
    at_the_club = VacancyPageFactory(parent=initiative, street="Clubweg", house_number="3")
    activity = ActivityPageFactory(parent=initiative, street="Wielwijkplein")
    place = MeetingPlacePageFactory(parent=initiative, street="Bankastraat")
    data = client.get(f"/api/v2/pages/{from_home.pk}/", {"fields": PAGE_FIELDS}).json()
    assert data["from_home"] is True
    data = client.get(f"/api/v2/pages/{at_the_club.pk}/", {"fields": PAGE_FIELDS}).json()
    assert data["from_home"] is False
    assert data["address_line"].startswith("Clubweg 3") and data["latitude"] == 51.8133
    for page, street in ((activity, "Wielwijkplein"), (place, "Bankastraat"), (initiative, "Dorp")):
        data = client.get(f"/api/v2/pages/{page.pk}/", {"fields": "*"}).json()
        assert data["address_line"].startswith(street) and data["longitude"] == 4.6901


@pytest.mark.parametrize(
    "fields",
    [
        "street",
        "house_number",
        "postcode",
        "location",
        "neighbourhood",
        "owner",
        "latest_revision",
        "draft_title",
        "live_revision",
        "locked_by",
        "parent(*)",
        "parent(address_line)",
    ],
)
def test_private_and_editorial_fields_cannot_be_asked_for(client, from_home, fields):
    response = client.get(f"/api/v2/pages/{from_home.pk}/", {"fields": fields})
    assert response.status_code == 400
    _no_place(response.content.decode())


@pytest.mark.parametrize(
    "query",
    [{"street": STREET}, {"postcode": POSTCODE}, {"order": "street"}, {"order": "latitude"}],
)
def test_no_filter_or_order_probes_the_address(client, from_home, query):
    response = client.get("/api/v2/pages/", {"type": "initiatives.VacancyPage", **query})
    assert response.status_code == 400


def test_a_search_for_the_street_finds_nothing(client, from_home):
    response = client.get("/api/v2/pages/", {"search": STREET})
    assert response.json()["meta"]["total_count"] == 0


def test_drafts_and_unpublished_changes_stay_out(client, initiative, from_home):
    draft = VacancyPageFactory(parent=initiative, title="Nog geheim")
    draft.unpublish()
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    assert "Nog geheim" not in client.get("/api/v2/pages/").content.decode()
    from_home.title, from_home.from_home = "Nieuwe titel", False
    from_home.save_revision()  # a draft of changes, not yet published
    data = client.get(f"/api/v2/pages/{from_home.pk}/", {"fields": PAGE_FIELDS}).json()
    assert data["title"] == "Telefooncirkel" and data["from_home"] is True
    assert data["address_line"] == ""


@pytest.fixture
def restricted(initiative):
    """An activity only for logged-in members of a group."""
    activity = ActivityPageFactory(parent=initiative, title="Alleen voor leden")
    restriction = PageViewRestriction.objects.create(
        page=activity, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Leden"))
    return activity


def test_a_restricted_page_is_not_in_the_api(client, restricted):
    assert client.get(f"/api/v2/pages/{restricted.pk}/").status_code == 404
    assert "Alleen voor leden" not in client.get("/api/v2/pages/").content.decode()


def test_a_restricted_page_is_not_in_the_hsds_export(client, restricted):
    body = client.get("/open-data/hsds.json").content.decode()
    assert "Alleen voor leden" not in body
    assert json.loads(body)["services"] == []


def test_a_restricted_page_is_not_in_the_calendars(client, restricted, initiative):
    for url in (
        "/activiteiten/agenda.ics",
        f"/initiatieven/{initiative.pk}/agenda.ics",
    ):
        assert "Alleen voor leden" not in client.get(url).getvalue().decode(), url
    assert client.get(f"/activiteiten/{restricted.pk}/agenda.ics").status_code == 404


def test_images_and_documents_are_not_in_the_api(client, db):
    for url in ("/api/v2/images/", "/api/v2/documents/"):
        assert client.get(url).status_code == 404, url


def test_the_html_json_ld_and_hsds_keep_it_back_too(client, from_home):
    """The rule the API now follows, checked where it came from."""
    page = client.get(from_home.url).content.decode()
    assert "Je kunt dit vanuit huis doen" in page and "TELECOMMUTE" in page
    _no_place(page)
    _no_place(client.get("/open-data/hsds.json").content.decode())  # vacancies are left out
    # Search: tests/search/test_fixes.py::test_work_from_home_has_no_public_point.
