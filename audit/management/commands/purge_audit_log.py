"""Delete audit events past their retention period (docs/security.md)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from audit.services import audit_purge


class Command(BaseCommand):
    help = (
        f"Verwijdert verwerkingen (inzagelog) ouder dan {settings.AUDIT_RETENTION_DAYS} dagen "
        "(AUDIT_RETENTION_DAYS). Veilig om dagelijks te draaien."
    )

    def handle(self, *args, **options):
        count = audit_purge()
        noun = "verwerking" if count == 1 else "verwerkingen"
        self.stdout.write(f"{count} {noun} verwijderd.")
