"""Each page that shows "Liever iemand spreken?" shows the contact point of
its own place, and none when the place has none: the home page and search
for a place, an empty search, the help form and a help request's page, the
404, and the list of all contact points."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from initiatives.models import PostcodeCentroid
from initiatives.permissions import MODERATORS
from search.backends.postgres import PostgresBackend
from search.documents import all_documents
from search.next_steps import contact_point_for
from search.query import SearchQuery
from tests.contactpoints.conftest import IN_DORDRECHT, IN_HILVERSUM, IN_WIELWIJK
from tests.factories import (
    ActivityPageFactory,
    ContactPointFactory,
    HelpRequestFactory,
    InitiativePageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

BLOCK = 'class="panel contact-point"'


@pytest.fixture
def points(places, home):
    for postcode, point in [("3317", IN_WIELWIJK), ("3313", IN_DORDRECHT), ("1211", IN_HILVERSUM)]:
        PostcodeCentroid.objects.create(postcode=postcode, point=point, town="x")
    return {
        "wielwijk": ContactPointFactory(
            name="Sociaal wijkteam Wielwijk",
            phone="078-770 4010",
            neighbourhoods=[places.wielwijk],
        ),
        "loket": ContactPointFactory(
            name="Wmo-loket Dordrecht",
            kind="wmo_loket",
            phone="078-770 0001",
            municipalities=[places.dordrecht],
        ),
    }


def shown(response) -> str | None:
    """The name in the page's contact point block (None: no block)."""
    html = response.content.decode()
    if BLOCK not in html:
        return None
    assert html.count(BLOCK) == 1, "one block per page"
    block = html[html.index(BLOCK) :]
    block = block[: block.index("</section>")]
    for name in ("Sociaal wijkteam Wielwijk", "Wmo-loket Dordrecht", "Wmo-loket Hilversum"):
        if name in block:
            return name
    raise AssertionError(block)


# --- home page ---
def test_home_shows_the_wijks_point_for_a_postcode(client, points):
    response = client.get("/", {"postcode": "3317"})
    assert shown(response) == "Sociaal wijkteam Wielwijk"
    html = response.content.decode()
    assert 'href="tel:0787704010"' in html and "Liever iemand spreken?" in html


def test_home_shows_the_gemeentes_outside_every_wijk(client, points):
    assert shown(client.get("/", {"postcode": "3313"})) == "Wmo-loket Dordrecht"


def test_home_shows_none_where_there_is_none(client, points):
    assert shown(client.get("/", {"postcode": "1211"})) is None
    # Without a place the home page guesses no one.
    assert shown(client.get("/")) is None


# --- search ---
@pytest.fixture
def listing(index, points):
    initiative = InitiativePageFactory(
        parent=index, title="Buurthuis Wielwijk", location=IN_WIELWIJK
    )
    ActivityPageFactory(parent=initiative, title="Koffieochtend", location=IN_WIELWIJK)
    PostgresBackend().rebuild(all_documents())


def test_search_for_a_place_with_results(client, listing):
    response = client.get(reverse("search:page"), {"q": "koffieochtend", "waar": "3317"})
    assert "Koffieochtend" in response.content.decode()
    assert shown(response) == "Sociaal wijkteam Wielwijk"


def test_search_without_a_place_and_with_results_shows_none(client, listing):
    assert shown(client.get(reverse("search:page"), {"q": "koffieochtend"})) is None


def test_empty_search_for_a_place(client, listing, points):
    response = client.get(reverse("search:page"), {"q": "xqzvjk", "waar": "3313"})
    html = response.content.decode()
    assert "We hebben niets gevonden" in html
    assert shown(response) == "Wmo-loket Dordrecht"
    # The list of next steps points at the block.
    assert f'href="#contactpunt-{points["loket"].pk}"' in html


def test_empty_search_without_a_place_gets_the_one_gemeentes(client, listing):
    assert shown(client.get(reverse("search:page"), {"q": "xqzvjk"})) == "Wmo-loket Dordrecht"


def test_empty_search_where_there_is_none(client, listing):
    assert shown(client.get(reverse("search:page"), {"q": "xqzvjk", "waar": "1211"})) is None


def test_search_in_a_named_wijk_or_gemeente(places, points):
    assert contact_point_for(SearchQuery(neighbourhood_id=places.wielwijk.pk)) == points["wielwijk"]
    assert contact_point_for(SearchQuery(municipality_id=places.dordrecht.pk)) == points["loket"]
    assert contact_point_for(SearchQuery(municipality_id=places.hilversum.pk)) is None
    assert contact_point_for(SearchQuery()) is None


