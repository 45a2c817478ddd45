from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

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
    ]


class OverviewMenuItem(MenuItem):
    """Only for those who may open it: not for an initiative's editors."""

    def is_shown(self, request):
        return can_view_overview(request.user)


@hooks.register("register_reports_menu_item")
def register_overview_menu_item():
    return OverviewMenuItem(
        "Overzicht per wijk en thema", reverse("reports_overview"), icon_name="table"
    )
