"""Referring a resident (issue 17): consent, only what may be shared, the
initiative's inbox, the professional's list, mails, access and the status
flow."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from initiatives.permissions import MODERATORS
from referrals import services
from referrals.models import Referral, ReferralStatus
from referrals.services import email_digest
from tests.factories import (
    InitiativeMemberFactory,
    InitiativePageFactory,
    ProfessionalProfileFactory,
    UserFactory,
    VacancyPageFactory,
    VolunteerProfileFactory,
)
from tests.referrals.conftest import referral_form

pytestmark = pytest.mark.django_db


def moderator_of(municipality):
    """A moderator of the referral's own gemeente: judges, does not read referrals."""
    user = UserFactory()
    user.groups.add(Group.objects.get(name=MODERATORS))
    municipality.moderators.add(user)
    return user


def refer(client, world, **extra):
    client.force_login(world["huisarts"])
    return client.post(f"/verwijzen/{world['activity'].pk}/", referral_form(**extra))


# --- the link on a listing ---------------------------------------------------------
def test_only_approved_professionals_see_the_link(client, world):
    activity = world["activity"]
    assert "Verwijs iemand hierheen" not in client.get(activity.url).content.decode()
    pending = ProfessionalProfileFactory(status="pending").user
    for user in (pending, world["member"], VolunteerProfileFactory().user):
        client.force_login(user)
        assert "Verwijs iemand hierheen" not in client.get(activity.url).content.decode()
        assert client.get(f"/verwijzen/{activity.pk}/").status_code == 404
    client.force_login(world["huisarts"])
    body = client.get(activity.url).content.decode()
    assert "Verwijs iemand hierheen" in body
    assert f"/verwijzen/{activity.pk}/" in body
    # On the initiative's own page too.
    assert "Verwijs iemand hierheen" in client.get(world["initiative"].url).content.decode()


def test_the_anonymous_page_cache_never_keeps_the_link(client, world, settings):
    from django.test import Client

    settings.PAGE_CACHE_SECONDS = 60
    settings.PAGE_CACHE_HEADER = True
    client.force_login(world["huisarts"])
    assert "Verwijs iemand hierheen" in client.get(world["activity"].url).content.decode()
    anonymous = Client().get(world["activity"].url)
    assert anonymous.status_code == 200
    assert "Verwijs iemand hierheen" not in anonymous.content.decode()


def test_find_a_listing_by_its_title(client, world):
    client.force_login(world["huisarts"])
    body = client.get("/verwijzen/", {"q": "koffie"}).content.decode()
    assert "Koffieochtend Wielwijk" in body
    assert f"/verwijzen/{world['activity'].pk}/" in body
    client.force_login(world["member"])
    assert client.get("/verwijzen/", {"q": "koffie"}).status_code == 404


# --- making a referral ---------------------------------------------------------------
def test_a_referral_with_consent_goes_to_the_initiative(client, world, commit):
    with commit():
        response = refer(client, world)
    assert response.status_code == 302, response.content.decode()
    referral = Referral.objects.get()
    assert referral.initiative.pk == world["initiative"].pk
    assert referral.page_id == world["activity"].pk
    assert referral.professional == world["huisarts"]
    assert referral.status == ReferralStatus.SENT
    assert referral.resident_name == "Truus Qjvbewoner"
    assert referral.resident_email_digest == email_digest("Truus.QJV@example.nl ")
    # The wijk and gemeente of the listing.
    assert referral.neighbourhood == world["wielwijk"]
    assert referral.municipality == world["dordrecht"]
    # The initiative's member is told, without personal data.
    assert [m.to for m in mail.outbox] == [[world["member"].email]]
    assert "qjv" not in (mail.outbox[0].subject + mail.outbox[0].body).lower()


def test_without_consent_the_form_says_so_and_keeps_what_was_typed(client, world):
    response = refer(client, world, consent_given=None)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Vraag eerst of de bewoner het goed vindt." in body
    assert "Truus Qjvbewoner" in body
    assert not Referral.objects.exists()


