"""The Wagtail admin loads for editors and keeps what they typed on errors."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from initiatives.models import InitiativePage, PostcodeCentroid
from tests.factories import InitiativePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("redacteur", "r@example.nl", "geheim-123")
    client.force_login(user)
    return client


def test_admin_dashboard_and_explorer_load(admin_client, index):
    assert admin_client.get("/admin/").status_code == 200
    assert admin_client.get(f"/admin/pages/{index.id}/").status_code == 200


@pytest.mark.parametrize("model", ["initiativepage"])
def test_add_form_loads_with_the_map_widget(admin_client, index, model):
    response = admin_client.get(f"/admin/pages/add/initiatives/{model}/{index.id}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="location_lat"' in body
    assert "leaflet/leaflet.js" in body  # served by the project, not a CDN


def test_child_add_forms_load(admin_client, index):
    initiative = InitiativePageFactory(parent=index)
    for model in ("activitypage", "meetingplacepage", "vacancypage"):
        url = f"/admin/pages/add/initiatives/{model}/{initiative.id}/"
        assert admin_client.get(url).status_code == 200, model
    assert admin_client.get(f"/admin/pages/{initiative.id}/edit/").status_code == 200


def _initiative_form(**overrides):
    data = {
        "title": "Buurthuis De Sleutel",
        "slug": "buurthuis-de-sleutel",
        "intro": "Koffie, een praatje en hulp bij formulieren.",
        "description": '{"blocks":[],"entityMap":{}}',
        "street": "Bosboom Toussaintstraat",
        "house_number": "3",
        "postcode": "3317 AB",
        "town": "Dordrecht",
        "location_lat": "",
        "location_lon": "",
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_bad_postcode_is_a_form_error_and_input_is_kept(admin_client, index):
    url = f"/admin/pages/add/initiatives/initiativepage/{index.id}/"
    response = admin_client.post(url, _initiative_form(postcode="33 17 X"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "geen geldige postcode" in body
    assert 'value="Buurthuis De Sleutel"' in body
    assert 'value="33 17 X"' in body
    assert not InitiativePage.objects.filter(slug="buurthuis-de-sleutel").exists()


def test_unreachable_geocoder_asks_for_a_map_click(admin_client, index, settings):
    settings.GEOCODERS = ["pdok"]
    url = f"/admin/pages/add/initiatives/initiativepage/{index.id}/"
    response = admin_client.post(url, _initiative_form())
    body = response.content.decode()
    assert response.status_code == 200
    assert "Klik de plek aan op de kaart" in body
    assert 'value="Bosboom Toussaintstraat"' in body


def test_map_click_saves_the_point(admin_client, index, settings):
    settings.GEOCODERS = ["pdok"]  # unreachable, but the map point is enough
    url = f"/admin/pages/add/initiatives/initiativepage/{index.id}/"
    response = admin_client.post(
        url, _initiative_form(location_lat="51,8101", location_lon="4.6525", action="publish")
    )
    assert response.status_code == 302
    page = InitiativePage.objects.get(slug="buurthuis-de-sleutel")
    assert (page.location.x, page.location.y) == (pytest.approx(4.6525), pytest.approx(51.8101))


def test_non_numeric_coordinates_are_an_error_and_kept(admin_client, index):
    url = f"/admin/pages/add/initiatives/initiativepage/{index.id}/"
    response = admin_client.post(
        url, _initiative_form(postcode="", location_lat="noord", location_lon="4.65")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="noord"' in body
    assert not InitiativePage.objects.filter(slug="buurthuis-de-sleutel").exists()


def test_geocode_endpoint(admin_client):
    from django.contrib.gis.geos import Point

    PostcodeCentroid.objects.create(postcode="3317 AB", point=Point(4.65, 51.81, srid=4326))
    url = reverse("initiatives_admin_geocode")
    ok = admin_client.get(url, {"q": "Straat 1 3317 AB", "postcode": "3317 AB"}).json()
    assert ok["lat"] == pytest.approx(51.81)
    missing = admin_client.get(url, {"q": "9999 ZZ", "postcode": "9999 ZZ"})
    assert missing.status_code == 400 and "kennen we niet" in missing.json()["error"]


def test_geocode_endpoint_needs_login(client):
    response = client.get(reverse("initiatives_admin_geocode"), {"q": "3317 AB"})
    assert response.status_code == 302


def test_ensure_admin_prints_a_working_login(tmp_path, settings, capsys, client):
    settings.BASE_DIR = tmp_path
    call_command("ensure_admin")
    out = capsys.readouterr().out
    email = out.split("e-mailadres '")[1].split("'")[0]
    password = out.split("wachtwoord '")[1].rstrip("'\n")
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password(password)
    call_command("ensure_admin")  # again: same password
    assert password in capsys.readouterr().out
    # The one login door: email and password, with a verified address.
    client.post("/account/login/", {"login": email, "password": password})
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get("/django-admin/").status_code == 200


def test_admin_login_leads_to_the_site_login_with_the_email_address(client, db):
    """One login door (docs/accounts.md): the admin's login page sends editors
    to the site's login, where they type their email address."""
    from tests.factories import USER_PASSWORD, UserFactory

    editor = UserFactory(email="redactie@buurthuis.nl", is_staff=True)
    login = client.get("/admin/login/", follow=True)
    page = login.content.decode()
    assert login.redirect_chain[-1][0] == "/account/login/?next=/admin/"
    assert "E-mailadres" in page and "Wachtwoord" in page
    response = client.post(
        "/account/login/?next=/admin/",
        {"login": "redactie@buurthuis.nl", "password": USER_PASSWORD, "next": "/admin/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.session["_auth_user_id"] == str(editor.pk)


# --- the page form looks the address up; the model never does ---
def test_unknown_postcode_is_an_error_at_the_postcode(admin_client, index):
    url = f"/admin/pages/add/initiatives/initiativepage/{index.id}/"
    response = admin_client.post(url, _initiative_form(postcode="9999 ZZ"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Deze plek kennen we niet" in body
    assert 'value="9999 ZZ"' in body
    assert not InitiativePage.objects.filter(slug="buurthuis-de-sleutel").exists()


def test_the_page_form_geocodes_and_normalises(admin_client, index):
    from django.contrib.gis.geos import Point

    PostcodeCentroid.objects.create(
        postcode="3317 AB", point=Point(4.6525, 51.81, srid=4326), town="Dordrecht"
    )
    url = f"/admin/pages/add/initiatives/initiativepage/{index.id}/"
    response = admin_client.post(
        url, _initiative_form(postcode="3317ab", town="", action="publish")
    )
    assert response.status_code == 302
    page = InitiativePage.objects.get(slug="buurthuis-de-sleutel")
    assert page.postcode == "3317 AB"
    assert page.location.x == pytest.approx(4.6525)
    assert page.town == "Dordrecht"


def test_a_changed_address_is_looked_up_again_in_the_form(admin_client, index):
    from django.contrib.gis.geos import Point

    PostcodeCentroid.objects.create(postcode="3317 AB", point=Point(4.65, 51.81, srid=4326))
    PostcodeCentroid.objects.create(postcode="2161 AA", point=Point(4.55, 52.26, srid=4326))
    page = InitiativePageFactory(
        parent=index, slug="buurthuis-de-sleutel", location=Point(4.65, 51.81, srid=4326)
    )
    response = admin_client.post(
        f"/admin/pages/{page.id}/edit/",
        _initiative_form(
            postcode="2161 AA", location_lat="51.81", location_lon="4.65", **{"action-publish": "1"}
        ),
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.location.y == pytest.approx(52.26)
    # A point moved with the address is the editor's choice and is kept.
    response = admin_client.post(
        f"/admin/pages/{page.id}/edit/",
        _initiative_form(
            postcode="3317 AB", location_lat="51.9", location_lon="4.7", **{"action-publish": "1"}
        ),
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert (page.location.x, page.location.y) == (pytest.approx(4.7), pytest.approx(51.9))
