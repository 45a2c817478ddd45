"""A referral's personal data stays with the initiative and the professional:
no public output holds it (HTML, API, search, feeds, HSDS), search cannot
find it, and the own-data download and erasure of /mijn-gegevens/ cover the
professional who made it and the resident it is about."""

import json

import pytest
from allauth.account.models import EmailAddress

from referrals.models import Referral
from referrals.services import referral_create
from tests.factories import ProfessionalProfileFactory, UserFactory
from tests.held.test_personal_data import body_of, public_outputs
from tests.held.test_personal_data import world as held_world  # noqa: F401

pytestmark = pytest.mark.django_db

MARKER = "qjv"


def make_referral(professional, page, **extra) -> Referral:
    kwargs = {
        "professional": professional,
        "page": page,
        "consent_given": True,
        "preferred_contact": "phone",
        "resident_name": "Qjvtruus Bewoner",
        "resident_phone": "06 55443322",
        "resident_email": "qjv-bewoner@example.nl",
        "note": "Qjv komt graag samen met de buurvrouw.",
        "share_name": True,
        "share_phone": True,
        "share_email": True,
        "share_note": True,
    }
    kwargs.update(extra)
    return referral_create(**kwargs)


@pytest.mark.parametrize("viewer", ["anonymous", "someone logged in"])
def test_no_public_output_holds_a_referral(client, held_world, viewer):  # noqa: F811
    professional = ProfessionalProfileFactory(
        user=UserFactory(email="qjv-arts@example.nl", first_name="Qjvdokter")
    ).user
    for page in (held_world["activity"], held_world["initiative"], held_world["vacancy"]):
        make_referral(professional, page)
    if viewer != "anonymous":
        client.force_login(UserFactory())
    for url, shown in public_outputs(held_world).items():
        response = client.get(url)
        assert response.status_code == 200, url
        body = body_of(response).lower()
        assert shown.lower() in body, (url, shown)
        assert MARKER not in body, url
        assert "55443322" not in body, url
    for words in ("Qjvtruus", "qjv-bewoner@example.nl", "buurvrouw", "55443322"):
        assert client.get("/api/search/", {"q": words}).json()["total"] == 0, words
        assert client.get("/api/v2/pages/", {"search": words}).json()["meta"]["total_count"] == 0


def test_the_professional_downloads_the_referrals_they_made(client, world):
    make_referral(world["huisarts"], world["activity"])
    client.force_login(world["huisarts"])
    data = json.loads(client.get("/mijn-gegevens/download/").content)
    assert data["professional"]["organisation"] == "Huisartsenpraktijk Wielwijk"
    assert data["referrals_made"][0]["resident_name"] == "Qjvtruus Bewoner"
    assert data["referrals_about_you"] == []
    page = client.get("/mijn-gegevens/bekijken/").content.decode()
    assert "Verwijzingen die je maakte" in page and "Qjvtruus Bewoner" in page


def test_the_resident_downloads_what_was_made_about_them(client, world):
    make_referral(world["huisarts"], world["activity"])
    resident = UserFactory(email="Qjv-Bewoner@Example.nl")
    client.force_login(resident)
    data = json.loads(client.get("/mijn-gegevens/download/").content)
    assert [r["name"] for r in data["referrals_about_you"]] == ["Qjvtruus Bewoner"]
    assert data["referrals_about_you"][0]["to"] == "Koffieochtend Wielwijk"
    assert data["referrals_made"] == []
    assert "Verwijzingen over jou" in client.get("/mijn-gegevens/bekijken/").content.decode()


def test_an_unverified_address_opens_nothing(client, world):
    make_referral(world["huisarts"], world["activity"])
    someone = UserFactory(email="qjv-bewoner@example.nl", verified=False)
    EmailAddress.objects.filter(user=someone).update(verified=False)
    client.force_login(someone)
    data = json.loads(client.get("/mijn-gegevens/download/").content)
    assert data["referrals_about_you"] == []


def test_erasing_a_professional_keeps_the_referral_without_them(client, world):
    from volunteers.privacy import user_delete

    referral = make_referral(world["huisarts"], world["activity"])
    user_delete(user=world["huisarts"])
    referral.refresh_from_db()
    assert referral.professional is None
    assert referral.resident_name == "Qjvtruus Bewoner"  # still for the initiative
    client.force_login(world["member"])
    inbox = client.get("/inbox/").content.decode()
    assert "Qjvtruus Bewoner" in inbox
    assert "Anna" not in inbox and "Huisartsenpraktijk Wielwijk" not in inbox
    assert "geen account meer" in inbox


def test_erasing_the_resident_removes_what_was_shared_about_them(world):
    from volunteers.privacy import user_delete

    referral = make_referral(world["huisarts"], world["activity"])
    other = make_referral(
        world["huisarts"], world["activity"], resident_email="iemand-anders@example.nl"
    )
    user_delete(user=UserFactory(email="qjv-bewoner@example.nl"))
    referral.refresh_from_db()
    other.refresh_from_db()
    assert referral.resident_name == referral.resident_phone == referral.note == ""
    assert referral.resident_email == referral.resident_email_digest == ""
    assert referral.status == "sent"  # the fact stays for the counts
    assert other.resident_name == "Qjvtruus Bewoner"
