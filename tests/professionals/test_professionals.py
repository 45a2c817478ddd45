"""Applying as a professional, and a moderator of the professional's
gemeente approving or rejecting (issue 17)."""

import functools

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from contactpoints.models import ContactPoint
from initiatives.permissions import MODERATORS
from professionals.models import ProfessionalProfile, ProfessionalStatus
from professionals.wagtail_hooks import applications_waiting
from tests.factories import (
    MunicipalityFactory,
    ProfessionalProfileFactory,
    UserFactory,
    square,
)

pytestmark = pytest.mark.django_db

URL = "/professionals/aanmelden/"
MODERATION = "/professionals/beoordelen/"


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return functools.partial(django_capture_on_commit_callbacks, execute=True)


@pytest.fixture
def towns():
    a = MunicipalityFactory(name="Dordrecht", boundary=square(4.69, 51.81, 0.1))
    b = MunicipalityFactory(name="Hilversum", boundary=square(5.19, 52.21, 0.1))
    return a, b


def moderator(*municipalities, email=None):
    user = UserFactory(**({"email": email} if email else {}))
    user.groups.add(Group.objects.get(name=MODERATORS))
    for municipality in municipalities:
        municipality.moderators.add(user)
    return user


def form(municipality, **extra):
    return {
        "organisation": "Huisartsenpraktijk Wielwijk",
        "role": "huisarts",
        "work_phone": "078 1112233",
        "municipality": municipality.pk,
        "contact_point": "",
        **extra,
    }


def test_anonymous_visitors_log_in_first(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_apply_then_wait_for_approval(client, towns, commit, home):
    a, b = towns
    mod_a = moderator(a, email="mod-a@example.nl")
    moderator(b, email="mod-b@example.nl")
    user = UserFactory()
    client.force_login(user)
    assert "Aanmelden als professional" in client.get(URL).content.decode()
    with commit():
        response = client.post(URL, form(a))
    assert response.status_code == 302
    profile = ProfessionalProfile.objects.get(user=user)
    assert profile.status == ProfessionalStatus.PENDING
    assert profile.organisation == "Huisartsenpraktijk Wielwijk"
    page = client.get(URL).content.decode()
    assert "wacht op goedkeuring" in page.lower()
    # Only the moderators of the applicant's gemeente hear of it.
    assert [m.to for m in mail.outbox] == [[mod_a.email]]
    assert "Huisartsenpraktijk Wielwijk" in mail.outbox[0].body
    # Menu: the account links to the application.
    assert "Mijn aanmelding als professional" in page


def test_contact_point_staff_must_name_their_contact_point(client, towns):
    a, _ = towns
    client.force_login(UserFactory())
    response = client.post(URL, form(a, role="contactpunt"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Kies het contactpunt waar je werkt." in body
    assert "Huisartsenpraktijk Wielwijk" in body  # nothing typed is lost
    assert not ProfessionalProfile.objects.exists()


def test_a_missing_organisation_is_a_dutch_error(client, towns):
    a, _ = towns
    client.force_login(UserFactory())
    response = client.post(URL, form(a, organisation=""))
    assert response.status_code == 400
    assert "Vul de naam van je organisatie in." in response.content.decode()


def test_moderators_see_only_their_gemeente(client, towns):
    a, b = towns
    in_a = ProfessionalProfileFactory(municipality=a, status="pending", organisation="Praktijk A")
    in_b = ProfessionalProfileFactory(municipality=b, status="pending", organisation="Praktijk B")
    client.force_login(moderator(a))
    body = client.get(MODERATION).content.decode()
    assert "Praktijk A" in body and "Praktijk B" not in body
    # Deciding on B's: as if it did not exist.
    response = client.post(f"{MODERATION}{in_b.pk}/", {"approve": "1"})
    assert response.status_code == 404
    in_b.refresh_from_db()
    assert in_b.status == ProfessionalStatus.PENDING
    assert applications_waiting(moderator(a)).count == 1
    assert in_a.status == ProfessionalStatus.PENDING


def test_others_do_not_find_the_moderation_page(client, towns):
    a, _ = towns
    profile = ProfessionalProfileFactory(municipality=a, status="pending")
    client.force_login(UserFactory())
    assert client.get(MODERATION).status_code == 404
    assert client.post(f"{MODERATION}{profile.pk}/", {"approve": "1"}).status_code == 404
    assert applications_waiting(UserFactory()) is None


def test_approve_mails_and_joins_the_contact_point(client, towns, commit):
    a, _ = towns
    point = ContactPoint.objects.create(
        name="Sociaal wijkteam Wielwijk", kind="wijkteam", phone="078 0000000"
    )
    profile = ProfessionalProfileFactory(
        municipality=a, status="pending", role="contactpunt", contact_point=point
    )
    client.force_login(moderator(a))
    with commit():
        response = client.post(f"{MODERATION}{profile.pk}/", {"approve": "1"})
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.status == ProfessionalStatus.APPROVED
    assert profile.decided_at is not None
    assert list(point.staff.all()) == [profile.user]
    assert [m.to for m in mail.outbox] == [[profile.user.email]]
    assert "goedgekeurd" in mail.outbox[0].subject


def test_reject_needs_a_reason_which_the_applicant_reads(client, towns, commit):
    a, _ = towns
    profile = ProfessionalProfileFactory(municipality=a, status="pending")
    client.force_login(moderator(a))
    response = client.post(f"{MODERATION}{profile.pk}/", {"approve": "0", "reason": ""})
    assert response.status_code == 400
    assert "Schrijf waarom" in response.content.decode()
    with commit():
        client.post(
            f"{MODERATION}{profile.pk}/",
            {"approve": "0", "reason": "Deze praktijk kennen we niet."},
        )
    profile.refresh_from_db()
    assert profile.status == ProfessionalStatus.REJECTED
    assert "Deze praktijk kennen we niet." in mail.outbox[0].body
    # The applicant sees the reason and may apply again.
    client.force_login(profile.user)
    page = client.get(URL).content.decode()
    assert "Deze praktijk kennen we niet." in page and "Opnieuw aanmelden" in page


def test_the_moderators_group_may_judge_applications(towns):
    group = Group.objects.get(name=MODERATORS)
    assert group.permissions.filter(codename="moderate_professionalprofile").exists()


def test_the_dashboard_shows_waiting_applications(client, towns):
    a, _ = towns
    ProfessionalProfileFactory(municipality=a, status="pending")
    user = moderator(a)
    client.force_login(user)
    body = client.get("/admin/").content.decode()
    assert "Aanmeldingen van professionals" in body
    assert "Professionals beoordelen (1)" in body
