"""Delete signals past their retention period (docs/security.md)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from signalling.services import signals_purge


class Command(BaseCommand):
    help = (
        f"Verwijdert signalen {settings.SIGNAL_RETENTION_DAYS} dagen na het afsluiten "
        f"(SIGNAL_RETENTION_DAYS), en elk signaal {settings.SIGNAL_RETENTION_MAX_DAYS} dagen "
        "na het versturen (SIGNAL_RETENTION_MAX_DAYS). Het inzagelog blijft, met alleen het "
        "nummer van het signaal. Veilig om dagelijks vanuit cron te draaien."
    )

    def handle(self, *args, **options):
        count = signals_purge()
        noun = "signaal" if count == 1 else "signalen"
        self.stdout.write(f"{count} {noun} verwijderd.")
