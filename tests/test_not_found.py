"""Every unknown address answers with the site's Dutch 404 page, with DEBUG
on (core/not_found.py) and off (Django's handler404), under every prefix."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

# Addresses no pattern matches (no trailing slash, a file name), addresses
# Wagtail's page tree does not know, and unknown addresses under the prefixes
# of the apps, of static files and of admin-like paths that are not Wagtail's.
UNKNOWN = [
    "/bestaat-niet/",
    "/beheer/",
    "/beheer/gebruikers/",
    "/wp-admin/",
    "/administrator/index.php",
    "/initiatieven/bestaat-niet/",
    "/hulpvragen/999999/",
    "/account/bestaat-niet/",
    "/api/bestaat-niet/",
    "/documents/999999/bestaat.pdf",
    "/static/bestaat-niet.css",
    "/zoeken/oud.xml",
]


def assert_dutch_404(response, url):
    assert response.status_code == 404, url
    body = response.content.decode()
    assert '<html lang="nl"' in body, url
    assert "Deze pagina bestaat niet" in body, url
    assert "Page not found" not in body, url  # Django's technical page
    assert "URLconf" not in body, url


@pytest.mark.parametrize("debug", [True, False], ids=["debug", "production"])
def test_unknown_address_gets_the_dutch_404(client, home, debug):
    with override_settings(DEBUG=debug):
        for url in UNKNOWN:
            assert_dutch_404(client.get(url), url)


@override_settings(DEBUG=True)
def test_debug_404_keeps_the_site_layout(client, home):
    """The page is rendered with the request (menu, footer), as in production."""
    body = client.get("/bestaat-niet/").content.decode()
    assert 'href="/contact/"' in body
    assert "Pagina niet gevonden" in body


@override_settings(DEBUG=True)
def test_debug_does_not_touch_the_api_404(client, home):
    """The API answers a missing page in JSON, as it does in production."""
    response = client.get("/api/v2/pages/999999/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


@override_settings(DEBUG=True)
def test_debug_keeps_wagtail_redirects(client, home):
    from wagtail.contrib.redirects.models import Redirect

    Redirect.objects.create(old_path="/oud-adres", redirect_link="/activiteiten/")
    response = client.get("/oud-adres/")
    assert response.status_code == 301
    assert response["Location"] == "/activiteiten/"


@pytest.mark.parametrize("debug", [True, False], ids=["debug", "production"])
def test_unknown_admin_address_is_dutch_for_staff(admin_client, home, debug):
    """Logged in, an unknown address under Wagtail's and Django's admin is a
    404 in Dutch too, not Django's technical page."""
    with override_settings(DEBUG=debug):
        for url in ("/admin/bestaat-niet/", "/django-admin/bestaat-niet/"):
            response = admin_client.get(url)
            assert response.status_code == 404, url
            body = response.content.decode()
            assert 'lang="nl"' in body, url
            assert "URLconf" not in body, url
