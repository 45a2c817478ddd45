"""Applications of professionals wait for a moderator: a counted menu item in
the admin and a row in "Wacht op jou" on its dashboard, as help requests and
registrations have (helprequests/wagtail_hooks.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Min
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component

from core.admin_menu import CountedMenuItem

from .models import ProfessionalProfile
from .services import can_moderate_professionals


@dataclass(frozen=True)
class Waiting:
    label: str
    count: int
    oldest: dt.datetime | None
    url: str


def applications_waiting(user) -> Waiting | None:
    """None for someone who does not judge applications; one query."""
    if not can_moderate_professionals(user):
        return None
    figures = (
        ProfessionalProfile.objects.pending()
        .for_moderator(user)
        .order_by()
        .aggregate(n=Count("pk"), oldest=Min("created_at"))
    )
    return Waiting(
        "Aanmeldingen van professionals",
        figures["n"],
        figures["oldest"],
        reverse("professionals:moderation"),
    )


class ProfessionalsMenuItem(CountedMenuItem):
    def is_shown(self, request):
        return can_moderate_professionals(request.user)

    def waiting(self, request) -> int:
        return ProfessionalProfile.objects.pending().for_moderator(request.user).count()


@hooks.register("register_admin_menu_item")
def register_professionals_menu_item():
    return ProfessionalsMenuItem(
        "Professionals beoordelen",
        reverse("professionals:moderation"),
        icon_name="user",
        order=245,
    )


class WaitingPanel(Component):
    """Our own "Wacht op jou" panel, only when help requests' is not there
    (someone who judges professionals but not help requests)."""

    name = "waiting_for_you"
    template_name = "helprequests/admin/waiting_panel.html"
    order = 50

    def __init__(self, waiting):
        self.waiting = waiting

    def get_context_data(self, parent_context):
        return {"waiting": self.waiting}


# After helprequests' hook (order 0): our row joins its panel.
@hooks.register("construct_homepage_panels", order=10)
def add_applications_waiting(request, panels):
    waiting = applications_waiting(request.user)
    if waiting is None:
        return
    for panel in panels:
        if getattr(panel, "name", "") == "waiting_for_you":
            panel.waiting = [*panel.waiting, waiting]
            return
    panels.append(WaitingPanel([waiting]))