# --- help requests ---
def test_help_form_shows_the_requesters_wijk(client, places, points):
    user = UserFactory()
    HelpRequestFactory(requester=user, neighbourhood=places.wielwijk)
    client.force_login(user)
    response = client.get(reverse("helprequests:help_create"))
    assert shown(response) == "Sociaal wijkteam Wielwijk"
    assert "Liever eerst iemand spreken?" in response.content.decode()


def test_help_form_of_someone_unknown_shows_the_one_gemeentes(client, places, points):
    client.force_login(UserFactory())
    assert shown(client.get(reverse("helprequests:help_create"))) == "Wmo-loket Dordrecht"
    client.logout()
    # Before logging in too.
    assert shown(client.get(reverse("helprequests:help_create"))) == "Wmo-loket Dordrecht"


def test_help_form_with_several_gemeenten_guesses_none(client, places, points):
    ContactPointFactory(
        name="Wmo-loket Hilversum", kind="wmo_loket", municipalities=[places.hilversum]
    )
    client.force_login(UserFactory())
    assert shown(client.get(reverse("helprequests:help_create"))) is None


def test_help_request_page_shows_its_wijks_point(client, places, points):
    in_wielwijk = HelpRequestFactory(neighbourhood=places.wielwijk)
    in_crabbehof = HelpRequestFactory(neighbourhood=places.crabbehof)
    outside_wijken = HelpRequestFactory(municipality=places.dordrecht)
    in_hilversum = HelpRequestFactory(neighbourhood=places.kerkelanden)
    detail = "helprequests:help_detail"
    assert shown(client.get(reverse(detail, args=[in_wielwijk.pk]))) == "Sociaal wijkteam Wielwijk"
    assert shown(client.get(reverse(detail, args=[in_crabbehof.pk]))) == "Wmo-loket Dordrecht"
    assert shown(client.get(reverse(detail, args=[outside_wijken.pk]))) == "Wmo-loket Dordrecht"
    assert shown(client.get(reverse(detail, args=[in_hilversum.pk]))) is None


# --- 404 ---
def test_404_shows_the_one_gemeentes_point(client, points):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert shown(response) == "Wmo-loket Dordrecht"


def test_404_with_several_gemeenten_shows_none(client, places, points):
    ContactPointFactory(
        name="Wmo-loket Hilversum", kind="wmo_loket", municipalities=[places.hilversum]
    )
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert shown(response) is None


# --- /contactpunten/ ---
def test_list_per_gemeente_without_staff(client, places, points):
    staff = UserFactory(email="medewerker-zxq@example.nl")
    points["wielwijk"].staff.add(staff)
    ContactPointFactory(name="Oud wijkteam", active=False, neighbourhoods=[places.wielwijk])
    ContactPointFactory(
        name="Wmo-loket Hilversum", kind="wmo_loket", municipalities=[places.hilversum]
    )
    html = client.get(reverse("contactpoints:list")).content.decode()
    assert html.index(">Dordrecht</h2>") < html.index(">Hilversum</h2>")
    dordrecht = html[html.index(">Dordrecht</h2>") : html.index(">Hilversum</h2>")]
    assert dordrecht.index("Wmo-loket Dordrecht") < dordrecht.index("Sociaal wijkteam Wielwijk")
    assert "Voor heel Dordrecht" in dordrecht and "Voor de wijk Wielwijk" in dordrecht
    assert "Oud wijkteam" not in html
    assert "zxq" not in html
    # Linked from every page's footer.
    assert f'href="{reverse("contactpoints:list")}"' in client.get("/").content.decode()


def test_list_queries_do_not_grow(client, places, points, django_assert_max_num_queries):
    url = reverse("contactpoints:list")
    client.get(url)  # settings, site and the like, cached after the first request
    with django_assert_max_num_queries(10) as few:
        client.get(url)
    for _ in range(10):
        ContactPointFactory(
            neighbourhoods=[places.wielwijk, places.crabbehof],
            municipalities=[places.hilversum],
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(url).content.decode()
    assert html.count(BLOCK) == 2 + 10 * 2


def test_home_and_search_queries_do_not_grow(client, places, points, django_assert_max_num_queries):
    client.get("/", {"postcode": "3317"})
    with django_assert_max_num_queries(50) as before:
        client.get("/", {"postcode": "3317"})
    for _ in range(10):
        ContactPointFactory(neighbourhoods=[places.wielwijk], municipalities=[places.dordrecht])
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get("/", {"postcode": "3317"})


# --- the moderators' group ---
def test_moderators_may_keep_contact_points(db, home):
    codenames = set(
        Group.objects.get(name=MODERATORS)
        .permissions.filter(content_type__app_label="contactpoints")
        .values_list("codename", flat=True)
    )
    assert codenames == {
        "view_contactpoint",
        "add_contactpoint",
        "change_contactpoint",
        "delete_contactpoint",
    }
