"""The volunteer's own profile: create on first save, postcode to a point, Dutch errors."""

import re

import pytest
from django.conf import settings
from django.contrib.gis.geos import Point
from django.db import IntegrityError
from django.shortcuts import resolve_url
from django.urls import reverse

from initiatives.models import PostcodeCentroid
from tests.factories import SkillFactory, ThemeFactory, UserFactory, VolunteerProfileFactory
from volunteers.models import VolunteerProfile
from volunteers.services import profile_update

pytestmark = pytest.mark.django_db

WIELWIJK = Point(4.6560, 51.8070, srid=4326)
CENTRUM = Point(4.6680, 51.8130, srid=4326)
URL = "/profiel/"


@pytest.fixture
def postcodes(db):
    PostcodeCentroid.objects.create(postcode="3317 AB", point=WIELWIJK, town="Dordrecht")
    PostcodeCentroid.objects.create(postcode="3311", point=CENTRUM, town="Dordrecht")


@pytest.fixture
def user(client):
    user = UserFactory(first_name="Fatima")
    client.force_login(user)
    return user


def form_data(**overrides):
    data = {
        "display_name": "Fatima",
        "postcode": "3317ab",
        "travel_km": "10",
        "availability": ["tue-morning", "sat-afternoon"],
        "languages": "nederlands, Arabisch,, Nederlands",
        "introduction": "Ik wandel graag en kook voor de buren.",
        "has_vog": "on",
    }
    data.update(overrides)
    return data


def test_url_name():
    assert reverse("volunteers:profile") == URL


