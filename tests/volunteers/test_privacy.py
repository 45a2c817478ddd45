"""AVG: a user downloads their data and deletes their account."""

import json

import pytest
from django.contrib.gis.geos import Point
from django.test import Client

from helprequests.models import HelpOffer, HelpRequest
from tests.factories import (
    USER_PASSWORD,
    HelpOfferFactory,
    HelpRequestFactory,
    InitiativePageFactory,
    ResponseFactory,
    UserFactory,
    VacancyPageFactory,
    VolunteerProfileFactory,
)
from volunteers.models import Response, VolunteerProfile
from volunteers.privacy import user_data_export
from volunteers.privacy_readable import FIELDS

pytestmark = pytest.mark.django_db


@pytest.fixture
def vacancy(index):
    return VacancyPageFactory(parent=InitiativePageFactory(parent=index), title="Maatje gezocht")


@pytest.fixture
def user(client, vacancy):
    user = UserFactory(email="fatima@example.org")
    VolunteerProfileFactory(
        user=user, display_name="Fatima", postcode="3317 AB", location=Point(4.656, 51.807)
    )
    ResponseFactory(volunteer=user, vacancy=vacancy, message="Ik help graag op dinsdag.")
    HelpRequestFactory(requester=user, title="Boodschappen voor mijn moeder", postcode="3317 AB")
    client.force_login(user)
    return user


def test_login_required(client):
    for url in ("/mijn-gegevens/", "/mijn-gegevens/download/"):
        assert client.get(url).status_code == 302


