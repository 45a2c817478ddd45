"""Help requests (hulpvragen): moderation, privacy on the public pages, offers,
the exchange of contact details, and archiving."""

import datetime as dt
import functools
import math

import pytest
from django.contrib.auth.models import Permission
from django.contrib.gis.geos import Point
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from helprequests.models import HelpOffer, HelpOfferStatus, HelpRequest, HelpRequestStatus
from helprequests.services import (
    help_offer_accept,
    help_offer_create,
    help_request_create,
    help_request_moderate,
    help_requests_archive,
    rounded_point,
)
from initiatives.models import PostcodeCentroid
from tests.factories import (
    HelpOfferFactory,
    HelpRequestFactory,
    NeighbourhoodFactory,
    UserFactory,
    VolunteerProfileFactory,
)

pytestmark = pytest.mark.django_db

S = HelpRequestStatus
EXACT = Point(4.6853, 51.8117, srid=4326)  # inside NeighbourhoodFactory's square
LIST_URL = "/hulpvragen/"


def metres_between(a: Point, b: Point) -> float:
    """Haversine; good to a metre at these distances."""
    lat1, lat2 = math.radians(a.y), math.radians(b.y)
    dlat, dlon = lat2 - lat1, math.radians(b.x - a.x)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(h))


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return functools.partial(django_capture_on_commit_callbacks, execute=True)


@pytest.fixture
def wijk():
    return NeighbourhoodFactory(name="Reeland")


@pytest.fixture
def postcodes(wijk):
    PostcodeCentroid.objects.create(postcode="3311 AB", point=EXACT, town="Dordrecht")
    PostcodeCentroid.objects.create(
        postcode="3312 CD", point=Point(4.69, 51.815, srid=4326), town="Dordrecht"
    )


@pytest.fixture
def requester():
    return VolunteerProfileFactory(
        display_name="Henriëtte Jansen", user__email="henriette.jansen@example.nl"
    ).user


@pytest.fixture
def volunteer():
    return VolunteerProfileFactory(display_name="Fatima", user__email="fatima@example.nl").user


@pytest.fixture
def moderator():
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="moderate_helprequest"))
    return user


def create(requester, **overrides):
    fields = {
        "requester": requester,
        "kind": "groceries",
        "title": "Boodschappen op dinsdag",
        "description": "Mijn moeder kan niet meer naar de winkel.",
        "postcode": "3311ab",
        "when_text": "dinsdagmiddag",
        "asked_for_someone_else": True,
        "on_behalf_of": "mijn moeder Truus",
    }
    return help_request_create(**(fields | overrides))


@pytest.fixture
def published(postcodes, requester, moderator):
    help_request = create(requester)
    return help_request_moderate(request=help_request, by=moderator, approve=True)


# -- creating and moderating ---------------------------------------------------
def test_url_names():
    assert reverse("helprequests:help_list") == LIST_URL
    assert reverse("helprequests:help_detail", args=[3]) == "/hulpvragen/3/"
    assert reverse("helprequests:help_create") == "/hulpvragen/nieuw/"
    assert reverse("helprequests:my_help_requests") == "/mijn-hulpvragen/"
    assert reverse("helprequests:help_moderation") == "/hulpvragen/moderatie/"


def test_create_is_pending_and_not_public(client, postcodes, wijk, requester):
    help_request = create(requester)
    assert help_request.status == S.PENDING
    assert help_request.postcode == "3311 AB"
    assert help_request.location.coords == EXACT.coords
    assert help_request.neighbourhood == wijk
    assert help_request.public_location.coords != EXACT.coords
    assert metres_between(help_request.public_location, EXACT) < 600
    assert "Boodschappen op dinsdag" not in client.get(LIST_URL).text
    assert client.get(f"/hulpvragen/{help_request.pk}/").status_code == 404


