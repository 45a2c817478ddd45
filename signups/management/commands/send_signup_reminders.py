"""Tell the people on the list when a date is called off (or on again),
mail a reminder the day before to everyone with a place, and delete
sign-ups past their retention. Run hourly from cron: a reminder is sent
once (``reminder_sent_at``), whenever during the day before the run falls."""

from django.core.management.base import BaseCommand

from signups.services import (
    signups_delete_expired,
    signups_notify_called_off,
    signups_send_reminders,
)


class Command(BaseCommand):
    help = (
        "Meld afgezegde datums, stuur een herinnering aan wie morgen een plek heeft, "
        "en wis oude aanmeldingen "
        "(elk uur vanuit cron)."
    )

    def handle(self, *args, **options):
        off, on_again = signups_notify_called_off()
        sent = signups_send_reminders()
        deleted = signups_delete_expired()
        self.stdout.write(
            f"{off} datums afgezegd en {on_again} weer door gemeld, {sent} herinneringen "
            f"verstuurd, {deleted} oude aanmeldingen gewist."
        )
