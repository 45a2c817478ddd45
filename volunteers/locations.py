"""The coarse point: where a volunteer lives, as far as initiatives can tell.

Initiatives see which volunteers suit a vacancy, and they can move their own
vacancy as often as they like. Every edge in what they see (a volunteer coming
into the list, a distance band changing) lies at a fixed distance from the
point the list is computed from, so a few dozen moves find that point to the
metre. That point must therefore not be the home: it is the home (the
postcode's centre) moved 400-800 m in a random direction, and everything an
initiative sees is computed from it alone.

The move is fixed per person and postcode: HMAC(the profile's own random seed,
the postcode). Saving again, or moving away and back, gives the same point, so
an initiative never gets a second sample to average or intersect; two people
with one postcode get different points. The point is not snapped to a grid
afterwards: snapping can pull it back towards the home (with a 500 m grid to
within ~30 m of it), while the move alone keeps it at least 400 m away.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets

from django.contrib.gis.geos import Point

# How far the coarse point lies from the home. The lower bound is the
# promise (no initiative can get closer than this); the upper bound keeps
# matching useful for someone who wants to travel only a few kilometres.
COARSE_MIN_M = 400
COARSE_MAX_M = 800


def new_location_seed() -> str:
    """A profile's own secret for its coarse point (128 random bits, hex)."""
    return secrets.token_hex(16)


def _metres_per_degree(latitude: float) -> tuple[float, float]:
    """(latitude, longitude) metres per degree on the WGS 84 ellipsoid."""
    phi = math.radians(latitude)
    lat = 111_132.92 - 559.82 * math.cos(2 * phi) + 1.175 * math.cos(4 * phi)
    lon = 111_412.84 * math.cos(phi) - 93.5 * math.cos(3 * phi)
    return lat, lon


def coarse_offset(*, seed: str, postcode: str) -> tuple[float, float]:
    """(metres, bearing in radians) of the move for this seed and postcode.

    The distance is uniform over the ring's area between COARSE_MIN_M and
    COARSE_MAX_M, so seen from the coarse point every place in the ring is
    equally likely to be the home; the bearing is uniform."""
    key = postcode.replace(" ", "").upper().encode()
    digest = hmac.new(bytes.fromhex(seed), key, hashlib.sha256).digest()
    u = int.from_bytes(digest[:8], "big") / 2**64
    v = int.from_bytes(digest[8:16], "big") / 2**64
    metres = math.sqrt(COARSE_MIN_M**2 + u * (COARSE_MAX_M**2 - COARSE_MIN_M**2))
    return metres, 2 * math.pi * v


def coarse_point(point: Point, *, seed: str, postcode: str) -> Point:
    """``point`` moved by this profile's fixed offset for ``postcode``."""
    metres, bearing = coarse_offset(seed=seed, postcode=postcode)
    per_lat, per_lon = _metres_per_degree(point.y)
    lon = point.x + metres * math.sin(bearing) / per_lon
    lat = point.y + metres * math.cos(bearing) / per_lat
    return Point(round(lon, 7), round(lat, 7), srid=4326)
