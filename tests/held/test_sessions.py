"""What held: sessions rotate when who is logged in changes.

Logging in gives a new session key and the old one stops existing, so a
session id planted before login (session fixation) is worth nothing after
it; logging out, deleting one's account, changing or resetting a password
end the session (or every other session of that user). Logins go through
allauth's /account/login/ with an e-mail address, as people log in.
"""

import re

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail
from django.test import Client

from tests.factories import USER_PASSWORD, UserFactory, VolunteerProfileFactory

pytestmark = pytest.mark.django_db

COOKIE = settings.SESSION_COOKIE_NAME
NEW_PASSWORD = "Een-heel-ander-wachtwoord-3"


def log_in(client: Client, user) -> None:
    response = client.post("/account/login/", {"login": user.email, "password": USER_PASSWORD})
    assert response.status_code == 302, response.content.decode()[:300]
    assert "_auth_user_id" in client.session


def session_key(client: Client) -> str:
    return client.cookies[COOKIE].value


def logged_in(key: str) -> bool:
    """Whether a browser holding this session id is logged in."""
    other = Client()
    other.cookies[COOKIE] = key
    response = other.get("/profiel/")
    return response.status_code == 200


def anonymous_session(client: Client) -> str:
    """A session that exists before login, with something in it, the way a
    visitor (or an attacker preparing a fixation) gets one."""
    store = SessionStore()
    store["voorkeur"] = "kaart"
    store.create()
    client.cookies[COOKIE] = store.session_key
    return store.session_key


def test_logging_in_gives_a_new_session_key_and_ends_the_old_one():
    user = UserFactory()
    client = Client()
    before = anonymous_session(client)

    log_in(client, user)

    after = session_key(client)
    assert after != before
    assert not SessionStore().exists(before)
    assert logged_in(after)


def test_a_planted_session_id_is_not_logged_in_after_the_victim_logs_in():
    """Session fixation: the attacker makes a session, plants its id in the
    victim's browser and waits. The victim's login must not log it in."""
    attacker = Client()
    planted = anonymous_session(attacker)
    victim = Client()
    victim.cookies[COOKIE] = planted

    log_in(victim, UserFactory())

    assert session_key(victim) != planted
    assert not logged_in(planted)
    assert attacker.get("/profiel/").status_code == 302


def test_a_made_up_session_id_is_not_adopted():
    """An id the server never issued is replaced, never created as given."""
    client = Client()
    client.cookies[COOKIE] = "a" * 32
    log_in(client, UserFactory())
    assert session_key(client) != "a" * 32
    assert not SessionStore().exists("a" * 32)


def test_logging_out_ends_the_session():
    user = UserFactory()
    client = Client()
    log_in(client, user)
    key = session_key(client)

    client.post("/account/logout/")

    assert not SessionStore().exists(key)
    assert not logged_in(key)
    assert "_auth_user_id" not in client.session


def test_deleting_the_account_ends_the_session():
    user = VolunteerProfileFactory().user
    client = Client()
    log_in(client, user)
    key = session_key(client)

    client.post("/mijn-gegevens/verwijderen/", {"password": USER_PASSWORD})

    assert not SessionStore().exists(key)
    assert not logged_in(key)


def test_changing_the_password_keeps_this_session_and_ends_the_others():
    user = UserFactory()
    here, elsewhere = Client(), Client()
    log_in(here, user)
    log_in(elsewhere, user)
    key_here, key_elsewhere = session_key(here), session_key(elsewhere)

    response = here.post(
        "/account/password/change/",
        {"oldpassword": USER_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert here.get("/profiel/").status_code == 200
    assert session_key(here) != key_here  # rotated here too
    assert not logged_in(key_elsewhere)
    assert elsewhere.get("/profiel/").status_code == 302


def test_resetting_the_password_ends_every_session():
    """Someone who lost control of their account resets the password from
    the mail: the other party's session must end."""
    user = UserFactory()
    intruder = Client()
    log_in(intruder, user)

    owner = Client()
    owner.post("/account/password/reset/", {"email": user.email})
    link = re.search(r"http://testserver(/\S+)", mail.outbox[-1].body).group(1)
    form_url = owner.get(link, follow=True).redirect_chain[-1][0]
    owner.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert intruder.get("/profiel/").status_code == 302


def test_confirming_the_email_address_logs_in_with_a_new_session_key():
    client = Client()
    client.post(
        "/account/signup/",
        {
            "email": "nieuw@example.nl",
            "password1": "Lang-genoeg-wachtwoord-7",
            "password2": "Lang-genoeg-wachtwoord-7",
            "privacy_consent": "on",
        },
    )
    before = session_key(client)  # allauth keeps the pending login in it
    link = re.search(r"http://testserver(/\S+)", mail.outbox[-1].body).group(1)

    client.post(link)

    assert "_auth_user_id" in client.session
    assert session_key(client) != before
    assert not logged_in(before)


def test_the_session_cookie_is_out_of_reach_of_scripts_and_other_sites():
    client = Client()
    log_in(client, UserFactory())
    cookie = client.cookies[COOKIE]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
