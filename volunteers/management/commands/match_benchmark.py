"""Time ``matches_for(profile)`` and loading its first page (what "Voor jou"
does) for volunteers at different places.

Uses the listings in the database (fill them first with
``load_demo_data --synthetic N``) and temporary profiles that are rolled back.

    manage.py match_benchmark --runs 20
"""

import platform
import statistics
import time

from django.contrib.auth import get_user_model
from django.contrib.gis.geos import Point
from django.core.management.base import BaseCommand
from django.db import transaction

from initiatives.demo.places import MUNICIPALITIES
from initiatives.models import Skill, Theme, VacancyPage
from volunteers.matching import matches_for
from volunteers.models import VolunteerProfile
from volunteers.services import profile_set_location

PAGE = 20


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Measure matching latency (p50/p95 in ms); writes nothing that stays."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=20, help="Timed runs per profile.")
        parser.add_argument("--places", type=int, default=6, help="How many wijken to try.")

    def handle(self, *args, runs, places, **options):
        out = self.stdout.write
        out(
            f"Machine: {platform.node()}, {platform.processor() or platform.machine()}, "
            f"Python {platform.python_version()}"
        )
        out(f"Open vacatures: {VacancyPage.objects.live().open().count()}")
        wijken = [w for m in MUNICIPALITIES for w in m.wijken]
        step = max(1, len(wijken) // places)
        try:
            with transaction.atomic():
                self._run(out, wijken[::step][:places], runs)
                raise Rollback
        except Rollback:
            pass

    def _run(self, out, wijken, runs):
        themes = list(Theme.objects.order_by("pk")[:2])
        skills = list(Skill.objects.order_by("pk")[:2])
        everything = []
        for i, wijk in enumerate(wijken):
            for travel_km in (5, 25):
                user = get_user_model().objects.create(username=f"bench-{i}-{travel_km}")
                profile = VolunteerProfile(
                    user=user,
                    display_name="Bench",
                    travel_km=travel_km,
                    availability=["tue-afternoon", "sat-morning", "wed-evening"],
                )
                profile_set_location(profile=profile, point=Point(wijk.lon, wijk.lat, srid=4326))
                profile.save()
                profile.themes.set(themes)
                profile.skills.set(skills)
                matches_for(profile)  # warm the caches once
                times = []
                for _ in range(runs):
                    start = time.perf_counter()
                    found = matches_for(profile)
                    found[:PAGE]  # the ranking loads models only for what is shown
                    times.append((time.perf_counter() - start) * 1000)
                everything += times
                out(
                    f"{wijk.name:<24} {travel_km:>3} km: {len(found):>4} matches, "
                    f"p50 {statistics.median(times):7.1f} ms, "
                    f"p95 {_p95(times):7.1f} ms"
                )
        out(f"Alles: p50 {statistics.median(everything):.1f} ms, p95 {_p95(everything):.1f} ms")


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]
