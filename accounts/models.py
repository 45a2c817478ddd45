"""What the account itself records."""

from django.conf import settings
from django.db import models


class Consent(models.Model):
    """When a user agreed to the privacy statement (AVG: consent must be provable)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consent"
    )
    statement_version = models.CharField(max_length=20)
    given_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # Made in volunteers; the table kept its name when the model moved
        # (migrations accounts 0001, volunteers 0012).
        db_table = "volunteers_consent"

    def __str__(self):
        return f"{self.user} {self.statement_version} {self.given_at:%Y-%m-%d}"


class LanguagePreference(models.Model):
    """The interface language someone chose (docs/languages.md): kept with the
    account so a new device and the site's mails use it too."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="language_preference"
    )
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.user} {self.language}"
