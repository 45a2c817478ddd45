"""Accounts through django-allauth: signup with consent and a honeypot, email
verification, login and logout, password reset and change, rate limits, and
the pages in the site's Dutch layout."""

import re

import pytest
from allauth.account.models import EmailAddress
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import Consent
from core.forms import HoneypotMixin
from tests.factories import USER_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()

NEW_PASSWORD = "Een-nieuw-wachtwoord-9"
SIGNUP = {
    "email": "nieuw@example.nl",
    "password1": "Lang-genoeg-wachtwoord-7",
    "password2": "Lang-genoeg-wachtwoord-7",
    "privacy_consent": "on",
}


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    # allauth counts attempts in the cache, and the locmem cache outlives a
    # test: without this, one test's logins count against the next.
    cache.clear()
    yield
    cache.clear()


def sign_up(client, **changes):
    data = {key: value for key, value in {**SIGNUP, **changes}.items() if value is not None}
    return client.post(reverse("account_signup"), data)


def log_in(client, email, password=USER_PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


def link_in(message) -> str:
    """The path of the (only) link in an email."""
    found = re.findall(r"http://testserver(/\S+)", message.body)
    assert len(found) == 1, message.body
    return found[0]


# --- signup -------------------------------------------------------------------


def test_signup_without_consent_is_refused():
    response = sign_up(Client(), privacy_consent=None)

    assert response.status_code == 200
    assert "akkoord gaat met de privacyverklaring" in response.content.decode()
    assert not User.objects.exists()
    assert mail.outbox == []


def test_signup_stores_consent_and_sends_a_confirmation_link():
    before = timezone.now()

    response = sign_up(Client())

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="nieuw@example.nl")
    assert user.check_password(SIGNUP["password1"])
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.verified) == ("nieuw@example.nl", False)
    consent = Consent.objects.get(user=user)
    assert consent.statement_version == settings.PRIVACY_STATEMENT_VERSION
    assert before <= consent.given_at <= timezone.now()

    [message] = mail.outbox
    assert message.to == ["nieuw@example.nl"]
    assert message.subject == "[Meedoen] Bevestig je e-mailadres"
    assert message.body.startswith("Hallo van Meedoen!")
    assert link_in(message).startswith("/account/confirm-email/")
    # People know their email address, not the username allauth made up.
    assert "gebruiker nieuw@example.nl" in message.body


def test_confirming_the_link_verifies_the_address_and_logs_in():
    client = Client()
    sign_up(client)
    link = link_in(mail.outbox[0])

    # The link shows a button: a mail scanner that follows links must not
    # confirm the address.
    page = client.get(link)
    assert page.status_code == 200
    # allauth signs the key again when it renders the page, so the action
    # equals the mailed link only within the same second: compare the route.
    assert '<form class="account-form" method="post" action="/account/confirm-email/' in (
        page.content.decode()
    )
    assert not EmailAddress.objects.get(email="nieuw@example.nl").verified

    response = client.post(link)

    assert response.status_code == 302
    user = User.objects.get(email="nieuw@example.nl")
    assert EmailAddress.objects.get(user=user).verified
    assert logged_in_user_id(client) == str(user.pk)


def test_the_same_email_cannot_sign_up_twice_and_is_not_revealed():
    UserFactory(email="bestaand@example.nl")

    response = sign_up(Client(), email="bestaand@example.nl")

    # The same answer as a new signup, so nobody can find out who has an
    # account; the owner gets an email instead.
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert User.objects.filter(email="bestaand@example.nl").count() == 1
    [message] = mail.outbox
    assert message.to == ["bestaand@example.nl"]


def test_mismatched_passwords_show_the_error_at_the_field():
    response = sign_up(Client(), password2="iets-anders-123")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Fout: " in html
    assert 'id="id_password2_fout"' in html
    assert re.search(r'<input[^>]*aria-invalid="true"[^>]*id="id_password2"', html)
    assert not User.objects.exists()


