from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .audit_views import audit_log, can_view_audit
from .demand_views import demand_csv
from .first_reply_views import first_reply_csv
from .overview import can_view_overview
from .views import overview


@hooks.register("register_admin_urls")
def register_overview_url():
    return [
        path("overzicht/", overview, name="reports_overview"),
        path("overzicht/zoekvragen.csv", demand_csv, name="search_demand_csv"),
        path("overzicht/eerste-reactie.csv", first_reply_csv, name="reports_first_reply_csv"),
        path("verwerkingen/", audit_log, name="reports_audit_log"),
    ]


class OverviewMenuItem(MenuItem):
    """Only for those who may open it: not for an initiative's editors."""

    def is_shown(self, request):
        return can_view_overview(request.user)


@hooks.register("register_reports_menu_item")
def register_overview_menu_item():
    return OverviewMenuItem(
        _("Overzicht per wijk en thema"), reverse("reports_overview"), icon_name="table"
    )


class AuditMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_audit(request.user)


@hooks.register("register_reports_menu_item")
def register_audit_menu_item():
    return AuditMenuItem(
        _("Inzage in verwerkingen"), reverse("reports_audit_log"), icon_name="view"
    )
