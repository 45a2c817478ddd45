"""Delete unmet-demand counts older than SEARCH_DEMAND_RETENTION_WEEKS (52 by
default), and the texts of queries that no longer count k times in what is
left. Run daily from cron (docs/search.md)."""

from django.core.management.base import BaseCommand

from ...demand import oldest_week, search_demand_purge


class Command(BaseCommand):
    help = (
        "Verwijder tellingen van zoekvragen zonder resultaat die ouder zijn dan de bewaartermijn."
    )

    def handle(self, *args, **options):
        counters, texts = search_demand_purge()
        self.stdout.write(
            f"{counters} tellingen van vóór de week van {oldest_week():%Y-%m-%d} "
            f"en {texts} zoekvraagteksten verwijderd."
        )
