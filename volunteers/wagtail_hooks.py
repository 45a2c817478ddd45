from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from .models import SensitiveTerm
from .report_views import overview
from .reports import can_view_overview


@hooks.register("register_admin_urls")
def register_overview_url():
    return [path("overzicht/", overview, name="volunteers_overview")]


class OverviewMenuItem(MenuItem):
    """Only for those who may open it: not for an initiative's editors."""

    def is_shown(self, request):
        return can_view_overview(request.user)


@hooks.register("register_reports_menu_item")
def register_overview_menu_item():
    return OverviewMenuItem(
        "Overzicht per wijk en thema", reverse("volunteers_overview"), icon_name="table"
    )


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