@pytest.mark.parametrize(
    "point", [EXACT, Point(5.1214, 52.0907, srid=4326), Point(6.5665, 53.2194, srid=4326)]
)
def test_rounded_point_is_within_600_metres(point):
    public = rounded_point(point)
    assert public.coords != point.coords
    assert metres_between(public, point) < 600
    # Neighbours in the same grid cell get the same public point.
    assert rounded_point(Point(point.x + 0.0004, point.y + 0.0004, srid=4326)) == public


def test_approve_shows_it_without_private_details(client, published, volunteer, commit):
    assert published.status == S.PUBLISHED
    assert published.published_at is not None

    client.force_login(volunteer)
    pages = [client.get(LIST_URL).text, client.get(f"/hulpvragen/{published.pk}/").text]
    client.logout()
    pages.append(client.get(LIST_URL).text)
    pages.append(client.get(f"/hulpvragen/{published.pk}/").text)
    for html in pages:
        assert "Boodschappen op dinsdag" in html
        assert "Reeland" in html
        for private in [
            "Henriëtte",
            "Jansen",
            "henriette.jansen@example.nl",
            "3311",
            "mijn moeder Truus",
            "Truus",
            "4.6853",
            "51.8117",
            "4,6853",
            f"{published.public_location.x}",
        ]:
            assert private not in html, private


def test_approve_mails_the_requester(postcodes, requester, moderator, commit):
    help_request = create(requester)
    with commit():
        help_request_moderate(request=help_request, by=moderator, approve=True)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["henriette.jansen@example.nl"]
    assert "staat online" in mail.outbox[0].subject
    assert f"/hulpvragen/{help_request.pk}/" in mail.outbox[0].body


def test_reject_needs_a_reason_and_mails_it(client, postcodes, requester, moderator, commit):
    help_request = create(requester)
    with pytest.raises(ValidationError):
        help_request_moderate(request=help_request, by=moderator, approve=False, reason="  ")
    with commit():
        help_request_moderate(
            request=help_request,
            by=moderator,
            approve=False,
            reason="Er staat een telefoonnummer in de tekst.",
        )
    help_request.refresh_from_db()
    assert help_request.status == S.REJECTED
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["henriette.jansen@example.nl"]
    assert "Er staat een telefoonnummer in de tekst." in mail.outbox[0].body
    assert client.get(f"/hulpvragen/{help_request.pk}/").status_code == 404


def test_only_moderators_moderate(postcodes, requester, volunteer):
    help_request = create(requester)
    for user in [requester, volunteer]:
        with pytest.raises(PermissionDenied):
            help_request_moderate(request=help_request, by=user, approve=True)
    help_request.refresh_from_db()
    assert help_request.status == S.PENDING
    staff = UserFactory(is_staff=True)
    help_request_moderate(request=help_request, by=staff, approve=True)
    help_request.refresh_from_db()
    assert help_request.status == S.PUBLISHED


def test_moderation_pages_are_for_moderators_only(client, postcodes, requester, moderator):
    help_request = create(requester)
    url = reverse("helprequests:help_moderation")
    act = reverse("helprequests:help_moderate", args=[help_request.pk])

    assert client.get(url).status_code == 302  # to the login page
    client.force_login(requester)
    assert client.get(url).status_code == 404
    assert client.post(act, {"approve": "1"}).status_code == 404
    help_request.refresh_from_db()
    assert help_request.status == S.PENDING

    client.force_login(moderator)
    page = client.get(url)
    assert page.status_code == 200
    assert "Boodschappen op dinsdag" in page.text
    assert "mijn moeder Truus" in page.text  # moderators may see it; the public never

    response = client.post(act, {"approve": "0", "reason": ""}, follow=True)
    assert "Schrijf waarom" in response.text
    help_request.refresh_from_db()
    assert help_request.status == S.PENDING

    client.post(act, {"approve": "1"})
    help_request.refresh_from_db()
    assert help_request.status == S.PUBLISHED
    assert help_request.moderated_by == moderator


