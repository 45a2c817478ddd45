"""Server time of every public URL kind (reports/page_benchmark.py).

manage.py page_benchmark --json /tmp/demo.json           # the demo database
manage.py page_benchmark --compare /tmp/demo.json        # a big one: growth per URL
manage.py page_benchmark --only home --runs 50
manage.py page_benchmark --cached --only home            # a page cache hit

Without --cached the anonymous page cache is off for the run: the figures are
what a page costs to make.
"""

from datetime import UTC, datetime
from pathlib import Path

from django.core.management.base import BaseCommand

from initiatives import agenda
from reports import page_benchmark
from search.benchmark import listing_count, machine


class Command(BaseCommand):
    help = "Meet p50/p95 servertijd van elke soort openbare pagina (maakt een meet-account aan)."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=20, help="Metingen per URL.")
        parser.add_argument("--warmup", type=int, default=3, help="Verzoeken vooraf per URL.")
        parser.add_argument("--only", default="", help="Alleen soorten met dit woord.")
        parser.add_argument("--json", type=Path, help="Bewaar de uitkomst in dit bestand.")
        parser.add_argument(
            "--old-agenda",
            action="store_true",
            help="Home zonder de zoekindex (elk rooster in Python, zoals voor issue 15).",
        )
        parser.add_argument(
            "--cached",
            action="store_true",
            help="Meet een treffer uit de paginacache (zonder: de cache staat uit).",
        )
        parser.add_argument(
            "--compare", type=Path, help="Een eerder --json-bestand: toon de groei per URL."
        )

    def handle(self, *args, runs, warmup, only, json, compare, old_agenda, cached, **options):
        if old_agenda:
            agenda.register(None)
        listings = listing_count()
        self.stdout.write(f"Machine: {machine()}")
        self.stdout.write(f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {listings} vermeldingen")
        results = page_benchmark.run(
            runs=runs, warmup=warmup, only=only, cached=cached, out=self.stdout.write
        )
        baseline = page_benchmark.load(compare) if compare else None
        self.stdout.write("")
        self.stdout.write(page_benchmark.table(results, baseline))
        if json:
            page_benchmark.save(results, json, listings=listings)
