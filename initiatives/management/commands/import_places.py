"""Import woonplaatsen (towns and villages) for the offline place resolver.

Two formats, chosen by the file's extension (docs/places.md):

- CSV (``;`` or ``,``): ``woonplaats;gemeentecode;lat;lon`` and optionally
  ``radius_km`` and ``aliases`` (``|``-separated). E.g. CBS "Woonplaatsen in
  Nederland" joined with a centre per woonplaats.
- GeoJSON: a FeatureCollection of BAG woonplaats polygons (WGS84) with the
  properties ``woonplaats`` (or ``woonplaatsnaam``) and ``gemeentecode``
  (``GM0505`` or ``0505``); the centre is a point on the polygon, the radius
  reaches its farthest corner.

Rows whose gemeente is not in the database are skipped (import gemeenten
first with ``import_areas``). Re-running updates; the place names are rebuilt.
"""

import csv
import json
from pathlib import Path

from django.contrib.gis.geos import GEOSGeometry, MultiPolygon, Point
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.versioning import bump_content_version
from initiatives.models import Municipality, Woonplaats
from initiatives.models.geography import in_netherlands
from initiatives.places import rebuild_place_names

MIN_RADIUS_KM = 1.5


def _gemeente_code(value: str) -> str:
    value = (value or "").strip().upper()
    return value if value.startswith("GM") else f"GM{value.zfill(4)}"


def _number(value: str) -> float:
    return float(str(value).strip().replace(",", "."))


class Command(BaseCommand):
    help = "Woonplaatsen uit een CSV- of GeoJSON-bestand inlezen (docs/places.md)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.exists():
            raise CommandError(f"Bestand niet gevonden: {path}")
        municipalities = {m.code: m for m in Municipality.objects.all()}
        rows = (
            self._geojson(path) if path.suffix.lower() in (".json", ".geojson") else self._csv(path)
        )
        created = skipped = 0
        with transaction.atomic():
            for row in rows:
                municipality = municipalities.get(row["code"])
                if municipality is None or not in_netherlands(row["point"]):
                    skipped += 1
                    continue
                _, new = Woonplaats.objects.update_or_create(
                    municipality=municipality,
                    name=row["name"],
                    defaults={k: row[k] for k in ("point", "area", "radius_km", "aliases")},
                )
                created += new
            names = rebuild_place_names()
        bump_content_version()  # searches by place name may now find other places
        self.stdout.write(f"{created} nieuw, {skipped} overgeslagen, {names} plaatsnamen.")

    def _csv(self, path: Path):
        text = path.read_text(encoding="utf-8-sig")
        dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=";,")
        reader = csv.DictReader(text.splitlines(), dialect=dialect)
        needed = {"woonplaats", "gemeentecode", "lat", "lon"}
        if not needed <= set(reader.fieldnames or ()):
            raise CommandError(f"Verwachte kolommen: {', '.join(sorted(needed))}.")
        for line in reader:
            try:
                point = Point(_number(line["lon"]), _number(line["lat"]), srid=4326)
                radius = _number(line.get("radius_km") or MIN_RADIUS_KM)
            except ValueError:
                continue
            yield {
                "name": line["woonplaats"].strip(),
                "code": _gemeente_code(line["gemeentecode"]),
                "point": point,
                "area": None,
                "radius_km": max(radius, MIN_RADIUS_KM),
                "aliases": [a.strip() for a in (line.get("aliases") or "").split("|") if a.strip()],
            }

    def _geojson(self, path: Path):
        data = json.loads(path.read_text(encoding="utf-8"))
        for feature in data.get("features", []):
            props = feature.get("properties") or {}
            name = (props.get("woonplaats") or props.get("woonplaatsnaam") or "").strip()
            if not name or not feature.get("geometry"):
                continue
            geom = GEOSGeometry(json.dumps(feature["geometry"]), srid=4326)
            if geom.geom_type == "Polygon":
                geom = MultiPolygon(geom, srid=4326)
            if geom.geom_type != "MultiPolygon":
                continue
            point = geom.point_on_surface
            # Degrees to km, roughly (NL latitudes): the farthest corner of the box.
            xmin, ymin, xmax, ymax = geom.extent
            reach = (
                max(
                    ((x - point.x) * 68) ** 2 + ((y - point.y) * 111) ** 2
                    for x in (xmin, xmax)
                    for y in (ymin, ymax)
                )
                ** 0.5
            )
            yield {
                "name": name,
                "code": _gemeente_code(props.get("gemeentecode", "")),
                "point": point,
                "area": geom,
                "radius_km": max(round(reach, 1), MIN_RADIUS_KM),
                "aliases": [],
            }
