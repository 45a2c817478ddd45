"""Django's password validators with their hints and errors in the site's
Dutch: "je", never "Uw" (the Dutch translation says "Uw", and the plural
"too short" message is not translated at all). The checks themselves are
Django's."""

from django.contrib.auth import password_validation
from django.utils.translation import gettext, ngettext


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self):
        return gettext("Je wachtwoord lijkt te veel op je %(verbose_name)s.")

    def get_help_text(self):
        return gettext("Je wachtwoord mag niet te veel lijken op je naam of e-mailadres.")


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "Je wachtwoord is te kort. Het moet minstens %(min_length)d teken lang zijn.",
            "Je wachtwoord is te kort. Het moet minstens %(min_length)d tekens lang zijn.",
            self.min_length,
        )

    def get_help_text(self):
        return ngettext(
            "Je wachtwoord moet minstens %(min_length)d teken lang zijn.",
            "Je wachtwoord moet minstens %(min_length)d tekens lang zijn.",
            self.min_length,
        ) % {"min_length": self.min_length}


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_error_message(self):
        return gettext("Dit wachtwoord wordt te vaak gebruikt. Kies een ander.")

    def get_help_text(self):
        return gettext("Je wachtwoord mag geen veelgebruikt wachtwoord zijn.")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_error_message(self):
        return gettext("Je wachtwoord mag niet alleen uit cijfers bestaan.")

    def get_help_text(self):
        return gettext("Je wachtwoord mag niet alleen uit cijfers bestaan.")
