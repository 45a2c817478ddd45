"""The "Achtergrondtaken" page in the admin's Reports menu."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import can_view_jobs, jobs_report


@hooks.register("register_admin_urls")
def register_jobs_url():
    return [path("achtergrondtaken/", jobs_report, name="operations_jobs")]


class JobsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_jobs(request.user)


@hooks.register("register_reports_menu_item")
def register_jobs_menu_item():
    return JobsMenuItem(_("Achtergrondtaken"), reverse("operations_jobs"), icon_name="cogs")
