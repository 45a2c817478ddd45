from django.apps import AppConfig

from core import mail


class AccountsConfig(AppConfig):
    """The one login door (docs/accounts.md): allauth's adapter and forms,
    login limits, the admins' logins sent to the site's, staff two-factor, and
    the consent given at signup. Which role someone has (volunteer, member of
    an initiative, moderator) is for the apps above."""

    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from .languages import languages_for

        # Mails go out in the language each account chose (docs/languages.md).
        mail.language_lookups.append(languages_for)
