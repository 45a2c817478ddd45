from django.core.management.base import BaseCommand

from followup.services import followups_send


class Command(BaseCommand):
    help = (
        "Mail reminders and escalations for help requests, responses, referrals, signals "
        "and registrations that wait too long for a first reply. Safe to run hourly: "
        "each notice goes out once (docs/followup.md)."
    )

    def handle(self, *args, **options):
        sent = followups_send()
        for notice in sent:
            self.stdout.write(f"{notice.kind} {notice.level}: {notice.count}")
        self.stdout.write(self.style.SUCCESS(f"{len(sent)} mail(s) sent"))
