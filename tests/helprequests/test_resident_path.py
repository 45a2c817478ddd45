"""The resident's way in (issue 16): what happens is said before the login,
the municipality's phone number is the other way, the form asks for the
place where help is needed and for whom, and the requester manages their own
requests under "Mijn hulpvragen" (edit, pause, close), they alone."""

import functools

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from wagtail.models import Site

from helprequests.models import HelpOfferStatus, HelpRequest, HelpRequestStatus
from initiatives.models import PostcodeCentroid
from initiatives.permissions import MODERATORS
from organisation.models import OrganisationSettings
from tests.factories import HelpOfferFactory, HelpRequestFactory, UserFactory

pytestmark = pytest.mark.django_db

S = HelpRequestStatus
CREATE_URL = "/hulpvragen/nieuw/"
MINE_URL = "/mijn-hulpvragen/"


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return functools.partial(django_capture_on_commit_callbacks, execute=True)


@pytest.fixture
def postcodes(db):
    from django.contrib.gis.geos import Point

    PostcodeCentroid.objects.create(
        postcode="3311 AB", point=Point(4.6853, 51.8117, srid=4326), town="Dordrecht"
    )


@pytest.fixture
def org(home):
    org = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    org.name = "Gemeente Dordrecht"
    org.phone = "14 078"
    org.save()
    return org


def form_data(**overrides):
    return {
        "kind": "transport",
        "title": "Rit naar het ziekenhuis",
        "description": "Wie rijdt donderdag mee naar het ziekenhuis?",
        "when_text": "donderdagochtend",
        "when_date": "",
        "postcode": "3311 AB",
        "asked_for_someone_else": "on",
        "on_behalf_of": "mijn vader",
        "website": "",
    } | overrides


# -- before the login ----------------------------------------------------------
def test_anonymous_visitor_reads_what_happens_before_the_login(client, org):
    response = client.get(CREATE_URL)
    assert response.status_code == 200
    text = response.text
    for said in ("account", "e-mail", "gemeente", "kijkt", "Wie ziet wat"):
        assert said in text
    # The other way in: the municipality's phone number, as a link.
    assert "14 078" in text
    assert 'href="tel:14078"' in text
    # The way on: sign up or log in, and come back to the form.
    assert "/account/signup/?next=/hulpvragen/nieuw/" in text
    assert "/account/login/?next=/hulpvragen/nieuw/" in text
    assert 'name="title"' not in text  # no form yet


def test_without_a_phone_number_the_page_says_so(client, home):
    text = client.get(CREATE_URL).text
    assert "tel:" not in text
    assert "telefoonnummer staat nog niet op deze site" in text
    assert 'href="/contact/"' in text


def test_anonymous_post_goes_to_the_login(client, postcodes):
    response = client.post(CREATE_URL, form_data())
    assert response.status_code == 302
    assert response.url.startswith("/account/login/")
    assert not HelpRequest.objects.exists()


@pytest.mark.parametrize("door", ["login", "signup"])
def test_login_and_signup_say_why_when_coming_from_the_help_form(client, home, door):
    text = client.get(f"/account/{door}/?next={CREATE_URL}").text
    assert "Om hulp te vragen heb je een account nodig" in text
    plain = client.get(f"/account/{door}/").text
    assert "Om hulp te vragen heb je een account nodig" not in plain


def test_logged_in_the_form_says_what_happens_too(client, org):
    client.force_login(UserFactory())
    text = client.get(CREATE_URL).text
    assert 'name="title"' in text
    assert "Wie ziet wat" in text
    assert "14 078" in text


# -- the form ------------------------------------------------------------------
def test_postcode_is_where_the_help_is_needed(client, home):
    client.force_login(UserFactory())
    text = client.get(CREATE_URL).text
    assert "Postcode waar de hulp nodig is" in text
    assert "Je postcode" not in text


def test_for_whom_is_required_for_someone_else_and_nothing_is_lost(client, postcodes):
    client.force_login(UserFactory())
    response = client.post(CREATE_URL, form_data(on_behalf_of="  "))
    assert response.status_code == 400
    assert "Vul in voor wie je hulp vraagt" in response.text
    assert 'value="Rit naar het ziekenhuis"' in response.text
    assert "Wie rijdt donderdag mee naar het ziekenhuis?" in response.text
    assert 'value="3311 AB"' in response.text
    assert not HelpRequest.objects.exists()


# -- Mijn hulpvragen -----------------------------------------------------------
def test_my_help_requests_is_in_the_account_menu(client, home):
    client.force_login(UserFactory())
    text = client.get("/profiel/").text
    nav = text.split('aria-label="Account"', 1)[1].split("</nav>", 1)[0]
    assert f'href="{MINE_URL}"' in nav
    assert "Mijn hulpvragen" in nav


def edit_url(help_request):
    return f"{MINE_URL}{help_request.pk}/bewerken/"


def status_url(help_request):
    return f"{MINE_URL}{help_request.pk}/status/"


