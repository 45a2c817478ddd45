"""What held: no requester's or volunteer's personal data in any public output.

Every personal field below carries the marker "zxq" (names, e-mail
addresses, messages, an introduction, a reason for a rejection), and the
postcodes and exact points are rare values of their own. Then every public
output is fetched, anonymously and as an unrelated logged-in user, and
searched for them: the HTML pages, the JSON-LD in them, Wagtail's API, the
search API and GeoJSON, the HSDS export, the iCalendar feeds and the
OpenAPI description. Each output must also show something public (a positive
control), so an empty or failing page cannot pass for a private one.
"""

import re

import pytest
from django.contrib.gis.geos import Point
from django.utils import timezone

from helprequests.services import rounded_point
from initiatives.models import InitiativePage, InitiativeRegistration, PostcodeCentroid
from initiatives.services import approve_registration, confirm_registration
from search.backends import get_backend
from search.documents import all_documents
from tests.factories import (
    ActivityPageFactory,
    HelpOfferFactory,
    HelpRequestFactory,
    InitiativeMemberFactory,
    InitiativePageFactory,
    MeetingPlacePageFactory,
    NeighbourhoodFactory,
    ResponseFactory,
    UserFactory,
    VacancyPageFactory,
    VolunteerProfileFactory,
)
from tests.held.conftest import coordinate_spellings

pytestmark = pytest.mark.django_db

MARKER = "zxq"
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[A-Za-z0-9]*"')
REQUESTER_POINT = Point(4.67777, 51.80444, srid=4326)
VOLUNTEER_POINT = Point(4.66123, 51.79321, srid=4326)
PRIVATE_POSTCODES = ["9999 XQ", "9999XQ", "9998 XQ", "9998XQ"]
REGISTRATION_PHONE = "06 99887766"
PUBLIC_TITLE = "Hulp bij boodschappen in Crabbehof"