# -- asking for help through the form ------------------------------------------
def form_data(**overrides):
    return {
        "kind": "transport",
        "title": "Rit naar het ziekenhuis",
        "description": "Wie rijdt mijn vader donderdag naar het ziekenhuis?",
        "when_text": "donderdagochtend",
        "when_date": "",
        "postcode": "3311 AB",
        "asked_for_someone_else": "on",
        "on_behalf_of": "mijn vader",
        "website": "",
    } | overrides


def test_create_form_makes_a_pending_request(client, postcodes, requester):
    # Anonymous: what happens and the way to an account, not the form yet.
    assert 'name="title"' not in client.get("/hulpvragen/nieuw/").text
    client.force_login(requester)
    response = client.post("/hulpvragen/nieuw/", form_data())
    assert response.status_code == 302
    help_request = HelpRequest.objects.get()
    assert help_request.requester == requester
    assert help_request.status == S.PENDING
    assert help_request.on_behalf_of == "mijn vader"
    assert "Rit naar het ziekenhuis" in client.get("/mijn-hulpvragen/").text


@pytest.mark.parametrize(
    ("postcode", "error"),
    [("12", "Dit is geen geldige postcode"), ("9999 ZZ", "Deze postcode kennen we niet")],
)
def test_bad_postcode_keeps_the_input(client, postcodes, requester, postcode, error):
    client.force_login(requester)
    response = client.post("/hulpvragen/nieuw/", form_data(postcode=postcode))
    assert response.status_code == 400
    assert error in response.text
    assert "Rit naar het ziekenhuis" in response.text
    assert "Wie rijdt mijn vader donderdag naar het ziekenhuis?" in response.text
    assert f'value="{postcode}"' in response.text
    assert 'value="mijn vader"' in response.text
    assert not HelpRequest.objects.exists()


def test_honeypot_refuses_the_form(client, postcodes, requester):
    client.force_login(requester)
    response = client.post("/hulpvragen/nieuw/", form_data(website="http://spam.example"))
    assert response.status_code == 400
    assert not HelpRequest.objects.exists()


def test_on_behalf_of_is_dropped_when_asking_for_oneself(client, postcodes, requester):
    client.force_login(requester)
    data = form_data(on_behalf_of="mijn vader")
    del data["asked_for_someone_else"]
    client.post("/hulpvragen/nieuw/", data)
    assert HelpRequest.objects.get().on_behalf_of == ""


# -- offers --------------------------------------------------------------------
def test_volunteer_offers_help_and_the_requester_gets_no_address(
    client, published, volunteer, commit
):
    client.force_login(volunteer)
    with commit():
        response = client.post(
            f"/hulpvragen/{published.pk}/",
            {"message": "Ik heb een auto en kan op dinsdag.", "website": ""},
        )
    assert response.status_code == 302
    offer = HelpOffer.objects.get()
    assert (offer.volunteer, offer.status) == (volunteer, HelpOfferStatus.OFFERED)
    [message] = mail.outbox
    assert message.to == ["henriette.jansen@example.nl"]
    assert "Fatima" in message.body
    assert "Ik heb een auto en kan op dinsdag." in message.body
    assert "fatima@example.nl" not in message.body
    assert "Je hebt al hulp aangeboden" in client.get(f"/hulpvragen/{published.pk}/").text


def test_offer_form_honeypot(client, published, volunteer):
    client.force_login(volunteer)
    response = client.post(f"/hulpvragen/{published.pk}/", {"message": "Hallo", "website": "spam"})
    assert response.status_code == 400
    assert not HelpOffer.objects.exists()


def test_offer_needs_a_login(client, published):
    response = client.post(f"/hulpvragen/{published.pk}/", {"message": "Hallo"})
    assert response.status_code == 302
    assert "/login/" in response.url or "account" in response.url
    assert not HelpOffer.objects.exists()


