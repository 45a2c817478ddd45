"""One login door (docs/accounts.md, "Eén deur"): the site's login (allauth) is the
only place where a password is checked. The Wagtail and Django admin logins send
people there, so every login counts against the same limits, the same lockout and
the same rule that an address must be verified; a locked or throttled login
answers 429 with the form and a Dutch message."""

import re
import threading
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.account.models import EmailAddress
from allauth.core import ratelimit as allauth_ratelimit
from allauth.core.internal import ratelimit
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.cache import cache
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from initiatives.permissions import MODERATORS, ensure_moderation_setup
from tests.factories import USER_PASSWORD, UserFactory

# The admin dashboard needs the page tree (recreated when a browser test emptied it).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("home")]

LOGIN = "/account/login/"
WRONG = "fout-wachtwoord"
LOCKED = "Te veel inlogpogingen"

# Each door with the form fields it had: allauth's "login", the admins' "username".
DOORS = {
    "site": ("/account/login/", "login"),
    "wagtail": ("/admin/login/", "username"),
    "django": ("/django-admin/login/", "username"),
}


def knock(client, door, email, password, **extra):
    url, field = DOORS[door]
    return client.post(url, {field: email, "password": password}, **extra)


def session_user(client):
    return client.session.get("_auth_user_id")


def staff(**kwargs):
    return UserFactory(is_staff=True, is_superuser=True, **kwargs)


# --- the admin doors check no password ---------------------------------------------


@pytest.mark.parametrize("door", ["wagtail", "django"])
def test_an_admin_door_checks_no_password_and_sends_to_the_one_door(door):
    user = staff()
    client = Client()

    response = knock(client, door, user.email, USER_PASSWORD)

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert session_user(client) is None


@pytest.mark.parametrize(
    ("door", "protected"), [("wagtail", "/admin/"), ("django", "/django-admin/")]
)
def test_opening_an_admin_door_shows_the_site_login_and_comes_back(door, protected):
    user = staff()
    client = Client()

    to_door = client.get(protected)
    assert to_door.status_code == 302
    to_login = client.get(to_door["Location"])
    assert to_login.status_code == 302
    login_url = to_login["Location"]
    assert urlsplit(login_url).path == LOGIN
    assert parse_qs(urlsplit(login_url).query)["next"] == [protected]

    page = client.get(login_url)
    assert page.status_code == 200
    assert f'value="{protected}"' in page.content.decode()  # next, in the form
    response = client.post(
        login_url, {"login": user.email, "password": USER_PASSWORD, "next": protected}
    )

    assert response.status_code == 302
    assert response["Location"] == protected
    assert client.get(protected).status_code == 200


def test_a_staff_member_reaches_both_admins_after_one_login():
    user = staff()
    client = Client()

    knock(client, "site", user.email, USER_PASSWORD)

    assert session_user(client) == str(user.pk)
    assert client.get("/admin/").status_code == 200
    assert client.get("/django-admin/").status_code == 200


@pytest.mark.parametrize("door", ["wagtail", "django"])
@pytest.mark.parametrize(
    "next_url", ["https://kwaad.example/", "//kwaad.example/admin/", "/\\kwaad.example"]
)
def test_the_admin_door_passes_on_only_a_safe_next(door, next_url):
    url, _ = DOORS[door]

    response = Client().get(url, {"next": next_url})

    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.path == LOGIN
    assert "kwaad" not in response["Location"]


def test_someone_without_admin_access_is_told_so_instead_of_going_round(home):
    volunteer = UserFactory()
    client = Client()
    client.force_login(volunteer)

    response = client.get("/admin/", follow=True)

    # Wagtail sends them to its login; the door does not send them on to a login
    # that would send them back to the admin.
    assert len(response.redirect_chain) <= 2
    assert response.status_code == 403
    html = response.content.decode()
    assert "geen toegang tot het beheer" in html
    assert 'action="/account/logout/"' in html


def test_logging_out_of_the_wagtail_admin_ends_the_session():
    client = Client()
    client.force_login(staff())

    response = client.post("/admin/logout/", follow=True)

    assert session_user(client) is None
    assert response.redirect_chain[-1][0].startswith(LOGIN)


# --- limits: one count for every door -------------------------------------------------


def test_sixty_wrong_passwords_at_the_site_door_are_answered_429():
    user = UserFactory()
    client = Client()

    statuses = [knock(client, "site", user.email, WRONG).status_code for _ in range(60)]

    # Five tries for one address (ACCOUNT_RATE_LIMITS), then 429 until it opens again.
    assert statuses[:5] == [200] * 5
    assert set(statuses[5:]) == {429}
    assert session_user(client) is None


