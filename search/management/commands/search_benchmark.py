"""Benchmark search: p50/p95/p99 for a fixed query mix on N listings, index
rebuild throughput, and the same mix without the search app for comparison.

    manage.py search_benchmark                 # 100,000 listings, with baseline
    manage.py search_benchmark --listings 1000000 --no-baseline
"""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

from core.timing import percentiles
from search import benchmark
from search.backends import get_backend
from search.documents import all_documents, read_ahead


class Command(BaseCommand):
    help = "Measure search latency and index throughput (writes to the database!)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--listings",
            type=int,
            default=100_000,
            help="Fill up to this many listings with synthetic ones.",
        )
        parser.add_argument("--queries", type=int, default=200)
        parser.add_argument(
            "--no-baseline",
            action="store_true",
            help="Skip the comparison with Wagtail's built-in search.",
        )
        parser.add_argument(
            "--no-rebuild",
            action="store_true",
            help="Use the index as it is (it must be complete).",
        )
        parser.add_argument(
            "--view",
            action="store_true",
            help="Also time the search page, with and without counting unmet demand.",
        )
        parser.add_argument(
            "--force", action="store_true", help="Also on production settings (never do this)."
        )

    def handle(self, *args, listings, queries, no_baseline, no_rebuild, view, force, **options):
        out = self.stdout.write
        present = benchmark.listing_count()
        if present < listings:
            out(f"Aanvullen: {listings - present} synthetische vermeldingen …")
            call_command(
                "load_demo_data", synthetic=listings - present, force=force, stdout=self.stdout
            )
            present = benchmark.listing_count()
        backend = get_backend()
        out(f"Machine: {benchmark.machine()}, backend {backend.name}")
        out(f"Vermeldingen in de database: {present}")

        if not no_rebuild:
            started = time.perf_counter()
            written = backend.rebuild(read_ahead(all_documents))
            seconds = time.perf_counter() - started
            out(
                f"Index opnieuw opgebouwd: {written} in {seconds:.1f} s = "
                f"{written / seconds:,.0f} vermeldingen/s"
            )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

        cases = benchmark.query_mix(queries)
        ours = benchmark.measure(cases, backend.search)
        self._report("search app", ours)
        if view:
            pages = benchmark.view_mix(queries)
            for count_demand in (False, True):
                timings = benchmark.measure_view(pages, count_demand=count_demand)
                self._report(
                    f"zoekpagina, vraag tellen {'aan' if count_demand else 'uit'}", timings
                )
        if no_baseline:
            return
        self._ensure_wagtail_index(present)
        theirs = benchmark.measure(cases, benchmark.baseline_search)
        self._report("baseline (Wagtail search + GeoDjango filter)", theirs)
        ours_all = percentiles([t for ts in ours.values() for t in ts])
        theirs_all = percentiles([t for ts in theirs.values() for t in ts])
        out(
            f"Verhouding p95 baseline / search app: {theirs_all['p95'] / ours_all['p95']:.1f}x "
            f"(p50: {theirs_all['p50'] / ours_all['p50']:.1f}x)"
        )

    def _report(self, label, timings):
        everything = [t for ts in timings.values() for t in ts]
        overall = percentiles(everything)
        self.stdout.write(f"\n{label}: {len(everything)} queries")
        self.stdout.write(f"  {'mix':22} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8}  (ms)")
        for kind, values in [*timings.items(), ("all", everything)]:
            p = percentiles(values) if kind != "all" else overall
            self.stdout.write(
                f"  {kind:22} {p['p50']:8.1f} {p['p95']:8.1f} {p['p99']:8.1f} {p['max']:8.1f}"
            )

    def _ensure_wagtail_index(self, present):
        """Synthetic listings bypass Wagtail's own index; the baseline needs it."""
        from wagtail.search.models import IndexEntry

        if IndexEntry.objects.count() >= present:
            return
        self.stdout.write("Wagtail's eigen zoekindex bijwerken voor de vergelijking …")
        started = time.perf_counter()
        call_command("update_index", stdout=self.stdout, verbosity=0)
        self.stdout.write(f"  klaar in {time.perf_counter() - started:.0f} s")
