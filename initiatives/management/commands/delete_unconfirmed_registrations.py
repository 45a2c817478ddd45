"""Delete registrations whose confirmation link expired unused."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand

from initiatives.services import delete_unconfirmed_registrations


class Command(BaseCommand):
    help = (
        "Verwijdert aanmeldingen van initiatieven waarvan het e-mailadres niet binnen "
        "REGISTRATION_CONFIRM_DAYS dagen is bevestigd, met hun conceptpagina. Veilig om "
        "dagelijks vanuit cron te draaien."
    )

    def handle(self, *args, **options):
        count = delete_unconfirmed_registrations(
            older_than=timedelta(days=settings.REGISTRATION_CONFIRM_DAYS)
        )
        noun = "aanmelding" if count == 1 else "aanmeldingen"
        self.stdout.write(f"{count} onbevestigde {noun} verwijderd.")