@pytest.mark.parametrize("door", ["wagtail", "django"])
def test_sixty_wrong_passwords_at_an_admin_door_never_reach_a_password_check(door):
    user = staff()
    client = Client()

    for _ in range(60):
        response = knock(client, door, user.email, WRONG)
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)
    right = knock(client, door, user.email, USER_PASSWORD)

    assert right.status_code == 302 and right["Location"].startswith(LOGIN)
    assert session_user(client) is None


def test_a_locked_login_answers_429_with_the_form_and_the_address_kept():
    user = UserFactory()
    for _ in range(5):
        knock(Client(), "site", user.email, WRONG)

    response = knock(Client(), "site", user.email, USER_PASSWORD)

    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED in html
    assert "<h1>Inloggen</h1>" in html
    assert re.search(rf'name="login"[^>]*value="{re.escape(user.email)}"', html)
    assert USER_PASSWORD not in html


@override_settings(ACCOUNT_RATE_LIMITS={"login": "", "login_attempt": "2/m/ip"})
def test_a_throttled_client_gets_429_with_the_form_and_the_address_kept():
    user = UserFactory()
    client = Client()
    for _ in range(2):
        knock(client, "site", user.email, WRONG)

    response = knock(client, "site", user.email, USER_PASSWORD)

    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED in html
    assert "<h1>Inloggen</h1>" in html
    assert re.search(rf'name="login"[^>]*value="{re.escape(user.email)}"', html)
    assert session_user(client) is None


@override_settings(ACCOUNT_RATE_LIMITS={"login": "", "login_attempt": "1/m/ip"})
def test_a_throttled_client_does_not_use_up_the_accounts_tries():
    """Many people behind one address (a library): the throttle on the address
    must not count as wrong passwords for the account."""
    user = UserFactory()
    knock(Client(), "site", user.email, USER_PASSWORD)
    for _ in range(10):
        assert knock(Client(), "site", user.email, USER_PASSWORD).status_code == 429
    # A minute later: the client's count is over, the account's was never used.
    allauth_ratelimit.clear(RequestFactory().post(LOGIN), action="login_attempt")
    client = Client()

    knock(client, "site", user.email, USER_PASSWORD)

    assert session_user(client) == str(user.pk)


@pytest.mark.parametrize("door", ["wagtail", "django"])
def test_after_the_site_locked_an_account_an_admin_door_does_not_let_it_in(door):
    user = staff()
    for _ in range(5):
        knock(Client(), "site", user.email, WRONG)
    client = Client()

    knock(client, door, user.email, USER_PASSWORD)

    assert session_user(client) is None
    assert knock(client, "site", user.email, USER_PASSWORD).status_code == 429
    assert session_user(client) is None


def test_the_lock_holds_whatever_host_name_the_client_sends():
    """allauth keyed the per-address count on the host name as well: every name in
    ALLOWED_HOSTS had its own five tries."""
    user = UserFactory()
    for _ in range(5):
        knock(Client(), "site", user.email, WRONG, HTTP_HOST="testserver")
    client = Client()

    response = knock(client, "site", user.email, USER_PASSWORD, HTTP_HOST="localhost")

    assert response.status_code == 429
    assert session_user(client) is None


def test_the_lock_holds_for_the_address_in_other_capitals():
    user = UserFactory()
    for _ in range(5):
        knock(Client(), "site", user.email, WRONG)
    client = Client()

    response = knock(client, "site", user.email.upper(), USER_PASSWORD)

    assert response.status_code == 429
    assert session_user(client) is None


