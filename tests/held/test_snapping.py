"""What held: the ~500 m snapping of help requests.

A help request's exact point (from the requester's postcode) is private; the
public pages only ever use ``public_location``, the exact point snapped to a
grid (helprequests/services.py, GRID_LON x GRID_LAT). These tests pin that
down where an outsider could learn something: the stored point, what the
pages print, and what they let a visitor steer (distance labels, ordering,
and which requests a volunteer is shown at all).
"""

import pytest
from django.contrib.gis.geos import Point
from hypothesis import given, settings
from hypothesis import strategies as st

from helprequests.services import (
    GRID_LAT,
    GRID_LON,
    help_request_create,
    help_request_moderate,
    rounded_point,
)
from initiatives.models import PostcodeCentroid
from tests.factories import HelpRequestFactory, NeighbourhoodFactory, VolunteerProfileFactory
from tests.held.conftest import coordinate_spellings, metres_between

# The Netherlands, with a margin (initiatives.models.geography.NL_BOUNDS).
NL_LON = st.floats(min_value=3.2, max_value=7.3, allow_nan=False)
NL_LAT = st.floats(min_value=50.7, max_value=53.6, allow_nan=False)

# Geometry for the steering tests, chosen so that the exact and the public
# point fall on different sides of 1 km from the volunteer (or postcode) V:
# request A is close by its exact point and far by its public one, request B
# the other way round. The preconditions are asserted in `geometry`.
V = Point(4.70201, 51.80651, srid=4326)
EXACT_A = Point(4.6934, 51.8126, srid=4326)  # ~900 m from V
EXACT_B = Point(4.6866, 51.8026, srid=4326)  # ~1,150 m from V


def on_grid(value: float, step: float) -> bool:
    cells = value / step
    return abs(cells - round(cells)) < 1e-6


@settings(max_examples=300, deadline=None)
@given(lon=NL_LON, lat=NL_LAT)
def test_the_public_point_lies_on_the_grid_near_the_exact_one(lon, lat):
    exact = Point(lon, lat, srid=4326)
    public = rounded_point(exact)
    assert on_grid(public.x, GRID_LON) and on_grid(public.y, GRID_LAT)
    # Half a cell each way: ~250 m by ~280 m, so never more than ~375 m off,
    # and never so far that the wijk shown would be a lie.
    assert metres_between(public, exact) < 375
    # Snapping twice changes nothing: the public point carries no trace of
    # where in its cell the requester lives.
    assert rounded_point(public) == public


@given(
    lon=NL_LON,
    lat=NL_LAT,
    dx=st.floats(min_value=0, max_value=0.999),
    dy=st.floats(min_value=0, max_value=0.999),
)
@settings(max_examples=200, deadline=None)
def test_everyone_in_one_cell_gets_the_same_public_point(lon, lat, dx, dy):
    """Two addresses in one grid cell cannot be told apart in public."""
    corner = Point(
        (round(lon / GRID_LON) - 0.4995) * GRID_LON,
        (round(lat / GRID_LAT) - 0.4995) * GRID_LAT,
        srid=4326,
    )
    inside = Point(corner.x + dx * GRID_LON, corner.y + dy * GRID_LAT, srid=4326)
    assert rounded_point(inside) == rounded_point(corner)


@pytest.fixture
def wijk(db):
    return NeighbourhoodFactory(name="Crabbehof")


@pytest.fixture
def geometry():
    """The preconditions the steering tests rely on."""
    public_a, public_b = rounded_point(EXACT_A), rounded_point(EXACT_B)
    assert metres_between(V, EXACT_A) < 950 and metres_between(V, public_a) > 1150
    assert metres_between(V, EXACT_B) > 1100 and metres_between(V, public_b) < 900
    return public_a, public_b


def published(title: str, exact: Point, **fields):
    return HelpRequestFactory(
        title=title, location=exact, public_location=rounded_point(exact), **fields
    )


@pytest.mark.django_db
def test_the_service_stores_the_exact_point_and_publishes_the_snapped_one(help_moderator, wijk):
    PostcodeCentroid.objects.create(postcode="3311 AB", point=EXACT_A, town="Dordrecht")
    help_request = help_request_create(
        requester=VolunteerProfileFactory().user,
        kind="company",
        title="Iemand om mee te wandelen",
        description="Een rondje door de wijk.",
        postcode="3311ab",
    )
    help_request = help_request_moderate(request=help_request, by=help_moderator, approve=True)
    help_request.refresh_from_db()
    assert help_request.location.coords == EXACT_A.coords
    assert help_request.public_location.coords != EXACT_A.coords
    assert on_grid(help_request.public_location.x, GRID_LON)
    assert on_grid(help_request.public_location.y, GRID_LAT)


@pytest.mark.django_db
def test_no_public_page_prints_either_point(client, geometry, wijk):
    PostcodeCentroid.objects.create(postcode="3317 AB", point=V, town="Dordrecht")
    help_request = published("Hulp bij de boodschappen", EXACT_A, neighbourhood=wijk)
    reader = VolunteerProfileFactory(location=V, travel_km=5).user
    pages = {}
    for who in ("anonymous", "volunteer"):
        if who == "volunteer":
            client.force_login(reader)
            pages["/voor-jou/"] = client.get("/voor-jou/")
        pages[f"list {who}"] = client.get("/hulpvragen/")
        pages[f"list near {who}"] = client.get("/hulpvragen/", {"postcode": "3317 AB"})
        pages[f"detail {who}"] = client.get(f"/hulpvragen/{help_request.pk}/")
    for name, response in pages.items():
        html = response.content.decode()
        assert response.status_code == 200, name
        assert "Hulp bij de boodschappen" in html, name  # the request is on the page
        for text in coordinate_spellings(help_request.location) + coordinate_spellings(
            help_request.public_location
        ):
            assert text not in html, (name, text)


@pytest.mark.django_db
def test_distances_and_order_near_a_postcode_come_from_the_public_point(client, geometry):
    """Measured from the exact points, A would be nearer ("minder dan 1 km")
    and come first; from the public points B is nearer and A is ~1.3 km."""
    PostcodeCentroid.objects.create(postcode="3317 AB", point=V, town="Dordrecht")
    a = published("Vraag A", EXACT_A)
    b = published("Vraag B", EXACT_B)
    response = client.get("/hulpvragen/", {"postcode": "3317 AB"})
    html = response.content.decode()
    assert html.index(b.title) < html.index(a.title)
    items = {title: html[html.index(title) :].split("</li>", 1)[0] for title in (a.title, b.title)}
    assert "minder dan 1 km" in items[b.title]
    assert "ca. 1 km" in items[a.title]
    assert "minder dan 1 km" not in items[a.title]


@pytest.mark.django_db
def test_for_you_includes_help_requests_by_their_public_point_only(client, geometry):
    """A volunteer who can steer their own postcode and travel distance must
    not be able to probe the exact point: a request is "near" only when its
    public point is within reach."""
    a = published("Vraag A", EXACT_A)
    b = published("Vraag B", EXACT_B)
    volunteer = VolunteerProfileFactory(location=V, travel_km=1).user
    client.force_login(volunteer)
    html = client.get("/voor-jou/").content.decode()
    assert f'href="/hulpvragen/{b.pk}/"' in html  # exact 1.15 km, public 0.85 km
    assert f'href="/hulpvragen/{a.pk}/"' not in html  # exact 0.9 km, public 1.25 km
