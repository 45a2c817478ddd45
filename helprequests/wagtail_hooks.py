from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet

from core.admin_menu import CountedMenuItem

from .models import HelpRequest, SensitiveTerm
from .services import can_moderate
from .waiting import waiting_for


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


class HelpModerationMenuItem(CountedMenuItem):
    """The moderation screen is on the site (/hulpvragen/moderatie/), but a
    moderator starts in the admin: without this item nobody found it and
    requests waited for ever (issue 16). The label says how many wait."""

    def is_shown(self, request):
        return can_moderate(request.user)

    def waiting(self, request) -> int:
        return HelpRequest.objects.pending().for_moderator(request.user).count()


@hooks.register("register_admin_menu_item")
def register_help_moderation_menu_item():
    return HelpModerationMenuItem(
        "Hulpvragen beoordelen",
        reverse("helprequests:help_moderation"),
        icon_name="help",
        order=240,
    )


class WaitingPanel(Component):
    """ "Wacht op jou" on the admin's dashboard: what the moderator may judge,
    how many wait and how long the oldest has waited, with links."""

    name = "waiting_for_you"
    template_name = "helprequests/admin/waiting_panel.html"
    order = 50  # above Wagtail's own panels: this is the moderator's work

    def __init__(self, waiting):
        self.waiting = waiting

    def get_context_data(self, parent_context):
        return {"waiting": self.waiting}


@hooks.register("construct_homepage_panels")
def add_waiting_panel(request, panels):
    waiting = waiting_for(request.user)
    if waiting:
        panels.append(WaitingPanel(waiting))
