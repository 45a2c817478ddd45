"""What held: `next=` never sends anyone off the site.

Logging in (and out) follows `next` only to an address on this site; the
initiative inbox's status buttons and Wagtail's admin actions do the same.
The off-site spellings are the ones browsers are known to follow to another
host: a full URL, a scheme-relative `//host`, backslashes (which browsers
read as slashes), leading whitespace and control characters, a bare
scheme, and `javascript:`. tests/volunteers/test_responses.py checks one of
them on the inbox; these check them all, everywhere `next` is read.
"""

import re
from urllib.parse import quote

import pytest
from django.test import Client

from tests.factories import (
    USER_PASSWORD,
    InitiativeMemberFactory,
    InitiativePageFactory,
    ResponseFactory,
    UserFactory,
    VacancyPageFactory,
)

pytestmark = pytest.mark.django_db

OFF_SITE = [
    "https://evil.example/",
    "http://evil.example/inloggen/",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    " //evil.example",
    "\t//evil.example",
    "https:evil.example",
    "https:/evil.example",
    "http://testserver@evil.example/",
    "javascript:alert(document.domain)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
]
ON_SITE = ["/hulpvragen/", "/zoeken/?q=koffie&waar=3317+AB", "/voor-jou/#hulp"]
# Spellings that look odd but stay here: the check below must let them pass.
ODD_BUT_HERE = ["http://testserver/hulpvragen/", "hulpvragen/", "?pagina=2", "http:hulpvragen/"]


C0_AND_SPACE = "".join(chr(c) for c in range(0x21))


def stays_here(location: str) -> bool:
    """Whether a browser following this Location stays on testserver. A
    small model of how browsers parse a URL (WHATWG): tabs and newlines
    are dropped, surrounding spaces and control characters too, backslashes
    count as slashes, and after a scheme or `//` any number of slashes lead
    to the host."""
    cleaned = re.sub(r"[\t\n\r]", "", location).strip(C0_AND_SPACE).replace("\\", "/")
    scheme = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):(.*)", cleaned)
    if scheme:
        name, rest = scheme.group(1).lower(), scheme.group(2)
        if name not in ("http", "https"):
            return False  # javascript:, data:, …
        if name == "http" and not rest.startswith("/"):
            return True  # "http:path" is relative to an http page
    elif cleaned.startswith("//"):
        rest = cleaned
    else:
        return True  # a path on this site
    authority = rest.lstrip("/").split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    host = authority.rsplit("@", 1)[-1].split(":", 1)[0]
    return host == "testserver"


def log_in(client, user, next_url, *, in_body=False):
    data = {"login": user.email, "password": USER_PASSWORD}
    if in_body:
        data["next"] = next_url
        return client.post("/account/login/", data)
    return client.post("/account/login/", data, QUERY_STRING=f"next={_quote(next_url)}")


def _quote(value: str) -> str:
    return quote(value, safe="")


def test_the_check_itself_catches_off_site_targets():
    """`stays_here` must be able to fail, or the tests below prove nothing."""
    assert not any(stays_here(target) for target in OFF_SITE)
    assert all(stays_here(target) for target in ON_SITE + ODD_BUT_HERE)


@pytest.mark.parametrize("in_body", [False, True], ids=["query", "form field"])
@pytest.mark.parametrize("target", OFF_SITE)
def test_login_ignores_an_off_site_next(target, in_body):
    client = Client()
    response = log_in(client, UserFactory(), target, in_body=in_body)
    assert response.status_code == 302
    assert "_auth_user_id" in client.session  # the login itself worked
    assert stays_here(response["Location"]), response["Location"]


@pytest.mark.parametrize("in_body", [False, True], ids=["query", "form field"])
@pytest.mark.parametrize("target", ON_SITE)
def test_login_follows_an_on_site_next(target, in_body):
    response = log_in(Client(), UserFactory(), target, in_body=in_body)
    assert response["Location"] == target


@pytest.mark.parametrize("target", OFF_SITE)
def test_a_logged_in_visitor_of_the_login_page_stays_on_the_site(client, target):
    client.force_login(UserFactory())
    response = client.get("/account/login/", {"next": target})
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert stays_here(response["Location"]), response["Location"]


@pytest.mark.parametrize("target", OFF_SITE)
def test_logout_ignores_an_off_site_next(client, target):
    client.force_login(UserFactory())
    response = client.post("/account/logout/", {"next": target})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert stays_here(response["Location"]), response["Location"]


def test_logout_follows_an_on_site_next(client):
    client.force_login(UserFactory())
    response = client.post("/account/logout/", {"next": "/hulpvragen/"})
    assert response["Location"] == "/hulpvragen/"


@pytest.mark.parametrize(
    "target", ['"><script>alert(1)</script>', "/hulpvragen/\"onmouseover='alert(1)'"]
)
def test_the_login_page_does_not_render_next_as_markup(client, target):
    """`next` goes back into the form as a hidden field: escaped, or not at all."""
    html = client.get("/account/login/", {"next": target}).content.decode()
    assert target not in html


def test_the_login_page_makes_no_link_of_next(client):
    html = client.get("/account/login/", {"next": "javascript:alert(1)"}).content.decode()
    assert not re.search(r'(href|action|src|formaction)="\s*javascript:', html, re.I)


@pytest.fixture
def inbox(index):
    initiative = InitiativePageFactory(parent=index)
    vacancy = VacancyPageFactory(parent=initiative)
    member = InitiativeMemberFactory(initiative=initiative).user
    return member, vacancy


@pytest.mark.parametrize("target", OFF_SITE)
def test_the_inbox_buttons_ignore_an_off_site_next(client, inbox, target):
    member, vacancy = inbox
    response = ResponseFactory(vacancy=vacancy)
    client.force_login(member)
    answer = client.post(f"/inbox/{response.pk}/status/", {"status": "in_contact", "next": target})
    assert answer.status_code == 302
    assert stays_here(answer["Location"]), answer["Location"]
    response.refresh_from_db()
    assert response.status == "in_contact"  # the button itself worked


def test_the_inbox_buttons_follow_an_on_site_next(client, inbox):
    member, vacancy = inbox
    response = ResponseFactory(vacancy=vacancy)
    client.force_login(member)
    answer = client.post(
        f"/inbox/{response.pk}/status/", {"status": "in_contact", "next": "/inbox/?status=new"}
    )
    assert answer["Location"] == "/inbox/?status=new"


@pytest.mark.parametrize("target", OFF_SITE)
def test_wagtail_admin_actions_ignore_an_off_site_next(client, index, target):
    """Wagtail reads `next` on its bulk actions and page actions too."""
    page = InitiativePageFactory(parent=index)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    bulk = client.post(
        f"/admin/bulk/wagtailcore/page/unpublish/?id={page.pk}&next={_quote(target)}",
        {"include_descendants": ""},
    )
    assert bulk.status_code == 302 and stays_here(bulk["Location"]), bulk["Location"]
    page.refresh_from_db()
    assert not page.live
    single = client.post(f"/admin/pages/{page.pk}/delete/?next={_quote(target)}")
    assert single.status_code == 302 and stays_here(single["Location"]), single["Location"]
