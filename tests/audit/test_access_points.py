"""Every place that shows personal data to someone else records exactly one
audit event per object, with the right actor, action and object, and never
the content itself (issue 19, docs/security.md "Audit log")."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from audit.models import AccessAction, AccessEvent, AccessObject, AccessRole
from initiatives.permissions import MODERATORS
from referrals.models import Referral
from signalling.models import SignalAccess
from signups import services as signup_services
from tests.factories import (
    USER_PASSWORD,
    ActivityPageFactory,
    HelpRequestFactory,
    InitiativeMemberFactory,
    InitiativePageFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    ProfessionalProfileFactory,
    ResponseFactory,
    UserFactory,
    VacancyPageFactory,
    VolunteerProfileFactory,
    square,
)
from tests.referrals.conftest import referral_form
from tests.signalling.conftest import ContactPointFactory, HelpSignalFactory

pytestmark = pytest.mark.django_db

# Content that must never reach an event (all its text columns).
CONTENT = ("Henriëtte", "Truus", "06 12345678", "3311", "@example", "post stapelt")


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _only_event() -> AccessEvent:
    (event,) = AccessEvent.objects.all()
    text = " ".join(
        str(v) for v in AccessEvent.objects.values_list("purpose", "request_id", "role").get()
    )
    for value in CONTENT:
        assert value not in text
    return event


@pytest.fixture
def dordrecht():
    return MunicipalityFactory(name="Dordrecht", boundary=square(4.69, 51.81, 0.1))


@pytest.fixture
def help_request(dordrecht):
    wijk = NeighbourhoodFactory(
        municipality=dordrecht, name="Reeland", boundary=square(4.69, 51.81, 0.01)
    )
    requester = VolunteerProfileFactory(display_name="Henriëtte Jansen").user
    return HelpRequestFactory(requester=requester, neighbourhood=wijk)


def test_a_volunteer_viewing_a_help_request_is_recorded(help_request, dordrecht):
    volunteer = UserFactory()
    response = _as(volunteer).get(f"/hulpvragen/{help_request.pk}/")
    assert response.status_code == 200
    event = _only_event()
    assert (event.actor_id, event.action, event.obj_type, event.obj_id) == (
        volunteer.pk,
        AccessAction.VIEW,
        AccessObject.HELP_REQUEST,
        help_request.pk,
    )
    assert event.role == AccessRole.VOLUNTEER
    assert event.subject_id == help_request.requester_id
    assert event.municipality_id == dordrecht.pk
    assert event.request_id == response["X-Request-ID"]


def test_the_author_viewing_their_own_request_records_nothing(client, help_request):
    client.force_login(help_request.requester)
    assert client.get(f"/hulpvragen/{help_request.pk}/").status_code == 200
    assert not AccessEvent.objects.exists()


def test_an_anonymous_visitor_of_the_public_page_records_nothing(client, help_request):
    # The public page shows only public fields (helprequests/views.py).
    assert client.get(f"/hulpvragen/{help_request.pk}/").status_code == 200
    assert not AccessEvent.objects.exists()


def test_a_moderation_decision_is_recorded_as_a_change(help_request, dordrecht):
    help_request.status = "pending"
    help_request.published_at = None
    help_request.save()
    moderator = UserFactory()
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    dordrecht.moderators.add(moderator)
    response = _as(moderator).post(
        f"/hulpvragen/moderatie/{help_request.pk}/",
        {"approve": "0", "reason": "Dit is geen hulpvraag voor de buurt."},
    )
    assert response.status_code == 302
    help_request.refresh_from_db()
    assert help_request.status == "rejected"
    event = _only_event()
    assert (event.actor_id, event.action, event.obj_id, event.role) == (
        moderator.pk,
        AccessAction.CHANGE,
        help_request.pk,
        AccessRole.MODERATOR,
    )


@pytest.fixture
def initiative(index):
    return InitiativePageFactory(parent=index, title="Buurthuis Wielwijk")


def test_the_inbox_records_one_event_per_response_shown(initiative):
    vacancy = VacancyPageFactory(parent=initiative)
    member = InitiativeMemberFactory(initiative=initiative).user
    volunteers = [VolunteerProfileFactory().user for _ in range(3)]
    responses = [ResponseFactory(vacancy=vacancy, volunteer=v) for v in volunteers]
    assert _as(member).get("/inbox/").status_code == 200
    events = AccessEvent.objects.order_by("obj_id")
    assert [(e.obj_type, e.obj_id, e.subject_id) for e in events] == [
        (AccessObject.RESPONSE, r.pk, r.volunteer_id) for r in responses
    ]
    assert {(e.actor_id, e.action, e.role) for e in events} == {
        (member.pk, AccessAction.VIEW, AccessRole.INITIATIVE)
    }


def test_an_empty_inbox_records_nothing(initiative):
    member = InitiativeMemberFactory(initiative=initiative).user
    assert _as(member).get("/inbox/").status_code == 200
    assert not AccessEvent.objects.exists()


@pytest.fixture
def activity(initiative):
    return ActivityPageFactory(
        parent=initiative, title="Kookclub", registration_required=True, capacity=5
    )


@pytest.mark.parametrize(
    ("suffix", "action"), [("", AccessAction.VIEW), ("?afdrukken=1", AccessAction.EXPORT)]
)
def test_the_sign_up_list_and_its_print_are_recorded(initiative, activity, suffix, action):
    day = signup_services.open_occurrences(activity)[0].date
    signup_services.signup_create(activity=activity, day=day, name="Truus", phone="06 12345678")
    member = InitiativeMemberFactory(initiative=initiative).user
    response = _as(member).get(f"/aanmeldingen/{activity.pk}/{day:%Y-%m-%d}/{suffix}")
    assert response.status_code == 200
    event = _only_event()
    assert (event.actor_id, event.action, event.obj_type, event.obj_id) == (
        member.pk,
        action,
        AccessObject.SIGNUPS,
        activity.pk,
    )
    assert f"{day:%Y-%m-%d}" in event.purpose


def test_a_stranger_refused_the_sign_up_list_records_nothing(initiative, activity):
    day = signup_services.open_occurrences(activity)[0].date
    response = _as(UserFactory()).get(f"/aanmeldingen/{activity.pk}/{day:%Y-%m-%d}/")
    assert response.status_code == 404
    assert not AccessEvent.objects.exists()


def test_own_data_download_is_an_export_by_the_resident(client):
    user = VolunteerProfileFactory(display_name="Henriëtte Jansen").user
    client.force_login(user)
    assert client.get("/mijn-gegevens/download/").status_code == 200
    event = _only_event()
    assert (event.actor_id, event.action, event.obj_type, event.subject_id, event.role) == (
        user.pk,
        AccessAction.EXPORT,
        AccessObject.OWN_DATA,
        user.pk,
        AccessRole.RESIDENT,
    )


def test_referrals_in_the_inbox_and_their_steps_are_recorded(client, index):
    dordrecht = MunicipalityFactory(name="Dordrecht", boundary=square(4.69, 51.81, 0.1))
    NeighbourhoodFactory(
        municipality=dordrecht, name="Wielwijk", boundary=square(4.69, 51.81, 0.01)
    )
    initiative = InitiativePageFactory(parent=index, title="Buurthuis Wielwijk")
    activity = ActivityPageFactory(parent=initiative, title="Koffieochtend")
    member = InitiativeMemberFactory(initiative=initiative).user
    huisarts = ProfessionalProfileFactory(municipality=dordrecht).user
    client.force_login(huisarts)
    assert client.post(f"/verwijzen/{activity.pk}/", referral_form()).status_code == 302
    referral = Referral.objects.get()
    assert not AccessEvent.objects.exists()  # the professional made it: no access

    client.force_login(member)
    client.get("/inbox/")
    event = _only_event()
    assert (event.actor_id, event.action, event.obj_type, event.obj_id) == (
        member.pk,
        AccessAction.VIEW,
        AccessObject.REFERRAL,
        referral.pk,
    )
    AccessEvent.objects.all().delete()
    client.post(f"/inbox/verwijzingen/{referral.pk}/contact/")
    event = _only_event()
    assert (event.action, event.obj_id) == (AccessAction.CHANGE, referral.pk)


def test_a_signal_read_by_its_staff_is_recorded_beside_its_own_log(client, index):
    dordrecht = MunicipalityFactory(name="Dordrecht", boundary=square(4.69, 51.81, 0.1))
    wielwijk = NeighbourhoodFactory(
        municipality=dordrecht, name="Wielwijk", boundary=square(4.69, 51.81, 0.01)
    )
    staff = UserFactory()
    wijkteam = ContactPointFactory(neighbourhoods=[wielwijk], staff=[staff])
    signal = HelpSignalFactory(
        contact_point=wijkteam, neighbourhood=wielwijk, municipality=dordrecht
    )
    client.force_login(staff)
    response = client.get(f"/contactpunt/signalen/{signal.pk}/")
    assert response.status_code == 200
    assert SignalAccess.objects.count() == 1
    event = _only_event()
    assert (event.actor_id, event.action, event.obj_type, event.obj_id, event.role) == (
        staff.pk,
        AccessAction.VIEW,
        AccessObject.SIGNAL,
        signal.pk,
        AccessRole.CONTACT_POINT,
    )
    assert event.municipality_id == dordrecht.pk
    assert event.request_id == response["X-Request-ID"]


def test_the_resident_sees_who_looked_by_role_not_by_name(client, help_request):
    volunteer = UserFactory(first_name="Victor", last_name="Vrijwilligersnaam")
    _as(volunteer).get(f"/hulpvragen/{help_request.pk}/")
    client.force_login(help_request.requester)
    page = client.get("/mijn-gegevens/bekijken/").content.decode()
    assert "Wie heeft mijn gegevens bekeken?" in page
    assert "Vrijwilliger" in page and "Hulpvraag" in page
    assert "Vrijwilligersnaam" not in page and volunteer.email not in page


def test_the_moderation_list_records_each_pending_request_shown(help_request, dordrecht):
    help_request.status = "pending"
    help_request.published_at = None
    help_request.save()
    moderator = UserFactory()
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    dordrecht.moderators.add(moderator)
    assert _as(moderator).get("/hulpvragen/moderatie/").status_code == 200
    event = _only_event()
    assert (event.actor_id, event.action, event.obj_id, event.role, event.subject_id) == (
        moderator.pk,
        AccessAction.VIEW,
        help_request.pk,
        AccessRole.MODERATOR,
        help_request.requester_id,
    )


def test_deleting_ones_account_is_recorded_and_the_event_stays(client):
    user = VolunteerProfileFactory().user
    client.force_login(user)
    response = client.post("/mijn-gegevens/verwijderen/", {"password": USER_PASSWORD})
    assert response.status_code == 302
    event = _only_event()
    assert (event.actor_id, event.action, event.obj_type, event.subject_id) == (
        user.pk,
        AccessAction.DELETE,
        AccessObject.OWN_DATA,
        user.pk,
    )


def test_the_privacy_statement_names_the_audit_logs_retention(client, settings):
    settings.AUDIT_RETENTION_DAYS = 400
    page = client.get("/privacy/").content.decode()
    assert "Wie je gegevens heeft bekeken" in page and "400 dagen" in page
