"""What held: CSRF protection on every state-changing POST.

Each action below is posted twice by a client that enforces CSRF checks, as
a browser does: first without a token (refused with 403, nothing changed),
then with the token from the CSRF cookie (it goes through). The second half
shows that the request was otherwise valid, so the 403 is the CSRF check
and not a form error. tests/volunteers/test_accounts.py does the same for
the logout button; this covers the rest of the site, allauth's account
pages and the admin screens we added.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.gis.geos import Point
from django.core import mail
from django.test import Client

from helprequests.models import HelpOffer, HelpRequest
from initiatives.models import InitiativeRegistration, PostcodeCentroid
from initiatives.services import confirm_registration
from tests.factories import (
    USER_PASSWORD,
    HelpOfferFactory,
    HelpRequestFactory,
    InitiativeMemberFactory,
    InitiativePageFactory,
    ResponseFactory,
    UserFactory,
    VacancyPageFactory,
    VolunteerProfileFactory,
)
from volunteers.models import Response, VolunteerProfile

pytestmark = pytest.mark.django_db

User = get_user_model()
NEW_PASSWORD = "Een-heel-ander-wachtwoord-3"


@dataclass
class Post:
    """Who posts what where, and how to tell that it went through."""

    user: object | None
    url: str
    data: dict
    happened: Callable[[], bool]


@pytest.fixture
def scene(index, help_moderator):
    PostcodeCentroid.objects.create(
        postcode="3317 AB", point=Point(4.656, 51.807, srid=4326), town="Dordrecht"
    )
    initiative = InitiativePageFactory(parent=index)
    vacancy = VacancyPageFactory(parent=initiative, volunteers_wanted=3)
    member = InitiativeMemberFactory(initiative=initiative).user
    volunteer = VolunteerProfileFactory().user
    response = ResponseFactory(vacancy=vacancy, volunteer=volunteer)
    requester = VolunteerProfileFactory().user
    help_request = HelpRequestFactory(requester=requester)
    offer = HelpOfferFactory(help_request=help_request)
    pending = HelpRequestFactory(status="pending", published_at=None)
    return {
        "index": index,
        "vacancy": vacancy,
        "member": member,
        "volunteer": volunteer,
        "response": response,
        "requester": requester,
        "help_request": help_request,
        "offer": offer,
        "pending": pending,
        "moderator": help_moderator,
    }


def _status(obj) -> str:
    obj.refresh_from_db()
    return obj.status


def respond(s):
    volunteer = VolunteerProfileFactory().user
    return Post(
        volunteer,
        f"/vacatures/{s['vacancy'].pk}/reageren/",
        {"message": "Ik help graag."},
        lambda: Response.objects.filter(volunteer=volunteer).exists(),
    )


def withdraw(s):
    return Post(
        s["volunteer"],
        f"/mijn-reacties/{s['response'].pk}/intrekken/",
        {},
        lambda: _status(s["response"]) == "withdrawn",
    )


def set_status(s):
    return Post(
        s["member"],
        f"/inbox/{s['response'].pk}/status/",
        {"status": "in_contact"},
        lambda: _status(s["response"]) == "in_contact",
    )


def ask_for_help(s):
    asker = UserFactory()
    return Post(
        asker,
        "/hulpvragen/nieuw/",
        {
            "kind": "transport",
            "title": "Rit naar de dokter",
            "description": "Wie rijdt mij donderdag?",
            "when_text": "donderdag",
            "when_date": "",
            "postcode": "3317 AB",
            "website": "",
        },
        lambda: HelpRequest.objects.filter(requester=asker).exists(),
    )


def offer_help(s):
    helper = VolunteerProfileFactory().user
    return Post(
        helper,
        f"/hulpvragen/{s['help_request'].pk}/",
        {"message": "Ik kan helpen.", "website": ""},
        lambda: HelpOffer.objects.filter(volunteer=helper).exists(),
    )


def accept_offer(s):
    return Post(
        s["requester"],
        f"/mijn-hulpvragen/aanbod/{s['offer'].pk}/accepteren/",
        {},
        lambda: _status(s["offer"]) == "accepted",
    )


def moderate_help_request(s):
    return Post(
        s["moderator"],
        f"/hulpvragen/moderatie/{s['pending'].pk}/",
        {"approve": "1"},
        lambda: _status(s["pending"]) == "published",
    )


def save_profile(s):
    user = UserFactory()
    return Post(
        user,
        "/profiel/",
        {"display_name": "Fatima", "postcode": "3317 AB", "travel_km": "10", "languages": ""},
        lambda: VolunteerProfile.objects.filter(user=user).exists(),
    )


def delete_my_account(s):
    user = VolunteerProfileFactory().user
    return Post(
        user,
        "/mijn-gegevens/verwijderen/",
        {"password": USER_PASSWORD},
        lambda: not User.objects.filter(pk=user.pk).exists(),
    )


def register_initiative(s):
    return Post(
        None,
        "/initiatief-aanmelden/",
        {
            "title": "Repair Café",
            "intro": "Samen repareren.",
            "postcode": "3317 AB",
            "contact_name": "Fatima el Amrani",
            "email": "fatima@example.nl",
            "agree": "on",
        },
        lambda: InitiativeRegistration.objects.exists(),
    )


def judge_registration(s):
    Client().post(
        "/initiatief-aanmelden/",
        {
            "title": "Repair Café",
            "intro": "Samen repareren.",
            "postcode": "3317 AB",
            "contact_name": "Fatima el Amrani",
            "email": "fatima@example.nl",
            "agree": "on",
        },
    )
    # The applicant confirms by the mailed link before moderators can decide.
    registration = confirm_registration(InitiativeRegistration.objects.get())
    return Post(
        UserFactory(is_staff=True, is_superuser=True),
        f"/admin/aanmeldingen/{registration.pk}/",
        {"approve": "1"},
        lambda: _status(registration) == "approved",
    )


def admin_bulk_delete(s):
    return Post(
        UserFactory(is_staff=True, is_superuser=True),
        f"/admin/bulk/wagtailcore/page/delete/?id={s['vacancy'].pk}&next=/admin/",
        {},
        lambda: not type(s["vacancy"]).objects.filter(pk=s["vacancy"].pk).exists(),
    )


def log_in(s):
    user = UserFactory()
    return Post(
        None,
        "/account/login/",
        {"login": user.email, "password": USER_PASSWORD},
        None,  # set below: whether this client's session is logged in
    )


def log_out(s):
    return Post(s["volunteer"], "/account/logout/", {}, None)


def sign_up(s):
    return Post(
        None,
        "/account/signup/",
        {
            "email": "nieuw@example.nl",
            "password1": "Lang-genoeg-wachtwoord-7",
            "password2": "Lang-genoeg-wachtwoord-7",
            "privacy_consent": "on",
        },
        lambda: User.objects.filter(email="nieuw@example.nl").exists(),
    )


def change_password(s):
    user = UserFactory()
    return Post(
        user,
        "/account/password/change/",
        {"oldpassword": USER_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        lambda: User.objects.get(pk=user.pk).check_password(NEW_PASSWORD),
    )


def add_email_address(s):
    user = UserFactory()
    return Post(
        user,
        "/account/email/",
        {"email": "tweede@example.nl", "action_add": ""},
        lambda: EmailAddress.objects.filter(user=user, email="tweede@example.nl").exists(),
    )


def reset_password(s):
    user = UserFactory()
    return Post(
        None,
        "/account/password/reset/",
        {"email": user.email},
        lambda: any(user.email in m.to for m in mail.outbox),
    )


ACTIONS = [
    respond,
    withdraw,
    set_status,
    ask_for_help,
    offer_help,
    accept_offer,
    moderate_help_request,
    save_profile,
    delete_my_account,
    register_initiative,
    judge_registration,
    admin_bulk_delete,
    log_in,
    log_out,
    sign_up,
    change_password,
    add_email_address,
    reset_password,
]


def csrf_token(client: Client, logged_in: bool) -> str:
    """The token a browser would have: from the cookie a form page sets."""
    client.get("/profiel/" if logged_in else "/account/login/")
    return client.cookies["csrftoken"].value


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.__name__)
def test_a_post_without_a_csrf_token_is_refused_and_changes_nothing(scene, action):
    post = action(scene)
    client = Client(enforce_csrf_checks=True)
    if post.user is not None:
        client.force_login(post.user)
    happened = post.happened
    if action in (log_in, log_out):
        # Whether this client is logged in afterwards is what changes.
        was_logged_in = post.user is not None
        happened = lambda: ("_auth_user_id" in client.session) != was_logged_in  # noqa: E731

    refused = client.post(post.url, post.data)
    assert refused.status_code == 403, refused.content.decode()[:500]
    assert not happened()

    token = csrf_token(client, logged_in=post.user is not None)
    accepted = client.post(post.url, {**post.data, "csrfmiddlewaretoken": token})
    assert accepted.status_code in (200, 302), accepted.content.decode()[:500]
    assert happened()


def test_the_admin_apis_page_actions_check_the_token_too(scene):
    """Django exempts the admin API (a DRF view); DRF's session
    authentication then checks the token itself."""
    vacancy = scene["vacancy"]
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = f"/admin/api/main/pages/{vacancy.pk}/action/unpublish/"

    refused = client.post(url, {}, content_type="application/json")
    assert refused.status_code == 403
    vacancy.refresh_from_db()
    assert vacancy.live

    token = csrf_token(client, logged_in=True)
    accepted = client.post(url, {}, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 200, accepted.content
    vacancy.refresh_from_db()
    assert not vacancy.live


def _routes(patterns, prefix=""):
    from django.urls import URLResolver

    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern.callback


def test_only_wagtails_api_views_are_exempt_from_the_check():
    """A new @csrf_exempt view would slip past the table above: list them.
    Wagtail's APIs are DRF views, exempt in Django; the public one only
    reads (POST is 405, below) and the admin one checks itself (above)."""
    from django.urls import get_resolver

    exempt = {
        route
        for route, view in _routes(get_resolver().url_patterns)
        if getattr(view, "csrf_exempt", False)
    }
    assert exempt, "the walk found no API views at all"
    assert all(r.startswith(("api/v2/", "admin/api/main/")) for r in exempt), exempt


def test_the_public_api_takes_no_posts(scene):
    client = Client(enforce_csrf_checks=True)
    for url in ("/api/v2/pages/", f"/api/v2/pages/{scene['vacancy'].pk}/", "/api/v2/pages/find/"):
        assert client.post(url, {}).status_code == 405, url
