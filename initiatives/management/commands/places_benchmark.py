"""Benchmark the offline place resolver: p50/p95 of ``resolve_place`` and
``suggest_places`` for a fixed mix of what residents type, at the places in
the database and again with N synthetic woonplaatsen added (rolled back).

    manage.py places_benchmark                    # the demo places, then +2,500
    manage.py places_benchmark --synthetic 0      # only what is there
"""

import random
from functools import partial

from django.conf import settings
from django.contrib.gis.geos import Point
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.timing import percentiles, timed
from initiatives.models import Municipality, PlaceName, Woonplaats
from initiatives.places import rebuild_place_names, resolve_place, suggest_places

TYPED = [
    "Dordrecht", "Sassenheim", "Lisse", "Hillegom", "Uithoorn", "De Kwakel", "Hilversum",
    "Wielwijk", "Wielwijk Dordrecht", "Dordrecht Wielwijk", "de kwakel, uithoorn",
    "Sasenheim", "Hilversm", "Dordrect", "Nergenshuizen", "'s-Graveland", "Naarden",
]  # fmt: skip
PREFIXES = ["d", "do", "dor", "sas", "wiel", "hil", "de k", "nood", "uith", "lis", "zzz"]

SYLLABLES = [
    "berg", "dam", "dorp", "veen", "wijk", "hout", "broek", "meer", "horst", "zand",
    "ter", "oude", "nieuw", "hoog", "laag", "kerk", "molen", "brug", "heide", "lo",
]  # fmt: skip


def _percentiles(values: list[float]) -> str:
    p = percentiles(values)
    return f"p50 {p['p50']:.2f} ms, p95 {p['p95']:.2f} ms, max {p['max']:.2f} ms"


class Command(BaseCommand):
    help = "Measure place resolution and place suggestions (docs/benchmarks.md)."

    def add_arguments(self, parser):
        parser.add_argument("--synthetic", type=int, default=2500)
        parser.add_argument("--rounds", type=int, default=20)
        parser.add_argument("--force", action="store_true")

    def handle(self, *args, synthetic, rounds, force, **options):
        if not settings.DEBUG and not force and "production" in settings.SETTINGS_MODULE:
            raise CommandError("Niet op productie-instellingen (gebruik --force als het moet).")
        self._run(rounds)
        if synthetic:
            with transaction.atomic():
                self._add_synthetic(synthetic)
                self._run(rounds)
                transaction.set_rollback(True)

    def _run(self, rounds: int):
        names = PlaceName.objects.count()
        towns = Woonplaats.objects.count()
        resolve, suggest = [], []
        for _ in range(rounds):
            for text in TYPED:
                resolve.append(timed(partial(resolve_place, text)))
            for text in PREFIXES:
                suggest.append(timed(partial(suggest_places, text)))
        self.stdout.write(f"{towns} woonplaatsen, {names} plaatsnamen:")
        self.stdout.write(f"  resolve_place ({len(resolve)}x): {_percentiles(resolve)}")
        self.stdout.write(f"  suggest_places ({len(suggest)}x): {_percentiles(suggest)}")

    def _add_synthetic(self, count: int):
        rng = random.Random(20261202)
        municipalities = list(Municipality.objects.all())
        if not municipalities:
            raise CommandError("Geen gemeenten: laad eerst de demo (load_demo_data).")
        seen = set(Woonplaats.objects.values_list("name", flat=True))
        towns = []
        while len(towns) < count:
            name = "".join(rng.sample(SYLLABLES, rng.choice((2, 3)))).capitalize()
            if name in seen:
                continue
            seen.add(name)
            point = Point(rng.uniform(3.4, 7.1), rng.uniform(50.8, 53.4), srid=4326)
            towns.append(
                Woonplaats(name=name, municipality=rng.choice(municipalities), point=point)
            )
        Woonplaats.objects.bulk_create(towns, batch_size=1000)
        rebuild_place_names()
