"""Import municipality and wijk boundaries (CBS 'wijken', e.g. from PDOK) and
reassign every listing to the wijk its point lies in.

Reads anything GDAL reads (GeoJSON, GeoPackage, Shapefile) in any projection
(CBS publishes RD New, EPSG:28992). Expected attributes, CBS names first:
wijkcode / wijknaam / gemeentecode / gemeentenaam.
"""

from pathlib import Path

from django.contrib.gis.gdal import CoordTransform, DataSource, GDALException, SpatialReference
from django.contrib.gis.geos import GEOSGeometry, MultiPolygon
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from core.versioning import bump_content_version
from initiatives.areas import assign_areas, listing_models
from initiatives.models import Municipality, Neighbourhood

FIELDS = {
    "wijk_code": ("wijkcode", "WK_CODE", "statcode"),
    "wijk_name": ("wijknaam", "WK_NAAM", "statnaam"),
    "gm_code": ("gemeentecode", "GM_CODE"),
    "gm_name": ("gemeentenaam", "GM_NAAM"),
}


def _attr(feature, key):
    for name in FIELDS[key]:
        if name in feature.fields:
            return str(feature.get(name)).strip()
    raise CommandError(f"Kolom {FIELDS[key][0]} ontbreekt (gevonden: {', '.join(feature.fields)})")


class Command(BaseCommand):
    help = "Import wijk boundaries (CBS) and reassign listings to wijken and municipalities."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    @transaction.atomic
    def handle(self, *args, file: Path, **options):
        try:
            layer = DataSource(str(file))[0]
        except (GDALException, IndexError) as exc:
            raise CommandError(f"Kan {file} niet lezen: {exc}") from exc
        to_wgs84 = CoordTransform(layer.srs or SpatialReference(4326), SpatialReference(4326))
        shapes: dict[str, list] = {}
        count = 0
        for feature in layer:
            gm_code, gm_name = _attr(feature, "gm_code"), _attr(feature, "gm_name")
            geom = feature.geom
            geom.transform(to_wgs84)
            geos = GEOSGeometry(geom.wkb, srid=4326)
            if geos.geom_type not in ("Polygon", "MultiPolygon"):
                raise CommandError(
                    f"{_attr(feature, 'wijk_code')}: een {geos.geom_type} is geen wijkgrens"
                )
            boundary = geos if isinstance(geos, MultiPolygon) else MultiPolygon(geos, srid=4326)
            municipality, _ = Municipality.objects.update_or_create(
                code=gm_code, defaults={"name": gm_name, "slug": slugify(gm_name)}
            )
            name = _attr(feature, "wijk_name")
            Neighbourhood.objects.update_or_create(
                code=_attr(feature, "wijk_code"),
                defaults={
                    "municipality": municipality,
                    "name": name,
                    "slug": slugify(name)[:50],
                    "boundary": boundary,
                },
            )
            shapes.setdefault(gm_code, []).append(boundary)
            count += 1
        for gm_code, parts in shapes.items():
            union = parts[0]
            for part in parts[1:]:
                union = union.union(part)
            if not isinstance(union, MultiPolygon):
                union = MultiPolygon(union, srid=4326)
            Municipality.objects.filter(code=gm_code).update(boundary=union)
        changed = sum(assign_areas(model) for model in listing_models())
        bump_content_version()  # wijken in the search form, listings moved between them
        self.stdout.write(
            f"{count} wijken in {len(shapes)} gemeenten ingelezen; {changed} vermeldingen "
            "opnieuw ingedeeld."
        )
