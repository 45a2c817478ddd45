"""'Meld je initiatief aan': the public form makes a draft page and a pending
account; a moderator approves (publish, group, welcome mail) or rejects."""

import functools
import re
import time
from datetime import timedelta
from types import SimpleNamespace

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.gis.geos import Point
from django.core import mail, signing
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission

from initiatives.models import (
    InitiativeAccess,
    InitiativeMember,
    InitiativePage,
    InitiativeRegistration,
    PostcodeCentroid,
    RegistrationStatus,
)
from initiatives.permissions import MODERATORS
from initiatives.services import initiative_member_add, initiative_member_remove
from tests.factories import ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/initiatief-aanmelden/"
User = get_user_model()


@pytest.fixture
def postcode(db):
    return PostcodeCentroid.objects.create(
        postcode="3317 AB", point=Point(4.656, 51.807, srid=4326), town="Dordrecht"
    )


@pytest.fixture
def moderator(db):
    user = UserFactory(email="moderator@gemeente.nl")
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


def form_data(**overrides):
    data = {
        "title": "Repair Café Wielwijk",
        "intro": "Samen spullen repareren, elke eerste zaterdag.",
        "description": "We repareren fietsen en lampen.\n\nKoffie staat klaar.",
        "street": "Bosboom Toussaintstraat",
        "house_number": "3",
        "postcode": "3317ab",
        "town": "",
        "website": "repaircafe-wielwijk.nl",
        "public_email": "",
        "public_phone": "",
        "contact_name": "Fatima el Amrani",
        "email": "fatima@example.nl",
        "phone": "06 12345678",
        "message": "",
        "agree": "on",
    }
    data.update(overrides)
    return data


