"""The language a help request is written in (issue 20, docs/languages.md):
the requester says it, the pages mark the text with it (lang and dir), and a
text not in Dutch says so under it."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.gis.geos import Point
from django.test import Client

from helprequests.models import HelpRequest
from helprequests.services import help_request_create, help_request_moderate
from initiatives.models import PostcodeCentroid
from tests.factories import NeighbourhoodFactory, UserFactory, VolunteerProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def postcode():
    NeighbourhoodFactory(name="Reeland")
    PostcodeCentroid.objects.create(
        postcode="3311 AB", point=Point(4.6853, 51.8117, srid=4326), town="Dordrecht"
    )


@pytest.fixture
def requester():
    return VolunteerProfileFactory(display_name="Rania").user


def form_data(**overrides):
    return {
        "kind": "company",
        "title": "أبحث عن رفقة في المشي",
        "description": "أريد أن أمشي مع شخص ما في الحي مرة في الأسبوع.",
        "when_text": "",
        "when_date": "",
        "postcode": "3311 AB",
        "website": "",
    } | overrides


def publish(help_request):
    moderator = UserFactory()
    moderator.user_permissions.add(Permission.objects.get(codename="moderate_helprequest"))
    return help_request_moderate(request=help_request, by=moderator, approve=True)


def test_the_form_starts_in_the_language_the_site_is_read_in(client, postcode, requester):
    client.force_login(requester)
    page = client.get("/ar/hulpvragen/nieuw/").text
    assert '<option value="ar" selected>' in page
    # Each language also by its own name, for someone who cannot read the rest.
    assert "(العربية)" in page and "(Українська)" in page.replace("українська", "Українська")
    assert '<option value="nl" selected>' in client.get("/hulpvragen/nieuw/").text


def test_the_chosen_language_is_kept_and_marks_the_text(client, postcode, requester):
    client.force_login(requester)
    response = client.post("/ar/hulpvragen/nieuw/", form_data(language="ar"))
    assert response.status_code == 302
    help_request = publish(HelpRequest.objects.get())
    assert help_request.language == "ar"

    detail = client.get(f"/hulpvragen/{help_request.pk}/").text
    assert '<h1 lang="ar" dir="rtl">أبحث عن رفقة في المشي</h1>' in detail
    assert "In het Arabisch geschreven" in detail
    listing = client.get("/en/hulpvragen/").text
    assert 'lang="ar" dir="rtl"' in listing
    assert "Written in Arabic" in listing


def test_a_dutch_request_is_marked_dutch_and_says_nothing_more(client, postcode, requester):
    help_request = publish(
        help_request_create(
            requester=requester,
            kind="groceries",
            title="Boodschappen op dinsdag",
            description="Wie helpt?",
            postcode="3311ab",
        )
    )
    assert help_request.language == "nl"
    detail = Client().get(f"/en/hulpvragen/{help_request.pk}/")
    assert '<h1 lang="nl" dir="ltr">Boodschappen op dinsdag</h1>' in detail.text
    assert "Written in" not in detail.text


@pytest.mark.parametrize("language", ["xx", "<script>", "nl" * 10])
def test_an_unknown_language_is_a_clear_error_and_keeps_the_text(
    client, postcode, requester, language
):
    client.force_login(requester)
    response = client.post("/hulpvragen/nieuw/", form_data(language=language))
    assert response.status_code == 400
    assert "أبحث عن رفقة في المشي" in response.text
    assert "geldige keuze" in response.text
    assert not HelpRequest.objects.exists()


def test_leaving_the_language_out_means_dutch(client, postcode, requester):
    client.force_login(requester)
    assert client.post("/hulpvragen/nieuw/", form_data()).status_code == 302
    assert HelpRequest.objects.get().language == "nl"
