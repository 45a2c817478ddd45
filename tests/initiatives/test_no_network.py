"""Saving never calls the network (issue 13): looking an address up is the
form's job (``initiatives.geocoding.locate``), never a model's ``clean`` or a
service's. Each test runs with PDOK configured, a socket guard that fails the
test on any connection, and (where a listing is saved) a geocoder that fails
the test if it is asked at all."""

import pytest
from django.contrib.gis.geos import Point

from helprequests import services as help_services
from initiatives.choices import VacancyStatus
from initiatives.models import PostcodeCentroid, VacancyPage
from initiatives.services import Applicant, register_initiative
from tests.factories import (
    InitiativeMemberFactory,
    InitiativePageFactory,
    ResponseFactory,
    UserFactory,
    VacancyPageFactory,
)
from volunteers import services
from volunteers.models import ResponseStatus

pytestmark = pytest.mark.django_db

DORDRECHT = Point(4.69, 51.81, srid=4326)


@pytest.fixture(autouse=True)
def pdok_configured(settings):
    """As in production: the table first, then PDOK (here a closed port, but
    the socket guard fails the test before it is even tried)."""
    settings.GEOCODERS = ["table", "pdok"]


@pytest.fixture
def initiative(index):
    return InitiativePageFactory(parent=index, location=DORDRECHT)


def test_model_save_with_a_new_address(initiative, no_network, no_geocoding):
    initiative.street, initiative.house_number, initiative.postcode = "Voorstraat", "1", "3311 AB"
    initiative.save()
    initiative.refresh_from_db()
    assert initiative.postcode == "3311 AB"
    assert initiative.location.equals_exact(DORDRECHT, 1e-9)


def test_new_page_by_code(index, no_network, no_geocoding):
    page = InitiativePageFactory(parent=index, postcode="3311ab", location=DORDRECHT)
    assert page.postcode == "3311 AB"


def test_revision_publish(initiative, no_network, no_geocoding):
    draft = initiative.get_latest_revision_as_object()
    draft.street, draft.postcode = "Wijnstraat", "3311 BC"
    revision = draft.save_revision()
    revision.publish()
    initiative.refresh_from_db()
    assert initiative.postcode == "3311 BC"


def test_vacancy_filled_by_the_service(initiative, no_network, no_geocoding):
    vacancy = VacancyPageFactory(parent=initiative, volunteers_wanted=1, postcode="3311 AB")
    member = InitiativeMemberFactory(initiative=initiative).user
    response = ResponseFactory(vacancy=vacancy)
    services.response_set_status(response=response, status=ResponseStatus.MATCHED, by=member)
    assert VacancyPage.objects.get(pk=vacancy.pk).status == VacancyStatus.FILLED
    latest = VacancyPage.objects.get(pk=vacancy.pk).get_latest_revision_as_object()
    assert latest.status == VacancyStatus.FILLED


def test_registration_service(index, no_network, no_geocoding):
    registration = register_initiative(
        index=index,
        page_fields={
            "title": "Buurthuis Oost",
            "intro": "Koffie en een praatje.",
            "postcode": "3311 AB",
            "town": "Dordrecht",
        },
        themes=[],
        applicant=Applicant(contact_name="An", email="an@example.nl", phone=""),
        location=DORDRECHT,
    )
    assert registration.page.postcode == "3311 AB"


def test_profile_and_help_request_services_stay_offline(no_network):
    """They look a postcode up in the offline table only (the form asked
    PDOK already, and passes the point)."""
    PostcodeCentroid.objects.create(postcode="3311 AB", point=DORDRECHT, town="Dordrecht")
    user = UserFactory()
    result = services.profile_update(user=user, display_name="Fatima", postcode="3311ab")
    assert result.profile.location.equals_exact(DORDRECHT, 1e-9)
    # Unknown offline and PDOK not asked: saved, the place looked up next time.
    result = services.profile_update(user=user, display_name="Fatima", postcode="1421 AA")
    assert result.location_pending and result.profile.postcode == "1421 AA"
    help_request = help_services.help_request_create(
        requester=user, kind="groceries", title="Boodschappen", description="Wie helpt?",
        postcode="3311 AB",
    )  # fmt: skip
    assert help_request.location.equals_exact(DORDRECHT, 1e-9)
