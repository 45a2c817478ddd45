"""What an initiative's member sees first in the CMS ("Mijn initiatief" on the
Wagtail dashboard): how to add a listing under their own initiative, where its
page is, what waits for the gemeente's approval and which listings nobody has
looked at for a long time. Only the initiatives the user is a member of; the
inbox count is added by volunteers, which owns the responses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast, Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, WorkflowState

from .models import ActivityPage, InitiativeMember, InitiativePage, MeetingPlacePage, VacancyPage

# What to show at most per list: the panel is a to-do list, not an archive.
LIST_LIMIT = 10

ADDABLE = (
    (ActivityPage, _("Nieuwe activiteit")),
    (VacancyPage, _("Nieuwe vacature")),
    (MeetingPlacePage, _("Nieuwe ontmoetingsplek")),
)


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass
class InitiativeOverview:
    initiative: InitiativePage
    add: list[Link]
    edit_url: str
    view_url: str  # the public page, or the draft's preview before it is live
    in_moderation: list[Page]
    stale: list[Page]
    stale_days: int
    inbox: int | None = None  # new responses, filled in by volunteers
    inbox_url: str = ""


def member_initiatives(user: AbstractBaseUser | AnonymousUser) -> list[InitiativePage]:
    """The initiatives ``user`` answers for, by title (staff are not members
    of everything: this is about one's own initiative)."""
    ids = InitiativeMember.objects.of_user(user).values("initiative_id")
    return list(InitiativePage.objects.filter(pk__in=ids).order_by("title"))


def stale_cutoff():
    return timezone.now() - timedelta(days=settings.LISTING_STALE_DAYS)


def initiative_overview(initiative: InitiativePage) -> InitiativeOverview:
    """Two queries: the pages waiting for approval and the stale listings."""
    # A workflow state names its page by a text id (a generic relation), as
    # Wagtail's own "in moderation" queries do.
    waiting = WorkflowState.objects.active().filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    )
    in_moderation = list(
        Page.objects.descendant_of(initiative, inclusive=True)
        .filter(Exists(waiting))
        .order_by("path")[:LIST_LIMIT]
    )
    # A confirmation through "Klopt dit nog?" counts as much as a publish
    # (docs/freshness.md); it is kept on each kind's own table.
    last_confirmed = Greatest(
        "last_published_at",
        *(f"{model._meta.model_name}__confirmed_at" for model, _label in ADDABLE),
    )
    stale = list(
        Page.objects.child_of(initiative)
        .live()
        .annotate(last_confirmed_at=last_confirmed)
        .filter(last_confirmed_at__lt=stale_cutoff())
        .order_by("last_confirmed_at")[:LIST_LIMIT]
    )
    return InitiativeOverview(
        initiative=initiative,
        add=[
            Link(
                label,
                reverse(
                    "wagtailadmin_pages:add",
                    args=(model._meta.app_label, model._meta.model_name, initiative.pk),
                ),
            )
            for model, label in ADDABLE
        ],
        edit_url=reverse("wagtailadmin_pages:edit", args=(initiative.pk,)),
        view_url=initiative.url
        if initiative.live and initiative.url
        else reverse("wagtailadmin_pages:view_draft", args=(initiative.pk,)),
        in_moderation=in_moderation,
        stale=stale,
        stale_days=settings.LISTING_STALE_DAYS,
    )
