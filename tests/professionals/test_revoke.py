"""Ending an approval: a professional who no longer works there is revoked
by a moderator of their gemeente (with a reason they read) or stops by
themselves; they can no longer refer and leave their contact point."""

# ruff: noqa: F401, F811  (fixtures shared with test_professionals)

import pytest
from django.core import mail

from contactpoints.models import ContactPoint
from professionals.models import ProfessionalStatus
from tests.factories import ProfessionalProfileFactory
from tests.professionals.test_professionals import commit, moderator, towns

pytestmark = pytest.mark.django_db

APPROVED = "/professionals/goedgekeurd/"


@pytest.fixture
def staff_member(towns):
    a, _ = towns
    point = ContactPoint.objects.create(
        name="Sociaal wijkteam Wielwijk", kind="wijkteam", phone="078 0000000"
    )
    profile = ProfessionalProfileFactory(
        municipality=a, role="contactpunt", contact_point=point, organisation="Wijkteam"
    )
    point.staff.add(profile.user)
    return profile


def test_a_moderator_lists_and_revokes_with_a_reason(client, towns, staff_member, commit):
    a, b = towns
    other = ProfessionalProfileFactory(municipality=b, organisation="Praktijk Hilversum")
    client.force_login(moderator(a))
    page = client.get(APPROVED).content.decode()
    assert staff_member.user.email in page and other.user.email not in page
    assert client.get(APPROVED, {"zoek": "wijkteam"}).content.decode().count("intrekken") >= 1
    assert (
        "Geen goedgekeurde professional gevonden"
        in client.get(APPROVED, {"zoek": "bestaat-niet"}).content.decode()
    )
    # Without a reason: a Dutch error on the same page, nothing changed.
    response = client.post(f"{APPROVED}{staff_member.pk}/intrekken/", {"reason": " "})
    assert response.status_code == 400
    assert "Schrijf waarom" in response.content.decode()
    staff_member.refresh_from_db()
    assert staff_member.status == ProfessionalStatus.APPROVED
    with commit():
        response = client.post(
            f"{APPROVED}{staff_member.pk}/intrekken/", {"reason": "Werkt hier niet meer."}
        )
    assert response.status_code == 302
    staff_member.refresh_from_db()
    assert staff_member.status == ProfessionalStatus.REVOKED
    assert not staff_member.contact_point.staff.exists()
    assert [m.to for m in mail.outbox] == [[staff_member.user.email]]
    assert "Werkt hier niet meer." in mail.outbox[0].body
    # Another gemeente's professional is not theirs to revoke.
    assert client.post(f"{APPROVED}{other.pk}/intrekken/", {"reason": "x"}).status_code == 404


def test_a_revoked_professional_cannot_refer_but_sees_their_referrals(
    client,
    towns,
    staff_member,
    commit,
):
    a, _ = towns
    client.force_login(moderator(a))
    with commit():
        client.post(f"{APPROVED}{staff_member.pk}/intrekken/", {"reason": "Vertrokken."})
    client.force_login(staff_member.user)
    assert client.get("/verwijzen/").status_code in (403, 404)
    assert client.get("/mijn-verwijzingen/").status_code == 200
    page = client.get("/professionals/aanmelden/").content.decode()
    assert "Vertrokken." in page and "Opnieuw aanmelden" in page
    assert client.get("/contactpunt/signalen/").status_code == 404


def test_a_professional_stops_by_themselves(client, staff_member):
    client.force_login(staff_member.user)
    assert "Ik werk hier niet meer" in client.get("/professionals/aanmelden/").content.decode()
    response = client.post("/professionals/stoppen/")
    assert response.status_code == 302
    staff_member.refresh_from_db()
    assert staff_member.status == ProfessionalStatus.REVOKED
    assert not staff_member.contact_point.staff.exists()
    assert mail.outbox == []
    # Stopping twice: nothing approved left to stop.
    assert client.post("/professionals/stoppen/").status_code == 404


def test_others_do_not_find_the_approved_list(client, staff_member):
    client.force_login(staff_member.user)
    assert client.get(APPROVED).status_code == 404
    assert (
        client.post(f"{APPROVED}{staff_member.pk}/intrekken/", {"reason": "x"}).status_code == 404
    )
    client.logout()
    assert client.get(APPROVED).status_code == 302
