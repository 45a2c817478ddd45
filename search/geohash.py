"""Geohash cells: the index stores each listing's cell at three sizes as GIN
keys (``g4:…``, ``g5:…``, ``g6:…``, by PostGIS's ``ST_GeoHash``), and a search
within a radius asks for the cells that cover it, so words, filters and place
are intersected in one GIN scan before any table row is read."""

from __future__ import annotations

import math

BASE32 = "0123456789bcdefghjkmnpqrstuvwxyz"
METRES_PER_DEGREE = 111_320.0
PRECISIONS = (4, 5, 6)  # cells of about 39 x 20 km, 4.9 x 4.9 km, 1.2 x 0.6 km
MAX_CELLS = 60


def encode(lat: float, lon: float, precision: int) -> str:
    """The standard geohash of a point, as ``ST_GeoHash(point, precision)``."""
    lat_range, lon_range = [-90.0, 90.0], [-180.0, 180.0]
    chars, bits, value, even = [], 0, 0, True
    while len(chars) < precision:
        span, x = (lon_range, lon) if even else (lat_range, lat)
        middle = (span[0] + span[1]) / 2
        value <<= 1
        if x >= middle:
            value |= 1
            span[0] = middle
        else:
            span[1] = middle
        even = not even
        bits += 1
        if bits == 5:
            chars.append(BASE32[value])
            bits, value = 0, 0
    return "".join(chars)


def cell_size(precision: int) -> tuple[float, float]:
    """(height, width) of a cell in degrees."""
    bits = 5 * precision
    lon_bits, lat_bits = (bits + 1) // 2, bits // 2
    return 180.0 / 2**lat_bits, 360.0 / 2**lon_bits


def cover(lat: float, lon: float, radius_m: float) -> list[str]:
    """GIN keys of the cells that together cover a circle: at the finest of
    PRECISIONS that needs at most MAX_CELLS cells (``["g5:u15p", …]``)."""
    margin = radius_m * 1.01 + 1  # the index measures on the spheroid
    dlat = margin / METRES_PER_DEGREE
    south, north = max(lat - dlat, -90.0), min(lat + dlat, 90.0)
    widest = math.cos(math.radians(min(max(abs(south), abs(north)), 89.9)))
    dlon = min(margin / (METRES_PER_DEGREE * widest), 180.0)
    west, east = lon - dlon, lon + dlon
    for precision in sorted(PRECISIONS, reverse=True):
        height, width = cell_size(precision)
        rows = math.floor(north / height) - math.floor(south / height) + 1
        columns = math.floor(east / width) - math.floor(west / width) + 1
        if rows * columns <= MAX_CELLS or precision == min(PRECISIONS):
            break
    cells = set()
    # One sample per cell step, plus the far edges: every cell the box
    # touches holds at least one sample.
    for y in _steps(south, north, height):
        for x in _steps(west, east, width):
            cells.add(encode(y, ((x + 180.0) % 360.0) - 180.0, precision))
    return sorted(f"g{precision}:{cell}" for cell in cells)


def _steps(start: float, stop: float, step: float):
    value = start
    while value < stop:
        yield value
        value += step
    yield stop


EARTH_RADIUS_KM = 6371.0088  # mean radius, as Elasticsearch's arc distance


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine), as Elasticsearch's ``arc``: its
    distances in hits, and the radius that covers a place's box."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))
