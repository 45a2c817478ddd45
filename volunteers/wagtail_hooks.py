from django.urls import reverse
from django.utils.http import urlencode
from wagtail import hooks
from wagtail.admin.ui.components import Component

from initiatives.dashboard import InitiativeOverview, initiative_overview, member_initiatives

from .models import Response, ResponseStatus


class InitiativePanel(Component):
    """ "Mijn initiatief" on the admin's dashboard for an initiative's members:
    an empty Wagtail screen told them nothing (issue 16). It lives here, not in
    initiatives, because the inbox (responses) is this app's."""

    name = "my_initiative"
    template_name = "volunteers/admin/initiative_panel.html"
    order = 40  # first: this is why a member opens the CMS

    def __init__(self, overviews: list[InitiativeOverview]):
        self.overviews = overviews

    def get_context_data(self, parent_context):
        return {"overviews": self.overviews}


def _with_inbox(overview: InitiativeOverview) -> InitiativeOverview:
    overview.inbox = (
        Response.objects.of_initiative(overview.initiative).with_status(ResponseStatus.NEW).count()
    )
    overview.inbox_url = (
        f"{reverse('volunteers:inbox')}?{urlencode({'status': ResponseStatus.NEW})}"
    )
    return overview


@hooks.register("construct_homepage_panels")
def add_initiative_panel(request, panels):
    initiatives = member_initiatives(request.user)
    if initiatives:
        panels.append(InitiativePanel([_with_inbox(initiative_overview(i)) for i in initiatives]))
