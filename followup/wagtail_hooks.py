from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from .views import is_coordinator, sections_for


class OverduePanel(Component):
    """ "Wacht te lang" on the admin's dashboard for the municipality's
    moderators: per kind how many wait past their deadline, and how many of
    those already went to the coordinator, with a link to the page."""

    name = "waiting_too_long"
    template_name = "followup/admin/overdue_panel.html"
    order = 60  # under "Wacht op jou"

    def __init__(self, sections):
        self.sections = sections

    def get_context_data(self, parent_context):
        return {
            "sections": [
                (s, sum(1 for row in s.rows if row.overdue_for_coordinator)) for s in self.sections
            ]
        }


@hooks.register("construct_homepage_panels")
def add_overdue_panel(request, panels):
    if is_coordinator(request.user):
        panels.append(OverduePanel(sections_for(request.user)))


class OverdueMenuItem(MenuItem):
    """For the coordinators only; no count in the label: counting every kind
    on every admin page would cost more than the menu is worth."""

    def is_shown(self, request):
        return is_coordinator(request.user)


@hooks.register("register_admin_menu_item")
def register_overdue_menu_item():
    return OverdueMenuItem(
        _("Wacht te lang"), reverse("followup:overdue"), icon_name="time", order=245
    )
