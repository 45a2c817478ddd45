"""Create (or reset) the local admin account and print its login.

The password is random per checkout and kept in .local/admin-login.txt, so a
development database never has a guessable admin password. The admin logs in
like everyone, at /account/login/ with email and password (docs/accounts.md),
so its address is marked verified: whoever runs this command chose it.
"""

import secrets
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


def stored_password(filename: str) -> str:
    """A random password kept in ``.local/<filename>`` (made on first use),
    so a development database never has a guessable one."""
    store = Path(settings.BASE_DIR) / ".local" / filename
    if store.exists():
        # Older files hold "username:password".
        return store.read_text().strip().split(":", 1)[-1]
    password = secrets.token_urlsafe(12)
    store.parent.mkdir(parents=True, exist_ok=True)
    store.write_text(password + "\n")
    store.chmod(0o600)
    return password


class Command(BaseCommand):
    help = "Create or reset the development admin account and print its login."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        password = stored_password("admin-login.txt")
        user, _ = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@meedoen.local"}
        )
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        self.stdout.write(f"Beheerder: e-mailadres '{user.email}', wachtwoord '{password}'")