@pytest.fixture
def world(client, index):
    """Everyone whose data must stay back, each with something on record."""
    wijk = NeighbourhoodFactory(name="Crabbehof")
    moderator = UserFactory(email="zxq-moderator@example.nl", is_staff=True, is_superuser=True)

    # An initiative registered through the public form, then approved: its
    # applicant's own name, address, phone and message are private; the
    # public phone number is meant for the site. (With a public e-mail
    # address the name becomes the contact person: see the xfail below.)
    PostcodeCentroid.objects.create(
        postcode="3317 AB", point=Point(4.656, 51.807, srid=4326), town="Dordrecht"
    )
    response = client.post(
        "/initiatief-aanmelden/",
        {
            "title": "Buurtkamer Publiek",
            "intro": "Een huiskamer voor de buurt.",
            "description": "Iedereen is welkom.",
            "postcode": "3317 AB",
            "public_phone": "078 1234567",
            "contact_name": "Zxqaanvrager Achternaam",
            "email": "zxq-aanvrager@example.nl",
            "phone": REGISTRATION_PHONE,
            "message": "Zxq bericht aan de gemeente",
            "agree": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()
    registration = confirm_registration(InitiativeRegistration.objects.get())
    approve_registration(registration, by=moderator)
    registered = InitiativePage.objects.get(pk=registration.page_id)

    initiative = InitiativePageFactory(
        parent=index, title="Buurthuis Openbaar", email="info@buurthuis-openbaar.nl"
    )
    vacancy = VacancyPageFactory(parent=initiative, title="Gastvrouw gezocht")
    activity = ActivityPageFactory(parent=initiative, title="Koffieochtend Openbaar")
    place = MeetingPlacePageFactory(parent=initiative, title="Huiskamer Openbaar")
    InitiativeMemberFactory(
        initiative=initiative,
        user=UserFactory(email="zxq-lid@example.nl", first_name="Zxqlid"),
    )

    # A volunteer who responded, offered help and lets initiatives see them.
    volunteer = VolunteerProfileFactory(
        user__email="zxq-vrijwilliger@example.nl",
        user__first_name="Zxqvoornaam",
        display_name="Zxqvrijwilliger",
        postcode="9998 XQ",
        location=VOLUNTEER_POINT,
        introduction="Zxq over mezelf: ik woon naast de bakker.",
        visible_to_initiatives=True,
    ).user
    ResponseFactory(
        vacancy=vacancy, volunteer=volunteer, message="Zxq reactie, bel me", status="in_contact"
    )

    # A requester with a published request (with an offer on it) and others
    # that are not public at all.
    requester = VolunteerProfileFactory(
        user__email="zxq-hulpvrager@example.nl",
        user__first_name="Zxqhulpvrager",
        user__last_name="Zxqachternaam",
        display_name="Zxqhulpnaam",
        postcode="9999 XQ",
    ).user
    public = HelpRequestFactory(
        requester=requester,
        title=PUBLIC_TITLE,
        description="Wie doet op dinsdag boodschappen?",
        postcode="9999 XQ",
        location=REQUESTER_POINT,
        public_location=rounded_point(REQUESTER_POINT),
        neighbourhood=wijk,
        asked_for_someone_else=True,
        on_behalf_of="Zxq mijn moeder",
        moderated_by=moderator,
    )
    HelpOfferFactory(help_request=public, volunteer=volunteer, message="Zxq aanbod, ik kan")
    for status, extra in [
        ("pending", {"published_at": None}),
        ("rejected", {"published_at": None, "rejection_reason": "Zxq reden"}),
        ("matched", {}),
        ("closed", {}),
        ("archived", {"archived_at": timezone.now()}),
    ]:
        HelpRequestFactory(
            requester=requester,
            title=f"Zxq vraag {status}",
            status=status,
            postcode="9999 XQ",
            location=REQUESTER_POINT,
            public_location=rounded_point(REQUESTER_POINT),
            **extra,
        )
    get_backend().rebuild(all_documents())
    return {
        "registered": registered,
        "initiative": initiative,
        "vacancy": vacancy,
        "activity": activity,
        "place": place,
        "help_request": public,
    }


def public_outputs(world) -> dict[str, str]:
    """Every public address, with something public it must show."""
    registered, initiative = world["registered"], world["initiative"]
    vacancy, activity, place = world["vacancy"], world["activity"], world["place"]
    help_request = world["help_request"]
    outputs = {
        "/": "Meedoen",
        "/initiatieven/": "Buurtkamer Publiek",
        registered.url: "078 1234567",
        initiative.url: "info@buurthuis-openbaar.nl",
        vacancy.url: "Gastvrouw gezocht",
        activity.url: "Koffieochtend Openbaar",
        place.url: "Huiskamer Openbaar",
        "/activiteiten/": "Koffieochtend Openbaar",
        "/activiteiten/?postcode=3317+AB": "Koffieochtend Openbaar",
        "/ontmoetingsplekken/": "Huiskamer Openbaar",
        "/vacatures/": "Gastvrouw gezocht",
        "/hulpvragen/": PUBLIC_TITLE,
        "/hulpvragen/?postcode=3317+AB": PUBLIC_TITLE,
        f"/hulpvragen/{help_request.pk}/": PUBLIC_TITLE,
        "/zoeken/": "Buurtkamer Publiek",
        "/zoeken/?q=buurtkamer": "Buurtkamer Publiek",
        "/zoeken/?waar=3317+AB": "Gastvrouw gezocht",
        "/api/search/": "Buurtkamer Publiek",
        "/api/search/?q=huiskamer": "Huiskamer Openbaar",
        "/api/search.geojson": "Koffieochtend Openbaar",
        "/api/v2/pages/?fields=*&limit=20": "Buurtkamer Publiek",
        "/open-data/hsds.json": "Buurtkamer Publiek",
        "/activiteiten/agenda.ics": "Koffieochtend Openbaar",
        f"/activiteiten/{activity.pk}/agenda.ics": "Koffieochtend Openbaar",
        f"/initiatieven/{initiative.pk}/agenda.ics": "Koffieochtend Openbaar",
        "/api/openapi.json": "openapi",
        "/privacy/": "privacy",
        "/initiatief-aanmelden/": "Meld",
    }
    for page in (registered, initiative, vacancy, activity, place):
        outputs[f"/api/v2/pages/{page.pk}/"] = page.title
        # The specific fields are listed only per type.
        outputs[f"/api/v2/pages/?type={page._meta.label}&fields=*"] = page.title
    return outputs


def body_of(response) -> str:
    text = response.getvalue().decode()  # feeds are streamed
    # iCalendar folds long lines ("\r\n "): a marker must not hide in a fold.
    text = text.replace("\r\n ", "").replace("\n ", "")
    # A CSRF token is 64 random letters and digits: now and then it spells
    # the marker (the logout form is on every page someone logged in sees).
    return CSRF_TOKEN.sub('name="csrfmiddlewaretoken" value=""', text)


def private_strings() -> list[str]:
    return [
        MARKER,
        REGISTRATION_PHONE,
        REGISTRATION_PHONE.replace(" ", ""),
        *PRIVATE_POSTCODES,
        *coordinate_spellings(REQUESTER_POINT),
        *coordinate_spellings(VOLUNTEER_POINT),
    ]


@pytest.mark.parametrize("viewer", ["anonymous", "someone logged in"])
def test_no_public_output_holds_personal_data(client, world, viewer):
    outputs = public_outputs(world)
    if viewer != "anonymous":
        # A volunteer nearby, who also gets the request on "Voor jou".
        nearby = Point(4.69, 51.81, srid=4326)
        client.force_login(
            VolunteerProfileFactory(display_name="Bezoeker", location=nearby, travel_km=10).user
        )
        outputs["/voor-jou/"] = PUBLIC_TITLE
    for url, shown in outputs.items():
        response = client.get(url)
        assert response.status_code == 200, url
        body = body_of(response)
        assert shown.lower() in body.lower(), (url, shown)
        for private in private_strings():
            assert private.lower() not in body.lower(), (url, private)


def test_search_finds_nothing_by_personal_data(client, world):
    """Personal data is not in the index, so it cannot be found either."""
    for words in [
        "Zxqaanvrager",
        "zxq-aanvrager@example.nl",
        "Zxqvrijwilliger",
        "mezelf bakker",
        "Zxqhulpnaam",
        "moeder",
        "aanbod",
        REGISTRATION_PHONE,
    ]:
        data = client.get("/api/search/", {"q": words}).json()
        assert data["total"] == 0, (words, [r["title"] for r in data["results"]])
        assert client.get("/api/v2/pages/", {"search": words}).json()["meta"]["total_count"] == 0


def test_a_help_request_is_public_only_while_published(client, world):
    """Matched, closed, archived, rejected and pending requests leave every
    public page, and their addresses answer 404 like ids that never existed."""
    from helprequests.models import HelpRequest

    listing = client.get("/hulpvragen/").content.decode()
    for other in HelpRequest.objects.exclude(status="published"):
        assert other.title not in listing
        assert client.get(f"/hulpvragen/{other.pk}/").status_code == 404


def test_structured_data_names_only_the_initiative(client, world):
    """The JSON-LD of the registered initiative carries its public contact
    details, never the applicant's."""
    import json
    import re

    html = client.get(world["registered"].url).content.decode()
    (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(script)
    assert data["telephone"] == "078 1234567"
    assert MARKER not in script.lower()


def test_the_applicants_name_is_not_published_without_saying_so(client, index):
    PostcodeCentroid.objects.create(
        postcode="3317 AB", point=Point(4.656, 51.807, srid=4326), town="Dordrecht"
    )
    form_page = client.get("/initiatief-aanmelden/").content.decode()
    client.post(
        "/initiatief-aanmelden/",
        {
            "title": "Buurtkamer Publiek",
            "intro": "Een huiskamer voor de buurt.",
            "postcode": "3317 AB",
            "public_email": "info@buurtkamer-publiek.nl",
            "contact_name": "Zxqaanvrager Achternaam",
            "email": "zxq-aanvrager@example.nl",
            "agree": "on",
        },
    )
    registration = confirm_registration(InitiativeRegistration.objects.get())
    approve_registration(registration, by=UserFactory(is_staff=True, is_superuser=True))
    page = InitiativePage.objects.get(pk=registration.page_id)
    published = "Zxqaanvrager" in client.get(page.url).content.decode()
    help_at_name = form_page.split('for="id_contact_name"', 1)[1].split('class="field', 1)[0]
    told = "pagina" in help_at_name or "site" in help_at_name
    assert not published or told
