"""Load the demo sociale kaart (Dordrecht, Uithoorn, Gooi en Vechtstreek,
Bollenstreek), and optionally many synthetic listings for benchmarks.

Safe to re-run: what already exists is left alone. Refuses to run on
production settings unless ``--force`` is given.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.versioning import bump_content_version
from initiatives.demo.loader import load_demo
from initiatives.demo.synthetic import load_synthetic
from initiatives.models import (
    ActivityPage,
    InitiativePage,
    MeetingPlacePage,
    Municipality,
    Neighbourhood,
    PostcodeCentroid,
    Skill,
    TargetGroup,
    Theme,
    VacancyPage,
)


def _n(number: float) -> str:
    """12.345 the Dutch way."""
    return f"{number:,.0f}".replace(",", ".")


def is_production_settings() -> bool:
    module = getattr(settings, "SETTINGS_MODULE", "") or ""
    if module.endswith("production"):
        return True
    return not settings.DEBUG and not module.endswith(".test")


class Command(BaseCommand):
    help = (
        "Vul de database met een demo-sociale kaart; met --synthetic N daarnaast N "
        "gegenereerde vermeldingen voor metingen."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--synthetic",
            type=int,
            default=0,
            metavar="N",
            help="Voeg N gegenereerde vermeldingen toe (initiatieven, activiteiten, "
            "ontmoetingsplekken, vacatures), snel via COPY.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ook uitvoeren met productie-instellingen.",
        )

    def handle(self, *args, synthetic, force, **options):
        if is_production_settings() and not force:
            raise CommandError(
                "Dit lijken productie-instellingen (DEBUG staat uit). De demodata "
                "wordt niet geladen; gebruik --force als je het echt wilt."
            )
        if synthetic < 0:
            raise CommandError("--synthetic moet 0 of meer zijn.")

        started = time.perf_counter()
        created = load_demo()
        seconds = time.perf_counter() - started
        if created:
            made = ", ".join(f"{n} {name}" for name, n in sorted(created.items()))
            self.stdout.write(f"Demodata geladen in {seconds:.1f} s (nieuw: {made}).")
        else:
            self.stdout.write(f"Demodata was al geladen ({seconds:.1f} s).")

        if synthetic:
            result = load_synthetic(synthetic, progress=self.stdout.write)
            self.stdout.write(
                f"{_n(result.listings)} synthetische vermeldingen toegevoegd "
                f"({_n(result.rows)} rijen) in {result.seconds:.1f} s: "
                f"{_n(result.rows / result.seconds)} rijen/s, "
                f"{_n(result.listings / result.seconds)} vermeldingen/s."
            )
            if result.corrected:
                self.stdout.write(f"assign_areas corrigeerde {_n(result.corrected)} rijen.")
        # Bulk loads send no publish signals; cached pages still show the old set.
        bump_content_version()
        self.print_summary()

    def print_summary(self):
        rows = [
            ("gemeenten", Municipality.objects.count()),
            ("wijken", Neighbourhood.objects.count()),
            ("postcodes", PostcodeCentroid.objects.count()),
            ("thema's", Theme.objects.count()),
            ("doelgroepen", TargetGroup.objects.count()),
            ("vaardigheden", Skill.objects.count()),
            ("initiatieven", InitiativePage.objects.count()),
            ("activiteiten", ActivityPage.objects.count()),
            ("ontmoetingsplekken", MeetingPlacePage.objects.count()),
            ("vacatures", VacancyPage.objects.count()),
        ]
        width = max(len(label) for label, _ in rows)
        for label, count in rows:
            self.stdout.write(f"  {label:<{width}}  {_n(count):>9}")