def test_requester_cannot_offer_on_own_request(client, published, requester):
    with pytest.raises(ValidationError, match="eigen hulpvraag"):
        help_offer_create(help_request=published, volunteer=requester, message="Ik zelf")
    client.force_login(requester)
    page = client.get(f"/hulpvragen/{published.pk}/").text
    assert "Dit is je eigen hulpvraag" in page
    client.post(f"/hulpvragen/{published.pk}/", {"message": "Ik zelf"})
    assert not HelpOffer.objects.exists()


def test_duplicate_offer_is_refused(client, published, volunteer):
    help_offer_create(help_request=published, volunteer=volunteer, message="Eerste keer")
    with pytest.raises(ValidationError, match="al hulp aangeboden"):
        help_offer_create(help_request=published, volunteer=volunteer, message="Nog een keer")
    client.force_login(volunteer)
    response = client.post(f"/hulpvragen/{published.pk}/", {"message": "Nog een keer"})
    assert response.status_code == 302
    assert HelpOffer.objects.count() == 1


def test_no_offer_on_a_pending_request(client, postcodes, requester, volunteer):
    help_request = create(requester)
    with pytest.raises(ValidationError, match="geen hulp meer"):
        help_offer_create(help_request=help_request, volunteer=volunteer, message="Hallo")
    client.force_login(volunteer)
    assert client.post(f"/hulpvragen/{help_request.pk}/", {"message": "Hallo"}).status_code == 404
    assert not HelpOffer.objects.exists()


# -- accepting: contact details, and only then ---------------------------------
def test_accept_exchanges_contact_details_only_then(client, published, volunteer, commit):
    other = VolunteerProfileFactory(display_name="Kees", user__email="kees@example.nl").user
    with commit():
        offer = help_offer_create(help_request=published, volunteer=volunteer, message="Ik kan")
        help_offer_create(help_request=published, volunteer=other, message="Ik ook")
    # Before accepting, nobody has anyone's address.
    before = "\n".join(m.body for m in mail.outbox)
    assert "fatima@example.nl" not in before and "kees@example.nl" not in before
    assert all(m.to == ["henriette.jansen@example.nl"] for m in mail.outbox)
    client.force_login(published.requester)
    assert "fatima@example.nl" not in client.get("/mijn-hulpvragen/").text
    mail.outbox.clear()

    with commit():
        response = client.post(f"/mijn-hulpvragen/aanbod/{offer.pk}/accepteren/")
    assert response.status_code == 302

    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {
        "fatima@example.nl",
        "henriette.jansen@example.nl",
        "kees@example.nl",
    }
    to_volunteer = by_recipient["fatima@example.nl"].body
    assert "henriette.jansen@example.nl" in to_volunteer
    assert "Henriëtte Jansen" in to_volunteer
    assert "Truus" not in to_volunteer
    to_requester = by_recipient["henriette.jansen@example.nl"].body
    assert "fatima@example.nl" in to_requester
    assert "Fatima" in to_requester
    to_other = by_recipient["kees@example.nl"].body
    assert "henriette.jansen@example.nl" not in to_other
    assert "fatima@example.nl" not in to_other

    offer.refresh_from_db()
    published.refresh_from_db()
    assert offer.status == HelpOfferStatus.ACCEPTED
    assert HelpOffer.objects.get(volunteer=other).status == HelpOfferStatus.DECLINED
    assert published.status == S.MATCHED
    assert "Boodschappen op dinsdag" not in client.get(LIST_URL).text
    assert "fatima@example.nl" in client.get("/mijn-hulpvragen/").text

    # A second accept (another offer, or the same one again) is refused.
    with pytest.raises(ValidationError):
        help_offer_accept(offer=offer, by=published.requester)


