from django.urls import reverse
from wagtail import hooks


# Passwords and email addresses are managed on the site (allauth), where tries
# are counted and new addresses verified; Wagtail's own forms are off
# (WAGTAIL_PASSWORD_MANAGEMENT_ENABLED, WAGTAIL_EMAIL_MANAGEMENT_ENABLED).
@hooks.register("register_account_menu_item")
def register_password_menu_item(request):
    return {
        "url": reverse("account_change_password"),
        "label": "Wachtwoord wijzigen",
        "help_text": "Op de site, met je huidige wachtwoord.",
    }


@hooks.register("register_account_menu_item")
def register_email_menu_item(request):
    return {
        "url": reverse("account_email"),
        "label": "E-mailadres wijzigen",
        "help_text": "Een nieuw adres werkt pas nadat je het hebt bevestigd.",
    }


@hooks.register("register_account_menu_item")
def register_two_factor_menu_item(request):
    return {
        "url": reverse("mfa_index"),
        "label": "Tweestapsverificatie",
        "help_text": "Inloggen met je wachtwoord én een code uit een app op je telefoon.",
    }
