"""Two-factor login for municipal staff (docs/accounts.md, "Tweestapsverificatie"):
with STAFF_REQUIRE_MFA on, staff and moderators set up an authenticator app
(TOTP, allauth.mfa) before they can do anything else, and every later login asks
for its code; wrong codes count towards the same lock as wrong passwords."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth.models import Group, Permission
from django.test import Client

from initiatives.permissions import MODERATORS, ensure_moderation_setup
from tests.factories import USER_PASSWORD, UserFactory

# The admin dashboard needs the page tree (recreated when a browser test emptied it).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("home")]

LOGIN = "/account/login/"
SETUP = "/account/2fa/totp/activate/"
CODE = "/account/2fa/authenticate/"
ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(autouse=True)
def required(settings):
    settings.STAFF_REQUIRE_MFA = True


def code_for(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def log_in(client, user, next_url=None):
    data = {"login": user.email, "password": USER_PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(LOGIN, data)


def session_user(client):
    return client.session.get("_auth_user_id")


def moderator():
    ensure_moderation_setup()
    user = UserFactory()
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


def confirm_password(client):
    """allauth asks for the password again before an authenticator is added
    (MFA_REAUTHENTICATION_REQUIRED), even right after the login."""
    to_confirm = client.get(SETUP)
    assert to_confirm.status_code == 302
    assert to_confirm["Location"].startswith("/account/reauthenticate/")
    response = client.post(to_confirm["Location"], {"password": USER_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == SETUP


def with_totp(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


# --- staff without an authenticator are sent to set one up ---------------------


@pytest.mark.parametrize(
    "url", ["/admin/", "/django-admin/", "/hulpvragen/moderatie/", "/admin/pages/"]
)
def test_staff_without_an_app_are_sent_to_set_it_up(url):
    user = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    log_in(client, user)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == SETUP


def test_a_moderator_without_an_app_is_sent_to_set_it_up():
    client = Client()
    log_in(client, moderator())

    assert client.get("/admin/")["Location"] == SETUP


def test_the_setup_page_works_offline_and_in_dutch():
    user = UserFactory(is_staff=True)
    client = Client()
    log_in(client, user)
    confirm_password(client)

    response = client.get(SETUP)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Direct naar de inhoud" in html  # the site's own layout
    assert "Activeer authenticator-app" in html
    assert "stel je eerst tweestapsverificatie in" in html.lower()
    # The QR code is drawn on the server, in the page itself: no outside service.
    assert re.search(r'<img[^>]+src="data:image/svg\+xml;base64,', html)
    assert "https://" not in re.sub(r'(href|action)="[^"]*"', "", html).split("<footer")[0]


def test_setting_up_the_app_opens_the_admin():
    user = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    log_in(client, user)
    confirm_password(client)
    client.get(SETUP)
    secret = client.session["mfa.totp.secret"]

    response = client.post(SETUP, {"code": code_for(secret)})

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type="totp").exists()
    codes = Authenticator.objects.get(user=user, type="recovery_codes").wrap()
    # The recovery codes are shown once set up, to be kept somewhere safe.
    shown = client.get(response["Location"]).content.decode()
    textarea = re.search(r'<textarea[^>]*id="recovery_codes"[^>]*>(.*?)</textarea>', shown, re.S)
    assert textarea and textarea.group(1).split() == codes.get_unused_codes()
    assert 'href="/admin/">Verder naar het beheer</a>' in shown
    assert client.get("/admin/").status_code == 200


def test_volunteers_and_initiative_editors_are_not_asked():
    editor = UserFactory()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for user in (UserFactory(), editor):
        client = Client()
        log_in(client, user)
        assert client.get("/mijn-reacties/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_off_by_default_outside_production(settings):
    settings.STAFF_REQUIRE_MFA = False
    client = Client()
    log_in(client, UserFactory(is_staff=True, is_superuser=True))

    assert client.get("/admin/").status_code == 200


def test_production_requires_it_unless_told_otherwise():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("STAFF_REQUIRE_MFA", "DJANGO_SETTINGS_MODULE", "DEBUG")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="marketplace.settings.production",
        SECRET_KEY="k" * 50,
        ALLOWED_HOSTS="meedoen.example.nl",
        CACHE_URL="redis://127.0.0.1:6379/1",
    )
    script = (
        "import django; django.setup(); from django.conf import settings;"
        " print(settings.STAFF_REQUIRE_MFA)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.strip() == "True", result.stderr


# --- staff with an authenticator give its code at every login ------------------------


def test_the_code_is_asked_after_the_password():
    user = UserFactory(is_staff=True, is_superuser=True)
    secret = with_totp(user)
    client = Client()

    response = log_in(client, user, next_url="/admin/")

    assert response.status_code == 302
    assert response["Location"] == CODE
    assert session_user(client) is None
    page = client.get(CODE).content.decode()
    assert 'name="code"' in page
    response = client.post(CODE, {"code": code_for(secret)})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert session_user(client) == str(user.pk)
    assert client.get("/admin/").status_code == 200


def test_wrong_codes_are_limited_with_429():
    user = UserFactory(is_staff=True, is_superuser=True)
    secret = with_totp(user)
    client = Client()
    log_in(client, user)

    statuses = [client.post(CODE, {"code": "000000"}).status_code for _ in range(5)]
    locked = client.post(CODE, {"code": code_for(secret)})

    assert statuses == [200] * 5
    assert locked.status_code == 429
    assert "Te veel inlogpogingen" in locked.content.decode()
    assert session_user(client) is None


def test_a_recovery_code_also_opens():
    user = UserFactory(is_staff=True, is_superuser=True)
    with_totp(user)
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    codes = RecoveryCodes.activate(user).get_unused_codes()
    client = Client()
    log_in(client, user)

    client.post(CODE, {"code": codes[0]})

    assert session_user(client) == str(user.pk)
