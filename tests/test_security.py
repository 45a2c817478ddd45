"""Hardening (docs/security.md): security headers per area, upload limits,
safe document serving, and who may see the admin and personal data."""

import io

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from core import security
from helprequests.models import HelpOffer, HelpOfferStatus
from tests.factories import (
    HelpOfferFactory,
    HelpRequestFactory,
    InitiativeMemberFactory,
    InitiativePageFactory,
    ResponseFactory,
    UserFactory,
    VacancyPageFactory,
    VolunteerProfileFactory,
)
from volunteers.models import Response, ResponseStatus

pytestmark = pytest.mark.django_db

PUBLIC_CSP = (
    "default-src 'self'; img-src 'self' data: https://tile.openstreetmap.org; "
    "script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


# --- headers -----------------------------------------------------------------
def _common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "camera=()" in response["Permissions-Policy"]


def test_public_page_has_the_strict_policy(client, home):
    response = client.get("/")
    assert response.status_code == 200
    _common_headers(response)
    assert response["Content-Security-Policy"] == PUBLIC_CSP
    assert response["X-Frame-Options"] == "DENY"
    # Only behind TLS (production settings); never on plain http.
    assert "Strict-Transport-Security" not in response


def test_hsts_only_behind_tls(client, settings, home):
    """As in production.py: the proxy says https in X-Forwarded-Proto."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/", HTTP_X_FORWARDED_PROTO="https")
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "Strict-Transport-Security" not in client.get("/")


def test_listing_page_with_a_map_allows_the_tile_server(client, home):
    response = client.get("/activiteiten/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "img-src 'self' data: https://tile.openstreetmap.org" in csp
    assert "unsafe-inline" not in csp


def test_admin_pages_have_the_admin_policy(client):
    # The admins' login URLs only redirect to /account/login/ (docs/accounts.md).
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for url in ("/admin/", "/django-admin/"):
        response = client.get(url)
        assert response.status_code == 200, url
        _common_headers(response)
        csp = response["Content-Security-Policy"]
        assert csp == security.admin_policy()
        assert "script-src 'self' 'unsafe-inline'" in csp
        assert "object-src 'none'" in csp
        assert "frame-ancestors 'self'" in csp
        assert response["X-Frame-Options"] == "DENY"


def test_json_api_has_the_headers(client, home):
    for url in ("/api/v2/pages/", "/api/search/?q=koffie"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("application/json")
        _common_headers(response)
        assert response["Content-Security-Policy"] == PUBLIC_CSP


def test_preview_may_be_framed_by_the_admin_only():
    request = RequestFactory().get("/")
    request.is_dummy = True  # how Wagtail marks the request it makes for a preview
    policy = security.policy_for(request)
    assert "frame-ancestors 'self'" in policy
    assert "script-src 'self';" in policy
    assert "unsafe-inline" not in policy


def test_tile_server_and_media_host_come_from_settings(settings):
    settings.MAP_TILE_URL = "https://{s}.tiles.example.nl/{z}/{x}/{y}.png"
    settings.MEDIA_URL = "https://media.example.nl/meedoen/"
    assert "img-src 'self' data: https://*.tiles.example.nl https://media.example.nl;" in (
        security.public_policy()
    )
    settings.MEDIA_URL = "/media/"
    assert "media.example.nl" not in security.public_policy()


def test_a_view_keeps_its_own_policy(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = get_document_model().objects.create(
        title="x", file=ContentFile(b"a,b\n", name="lijst.csv")
    )
    response = client.get(document.url)
    assert response["Content-Security-Policy"] == "default-src 'none'"


# --- uploads -----------------------------------------------------------------
@pytest.fixture
def admin_client(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def _png(size=(10, 10), mode="RGB") -> bytes:
    buffer = io.BytesIO()
    PILImage.new(mode, size).save(buffer, "PNG")
    return buffer.getvalue()


def _add_image(client, name, content, content_type="image/png"):
    return client.post(
        "/admin/images/add/",
        {"title": "Foto", "file": SimpleUploadedFile(name, content, content_type)},
    )


def test_a_small_image_is_accepted(admin_client):
    response = _add_image(admin_client, "foto.png", _png())
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="Foto").exists()


def test_too_large_image_is_refused(admin_client, settings):
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    # A valid PNG with trailing bytes: 1 byte over the limit.
    png = _png()
    content = png + b"\0" * (settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE + 1 - len(png))
    response = _add_image(admin_client, "groot.png", content)
    assert response.status_code == 200
    assert not get_image_model().objects.exists()
    assert response.context["form"].errors["file"]


def test_decompression_bomb_is_refused(admin_client, settings):
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    # 7000 x 7000 = 49 megapixels in a file of a few kilobytes.
    response = _add_image(admin_client, "bom.png", _png((7000, 7000), mode="1"))
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize(
    "name,content,content_type",
    [
        (
            "plaatje.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "image/svg+xml",
        ),
        ("pagina.html", b"<html><script>alert(1)</script></html>", "text/html"),
        # A renamed file: the extension is allowed, the content is no image.
        ("nep.png", b"<html><script>alert(1)</script></html>", "image/png"),
    ],
)
def test_disallowed_image_types_are_refused(admin_client, name, content, content_type):
    response = _add_image(admin_client, name, content, content_type)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize(
    "name,content_type",
    [("pagina.html", "text/html"), ("plaatje.svg", "image/svg+xml"), ("x.js", "text/javascript")],
)
def test_disallowed_document_types_are_refused(admin_client, name, content_type):
    response = admin_client.post(
        "/admin/documents/add/",
        {
            "title": "Stuk",
            "file": SimpleUploadedFile(name, b"<script>alert(1)</script>", content_type),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_document_model().objects.exists()


def test_too_large_document_is_refused(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100  # read when the form is made
    response = admin_client.post(
        "/admin/documents/add/",
        {"title": "Stuk", "file": SimpleUploadedFile("lijst.csv", b"a;b\n" * 100, "text/csv")},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_document_model().objects.exists()


@pytest.mark.parametrize(
    "name,body",
    [
        ("aanval.html", b"<html><script>alert(document.cookie)</script></html>"),
        ("aanval.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    ],
)
def test_html_or_svg_document_is_not_served_inline(client, settings, tmp_path, name, body):
    """Even a file that got in some other way (an old upload, a script)
    downloads as an attachment and cannot run."""
    settings.MEDIA_ROOT = tmp_path
    document = get_document_model().objects.create(title="x", file=ContentFile(body, name=name))
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_upload_limits_are_set(settings):
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert not {"html", "htm", "svg", "js", "xml"} & set(settings.WAGTAILDOCS_EXTENSIONS)
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024


# --- the admin -----------------------------------------------------------------
@pytest.fixture
def volunteer():
    return VolunteerProfileFactory().user


def _refused(response, login_path):
    """A redirect to the login page, a 403 or a 404, never the page itself."""
    if response.status_code == 302:
        return response["Location"].startswith(login_path)
    return response.status_code in (403, 404)


ADMIN_URLS = ["/admin/", "/admin/pages/", "/admin/images/", "/admin/users/"]
DJANGO_ADMIN_URLS = ["/django-admin/", "/django-admin/auth/user/"]


@pytest.mark.parametrize("url", ADMIN_URLS + DJANGO_ADMIN_URLS)
def test_admin_refuses_anonymous_users(client, url):
    login = "/admin/login/" if url.startswith("/admin/") else "/django-admin/login/"
    assert _refused(client.get(url), login), url


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_wagtail_admin_refuses_volunteers(client, volunteer, url):
    client.force_login(volunteer)
    response = client.get(url)
    assert response.status_code in (302, 403), url
    if response.status_code == 302:
        # Wagtail sends someone without admin access to the login page.
        assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("url", DJANGO_ADMIN_URLS)
def test_django_admin_refuses_volunteers_and_editors(client, volunteer, url):
    """The Django admin is for staff only; a Wagtail editor is not staff."""
    editor = UserFactory()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for user in (volunteer, editor):
        client.force_login(user)
        assert _refused(client.get(url), "/django-admin/login/"), (url, user)


@pytest.mark.parametrize("url", ["/admin/overzicht/", "/admin/aanmeldingen/"])
def test_admin_reports_refuse_anonymous_and_volunteers(client, volunteer, url):
    assert _refused(client.get(url), "/admin/login/")
    client.force_login(volunteer)
    assert client.get(url).status_code in (302, 403)


def test_registrations_need_the_moderator_permission(client):
    editor = UserFactory()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    for url in ("/admin/aanmeldingen/", "/admin/aanmeldingen/1/"):
        response = client.get(url)
        # Wagtail turns PermissionDenied into a redirect to the dashboard.
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response["Location"] == "/admin/"


# --- personal data -------------------------------------------------------------
PERSONAL_URLS = [
    "/profiel/",
    "/mijn-gegevens/",
    "/mijn-gegevens/download/",
    "/mijn-gegevens/bekijken/",
    "/mijn-reacties/",
    "/mijn-hulpvragen/",
    "/voor-jou/",
    "/inbox/",
    "/hulpvragen/moderatie/",
    "/mijn-verwijzingen/",
    "/verwijzen/",
    "/verwijzen/1/",
    "/professionals/beoordelen/",
]
# "/hulpvragen/nieuw/" first explains, to anyone, what asking for help means;
# its form and its POST need a login (tests/helprequests/test_resident_path.py).


@pytest.mark.parametrize("url", PERSONAL_URLS)
def test_personal_pages_refuse_anonymous_users(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


@pytest.mark.parametrize(
    "url,method",
    [
        ("/mijn-gegevens/verwijderen/", "post"),
        ("/mijn-reacties/1/intrekken/", "post"),
        ("/inbox/1/status/", "post"),
        ("/mijn-hulpvragen/aanbod/1/accepteren/", "post"),
        ("/mijn-hulpvragen/1/bewerken/", "get"),
        ("/mijn-hulpvragen/1/status/", "post"),
        ("/hulpvragen/nieuw/", "post"),
        ("/hulpvragen/moderatie/1/", "post"),
        ("/inbox/vacatures/1/suggesties/", "get"),
        ("/verwijzen/1/", "post"),
        ("/mijn-verwijzingen/1/intrekken/", "post"),
        ("/inbox/verwijzingen/1/contact/", "post"),
        ("/inbox/verwijzingen/1/uitkomst/", "post"),
        ("/professionals/aanmelden/", "post"),
        ("/professionals/beoordelen/1/", "post"),
    ],
)
def test_personal_actions_refuse_anonymous_users(client, url, method):
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_my_data_download_holds_only_my_data(client):
    me = VolunteerProfileFactory(display_name="Ikzelf").user
    other = VolunteerProfileFactory(display_name="Iemand Anders").user
    HelpRequestFactory(requester=other, title="Geheime vraag van een ander")
    client.force_login(me)
    body = client.get("/mijn-gegevens/download/").content.decode()
    assert me.email in body
    assert other.email not in body
    assert "Iemand Anders" not in body
    assert "Geheime vraag" not in body


def test_moderation_is_for_moderators_only(client, volunteer):
    pending = HelpRequestFactory(status="pending", published_at=None)
    client.force_login(volunteer)
    assert client.get("/hulpvragen/moderatie/").status_code == 404
    response = client.post(f"/hulpvragen/moderatie/{pending.pk}/", {"approve": "1"})
    assert response.status_code == 404
    pending.refresh_from_db()
    assert pending.status == "pending"


@pytest.fixture
def two_initiatives(index):
    """Initiative A with a vacancy, a member and a response; initiative B's
    member must not get at any of it."""
    a = InitiativePageFactory(parent=index, title="Initiatief A")
    b = InitiativePageFactory(parent=index, title="Initiatief B")
    vacancy = VacancyPageFactory(parent=a, title="Vacature A")
    member_a = InitiativeMemberFactory(initiative=a).user
    member_b = InitiativeMemberFactory(initiative=b).user
    volunteer = VolunteerProfileFactory(display_name="Vrijwilliger Geheim").user
    response = ResponseFactory(
        vacancy=vacancy, volunteer=volunteer, message="Mijn telefoon is 06-12345678"
    )
    return vacancy, member_a, member_b, volunteer, response


def test_inbox_shows_only_my_initiatives_responses(client, two_initiatives):
    vacancy, member_a, member_b, volunteer, response = two_initiatives
    client.force_login(member_a)
    assert "06-12345678" in client.get("/inbox/").content.decode()
    client.force_login(member_b)
    page = client.get("/inbox/").content.decode()
    assert "06-12345678" not in page
    assert "Vrijwilliger Geheim" not in page


def test_cannot_change_the_status_of_another_initiatives_response(client, two_initiatives):
    vacancy, member_a, member_b, volunteer, response = two_initiatives
    client.force_login(member_b)
    assert client.post(f"/inbox/{response.pk}/status/", {"status": "declined"}).status_code == 404
    response.refresh_from_db()
    assert response.status == ResponseStatus.NEW


def test_cannot_withdraw_someone_elses_response(client, two_initiatives):
    vacancy, member_a, member_b, volunteer, response = two_initiatives
    client.force_login(member_b)
    assert client.post(f"/mijn-reacties/{response.pk}/intrekken/").status_code == 404
    assert Response.objects.get(pk=response.pk).status == ResponseStatus.NEW


def test_suggestions_only_for_the_initiatives_members(client, two_initiatives, volunteer):
    vacancy, member_a, member_b, _, _ = two_initiatives
    url = f"/inbox/vacatures/{vacancy.pk}/suggesties/"
    client.force_login(member_a)
    assert client.get(url).status_code == 200
    for user in (member_b, volunteer):
        client.force_login(user)
        assert client.get(url).status_code == 404


def test_cannot_accept_an_offer_on_someone_elses_help_request(client):
    help_request = HelpRequestFactory()
    offer = HelpOfferFactory(help_request=help_request)
    intruder = UserFactory()
    client.force_login(intruder)
    response = client.post(f"/mijn-hulpvragen/aanbod/{offer.pk}/accepteren/")
    assert response.status_code == 404
    assert HelpOffer.objects.get(pk=offer.pk).status == HelpOfferStatus.OFFERED


def test_help_request_details_and_offers_stay_private(client):
    requester = UserFactory(email="hulpvrager@example.nl")
    help_request = HelpRequestFactory(
        requester=requester, postcode="3311 AB", description="Openbare beschrijving"
    )
    HelpOfferFactory(help_request=help_request, message="Aanbod van een ander, bel 0612")
    pending = HelpRequestFactory(requester=requester, status="pending", published_at=None)
    someone = UserFactory()
    client.force_login(someone)

    page = client.get(f"/hulpvragen/{help_request.pk}/").content.decode()
    assert "Openbare beschrijving" in page
    assert "hulpvrager@example.nl" not in page
    assert "3311" not in page
    assert "Aanbod van een ander" not in page
    # Not yet approved: not there for anyone but the requester's own list.
    assert client.get(f"/hulpvragen/{pending.pk}/").status_code == 404
    # The requester's list shows only one's own requests.
    assert help_request.title not in client.get("/mijn-hulpvragen/").content.decode()