def test_login_required(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


def test_first_visit_shows_an_empty_form_with_the_first_name(client, user):
    response = client.get(URL)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="Fatima"' in body
    assert "maandagochtend" in body  # the availability grid
    assert re.search(r'name="travel_km" value="5" min="1" max="100"', body)
    assert not VolunteerProfile.objects.filter(user=user).exists()


def test_first_save_creates_the_profile_with_a_point_from_the_postcode(client, user, postcodes):
    walking = ThemeFactory(name="Wandelen", slug="wandelen")
    cooking = SkillFactory(name="Koken", slug="koken")
    response = client.post(URL, form_data(themes=[walking.pk], skills=[cooking.pk]), follow=True)
    profile = VolunteerProfile.objects.get(user=user)
    assert response.redirect_chain == [(URL, 302)]
    assert "Je profiel is bewaard." in response.content.decode()
    assert profile.postcode == "3317 AB"
    assert profile.location.equals_exact(WIELWIJK, tolerance=1e-9)
    assert profile.travel_km == 10
    assert profile.availability == ["tue-morning", "sat-afternoon"]
    assert profile.availability_labels() == ["dinsdagochtend", "zaterdagmiddag"]
    assert profile.languages == ["Nederlands", "Arabisch"]
    assert profile.has_vog is True
    assert profile.visible_to_initiatives is False  # only when the volunteer says so
    assert list(profile.themes.all()) == [walking]
    assert list(profile.skills.all()) == [cooking]


def test_the_point_is_never_shown(client, user, postcodes):
    client.post(URL, form_data())
    body = client.get(URL).content.decode()
    assert "3317 AB" in body
    assert "51.807" not in body and "4.656" not in body


def test_pc6_unknown_falls_back_to_pc4(client, user, postcodes):
    client.post(URL, form_data(postcode="3311 XY"))
    profile = VolunteerProfile.objects.get(user=user)
    assert profile.postcode == "3311 XY"
    assert profile.location.equals_exact(CENTRUM, tolerance=1e-9)


def test_invalid_postcode_is_a_dutch_error_and_keeps_the_input(client, user, postcodes):
    response = client.post(URL, form_data(postcode="12345", introduction="Mijn verhaal"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Dit is geen geldige postcode. Gebruik de vorm 1234 AB." in body
    assert 'value="12345"' in body
    assert "Mijn verhaal" in body
    assert re.search(r'value="tue-morning"[^>]* checked', body)
    assert not re.search(r'value="mon-morning"[^>]* checked', body)
    assert "nederlands, Arabisch,, Nederlands" in body  # as typed
    assert not VolunteerProfile.objects.filter(user=user).exists()


def test_unknown_postcode_is_a_dutch_error_and_keeps_the_input(client, user, postcodes):
    response = client.post(URL, form_data(postcode="9999 ZZ", display_name="Fa"))
    body = response.content.decode()
    assert "Deze postcode kennen we niet" in body
    assert "kaart" not in body.split("Deze postcode kennen we niet")[1][:80]  # no map here
    assert 'value="9999 ZZ"' in body
    assert 'value="Fa"' in body
    assert not VolunteerProfile.objects.filter(user=user).exists()


def test_edit_changes_the_point_with_the_postcode(client, user, postcodes):
    VolunteerProfileFactory(user=user, postcode="3317 AB", location=WIELWIJK)
    client.post(URL, form_data(postcode="3311"))
    profile = VolunteerProfile.objects.get(user=user)
    assert profile.postcode == "3311"
    assert profile.location.equals_exact(CENTRUM, tolerance=1e-9)


def test_unchanged_postcode_is_not_looked_up_again(user, postcodes):
    VolunteerProfileFactory(user=user, postcode="3317 AB", location=WIELWIJK)
    PostcodeCentroid.objects.all().delete()  # a lookup would now fail
    result = profile_update(user=user, display_name="Fatima B.", postcode="3317ab")
    assert result.profile.display_name == "Fatima B."
    assert result.profile.location.equals_exact(WIELWIJK, tolerance=1e-9)


def test_clearing_the_postcode_forgets_the_point(user, postcodes):
    VolunteerProfileFactory(user=user, postcode="3317 AB", location=WIELWIJK)
    result = profile_update(user=user, display_name="Fatima", postcode="")
    assert result.profile.location is None
    assert result.profile.coarse_location is None


def test_no_geocoder_saves_the_profile_and_says_so(client, user, settings):
    settings.GEOCODERS = []  # nothing can be asked
    response = client.post(URL, form_data(), follow=True)
    profile = VolunteerProfile.objects.get(user=user)
    assert profile.postcode == "3317 AB"
    assert profile.location is None
    assert "konden je postcode nu niet opzoeken" in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("travel_km", "500", "Vul hooguit 100 kilometer in."),
        ("travel_km", "0", "Vul minstens 1 kilometer in."),
        ("display_name", "", "Vul een naam in."),
        ("introduction", "x" * 1001, "Gebruik hooguit 1000 tekens"),
        ("languages", ", ".join(f"taal{i}" for i in range(11)), "Noem er hooguit 10."),
    ],
)
def test_field_errors_are_dutch(client, user, postcodes, field, value, message):
    response = client.post(URL, form_data(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not VolunteerProfile.objects.filter(user=user).exists()


def test_database_refuses_a_travel_distance_out_of_range(user):
    profile = VolunteerProfileFactory(user=user)
    with pytest.raises(IntegrityError):
        VolunteerProfile.objects.filter(pk=profile.pk).update(travel_km=500)


def test_each_user_edits_only_their_own_profile(client, user, postcodes):
    other = VolunteerProfileFactory(display_name="Kees")
    response = client.get(URL)
    assert "Kees" not in response.content.decode()
    client.post(URL, form_data())
    other.refresh_from_db()
    assert other.display_name == "Kees"
    assert VolunteerProfile.objects.get(user=user).display_name == "Fatima"


def test_str():
    assert str(VolunteerProfile(display_name="Fatima")) == "Fatima"


def test_the_header_links_to_my_pages_and_the_inbox_only_for_members(client, user, index):
    from tests.factories import InitiativeMemberFactory, InitiativePageFactory

    html = client.get("/").content.decode()
    assert 'href="/profiel/"' in html and 'href="/mijn-reacties/"' in html
    assert 'href="/inbox/"' not in html
    InitiativeMemberFactory(user=user, initiative=InitiativePageFactory(parent=index))
    assert 'href="/inbox/"' in client.get("/").content.decode()


def test_match_emails_are_on_for_a_new_profile_and_can_be_turned_off(client, user, postcodes):
    html = client.get(URL).content.decode()
    assert re.search(r'<input[^>]*name="match_alerts"[^>]*checked', html)
    client.post(URL, form_data(match_alerts="on"))
    assert VolunteerProfile.objects.get(user=user).match_alerts
    client.post(URL, form_data())  # the box left unticked
    assert not VolunteerProfile.objects.get(user=user).match_alerts
