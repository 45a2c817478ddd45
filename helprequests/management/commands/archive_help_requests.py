"""Archive help requests that have been online too long."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from helprequests.services import help_requests_archive


class Command(BaseCommand):
    help = (
        "Archiveert gepubliceerde en gekoppelde hulpvragen die ouder zijn dan "
        "HELP_REQUEST_ARCHIVE_WEEKS weken. Veilig om dagelijks vanuit cron te draaien: "
        "een tweede run archiveert niets opnieuw."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--weeks",
            type=int,
            default=None,
            help=f"Ouder dan zoveel weken (standaard {settings.HELP_REQUEST_ARCHIVE_WEEKS}).",
        )

    def handle(self, *args, weeks=None, **options):
        if weeks is not None and weeks < 1:
            raise CommandError("--weeks moet minstens 1 zijn.")
        count = help_requests_archive(weeks=weeks)
        noun = "hulpvraag" if count == 1 else "hulpvragen"
        self.stdout.write(f"{count} {noun} gearchiveerd.")
