from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .report_views import overview


@hooks.register("register_admin_urls")
def register_overview_url():
    return [path("overzicht/", overview, name="volunteers_overview")]


@hooks.register("register_reports_menu_item")
def register_overview_menu_item():
    return MenuItem(
        "Overzicht per wijk en thema", reverse("volunteers_overview"), icon_name="table"
    )
