"""Fill the offline postcode table from a CSV file.

Columns (header row, comma or semicolon separated): postcode, lat, lon and
optionally town (or woonplaats). PC6 ('3317 AB') and PC4 ('3317') both work.
CBS and PDOK publish such centroids openly.
"""

import csv
from pathlib import Path

from django.contrib.gis.geos import Point
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.versioning import bump_content_version
from initiatives.models import PostcodeCentroid
from initiatives.models.geography import normalise_postcode

BATCH = 5000
ALIASES = {
    "postcode": "postcode",
    "pc6": "postcode",
    "pc4": "postcode",
    "lat": "lat",
    "latitude": "lat",
    "breedtegraad": "lat",
    "lon": "lon",
    "lng": "lon",
    "longitude": "lon",
    "lengtegraad": "lon",
    "town": "town",
    "woonplaats": "town",
    "plaats": "town",
}


class Command(BaseCommand):
    help = "Import postcode centroids (postcode, lat, lon[, town]) from a CSV file."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--strict",
            action="store_true",
            help="Stop at the first bad row instead of skipping it.",
        )

    def handle(self, *args, file: Path, strict: bool, **options):
        if not file.exists():
            raise CommandError(f"Bestand niet gevonden: {file}")
        with file.open(newline="", encoding="utf-8-sig") as handle:
            sample = handle.read(4096)
            handle.seek(0)
            try:
                dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
            except csv.Error:
                dialect = csv.excel
            reader = csv.DictReader(handle, dialect=dialect)
            columns = {ALIASES.get((c or "").strip().lower()): c for c in reader.fieldnames or []}
            if not {"postcode", "lat", "lon"} <= columns.keys():
                raise CommandError(
                    "Het bestand heeft kolommen postcode, lat en lon nodig; "
                    f"gevonden: {', '.join(reader.fieldnames or [])}"
                )
            imported, skipped, batch = 0, [], []
            for line, row in enumerate(reader, start=2):
                try:
                    batch.append(self._parse(row, columns))
                except ValueError as exc:
                    if strict:
                        raise CommandError(f"Regel {line}: {exc}") from exc
                    skipped.append(f"regel {line}: {exc}")
                if len(batch) >= BATCH:
                    imported += self._save(batch)
                    batch = []
            imported += self._save(batch)
        bump_content_version()  # searches near a postcode may now find it
        self.stdout.write(f"{imported} postcodes ingelezen, {len(skipped)} overgeslagen.")
        for problem in skipped[:10]:
            self.stdout.write(f"  {problem}")

    @staticmethod
    def _parse(row, columns) -> PostcodeCentroid:
        code = normalise_postcode(row[columns["postcode"]] or "")
        if code is None:
            raise ValueError(f"ongeldige postcode {row[columns['postcode']]!r}")
        try:
            lat = float(row[columns["lat"]].replace(",", "."))
            lon = float(row[columns["lon"]].replace(",", "."))
        except (AttributeError, ValueError):
            raise ValueError("lat/lon is geen getal") from None
        if not (50.7 <= lat <= 53.7 and 3.2 <= lon <= 7.3):
            raise ValueError(f"{lat}, {lon} ligt niet in Nederland")
        town = (row.get(columns.get("town")) or "").strip() if "town" in columns else ""
        return PostcodeCentroid(postcode=code, point=Point(lon, lat, srid=4326), town=town)

    @staticmethod
    @transaction.atomic
    def _save(batch) -> int:
        if not batch:
            return 0
        # The last row for a postcode wins, also within one batch.
        unique = {p.postcode: p for p in batch}
        PostcodeCentroid.objects.bulk_create(
            unique.values(),
            update_conflicts=True,
            unique_fields=["postcode"],
            update_fields=["point", "town"],
        )
        return len(unique)
