"""Create (or reset) the local admin account and print its login.

The password is random per checkout and kept in .local/admin-login.txt, so a
development database never has a guessable admin password.
"""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create or reset the development admin account and print its login."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        store = Path(settings.BASE_DIR) / ".local" / "admin-login.txt"
        if store.exists():
            password = store.read_text().split(":", 1)[1].strip()
        else:
            password = secrets.token_urlsafe(12)
            store.parent.mkdir(parents=True, exist_ok=True)
            store.write_text(f"{username}:{password}\n")
            store.chmod(0o600)
        user, _ = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@meedoen.local"}
        )
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        self.stdout.write(f"Beheerder: gebruikersnaam '{username}', wachtwoord '{password}'")
