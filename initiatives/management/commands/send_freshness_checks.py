from django.core.management.base import BaseCommand

from initiatives.freshness import freshness_checks_send


class Command(BaseCommand):
    help = (
        "Ask initiatives 'Klopt dit nog?' about listings past their period, take "
        "long-unconfirmed listings offline and close vacancies past their end date. "
        "Safe to run daily or hourly: each mail goes out once per period "
        "(docs/freshness.md)."
    )

    def handle(self, *args, **options):
        result = freshness_checks_send()
        self.stdout.write(
            f"asked: {len(result.asked)}, taken offline: {len(result.taken_offline)}, "
            f"vacancies closed: {len(result.closed)}"
        )
        self.stdout.write(self.style.SUCCESS(f"{result.mails} mail(s) sent"))
