"""Contactpunten in the Wagtail admin: moderators keep them, a moderator of
gemeente A sees and edits only A's, and a change shows on the next anonymous
request, also from the page cache."""

import pytest
from django.contrib.auth.models import Group

from contactpoints.models import ContactPoint
from core.versioning import content_version
from initiatives.permissions import MODERATORS
from tests.factories import ContactPointFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/admin/contact_points/"


def moderator(*municipalities):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=MODERATORS))
    for municipality in municipalities:
        municipality.moderators.add(user)
    return user


@pytest.fixture
def points(places, home):
    return {
        "a": ContactPointFactory(
            name="Sociaal wijkteam Wielwijk", neighbourhoods=[places.wielwijk]
        ),
        "a_whole": ContactPointFactory(
            name="Wmo-loket Dordrecht", kind="wmo_loket", municipalities=[places.dordrecht]
        ),
        "b": ContactPointFactory(
            name="Wmo-loket Hilversum", kind="wmo_loket", municipalities=[places.hilversum]
        ),
        "shared": ContactPointFactory(
            name="Steunpunt Dordrecht en Hilversum",
            kind="mantelzorg",
            neighbourhoods=[places.wielwijk],
            municipalities=[places.hilversum],
        ),
    }


def form_data(**values):
    data = {
        "name": "Sociaal wijkteam Crabbehof",
        "kind": "wijkteam",
        "phone": "078-770 4030",
        "email": "crabbehof@example.nl",
        "walk_in_hours": "ma–vr 9.00–17.00",
        "address": "",
        "website": "",
        "staff_emails": "",
        "active": "on",
    }
    data.update(values)
    return data


def test_a_moderator_of_a_sees_only_as(client, places, points):
    client.force_login(moderator(places.dordrecht))
    html = client.get(URL).content.decode()
    assert "Sociaal wijkteam Wielwijk" in html and "Wmo-loket Dordrecht" in html
    assert "Wmo-loket Hilversum" not in html
    # Shared with B: only for those who moderate both (or everything).
    assert "Steunpunt Dordrecht en Hilversum" not in html
    assert client.get(f"{URL}edit/{points['a'].pk}/").status_code == 200
    for other in ("b", "shared"):
        assert client.get(f"{URL}edit/{points[other].pk}/").status_code == 404
        assert client.post(f"{URL}edit/{points[other].pk}/", form_data()).status_code == 404
        assert client.get(f"{URL}delete/{points[other].pk}/").status_code == 404
        assert client.post(f"{URL}delete/{points[other].pk}/").status_code == 404
        assert client.get(f"{URL}history/{points[other].pk}/").status_code == 404
    assert ContactPoint.objects.filter(pk=points["b"].pk, name="Wmo-loket Hilversum").exists()


def test_the_gemeente_filter_covers_its_wijken(client, places, points):
    client.force_login(moderator())
    html = client.get(URL, {"gemeente": places.dordrecht.pk}).content.decode()
    assert "Sociaal wijkteam Wielwijk" in html and "Wmo-loket Dordrecht" in html
    assert "Steunpunt Dordrecht en Hilversum" in html
    assert "Wmo-loket Hilversum" not in html


def test_a_moderator_of_everything_sees_all(client, places, points):
    client.force_login(moderator())
    html = client.get(URL).content.decode()
    for point in points.values():
        assert point.name in html
    html = client.get(URL, {"q": "Hilversum"}).content.decode()
    assert "Wmo-loket Hilversum" in html and "Sociaal wijkteam Wielwijk" not in html


def test_the_form_offers_only_the_moderators_areas(client, places, points):
    client.force_login(moderator(places.dordrecht))
    html = client.get(f"{URL}new/").content.decode()
    assert "Wielwijk (Dordrecht)" in html and "Crabbehof (Dordrecht)" in html
    assert "Kerkelanden" not in html and "Hilversum" not in html
    # Choosing B's area anyway is refused.
    response = client.post(f"{URL}new/", form_data(municipalities=[places.hilversum.pk]))
    assert response.status_code == 200
    assert not ContactPoint.objects.filter(name="Sociaal wijkteam Crabbehof").exists()