def test_editing_a_pending_request_keeps_it_pending(client, postcodes):
    owner = UserFactory()
    help_request = HelpRequestFactory(requester=owner, status=S.PENDING, published_at=None)
    client.force_login(owner)
    page = client.get(edit_url(help_request))
    assert page.status_code == 200
    assert f'value="{help_request.title}"' in page.text
    response = client.post(edit_url(help_request), form_data(title="Rit naar de tandarts"))
    assert response.status_code == 302
    help_request.refresh_from_db()
    assert help_request.title == "Rit naar de tandarts"
    assert help_request.status == S.PENDING


def test_editing_a_published_request_sends_it_back_to_moderation(client, postcodes, commit):
    owner = UserFactory()
    moderator = UserFactory(email="moderator@example.nl")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    help_request = HelpRequestFactory(requester=owner)
    client.force_login(owner)
    with commit():
        client.post(edit_url(help_request), form_data(title="Rit naar de tandarts"))
    help_request.refresh_from_db()
    assert help_request.status == S.PENDING
    # Not public while a moderator looks at the new text.
    assert Client().get(f"/hulpvragen/{help_request.pk}/").status_code == 404
    assert "Rit naar de tandarts" not in Client().get("/hulpvragen/").text
    assert [m.to for m in mail.outbox] == [["moderator@example.nl"]]
    assert "aangepast" in mail.outbox[0].body
    assert "opnieuw" in client.get(MINE_URL).text


def test_a_matched_request_cannot_be_edited(client, postcodes):
    owner = UserFactory()
    help_request = HelpRequestFactory(requester=owner, status=S.MATCHED)
    client.force_login(owner)
    assert client.get(edit_url(help_request)).status_code == 404


def test_pause_and_resume(client):
    owner = UserFactory()
    help_request = HelpRequestFactory(requester=owner)
    client.force_login(owner)
    client.post(status_url(help_request), {"action": "pause"})
    help_request.refresh_from_db()
    assert help_request.status == S.PAUSED
    assert Client().get(f"/hulpvragen/{help_request.pk}/").status_code == 404
    assert "Gepauzeerd" in client.get(MINE_URL).text
    client.post(status_url(help_request), {"action": "resume"})
    help_request.refresh_from_db()
    assert help_request.status == S.PUBLISHED


@pytest.mark.parametrize(("action", "status"), [("found", S.MATCHED), ("not_needed", S.CLOSED)])
def test_close_declines_open_offers_with_a_mail(client, commit, action, status):
    owner = UserFactory()
    help_request = HelpRequestFactory(requester=owner)
    offer = HelpOfferFactory(help_request=help_request, volunteer__email="fatima@example.nl")
    client.force_login(owner)
    with commit():
        client.post(status_url(help_request), {"action": action})
    help_request.refresh_from_db()
    offer.refresh_from_db()
    assert help_request.status == status
    assert offer.status == HelpOfferStatus.DECLINED
    assert [m.to for m in mail.outbox] == [["fatima@example.nl"]]


def test_a_pending_request_can_be_withdrawn(client):
    owner = UserFactory()
    help_request = HelpRequestFactory(requester=owner, status=S.PENDING, published_at=None)
    client.force_login(owner)
    client.post(status_url(help_request), {"action": "not_needed"})
    help_request.refresh_from_db()
    assert help_request.status == S.CLOSED


def test_the_page_offers_the_actions_that_fit(client):
    owner = UserFactory()
    published = HelpRequestFactory(requester=owner, title="Open vraag")
    HelpRequestFactory(requester=owner, title="Afgerond", status=S.MATCHED)
    client.force_login(owner)
    text = client.get(MINE_URL).text
    assert edit_url(published) in text
    assert "Hulp is gevonden" in text
    assert "Niet meer nodig" in text
    assert "Pauzeren" in text
    assert text.count("/bewerken/") == 1


@pytest.mark.parametrize("action", ["pause", "found", "not_needed"])
def test_only_the_owner_changes_a_request(client, action):
    help_request = HelpRequestFactory()
    client.force_login(UserFactory())
    assert client.get(edit_url(help_request)).status_code == 404
    assert client.post(edit_url(help_request), form_data()).status_code == 404
    assert client.post(status_url(help_request), {"action": action}).status_code == 404
    help_request.refresh_from_db()
    assert help_request.status == S.PUBLISHED


def test_anonymous_is_sent_to_the_login(client):
    help_request = HelpRequestFactory()
    for url in (MINE_URL, edit_url(help_request)):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/account/login/")
    response = client.post(status_url(help_request), {"action": "pause"})
    assert response.status_code == 302
    help_request.refresh_from_db()
    assert help_request.status == S.PUBLISHED


def test_status_changes_are_post_only_and_need_csrf(client):
    owner = UserFactory()
    help_request = HelpRequestFactory(requester=owner)
    client.force_login(owner)
    assert client.get(status_url(help_request) + "?action=pause").status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(owner)
    assert strict.post(status_url(help_request), {"action": "pause"}).status_code == 403
    help_request.refresh_from_db()
    assert help_request.status == S.PUBLISHED


def test_an_unknown_action_changes_nothing(client):
    owner = UserFactory()
    help_request = HelpRequestFactory(requester=owner)
    client.force_login(owner)
    client.post(status_url(help_request), {"action": "archive"})
    help_request.refresh_from_db()
    assert help_request.status == S.PUBLISHED
