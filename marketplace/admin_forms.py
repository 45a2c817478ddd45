"""The Wagtail admin's login form in the site's words: initiative editors
registered through the public form know their email address, not the
username that was generated for them (allauth's backend accepts either)."""

from wagtail.admin.forms.auth import LoginForm


class AdminLoginForm(LoginForm):
    error_messages = {
        **LoginForm.error_messages,
        "invalid_login": "Dit e-mailadres of deze gebruikersnaam en dit wachtwoord horen niet "
        "bij elkaar. Probeer het opnieuw.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        username, password = self.fields["username"], self.fields["password"]
        username.label = "E-mailadres of gebruikersnaam"
        username.widget.attrs.update(placeholder="naam@voorbeeld.nl", autocomplete="username")
        password.label = "Wachtwoord"
        password.widget.attrs.update(placeholder="", autocomplete="current-password")