# --- honeypot -----------------------------------------------------------------


def test_a_filled_honeypot_rejects_the_signup_with_a_neutral_message():
    response = sign_up(Client(), website="https://goedkope-pillen.example")

    assert response.status_code == 200
    html = response.content.decode()
    assert HoneypotMixin.honeypot_message in html
    assert "honeypot" not in html.lower()
    assert not User.objects.exists()
    assert not Consent.objects.exists()
    assert mail.outbox == []


def test_the_honeypot_is_hidden_from_people():
    html = Client().get(reverse("account_signup")).content.decode()

    match = re.search(r'<div class="visually-hidden" aria-hidden="true">.*?</div>', html, re.S)
    assert match, html
    honeypot = match.group(0)
    assert 'name="website"' in honeypot
    assert 'tabindex="-1"' in honeypot
    assert 'autocomplete="off"' in honeypot


def test_the_honeypot_mixin_works_on_any_form():
    class ContactForm(HoneypotMixin, forms.Form):
        message = forms.CharField()

    assert ContactForm(data={"message": "Hallo", "website": ""}).is_valid()
    spam = ContactForm(data={"message": "Hallo", "website": "spam"})
    assert not spam.is_valid()
    assert spam.non_field_errors() == [HoneypotMixin.honeypot_message]


# --- login and logout ---------------------------------------------------------


def test_an_unverified_address_cannot_log_in():
    user = UserFactory(verified=False)
    client = Client()

    response = log_in(client, user.email)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert logged_in_user_id(client) is None
    # A new link goes out, for who lost the first one.
    [message] = mail.outbox
    assert message.to == [user.email]


def test_a_wrong_password_is_refused():
    user = UserFactory()
    client = Client()

    response = log_in(client, user.email, "fout-wachtwoord")

    assert response.status_code == 200
    assert "wachtwoord is niet correct" in response.content.decode()
    assert logged_in_user_id(client) is None


def test_log_in_and_out_from_the_header(home):
    user = UserFactory()
    client = Client(enforce_csrf_checks=True)
    login_page = client.get(reverse("account_login"))
    token = login_page.cookies["csrftoken"].value

    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": USER_PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert logged_in_user_id(client) == str(user.pk)

    html = client.get("/").content.decode()
    assert user.email in html
    assert "Je bent nu ingelogd" in html  # the message after the redirect
    logout_form = re.search(
        r'<form method="post" action="/account/logout/">.*?</form>', html, re.S
    ).group(0)
    assert 'name="csrfmiddlewaretoken"' in logout_form
    assert "Uitloggen" in logout_form

    # Without the token the logout is refused (CSRF); with it, it works.
    assert client.post(reverse("account_logout")).status_code == 403
    assert logged_in_user_id(client) == str(user.pk)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', logout_form).group(1)
    response = client.post(reverse("account_logout"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert logged_in_user_id(client) is None


def test_the_header_offers_login_and_signup_when_logged_out(home):
    html = Client().get("/").content.decode()

    assert f'<a href="{reverse("account_login")}">Inloggen</a>' in html
    assert f'<a href="{reverse("account_signup")}">Account aanmaken</a>' in html
    assert "Uitloggen" not in html


# --- rate limits --------------------------------------------------------------


@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "3/m/ip"})
def test_failed_logins_from_one_client_are_limited():
    user = UserFactory()
    client = Client()
    for _ in range(3):
        response = log_in(client, user.email, "fout-wachtwoord")
        assert "Te veel inlogpogingen" not in response.content.decode()

    # Even the right password is refused now, with 429 and the form.
    response = log_in(client, user.email)

    assert response.status_code == 429
    assert "Te veel inlogpogingen" in response.content.decode()
    assert logged_in_user_id(client) is None


