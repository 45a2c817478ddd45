"""Shared helpers for the tests of what held (issue 12): what an independent
security probe found sound, kept that way. Each module here takes one item
of the issue's list; docs/security.md says what must hold."""

import math

import pytest
from django.contrib.auth.models import Permission
from django.contrib.gis.geos import Point

from tests.factories import UserFactory


def metres_between(a: Point, b: Point) -> float:
    """Great-circle distance (haversine); within a few metres of PostGIS's
    spheroid at these distances, so assertions keep a wider margin."""
    lat1, lat2 = math.radians(a.y), math.radians(b.y)
    dlat, dlon = lat2 - lat1, math.radians(b.x - a.x)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(h))


def coordinate_spellings(point: Point) -> list[str]:
    """The ways a coordinate could appear in a page or a JSON body: four to
    six decimals, with a dot or a Dutch comma."""
    spellings = []
    for value in (point.x, point.y):
        for decimals in (4, 5, 6):
            text = f"{value:.{decimals}f}"
            spellings += [text, text.replace(".", ",")]
    return spellings


@pytest.fixture
def help_moderator(db):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="moderate_helprequest"))
    return user
