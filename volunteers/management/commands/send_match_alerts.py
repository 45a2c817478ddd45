"""Mail volunteers a digest of new vacancies that match their profile.

Safe to run every hour from cron: a vacancy is mailed to a volunteer at most
once (``MatchAlert``), and a run right after another finds nothing new.

    manage.py send_match_alerts
    manage.py send_match_alerts --dry-run     # print, send and record nothing
"""

import logging

from allauth.account.models import EmailAddress
from django.core.management.base import BaseCommand
from django.db.models import Exists, OuterRef
from django.utils import timezone

from volunteers.matching import match_alert_send
from volunteers.models import VolunteerProfile

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Send each volunteer one e-mail with new matching vacancies."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be sent; send nothing."
        )

    def handle(self, *args, dry_run, **options):
        now = timezone.now()
        # Only verified addresses: mail to an address nobody confirmed is spam.
        verified = EmailAddress.objects.filter(
            user_id=OuterRef("user_id"), email__iexact=OuterRef("user__email"), verified=True
        )
        profiles = (
            VolunteerProfile.objects.filter(user__is_active=True, match_alerts=True)
            .filter(Exists(verified))
            # The user with the language the digest is written in (one query).
            .select_related("user", "user__language_preference")
            .prefetch_related("themes", "skills")  # matches_for reads both
            .order_by("pk")
        )
        sent = failed = 0
        for profile in profiles.iterator(chunk_size=500):
            try:
                matches = match_alert_send(profile=profile, now=now, dry_run=dry_run)
            except Exception:
                # One bad address or template must not stop everyone else's
                # digest; nothing was recorded for this volunteer.
                log.exception("match digest failed for profile %s", profile.pk)
                failed += 1
                continue
            if not matches:
                continue
            sent += 1
            if dry_run:
                self.stdout.write(f"{profile.user.email}: {len(matches)} vacature(s)")
                for match in matches:
                    self.stdout.write(f"  - {match.object.title} ({match.reasons_text})")
        verb = "zou versturen" if dry_run else "verstuurd"
        self.stdout.write(f"Overzichten {verb}: {sent}; mislukt: {failed}.")
