from django.apps import AppConfig

from core import i18n, mail


class AccountsConfig(AppConfig):
    """The one login door (docs/accounts.md): allauth's adapter and forms,
    login limits, the admins' logins sent to the site's, staff two-factor, and
    the consent given at signup. Which role someone has (volunteer, member of
    an initiative, moderator) is for the apps above."""

    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from .languages import language_of, languages_for

        # Mails go out in the language each account chose (docs/languages.md).
        mail.language_lookups.append(languages_for)
        # So do the staff pages in the admin (core.i18n.in_chosen_language).
        i18n.account_language_lookups.append(language_of)