def test_a_password_reset_unlocks_the_address():
    """Choosing a new password through the emailed link proves access to the
    mailbox; allauth then clears the address's count (with our key for it)."""
    user = UserFactory()
    for _ in range(5):
        knock(Client(), "site", user.email, WRONG)
    client = Client()
    client.post(reverse("account_reset_password"), {"email": user.email})
    link = re.search(r"http://testserver(/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    new_password = "Een-nieuw-wachtwoord-9"
    client.post(form_url, {"password1": new_password, "password2": new_password})

    response = knock(client, "site", user.email, new_password)

    assert response.status_code == 302
    assert session_user(client) == str(user.pk)


def test_asking_again_for_the_password_counts_towards_the_same_lock():
    """allauth asks for the password again before sensitive changes (reauthenticate);
    wrong answers there count for the account like wrong logins."""
    user = UserFactory()
    client = Client()
    client.force_login(user)
    for _ in range(5):
        knock(Client(), "site", user.email, WRONG)

    response = client.post(reverse("account_reauthenticate"), {"password": USER_PASSWORD})

    assert response.status_code == 429
    assert LOCKED in response.content.decode()


def test_allauths_counts_are_atomic_under_parallel_requests():
    """Twenty logins at once from one client must not all see "4 of 5 used": allauth
    takes a lock in the cache (cache.add) around each count."""
    request = RequestFactory().post(LOGIN, REMOTE_ADDR="192.0.2.7")
    config = {"login_failed": "5/m/ip"}
    allowed = []
    start = threading.Barrier(20)

    def attempt():
        start.wait()
        usage = ratelimit.consume(
            request, app="allauth.account", action="login_failed", config=config
        )
        allowed.append(bool(usage))

    threads = [threading.Thread(target=attempt) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert allowed.count(True) == 5
    cache.clear()


# --- verified addresses -----------------------------------------------------------------


@pytest.mark.parametrize("door", list(DOORS))
@pytest.mark.parametrize("is_staff", [False, True], ids=["resident", "staff"])
def test_an_unverified_address_gets_no_session_from_any_door(door, is_staff):
    user = UserFactory(verified=False, is_staff=is_staff, is_superuser=is_staff)
    client = Client()

    knock(client, door, user.email, USER_PASSWORD)

    assert session_user(client) is None


def test_an_unverified_staff_member_gets_a_link_and_then_comes_in():
    """A moderator made in Wagtail's user admin has no verified address yet: the
    first login sends a link, and following it logs in (in the same browser)."""
    user = staff(verified=False)
    EmailAddress.objects.filter(user=user).delete()
    client = Client()

    response = knock(client, "site", user.email, USER_PASSWORD)

    assert response["Location"] == reverse("account_email_verification_sent")
    [message] = mail.outbox
    link = re.search(r"http://testserver(/\S+)", message.body).group(1)
    client.post(link)
    assert EmailAddress.objects.get(user=user).verified
    assert session_user(client) == str(user.pk)


@pytest.mark.parametrize(
    "old_backend",
    [
        "django.contrib.auth.backends.ModelBackend",
        "allauth.account.auth_backends.AuthenticationBackend",
    ],
)
def test_sessions_from_before_the_one_door_end(old_backend):
    """Sessions are tied to the backend that made them; the old backends are
    gone, so a session an unverified account got through /admin/login/ before
    this change is over (everyone logs in once more after the deploy)."""
    user = UserFactory(verified=False)
    client = Client()
    session = client.session
    session.update(
        {
            "_auth_user_id": str(user.pk),
            "_auth_user_backend": old_backend,
            "_auth_user_hash": user.get_session_auth_hash(),
        }
    )
    session.save()

    response = client.get("/mijn-reacties/")

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


# --- other places that check a password ---------------------------------------------


def test_no_password_is_checked_outside_the_limits():
    """Django's authenticate() without allauth's limits (an admin form, an API's
    Basic auth, a future door) finds nobody."""
    user = staff()

    assert authenticate(None, username=user.username, password=USER_PASSWORD) is None
    assert authenticate(None, email=user.email, password=USER_PASSWORD) is None
    request = RequestFactory().post("/")
    assert authenticate(request, username=user.email, password=USER_PASSWORD) is None


def test_the_api_takes_no_passwords(home):
    user = staff()
    client = Client()

    wrong = client.get("/api/v2/pages/", HTTP_AUTHORIZATION="Basic " + _basic(user.email, WRONG))
    right = client.get(
        "/api/v2/pages/", HTTP_AUTHORIZATION="Basic " + _basic(user.email, USER_PASSWORD)
    )

    # Not a way to test passwords without limits: the header is ignored.
    assert wrong.status_code == right.status_code == 200


def _basic(user, password):
    import base64

    return base64.b64encode(f"{user}:{password}".encode()).decode()


def test_wagtails_own_password_reset_is_closed():
    user = staff()

    assert Client().get("/admin/password_reset/").status_code == 404
    Client().post("/admin/password_reset/", {"email": user.email})
    assert mail.outbox == []


def test_passwords_and_addresses_are_managed_on_the_site_not_in_wagtail():
    client = Client()
    client.force_login(staff())

    html = client.get("/admin/account/").content.decode()

    assert 'name="password-old_password"' not in html
    assert 'name="name_email-email"' not in html
    assert reverse("account_change_password") in html
    assert reverse("account_email") in html


def test_the_django_admins_password_change_goes_to_the_site():
    client = Client()
    client.force_login(staff())

    response = client.get("/django-admin/password_change/")

    assert response.status_code == 302
    assert response["Location"] == reverse("account_change_password")


def test_login_by_code_is_off():
    assert Client().get("/account/login/code/").status_code == 404


def test_a_moderator_logs_in_at_the_site_and_reaches_the_admin():
    ensure_moderation_setup()
    moderator = UserFactory()
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    client = Client()

    knock(client, "site", moderator.email, USER_PASSWORD)

    assert client.get("/admin/").status_code == 200
    assert Permission.objects.filter(codename="access_admin").exists()
