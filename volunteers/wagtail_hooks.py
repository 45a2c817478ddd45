from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from .demand_views import demand_csv
from .models import SensitiveTerm
from .report_views import overview
from .reports import can_view_overview


@hooks.register("register_admin_urls")
def register_overview_url():
    return [
        path("overzicht/", overview, name="volunteers_overview"),
        path("overzicht/zoekvragen.csv", demand_csv, name="search_demand_csv"),
    ]


class OverviewMenuItem(MenuItem):
    """Only for those who may open it: not for an initiative's editors."""

    def is_shown(self, request):
        return can_view_overview(request.user)


@hooks.register("register_reports_menu_item")
def register_overview_menu_item():
    return OverviewMenuItem(
        "Overzicht per wijk en thema", reverse("volunteers_overview"), icon_name="table"
    )


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


class SensitiveTermViewSet(ModelViewSet):
    """The words and patterns marked when moderating help requests
    (/hulpvragen/moderatie/); moderators keep the list."""

    model = SensitiveTerm
    icon = "warning"
    menu_label = "Gevoelige woorden"
    add_to_admin_menu = True
    menu_order = 270
    list_display = ["term", "kind", "reason", "active"]
    list_filter = ["kind", "reason", "active"]
    search_fields = ["term", "reason"]
    form_fields = ["term", "kind", "reason", "active"]
    inspect_view_enabled = False


@hooks.register("register_admin_viewset")
def register_sensitive_terms_viewset():
    return SensitiveTermViewSet("sensitive_terms")