def test_download_holds_everything_about_me_and_nothing_of_others(client, user, vacancy):
    other = UserFactory(email="someone@example.org")
    ResponseFactory(volunteer=other, vacancy=VacancyPageFactory(parent=vacancy.get_parent()))
    HelpOfferFactory(volunteer=user, message="Ik kan zaterdag rijden.")
    response = client.get("/mijn-gegevens/download/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "fatima@example.org"
    assert data["volunteer_profile"]["postcode"] == "3317 AB"
    assert data["volunteer_profile"]["location"] == {"lat": 51.807, "lon": 4.656}
    # What initiatives' distances are measured from is theirs to see too.
    coarse = data["volunteer_profile"]["coarse_location"]
    assert coarse is not None and coarse != data["volunteer_profile"]["location"]
    assert [r["message"] for r in data["responses"]] == ["Ik help graag op dinsdag."]
    assert [h["title"] for h in data["help_requests"]] == ["Boodschappen voor mijn moeder"]
    assert [o["message"] for o in data["help_offers"]] == ["Ik kan zaterdag rijden."]
    assert "someone@example.org" not in response.content.decode()


def test_delete_needs_the_password_and_keeps_everything_on_a_wrong_one(client, user):
    response = client.post("/mijn-gegevens/verwijderen/", {"password": "wrong"})
    assert response.status_code == 400
    assert "Dit wachtwoord klopt niet" in response.content.decode()
    assert VolunteerProfile.objects.filter(user=user).exists()


def test_delete_is_post_only(client, user):
    assert client.get("/mijn-gegevens/verwijderen/").status_code == 405


def test_delete_removes_the_account_and_anonymises_responses(client, user, vacancy):
    offer = HelpOfferFactory(help_request=HelpRequestFactory(), volunteer=user)
    response = client.post("/mijn-gegevens/verwijderen/", {"password": USER_PASSWORD})
    assert response.status_code == 302
    assert not type(user).objects.filter(pk=user.pk).exists()
    assert not VolunteerProfile.objects.exists()
    assert not HelpRequest.objects.filter(title="Boodschappen voor mijn moeder").exists()
    assert not HelpOffer.objects.filter(pk=offer.pk).exists()
    # The count stays, without who or what.
    kept = Response.objects.get(vacancy=vacancy)
    assert kept.volunteer is None and kept.message == ""
    # Logged out: my pages ask to log in again.
    assert client.get("/mijn-gegevens/").status_code == 302


def test_the_inbox_and_counts_survive_an_anonymised_response(client, user, vacancy):
    from tests.factories import InitiativeMemberFactory

    member = InitiativeMemberFactory(initiative=vacancy.get_parent().specific).user
    client.post("/mijn-gegevens/verwijderen/", {"password": USER_PASSWORD})
    client.force_login(member)
    response = client.get("/inbox/")
    assert response.status_code == 200
    assert "Ik help graag op dinsdag" not in response.content.decode()
    assert Response.objects.filter(vacancy=vacancy).count() == 1


def test_the_privacy_statement_is_public_and_linked_from_signup(client):
    statement = client.get("/privacy/")
    assert statement.status_code == 200 and "Privacyverklaring" in statement.content.decode()
    signup = client.get("/account/signup/").content.decode()
    assert 'href="/privacy/"' in signup


def test_initiative_registrations_are_exported_and_anonymised(client, user):
    from initiatives.models import InitiativeRegistration, RegistrationStatus

    registration = InitiativeRegistration.objects.create(
        name="Repair Café",
        applicant=user,
        contact_name="Fatima el Amrani",
        email=user.email,
        phone="06 12345678",
        status=RegistrationStatus.REJECTED,
        reason="Dubbel aangemeld.",
    )
    data = json.loads(client.get("/mijn-gegevens/download/").content)
    assert data["initiative_registrations"][0]["phone"] == "06 12345678"
    client.post("/mijn-gegevens/verwijderen/", {"password": USER_PASSWORD})
    registration.refresh_from_db()
    assert registration.applicant is None
    assert (registration.contact_name, registration.email, registration.phone) == ("", "", "")
    assert registration.reason == "Dubbel aangemeld."  # the decision stays on record


# -- the same data as a page (issue 16) -----------------------------------------
def test_my_data_reads_as_a_page_with_dutch_labels(client, user):
    profile = user.volunteer_profile
    profile.availability = ["tue-afternoon", "sat-morning"]
    profile.save()
    HelpOfferFactory(volunteer=user, message="Ik kan zaterdag rijden.")
    other = UserFactory(email="someone@example.org")
    HelpRequestFactory(requester=other, title="Van een ander")
    assert 'href="/mijn-gegevens/bekijken/"' in client.get("/mijn-gegevens/").text
    page = client.get("/mijn-gegevens/bekijken/")
    assert page.status_code == 200
    html = page.text
    for label in ("Vrijwilligersprofiel", "Wanneer je kunt", "Hulp aangeboden", "Status"):
        assert label in html
    assert "dinsdagmiddag, zaterdagochtend" in html
    assert "Aangeboden" in html  # the offer's status
    assert "Gepubliceerd" in html  # the help request's
    assert "Nieuw" in html  # the response's
    assert "Boodschappen voor mijn moeder" in html
    assert "fatima@example.org" in html
    # No stored codes, nothing of anyone else.
    for code in ("tue-afternoon", "offered", "published", "groceries", "True", "False"):
        assert code not in html.split("<main", 1)[1], code
    assert "someone@example.org" not in html
    assert "Van een ander" not in html
    # The JSON download beside it still works.
    assert 'href="/mijn-gegevens/download/"' in html


def test_every_exported_field_has_a_dutch_label():
    user = UserFactory()
    VolunteerProfileFactory(user=user, location=Point(4.656, 51.807))
    HelpRequestFactory(requester=user)
    HelpOfferFactory(volunteer=user)
    export = user_data_export(user=user)
    assert set(export) == set(FIELDS)
    for key, value in export.items():
        records = value if isinstance(value, list) else [value]
        for record in records:
            if record:
                assert set(record) <= set(FIELDS[key][1]), key


def test_my_data_page_needs_a_login():
    response = Client().get("/mijn-gegevens/bekijken/")
    assert response.status_code == 302
    assert response.url.startswith("/account/login/")
