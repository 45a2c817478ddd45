"""Mail a reminder the day before to everyone with a place, and delete
sign-ups past their retention. Run hourly from cron: a reminder is sent
once (``reminder_sent_at``), whenever during the day before the run falls."""

from django.core.management.base import BaseCommand

from signups.services import signups_delete_expired, signups_send_reminders


class Command(BaseCommand):
    help = (
        "Stuur een herinnering aan wie morgen een plek heeft, en wis oude aanmeldingen "
        "(elk uur vanuit cron)."
    )

    def handle(self, *args, **options):
        sent = signups_send_reminders()
        deleted = signups_delete_expired()
        self.stdout.write(f"{sent} herinneringen verstuurd, {deleted} oude aanmeldingen gewist.")
