import math

import pytest
from django.db import connection

from search import geohash

PLACES = [(51.8133, 4.6901), (52.2606, 4.5566), (-33.86, 151.21), (0.0, 0.0), (64.1, -21.9)]


@pytest.mark.django_db
@pytest.mark.parametrize(("lat", "lon"), PLACES)
def test_encode_agrees_with_postgis(lat, lon):
    with connection.cursor() as cursor:
        cursor.execute("SELECT ST_GeoHash(ST_SetSRID(ST_MakePoint(%s, %s), 4326), 7)", [lon, lat])
        expected = cursor.fetchone()[0]
    assert geohash.encode(lat, lon, 7) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("radius_km", [0.5, 2, 5, 10, 15, 50, 100])
@pytest.mark.parametrize(("lat", "lon"), PLACES[:3])
def test_cover_holds_every_point_in_the_radius(lat, lon, radius_km):
    cells = geohash.cover(lat, lon, radius_km * 1000)
    precision = int(cells[0][1])
    assert len(cells) <= geohash.MAX_CELLS or precision == min(geohash.PRECISIONS)
    # Points on the circle (measured on the spheroid, as the index does) and
    # the centre: each one's own cell is in the cover.
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT ST_GeoHash(ST_Project(ST_MakePoint(%s, %s)::geography, %s,
                                         radians(a))::geometry, %s)
            FROM generate_series(0, 359, 5) AS a
            """,
            [lon, lat, radius_km * 1000, precision],
        )
        edge = {f"g{precision}:{row[0]}" for row in cursor.fetchall()}
    assert edge <= set(cells)
    assert f"g{precision}:{geohash.encode(lat, lon, precision)}" in cells


def test_cover_picks_finer_cells_for_smaller_circles():
    sizes = [int(geohash.cover(51.8, 4.7, km * 1000)[0][1]) for km in (1, 10, 100)]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > sizes[-1]


def test_cell_size_halves_per_bit():
    height, width = geohash.cell_size(5)
    assert math.isclose(height, 180 / 2**12) and math.isclose(width, 360 / 2**13)