def test_the_database_refuses_a_referral_without_consent(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.create(
            page_title="x",
            preferred_contact="phone",
            consent_given=False,
            consent_recorded_at=timezone.now(),
        )


def test_the_database_refuses_an_unshared_phone_number(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.create(
            page_title="x",
            preferred_contact="professional",
            consent_given=True,
            consent_recorded_at=timezone.now(),
            resident_phone="06 12345678",
            consent_share_phone=False,
        )


def test_only_what_may_be_shared_is_stored(client, world):
    response = refer(
        client,
        world,
        share_phone=None,
        share_note=None,
        share_email=None,
        preferred_contact="professional",
    )
    assert response.status_code == 302, response.content.decode()
    referral = Referral.objects.get()
    assert referral.resident_name == "Truus Qjvbewoner"
    assert referral.resident_phone == ""
    assert referral.resident_email == ""
    assert referral.note == ""
    assert not referral.consent_share_phone
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM referrals_referral")
        raw = " ".join(str(value) for value in cursor.fetchone())
    # Nothing unshared, and the shared name only as ciphertext.
    assert "12345678" not in raw and "Qjv" not in raw and "qjv" not in raw


def test_phone_contact_needs_a_shared_phone_number(client, world):
    response = refer(client, world, share_phone=None, preferred_contact="phone")
    assert response.status_code == 400
    assert "vul het telefoonnummer in" in response.content.decode()
    assert not Referral.objects.exists()


def test_the_resident_mail_is_short_and_without_the_note(client, world, commit):
    with commit():
        refer(client, world, notify_resident="on")
    to_resident = [m for m in mail.outbox if m.to == ["truus.qjv@example.nl"]]
    assert len(to_resident) == 1
    body = to_resident[0].body
    assert "Buurthuis Wielwijk neemt contact met je op" in body
    assert "bellen" in body
    assert "qjvnoot" not in body and "buurvrouw" not in body


def test_the_resident_mail_is_in_the_language_the_professional_chose(client, world, commit):
    with commit():
        refer(client, world, notify_resident="on", resident_language="uk")
    [to_resident] = [m for m in mail.outbox if m.to == ["truus.qjv@example.nl"]]
    assert "neemt contact met je op" not in to_resident.body
    assert "Buurthuis Wielwijk" in to_resident.body
    # Not kept: the referral has no language of the resident.
    assert "resident_language" not in {f.name for f in Referral._meta.get_fields()}
    # The initiative's members still read theirs in Dutch.
    to_members = [m for m in mail.outbox if m.to != ["truus.qjv@example.nl"]]
    assert to_members and all("/uk/" not in m.body for m in to_members)


@pytest.mark.parametrize("language", ["xx", "<b>", ""])
def test_an_unknown_mail_language_is_refused_or_dutch_never_a_500(client, world, language):
    response = refer(client, world, notify_resident="on", resident_language=language)
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert "geldige keuze" in response.content.decode()


def test_no_mail_to_the_resident_unless_chosen(client, world, commit):
    with commit():
        refer(client, world)
    assert all(m.to != ["truus.qjv@example.nl"] for m in mail.outbox)


def test_referring_is_rate_limited(client, world, settings):
    settings.VOLUNTEER_RATE_LIMITS = {**settings.VOLUNTEER_RATE_LIMITS, "referral": "1/h"}
    assert refer(client, world).status_code == 302
    assert refer(client, world).status_code == 429
    assert Referral.objects.count() == 1


def test_a_vacancy_can_be_referred_to_too(client, world):
    vacancy = VacancyPageFactory(parent=world["initiative"], title="Gastvrouw")
    client.force_login(world["huisarts"])
    response = client.post(f"/verwijzen/{vacancy.pk}/", referral_form())
    assert response.status_code == 302
    assert Referral.objects.get().initiative.pk == world["initiative"].pk


# --- the inbox and the status flow ---------------------------------------------------
def test_the_member_confirms_contact_and_the_professional_sees_it(client, world):
    refer(client, world)
    referral = Referral.objects.get()
    client.force_login(world["member"])
    inbox = client.get("/inbox/").content.decode()
    assert "Truus Qjvbewoner" in inbox and "06 12345678" in inbox
    assert "Huisartsenpraktijk Wielwijk" in inbox
    response = client.post(f"/inbox/verwijzingen/{referral.pk}/contact/")
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CONTACTED
    assert referral.first_contact_at is not None
    client.post(f"/inbox/verwijzingen/{referral.pk}/uitkomst/", {"gekomen": "1"})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ATTENDED
    assert referral.outcome_at >= referral.first_contact_at
    client.force_login(world["huisarts"])
    mine = client.get("/mijn-verwijzingen/").content.decode()
    assert "Is gekomen" in mine and "Contact gehad op" in mine


def test_outcome_only_after_contact(client, world):
    refer(client, world)
    referral = Referral.objects.get()
    client.force_login(world["member"])
    client.post(f"/inbox/verwijzingen/{referral.pk}/uitkomst/", {"gekomen": "0"})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT and referral.outcome_at is None


@pytest.mark.parametrize("who", ["other_member", "volunteer", "other_professional", "moderator"])
def test_nobody_else_sees_or_changes_a_referral(client, world, who):
    refer(client, world)
    referral = Referral.objects.get()
    user = {
        "other_member": world["other_member"],
        "volunteer": VolunteerProfileFactory().user,
        "other_professional": ProfessionalProfileFactory().user,
        "moderator": moderator_of(world["dordrecht"]),
    }[who]
    client.force_login(user)
    assert "Qjvbewoner" not in client.get("/inbox/").content.decode()
    assert client.post(f"/inbox/verwijzingen/{referral.pk}/contact/").status_code == 404
    assert (
        client.post(f"/inbox/verwijzingen/{referral.pk}/uitkomst/", {"gekomen": "1"}).status_code
        == 404
    )
    assert client.post(f"/mijn-verwijzingen/{referral.pk}/intrekken/").status_code == 404
    if who == "other_professional":
        assert "Qjvbewoner" not in client.get("/mijn-verwijzingen/").content.decode()
    else:
        assert client.get("/mijn-verwijzingen/").status_code == 404
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    refer(client, world)
    referral = Referral.objects.get()
    client.logout()
    for url in (
        "/mijn-verwijzingen/",
        "/verwijzen/",
        f"/verwijzen/{world['activity'].pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/account/login/" in response["Location"]
    for url in (
        f"/inbox/verwijzingen/{referral.pk}/contact/",
        f"/mijn-verwijzingen/{referral.pk}/intrekken/",
    ):
        response = client.post(url)
        assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_staff_see_every_inbox(client, world):
    refer(client, world)
    client.force_login(UserFactory(is_staff=True))
    assert "Qjvbewoner" in client.get("/inbox/").content.decode()


def test_cancel_only_before_contact(client, world):
    refer(client, world)
    first = Referral.objects.get()
    refer(client, world)
    second = Referral.objects.exclude(pk=first.pk).get()
    response = client.post(f"/mijn-verwijzingen/{first.pk}/intrekken/")
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == ReferralStatus.CANCELLED
    assert first.resident_name == "" and first.resident_email_digest == ""
    client.force_login(world["member"])
    assert client.get("/inbox/").content.decode().count("Qjvbewoner") == 1
    client.post(f"/inbox/verwijzingen/{second.pk}/contact/")
    client.force_login(world["huisarts"])
    client.post(f"/mijn-verwijzingen/{second.pk}/intrekken/")
    second.refresh_from_db()
    assert second.status == ReferralStatus.CONTACTED


def test_the_inbox_reads_referrals_in_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    def queries() -> int:
        client.force_login(world["member"])
        client.get("/inbox/")  # warm up: site root, content types
        with CaptureQueriesContext(connection) as captured:
            body = client.get("/inbox/").content.decode()
        return len(captured), body

    for _ in range(3):
        refer(client, world)
    few, _ = queries()
    for _ in range(6):
        refer(client, world)
    many, body = queries()
    assert body.count("We hebben contact gehad") == 9
    assert many <= few
    with django_assert_max_num_queries(30):
        client.get("/inbox/")


def test_a_second_member_of_the_same_initiative_sees_it(client, world):
    refer(client, world)
    colleague = InitiativeMemberFactory(initiative=world["initiative"]).user
    client.force_login(colleague)
    assert "Qjvbewoner" in client.get("/inbox/").content.decode()


def test_the_inbox_badge_counts_referrals_waiting_for_contact(client, world):
    from volunteers.roles import account_roles

    assert account_roles(world["member"]).inbox_new == 0
    refer(client, world)
    assert account_roles(world["member"]).new_referrals == 1
    assert account_roles(world["other_member"]).new_referrals == 0
    client.force_login(world["member"])
    assert '1<span class="visually-hidden"> nieuw' in client.get("/inbox/").content.decode()
    client.post(f"/inbox/verwijzingen/{Referral.objects.get().pk}/contact/")
    assert account_roles(world["member"]).inbox_new == 0


def test_an_approved_professional_gets_their_menu(client, world):
    client.force_login(world["huisarts"])
    body = client.get("/mijn-verwijzingen/").content.decode()
    assert "Mijn verwijzingen" in body
    # A huisarts does not come for volunteer work.
    assert "Voor jou" not in body


def test_medical_words_in_the_note_ask_for_one_more_look(client, world):
    note = "Heeft sinds kort dementie, komt graag met de buurvrouw."
    response = refer(client, world, note=note)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kijk de toelichting nog even na" in body
    assert "<mark>dement" in body.lower() or "<mark" in body
    assert "Verstuur toch" in body and note in body  # nothing typed is lost
    assert not Referral.objects.exists()
    # Sent as it is after that look.
    response = refer(client, world, note=note, nagekeken="1")
    assert response.status_code == 302
    assert Referral.objects.get().note == note


def test_an_initiative_nobody_reads_for_is_not_offered_the_residents_details(
    client, world, index, commit
):
    """Without a member nobody opens the inbox: the professional is told at
    once and given the way to call the initiative; a POST stores nothing."""
    lonely = InitiativePageFactory(
        parent=index, title="Wandelclub Zonder Beheer", phone="078 5556677"
    )
    client.force_login(world["huisarts"])
    page = client.get(f"/verwijzen/{lonely.pk}/").content.decode()
    assert "leest nog geen verwijzingen" in page
    assert "078 5556677" in page and 'name="resident_name"' not in page
    with commit():
        response = client.post(f"/verwijzen/{lonely.pk}/", referral_form())
    assert response.status_code == 400
    assert not Referral.objects.exists()
    with pytest.raises(ValidationError):
        services.referral_create(
            professional=world["huisarts"],
            page=lonely,
            consent_given=True,
            preferred_contact="phone",
            resident_phone="0612345678",
            share_phone=True,
        )
    assert not Referral.objects.exists()
