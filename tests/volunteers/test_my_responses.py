""" "Mijn reacties" (issue 16): responses to vacancies and help offered on help
requests side by side, each naming who it went to; the initiative's contact
details once it is in contact, the requester's once the offer is accepted,
never before."""

import pytest

from helprequests.models import HelpOfferStatus, HelpRequestStatus
from tests.factories import (
    HelpOfferFactory,
    HelpRequestFactory,
    InitiativePageFactory,
    ResponseFactory,
    UserFactory,
    VacancyPageFactory,
    VolunteerProfileFactory,
)
from volunteers.models import ResponseStatus

pytestmark = pytest.mark.django_db

URL = "/mijn-reacties/"


@pytest.fixture
def initiative(index):
    return InitiativePageFactory(
        parent=index,
        title="Buurthuis De Sleutel",
        contact_name="Mieke de Graaf",
        phone="078 123 45 67",
        email="sleutel@example.nl",
    )


@pytest.fixture
def volunteer():
    return UserFactory()


def respond(initiative, volunteer, status):
    vacancy = VacancyPageFactory(parent=initiative, title=f"Gastvrouw ({status})")
    return ResponseFactory(vacancy=vacancy, volunteer=volunteer, status=status)


def panel(html: str, title: str) -> str:
    """The list item of one response or offer."""
    return next(part for part in html.split('<li class="response panel">') if title in part)


def test_responses_name_the_initiative(client, initiative, volunteer):
    respond(initiative, volunteer, ResponseStatus.NEW)
    client.force_login(volunteer)
    html = client.get(URL).text
    assert "Buurthuis De Sleutel" in panel(html, "Gastvrouw (new)")


@pytest.mark.parametrize("status", [ResponseStatus.NEW, ResponseStatus.DECLINED])
def test_no_contact_details_before_contact(client, initiative, volunteer, status):
    respond(initiative, volunteer, status)
    client.force_login(volunteer)
    html = client.get(URL).text
    assert "078 123 45 67" not in html
    assert "sleutel@example.nl" not in html
    assert "Mieke de Graaf" not in html


@pytest.mark.parametrize("status", [ResponseStatus.IN_CONTACT, ResponseStatus.MATCHED])
def test_contact_details_once_in_contact(client, initiative, volunteer, status):
    respond(initiative, volunteer, status)
    client.force_login(volunteer)
    item = panel(client.get(URL).text, f"Gastvrouw ({status})")
    assert "Mieke de Graaf" in item
    assert 'href="tel:0781234567"' in item
    assert 'href="mailto:sleutel@example.nl"' in item


def test_help_offers_beside_responses(client, initiative, volunteer):
    respond(initiative, volunteer, ResponseStatus.NEW)
    HelpOfferFactory(
        volunteer=volunteer, help_request=HelpRequestFactory(title="Boodschappen op dinsdag")
    )
    client.force_login(volunteer)
    html = client.get(URL).text
    assert "Gastvrouw (new)" in html
    item = panel(html, "Boodschappen op dinsdag")
    assert "Aangeboden" in item


def test_the_requester_only_once_the_offer_is_accepted(client, volunteer):
    requester = VolunteerProfileFactory(
        display_name="Henriëtte", user__email="henriette@example.nl"
    ).user
    waiting = HelpRequestFactory(requester=requester, title="Vraag open")
    HelpOfferFactory(volunteer=volunteer, help_request=waiting)
    accepted = HelpRequestFactory(
        requester=requester, title="Vraag gekoppeld", status=HelpRequestStatus.MATCHED
    )
    HelpOfferFactory(volunteer=volunteer, help_request=accepted, status=HelpOfferStatus.ACCEPTED)
    client.force_login(volunteer)
    html = client.get(URL).text
    assert "henriette@example.nl" not in panel(html, "Vraag open")
    assert "Henriëtte" not in panel(html, "Vraag open")
    item = panel(html, "Vraag gekoppeld")
    assert "Henriëtte" in item
    assert 'href="mailto:henriette@example.nl"' in item


def test_a_request_back_in_moderation_shows_no_new_text(client, volunteer):
    help_request = HelpRequestFactory(title="Nog niet nagekeken", status=HelpRequestStatus.PENDING)
    HelpOfferFactory(volunteer=volunteer, help_request=help_request)
    client.force_login(volunteer)
    html = client.get(URL).text
    assert "Nog niet nagekeken" not in html
    assert "wordt aangepast" in html


def test_only_own_offers(client, volunteer):
    HelpOfferFactory(help_request=HelpRequestFactory(title="Van een ander"))
    client.force_login(volunteer)
    assert "Van een ander" not in client.get(URL).text


def test_no_query_per_item(client, initiative, volunteer, django_assert_max_num_queries):
    for status in ResponseStatus.values:
        respond(initiative, volunteer, status)
    for _ in range(5):
        HelpOfferFactory(volunteer=volunteer, status=HelpOfferStatus.ACCEPTED)
    client.force_login(volunteer)
    with django_assert_max_num_queries(14):
        assert client.get(URL).status_code == 200
