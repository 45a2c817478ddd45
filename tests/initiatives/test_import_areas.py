import json

import pytest
from django.contrib.gis.geos import Point
from django.core.management import call_command
from django.core.management.base import CommandError

from initiatives.models import InitiativePage, Municipality, Neighbourhood
from tests.factories import InitiativePageFactory

pytestmark = pytest.mark.django_db


def _feature(code, name, gm_code, gm_name, x0, y0, x1, y1):
    ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
    return {
        "type": "Feature",
        "properties": {
            "wijkcode": code,
            "wijknaam": name,
            "gemeentecode": gm_code,
            "gemeentenaam": gm_name,
        },
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def test_import_rd_new_boundaries_and_reassign(tmp_path, index):
    # Two Dordrecht wijken in RD New (EPSG:28992) metres, as CBS publishes them.
    collection = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
        "features": [
            _feature("WK050501", "Wielwijk", "GM0505", "Dordrecht", 103000, 423000, 105000, 425000),
            _feature(
                "WK050502", "Crabbehof", "GM0505", "Dordrecht", 105000, 423000, 107000, 425000
            ),
        ],
    }
    path = tmp_path / "wijken.geojson"
    path.write_text(json.dumps(collection))
    # RD (104000, 424000) is about 4.642 E, 51.804 N.
    page = InitiativePageFactory(parent=index, location=Point(4.642, 51.804, srid=4326))
    assert page.neighbourhood is None

    call_command("import_areas", str(path))

    wielwijk = Neighbourhood.objects.get(code="WK050501")
    assert wielwijk.municipality.name == "Dordrecht"
    assert wielwijk.boundary.srid == 4326
    assert 4.6 < wielwijk.boundary.centroid.x < 4.7
    page = InitiativePage.objects.get(pk=page.pk)
    assert page.neighbourhood == wielwijk
    assert Municipality.objects.get(code="GM0505").boundary.covers(Point(4.642, 51.804, srid=4326))
    call_command("import_areas", str(path))  # again: updates, no duplicates
    assert Neighbourhood.objects.count() == 2


def test_missing_columns(tmp_path):
    path = tmp_path / "bad.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"naam": "x"},
                        "geometry": {"type": "Point", "coordinates": [4.6, 51.8]},
                    }
                ],
            }
        )
    )
    with pytest.raises(CommandError, match="ontbreekt"):
        call_command("import_areas", str(path))


def test_points_are_not_boundaries(tmp_path):
    path = tmp_path / "points.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {
                            "wijkcode": "WK1",
                            "wijknaam": "A",
                            "gemeentecode": "GM1",
                            "gemeentenaam": "B",
                        },
                        "geometry": {"type": "Point", "coordinates": [4.6, 51.8]},
                    }
                ],
            }
        )
    )
    with pytest.raises(CommandError, match="geen wijkgrens"):
        call_command("import_areas", str(path))