def register(client, **overrides):
    return client.post(URL, form_data(**overrides))


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Mail is sent after commit; run those callbacks."""
    return functools.partial(django_capture_on_commit_callbacks, execute=True)


def confirm_path(email: str) -> str:
    """The confirmation link in the last mail to ``email``."""
    message = next(m for m in reversed(mail.outbox) if m.to == [email])
    found = re.findall(r"http://\S+?(/initiatief-aanmelden/bevestigen/\S+)", message.body)
    assert len(found) == 1, message.body
    return found[0]


def register_and_confirm(client, commit, **overrides):
    """Register without being logged in and follow the mailed link."""
    data = form_data(**overrides)
    with commit():
        register(client, **overrides)
    with commit():
        response = client.post(confirm_path(data["email"]))
    assert response.status_code == 302, response.content.decode()
    return InitiativeRegistration.objects.latest("pk")


def test_form_page_and_links(client, index):
    response = client.get(URL)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="title"' in body and 'name="email"' in body
    assert URL in client.get("/initiatieven/").content.decode()


def test_registration_makes_a_draft_page_and_asks_to_confirm_the_address(
    client, index, postcode, moderator, commit
):
    theme = ThemeFactory(name="Duurzaamheid")
    with commit():
        response = register(client, themes=[theme.pk])
    assert response.status_code == 302
    assert response["Location"] == reverse("initiatives:register_thanks")
    assert "Bevestig je aanmelding" in client.get(response["Location"]).content.decode()

    registration = InitiativeRegistration.objects.get()
    assert registration.status == RegistrationStatus.UNCONFIRMED
    page = registration.page
    assert page.live is False and page.get_parent().pk == index.pk
    assert page.postcode == "3317 AB" and page.town == "Dordrecht"
    assert page.location is not None
    assert page.website == "https://repaircafe-wielwijk.nl"
    assert page.description == "<p>We repareren fietsen en lampen.</p><p>Koffie staat klaar.</p>"
    assert list(page.themes.all()) == [theme]
    assert page.get_latest_revision() is not None
    # Until the address is confirmed: no account, and the moderators hear nothing.
    assert registration.applicant is None
    assert not User.objects.filter(email__iexact="fatima@example.nl").exists()
    assert [m.to for m in mail.outbox] == [["fatima@example.nl"]]
    # Not public yet.
    assert client.get(page.url or f"/initiatieven/{page.slug}/").status_code == 404

    # The link shows a button: a mail scanner that follows links confirms nothing.
    link = confirm_path("fatima@example.nl")
    page_html = client.get(link).content.decode()
    assert f'action="{link}"' in page_html and "Repair Café Wielwijk" in page_html
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.UNCONFIRMED

    mail.outbox.clear()
    with commit():
        response = client.post(link)
    assert response["Location"] == reverse("initiatives:register_confirmed")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING
    user = registration.applicant
    assert user.email == "fatima@example.nl" and user.first_name == "Fatima"
    assert user.is_active is False and not user.has_usable_password()
    assert registration.created_account
    assert InitiativePage.objects.get(pk=page.pk).owner == user

    to = sorted(m.to[0] for m in mail.outbox)
    assert to == ["fatima@example.nl", "moderator@gemeente.nl"]
    to_moderator = next(m for m in mail.outbox if m.to == ["moderator@gemeente.nl"])
    assert f"/admin/aanmeldingen/{registration.pk}/" in to_moderator.body

    # A second click changes nothing.
    assert client.post(link)["Location"] == reverse("initiatives:register_confirmed")
    assert User.objects.filter(email__iexact="fatima@example.nl").count() == 1


def test_a_broken_or_expired_link_says_so_in_dutch(
    client, index, postcode, commit, settings, monkeypatch
):
    with commit():
        register(client)
    link = confirm_path("fatima@example.nl")
    broken = client.get(link[:-3] + "xyz/")
    assert broken.status_code == 400
    assert "Deze link werkt niet" in broken.content.decode()

    later = (
        time.time() + timedelta(days=settings.REGISTRATION_CONFIRM_DAYS, minutes=1).total_seconds()
    )
    # The signature's clock only: the rest of the request keeps the real time.
    monkeypatch.setattr(signing, "time", SimpleNamespace(time=lambda: later))
    expired = client.post(link)
    assert expired.status_code == 400
    assert "Deze link werkt niet" in expired.content.decode()
    assert InitiativeRegistration.objects.get().status == RegistrationStatus.UNCONFIRMED


def test_bad_postcode_keeps_everything_typed(client, index, postcode):
    response = register(client, postcode="9999 ZZ", title="Wijktuin De Bloem")
    body = response.content.decode()
    assert response.status_code == 400
    assert "kennen we niet" in body
    assert 'value="Wijktuin De Bloem"' in body and 'value="fatima@example.nl"' in body
    assert "Samen spullen repareren" in body
    assert not InitiativeRegistration.objects.exists()
    assert not User.objects.filter(email="fatima@example.nl").exists()


def test_missing_fields_and_consent_are_dutch_errors(client, index, postcode):
    response = register(client, title="", agree="", email="geen-adres")
    body = response.content.decode()
    assert response.status_code == 400
    assert "Vul de naam van het initiatief in." in body
    assert "namens het initiatief mag spreken" in body
    assert "Vul een geldig e-mailadres in" in body


def test_a_known_address_gets_the_same_answer_as_an_unknown_one(client, index, postcode, commit):
    """Nobody can find out through this form whether an address has an
    account: the same redirect, the same page, one mail to the address."""
    owner = UserFactory(email="fatima@example.nl")
    with commit():
        known = register(client, email="FATIMA@example.nl")
    with commit():
        unknown = register(client, email="nieuw@example.nl", title="Buurttuin")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("initiatives:register_thanks")
    assert sorted(m.to[0].lower() for m in mail.outbox) == ["fatima@example.nl", "nieuw@example.nl"]
    # Nothing that blocks or takes over the existing account.
    assert User.objects.filter(email__iexact="fatima@example.nl").get() == owner
    assert not InitiativeRegistration.objects.filter(applicant=owner).exists()
    to_owner = next(m for m in mail.outbox if m.to[0].lower() == "fatima@example.nl")
    assert "in te loggen met dat account" in to_owner.body


def test_the_owner_of_a_known_address_confirms_logged_in(client, index, postcode, commit):
    owner = UserFactory(email="fatima@example.nl")
    with commit():
        register(client)
    link = confirm_path("fatima@example.nl")

    # Not logged in: the link sends the owner to the login page and back.
    page = client.get(link)
    assert "Log in" in page.content.decode()
    response = client.post(link)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert InitiativeRegistration.objects.get().status == RegistrationStatus.UNCONFIRMED

    # Logged in with another account: refused.
    client.force_login(UserFactory(email="iemand-anders@example.nl"))
    refused = client.post(link)
    assert refused.status_code == 400
    assert "ander account" in refused.content.decode()
    assert InitiativeRegistration.objects.get().status == RegistrationStatus.UNCONFIRMED

    client.force_login(owner)
    with commit():
        response = client.post(link)
    assert response["Location"] == reverse("initiatives:register_confirmed")
    registration = InitiativeRegistration.objects.get()
    assert registration.status == RegistrationStatus.PENDING
    assert registration.applicant == owner and not registration.created_account
    assert User.objects.count() == 2


def test_a_stranger_using_my_address_does_not_stop_me_signing_up(client, index, postcode, commit):
    """Someone registers an initiative with victim@…, who never confirms: the
    victim can still sign up, confirm and log in with their own account."""
    with commit():
        register(client, email="victim@example.nl", contact_name="Een Vreemde")
    mail.outbox.clear()

    victim = Client()
    password = "een-lang-eigen-wachtwoord-5"
    with commit():
        signup = victim.post(
            reverse("account_signup"),
            {
                "email": "victim@example.nl",
                "password1": password,
                "password2": password,
                "privacy_consent": "on",
            },
        )
    assert signup.status_code == 302
    (confirmation,) = mail.outbox
    link = re.search(r"http://testserver(/account/confirm-email/\S+)", confirmation.body).group(1)
    victim.post(link)
    victim.logout()
    login = victim.post(
        reverse("account_login"), {"login": "victim@example.nl", "password": password}
    )
    assert login.status_code == 302 and "verification" not in login["Location"]
    user = User.objects.get(email="victim@example.nl")
    assert user.is_active and user.first_name == ""


def test_a_stranger_using_my_address_cannot_make_me_a_manager(
    client, index, postcode, moderator, commit
):
    """Unconfirmed, the registration never reaches the moderators, cannot be
    approved, and is linked to no account."""
    with commit():
        register(client, email="victim@example.nl")
    registration = InitiativeRegistration.objects.get()
    assert registration.applicant is None
    assert "moderator@gemeente.nl" not in [m.to[0] for m in mail.outbox]

    client.force_login(moderator)
    url = reverse("initiatives_registration", args=[registration.pk])
    assert "nog niet bevestigd" in client.get(url).content.decode()
    client.post(url, {"approve": "1"})
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.UNCONFIRMED
    assert not InitiativeMember.objects.filter(user__email__iexact="victim@example.nl").exists()
    assert not InitiativePage.objects.get(pk=registration.page_id).live


def test_failed_attempts_count_too(client, index, postcode, settings):
    settings.VOLUNTEER_RATE_LIMITS = {
        **settings.VOLUNTEER_RATE_LIMITS,
        "register_initiative_attempt": "3/h",
    }
    statuses = [register(client, postcode="9999 ZZ").status_code for _ in range(3)]
    assert statuses == [400, 400, 400]
    assert register(client).status_code == 429
    assert not InitiativeRegistration.objects.exists()


def test_one_address_gets_a_limited_number_of_mails(client, index, postcode, commit, settings):
    """The form must not become a way to flood someone's inbox; the answer
    stays the same."""
    settings.VOLUNTEER_RATE_LIMITS = {
        **settings.VOLUNTEER_RATE_LIMITS,
        "register_initiative_mail": "2/h",
    }
    for n in range(3):
        with commit():
            response = register(client, title=f"Initiatief {n}")
        assert response["Location"] == reverse("initiatives:register_thanks")
    assert len(mail.outbox) == 2
    assert InitiativeRegistration.objects.count() == 2


def test_unconfirmed_registrations_are_deleted_after_the_link_expires(
    client, index, postcode, commit, settings
):
    with commit():
        register(client, email="oud@example.nl", title="Oud")
        register(client, email="nieuw@example.nl", title="Nieuw")
    old = InitiativeRegistration.objects.get(email="oud@example.nl")
    InitiativeRegistration.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=settings.REGISTRATION_CONFIRM_DAYS, hours=1)
    )
    call_command("delete_unconfirmed_registrations")
    assert list(InitiativeRegistration.objects.values_list("email", flat=True)) == [
        "nieuw@example.nl"
    ]
    assert not InitiativePage.objects.filter(pk=old.page_id).exists()


def test_logged_in_user_registers_with_their_account(client, index, postcode):
    user = UserFactory(email="buurtgroep@example.nl")
    client.force_login(user)
    assert 'name="email"' not in client.get(URL).content.decode()
    response = register(client, email="")
    assert response.status_code == 302
    # The account's address is verified already: straight to the moderators.
    assert response["Location"] == reverse("initiatives:register_confirmed")
    registration = InitiativeRegistration.objects.get()
    assert registration.status == RegistrationStatus.PENDING
    assert registration.applicant == user and not registration.created_account
    assert registration.email == "buurtgroep@example.nl"
    assert User.objects.count() == 1


def test_honeypot_saves_nothing(client, index, postcode):
    response = register(client, bedrijfsnaam="spam")
    assert response.status_code == 400
    assert not InitiativeRegistration.objects.exists()


def test_two_initiatives_with_one_name_get_their_own_slug(client, index, postcode):
    register(client)
    register(client, email="ander@example.nl")
    slugs = sorted(r.page.slug for r in InitiativeRegistration.objects.all())
    assert slugs == ["repair-cafe-wielwijk", "repair-cafe-wielwijk-1"]


def test_anonymous_registrations_are_limited_per_address(client, index, postcode, settings):
    settings.VOLUNTEER_RATE_LIMITS = {
        **settings.VOLUNTEER_RATE_LIMITS,
        "register_initiative": "2/h",
    }
    assert register(client, email="a@example.nl").status_code == 302
    assert register(client, email="b@example.nl").status_code == 302
    response = register(client, email="c@example.nl", title="Derde")
    assert response.status_code == 429
    assert InitiativeRegistration.objects.count() == 2


# --- moderation in the Wagtail admin ---


@pytest.fixture
def registration(client, index, postcode, commit):
    registration = register_and_confirm(client, commit)
    client.logout()
    mail.outbox.clear()
    return registration


def test_only_moderators_see_registrations(client, registration, moderator):
    detail = reverse("initiatives_registration", args=[registration.pk])
    editor = UserFactory()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get(reverse("initiatives_registrations")).status_code in (302, 403)
    assert client.post(detail, {"approve": "1"}).status_code in (302, 403)
    registration.refresh_from_db()
    assert registration.is_pending

    client.force_login(moderator)
    listing = client.get(reverse("initiatives_registrations"))
    assert listing.status_code == 200 and "Repair Café Wielwijk" in listing.content.decode()
    assert "Aanmeldingen (1)" in client.get("/admin/").content.decode()
    assert client.get(detail).status_code == 200


def test_approval_publishes_grants_the_subtree_and_welcomes(
    client, registration, moderator, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("initiatives_registration", args=[registration.pk]), {"approve": "1"}
        )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED
    assert registration.decided_by == moderator
    page = InitiativePage.objects.get(pk=registration.page_id)
    assert page.live

    access = InitiativeAccess.objects.get(initiative=page)
    assert not access.trusted
    perms = set(
        GroupPagePermission.objects.filter(group=access.group).values_list(
            "page_id", "permission__codename"
        )
    )
    assert perms == {(page.pk, "add_page"), (page.pk, "change_page"), (page.pk, "lock_page")}
    assert access.group.permissions.filter(codename="access_admin").exists()

    user = registration.applicant
    user.refresh_from_db()
    assert user.is_active
    assert user.groups.filter(pk=access.group.pk).exists()
    assert InitiativeMember.objects.filter(user=user, initiative=page, role="manager").exists()

    (welcome,) = mail.outbox
    assert welcome.to == ["fatima@example.nl"] and "Welkom" in welcome.subject
    assert "Ter goedkeuring indienen" in welcome.body
    link = re.search(r"http\S+/account/password/reset/key/\S+", welcome.body).group(0)

    # The applicant chooses a password through the link and can then log in.
    client.logout()
    path = "/" + link.split("/", 3)[3]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    new_password = "een-lang-nieuw-wachtwoord-7"
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
        {"password1": new_password, "password2": new_password},
    )
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    client.logout()
    login = client.post(
        reverse("account_login"), {"login": "fatima@example.nl", "password": new_password}
    )
    assert login.status_code == 302 and "verification" not in login["Location"]
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200


def test_trusted_approval_grants_publish(client, registration, moderator):
    client.force_login(moderator)
    client.post(
        reverse("initiatives_registration", args=[registration.pk]),
        {"approve": "1", "trusted": "on"},
    )
    access = InitiativeAccess.objects.get(initiative_id=registration.page_id)
    assert access.trusted
    assert GroupPagePermission.objects.filter(
        group=access.group, page_id=registration.page_id, permission__codename="publish_page"
    ).exists()
    # Taking the trust back takes publishing back.
    access.trusted = False
    access.save()
    assert not GroupPagePermission.objects.filter(
        group=access.group, permission__codename="publish_page"
    ).exists()


def test_rejection_needs_a_reason_then_removes_draft_and_account(
    client, registration, moderator, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    url = reverse("initiatives_registration", args=[registration.pk])
    response = client.post(url, {"approve": "0", "reason": "  "})
    assert response.status_code == 400
    assert "Schrijf waarom" in response.content.decode()
    registration.refresh_from_db()
    assert registration.is_pending

    mail.outbox.clear()
    page_id, user_id = registration.page_id, registration.applicant_id
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"approve": "0", "reason": "Dit is een commercieel bedrijf."})
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REJECTED
    assert registration.reason == "Dit is een commercieel bedrijf."
    assert not InitiativePage.objects.filter(pk=page_id).exists()
    assert not User.objects.filter(pk=user_id).exists()
    (rejected,) = mail.outbox
    assert "Dit is een commercieel bedrijf." in rejected.body

    # A second decision changes nothing.
    response = client.post(url, {"approve": "1"}, follow=True)
    assert "al besloten" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REJECTED


def test_member_added_or_removed_follows_the_group(client, registration, moderator):
    client.force_login(moderator)
    client.post(reverse("initiatives_registration", args=[registration.pk]), {"approve": "1"})
    access = InitiativeAccess.objects.get(initiative_id=registration.page_id)
    colleague = UserFactory()
    member = initiative_member_add(user=colleague, initiative=access.initiative)
    assert colleague.groups.filter(pk=access.group.pk).exists()
    initiative_member_remove(member=member)
    assert not colleague.groups.filter(pk=access.group.pk).exists()


def test_staff_editing_a_membership_in_the_admin_moves_the_group(client, registration, moderator):
    # The Django admin saves memberships through the services too: a member
    # swapped for another leaves the group, the new one joins it; deleting
    # the membership there takes them out again.
    client.force_login(moderator)
    client.post(reverse("initiatives_registration", args=[registration.pk]), {"approve": "1"})
    access = InitiativeAccess.objects.get(initiative_id=registration.page_id)
    first, second = UserFactory(), UserFactory()
    member = initiative_member_add(user=first, initiative=access.initiative)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    change = reverse("admin:initiatives_initiativemember_change", args=[member.pk])
    saved = client.post(
        change, {"user": second.pk, "initiative": access.initiative_id, "role": "member"}
    )
    assert saved.status_code == 302
    assert not first.groups.filter(pk=access.group_id).exists()
    assert second.groups.filter(pk=access.group_id).exists()
    delete = reverse("admin:initiatives_initiativemember_delete", args=[member.pk])
    client.post(delete, {"post": "yes"})
    assert not InitiativeMember.objects.filter(pk=member.pk).exists()
    assert not second.groups.filter(pk=access.group_id).exists()


def test_deleting_an_initiative_takes_its_members_out_of_its_group(client, registration, moderator):
    # The rows go by cascade, not through the membership service: the
    # initiative's group must still not keep them as Wagtail editors.
    client.force_login(moderator)
    client.post(reverse("initiatives_registration", args=[registration.pk]), {"approve": "1"})
    registration.refresh_from_db()
    group_id = InitiativeAccess.objects.get(initiative_id=registration.page_id).group_id
    manager = registration.applicant
    assert manager.groups.filter(pk=group_id).exists()
    registration.page.delete()
    assert not manager.groups.filter(pk=group_id).exists()


def test_password_set_by_an_ordinary_user_verifies_nothing(client, db):
    from initiatives.services import verify_after_password_set

    user = UserFactory(verified=False)
    verify_after_password_set(user)
    assert not EmailAddress.objects.get(user=user).verified


def test_behind_a_proxy_each_client_has_its_own_limit(client, index, postcode, settings):
    settings.VOLUNTEER_RATE_LIMITS = {
        **settings.VOLUNTEER_RATE_LIMITS,
        "register_initiative": "1/h",
    }
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    first = client.post(URL, form_data(email="a@example.nl"), HTTP_X_FORWARDED_FOR="192.0.2.1")
    other = client.post(URL, form_data(email="b@example.nl"), HTTP_X_FORWARDED_FOR="192.0.2.2")
    again = client.post(URL, form_data(email="c@example.nl"), HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert (first.status_code, other.status_code, again.status_code) == (302, 302, 429)


def test_rejecting_one_of_two_registrations_keeps_the_shared_pending_account(
    client, index, postcode, moderator, commit
):
    first = register_and_confirm(client, commit, title="Eerste")
    second = register_and_confirm(client, commit, title="Tweede")
    assert first.applicant == second.applicant
    client.force_login(moderator)
    client.post(
        reverse("initiatives_registration", args=[first.pk]),
        {"approve": "0", "reason": "Dubbel aangemeld."},
    )
    second.refresh_from_db()
    assert second.applicant is not None and second.is_pending