def test_a_moderator_adds_one_with_staff(client, places, points):
    client.force_login(moderator(places.dordrecht))
    colleague = UserFactory(email="Noor@Example.nl")
    response = client.post(
        f"{URL}new/",
        form_data(neighbourhoods=[places.crabbehof.pk], staff_emails="noor@example.nl\n"),
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    point = ContactPoint.objects.get(name="Sociaal wijkteam Crabbehof")
    assert list(point.neighbourhoods.all()) == [places.crabbehof]
    assert list(point.staff.all()) == [colleague]
    # Shown with its staff when edited again, and staff can be taken off.
    assert "Noor@Example.nl" in client.get(f"{URL}edit/{point.pk}/").content.decode()
    data = form_data(neighbourhoods=[places.crabbehof.pk], staff_emails="")
    assert client.post(f"{URL}edit/{point.pk}/", data).status_code == 302
    assert not point.staff.exists()


def test_unknown_staff_address_and_no_area_are_clear_errors(client, places, points):
    client.force_login(moderator(places.dordrecht))
    response = client.post(f"{URL}new/", form_data(staff_emails="niemand@example.nl"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Er is geen account met dit e-mailadres: niemand@example.nl" in html
    assert "Kies minstens één wijk of gemeente" in html
    # What was typed stays.
    assert "078-770 4030" in html
    response = client.post(
        f"{URL}new/", form_data(phone="", email="", neighbourhoods=[places.crabbehof.pk])
    )
    assert "Vul een telefoonnummer of e-mailadres in." in response.content.decode()
    assert not ContactPoint.objects.filter(name="Sociaal wijkteam Crabbehof").exists()


def test_others_have_no_access(client, places, points):
    client.force_login(UserFactory())
    assert client.get(URL).status_code in (302, 403)
    assert client.get(f"{URL}edit/{points['a'].pk}/").status_code in (302, 403)


def test_saving_bumps_the_content_version(places, points, django_capture_on_commit_callbacks):
    before = content_version()
    point = points["a"]
    point.phone = "078-770 9999"
    point.save()
    assert content_version() > before
    before = content_version()
    point.neighbourhoods.add(places.crabbehof)
    assert content_version() > before
    before = content_version()
    point.delete()
    assert content_version() > before


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60
    settings.PAGE_CACHE_HEADER = True
    return settings


def test_a_change_shows_through_the_page_cache(client, places, points, page_cache):
    from initiatives.models import PostcodeCentroid
    from tests.contactpoints.conftest import IN_WIELWIJK

    PostcodeCentroid.objects.create(postcode="3317", point=IN_WIELWIJK, town="Dordrecht")
    url = "/?postcode=3317"
    first = client.get(url)
    assert "078-770 4010" in first.content.decode()
    assert client.get(url)["X-Cache"] == "hit"
    # An editor's change in the admin: the next anonymous visitor sees it.
    editor = moderator(places.dordrecht)
    admin = type(client)()
    admin.force_login(editor)
    data = form_data(
        name="Sociaal wijkteam Wielwijk",
        phone="078-770 4011",
        email=points["a"].email,
        neighbourhoods=[places.wielwijk.pk],
    )
    assert admin.post(f"{URL}edit/{points['a'].pk}/", data).status_code == 302
    second = client.get(url)
    assert second["X-Cache"] == "miss"
    assert "078-770 4011" in second.content.decode()
    # Taking the wijk off: the next one for Wielwijk shows.
    data["neighbourhoods"] = [places.crabbehof.pk]
    assert admin.post(f"{URL}edit/{points['a'].pk}/", data).status_code == 302
    html = client.get(url).content.decode()
    assert "078-770 4011" not in html and "Steunpunt Dordrecht en Hilversum" in html