def test_someone_else_cannot_accept(client, published, volunteer):
    offer = HelpOfferFactory(help_request=published, volunteer=volunteer)
    intruder = UserFactory()
    with pytest.raises(PermissionDenied):
        help_offer_accept(offer=offer, by=intruder)
    for user in [intruder, volunteer]:
        client.force_login(user)
        response = client.post(f"/mijn-hulpvragen/aanbod/{offer.pk}/accepteren/")
        assert response.status_code == 404
    offer.refresh_from_db()
    assert offer.status == HelpOfferStatus.OFFERED
    assert not mail.outbox


def test_my_requests_shows_only_my_own(client, published, volunteer):
    HelpRequestFactory(requester=volunteer, title="Hulp met de tuin")
    client.force_login(volunteer)
    page = client.get("/mijn-hulpvragen/").text
    assert "Hulp met de tuin" in page
    assert published.title not in page


# -- the public list -------------------------------------------------------------
def test_list_filters_by_kind_and_sorts_near_a_postcode(client, postcodes, wijk):
    far = HelpRequestFactory(
        title="Verre klus",
        kind="odd_jobs",
        public_location=Point(4.9, 52.3, srid=4326),
        neighbourhood=wijk,
    )
    near = HelpRequestFactory(
        title="Dichtbij boodschappen",
        kind="groceries",
        public_location=rounded_point(EXACT),
        neighbourhood=wijk,
    )
    html = client.get(LIST_URL, {"soort": "odd_jobs"}).text
    assert far.title in html and near.title not in html

    html = client.get(LIST_URL, {"postcode": "3311 AB"}).text
    assert html.index(near.title) < html.index(far.title)
    assert "minder dan 1 km" in html
    assert "ca. 56 km" in html  # the same rounding as "Voor jou"

    html = client.get(LIST_URL, {"postcode": "9999 ZZ"}).text
    assert "Deze postcode kennen we niet" in html


def test_list_has_no_n_plus_one(client, django_assert_max_num_queries):
    for _ in range(15):
        HelpRequestFactory(neighbourhood=NeighbourhoodFactory())
    with django_assert_max_num_queries(3):
        html = client.get(LIST_URL).text
    assert html.count('class="response panel"') == 15
    assert "Wijk Wijk" in html


# -- archiving -----------------------------------------------------------------
def test_archive_command_is_idempotent(settings, capsys):
    settings.HELP_REQUEST_ARCHIVE_WEEKS = 8
    nine_weeks_ago = timezone.now() - dt.timedelta(weeks=9)
    old = HelpRequestFactory()
    old_matched = HelpRequestFactory(status=S.MATCHED)
    old_pending = HelpRequestFactory(status=S.PENDING, published_at=None)
    recent = HelpRequestFactory()
    HelpRequest.objects.filter(pk__in=[old.pk, old_matched.pk, old_pending.pk]).update(
        created_at=nine_weeks_ago
    )

    call_command("archive_help_requests")
    assert "2 hulpvragen gearchiveerd." in capsys.readouterr().out
    statuses = dict(HelpRequest.objects.values_list("pk", "status"))
    assert statuses == {
        old.pk: S.ARCHIVED,
        old_matched.pk: S.ARCHIVED,
        old_pending.pk: S.PENDING,
        recent.pk: S.PUBLISHED,
    }
    archived_at = HelpRequest.objects.get(pk=old.pk).archived_at
    assert archived_at is not None

    call_command("archive_help_requests")
    assert "0 hulpvragen gearchiveerd." in capsys.readouterr().out
    assert HelpRequest.objects.get(pk=old.pk).archived_at == archived_at


def test_archive_follows_the_setting(settings):
    settings.HELP_REQUEST_ARCHIVE_WEEKS = 2
    request = HelpRequestFactory()
    HelpRequest.objects.filter(pk=request.pk).update(
        created_at=timezone.now() - dt.timedelta(weeks=3)
    )
    assert help_requests_archive() == 1
    request.refresh_from_db()
    assert request.status == S.ARCHIVED