def test_the_configured_limit_protects_one_address():
    """Five wrong passwords for one address lock it, from any client."""
    user = UserFactory()
    for _ in range(5):
        log_in(Client(), user.email, "fout-wachtwoord")

    response = log_in(Client(), user.email)

    assert "Te veel inlogpogingen" in response.content.decode()


@override_settings(ACCOUNT_RATE_LIMITS={"signup": "1/m/ip"})
def test_too_many_signups_get_a_dutch_wait_page():
    sign_up(Client())

    response = sign_up(Client(), email="tweede@example.nl")

    assert response.status_code == 429
    assert "Even wachten" in response.content.decode()
    assert not User.objects.filter(email="tweede@example.nl").exists()


def test_reset_emails_to_one_address_are_limited():
    """Reset mails must not become a way to flood someone's inbox (3 an hour)."""
    user = UserFactory()
    for _ in range(3):
        Client().post(reverse("account_reset_password"), {"email": user.email})

    response = Client().post(reverse("account_reset_password"), {"email": user.email})

    assert response.status_code == 429
    assert len(mail.outbox) == 3


# --- passwords ----------------------------------------------------------------


def test_password_reset_sends_a_link_that_sets_a_new_password():
    user = UserFactory()
    client = Client()

    response = client.post(reverse("account_reset_password"), {"email": user.email})

    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == [user.email]
    assert message.subject.startswith("[Meedoen] ")
    # allauth moves the key from the URL into the session, then shows the form.
    form_page = client.get(link_in(message), follow=True)
    assert form_page.status_code == 200
    assert 'name="password1"' in form_page.content.decode()
    [(form_url, _status)] = form_page.redirect_chain

    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_from_key_done")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_a_used_reset_link_does_not_work_again():
    user = UserFactory()
    client = Client()
    client.post(reverse("account_reset_password"), {"email": user.email})
    link = link_in(mail.outbox[0])
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    again = Client().get(link, follow=True)

    assert 'name="password1"' not in again.content.decode()


def test_a_logged_in_user_changes_the_password():
    user = UserFactory()
    client = Client()
    client.force_login(user)

    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": USER_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


# --- pages --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url_name", "texts"),
    [
        ("account_login", ["<h1>Inloggen</h1>", "Wachtwoord", "Wachtwoord vergeten?"]),
        (
            "account_signup",
            ["<h1>Account aanmaken</h1>", "Wachtwoord (bevestigen)", "privacyverklaring"],
        ),
        ("account_reset_password", ["Nieuw wachtwoord", "E-mail"]),
    ],
)
def test_pages_are_dutch_and_in_the_site_layout(url_name, texts):
    response = Client().get(reverse(url_name))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl"' in html
    assert "Direct naar de inhoud" in html  # the site's own base.html
    assert 'class="account-page"' in html
    for text in texts:
        assert text in html


def test_every_signup_field_has_a_label():
    html = Client().get(reverse("account_signup")).content.decode()

    for field_id in ("id_email", "id_password1", "id_password2", "id_privacy_consent"):
        assert f'<label for="{field_id}">' in html
        assert f'id="{field_id}"' in html


# -- the password hints speak as the site does ("je", issue 16) --------------------
def test_password_hints_say_je_not_uw(client):
    html = client.get("/account/signup/").content.decode()
    assert "Je wachtwoord moet minstens 8 tekens lang zijn." in html
    assert not re.search(r"\b[Uu]w\b", html)


@pytest.mark.parametrize(
    ("password", "error"),
    [
        ("kort-1", "Je wachtwoord is te kort. Het moet minstens 8 tekens lang zijn."),
        ("12345678901", "Je wachtwoord mag niet alleen uit cijfers bestaan."),
        ("wachtwoord", "Dit wachtwoord wordt te vaak gebruikt. Kies een ander."),
    ],
)
def test_password_errors_in_dutch(client, password, error):
    data = SIGNUP | {"password1": password, "password2": password}
    html = client.post("/account/signup/", data).content.decode()
    assert error in html
    assert "This password" not in html
