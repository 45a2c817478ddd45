"""What waits for a moderator: help requests to judge and initiatives'
registrations, each with how many and how long the oldest has waited. For the
Wagtail admin menu, its dashboard ("Wacht op jou") and the site header, and
only ever for the gemeenten the moderator moderates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Min
from django.urls import reverse
from django.utils.translation import gettext

from initiatives.models import InitiativeRegistration
from initiatives.permissions import can_judge_registrations

from .models import HelpRequest
from .services import can_moderate


@dataclass(frozen=True)
class Waiting:
    label: str
    count: int
    oldest: dt.datetime | None  # when the longest-waiting one came in
    url: str


def _waiting(label: str, queryset, url: str) -> Waiting:
    # One query: how many and the oldest, over the (status, created_at) index.
    figures = queryset.order_by().aggregate(n=Count("pk"), oldest=Min("created_at"))
    return Waiting(label, figures["n"], figures["oldest"], url)


def help_requests_waiting(user: AbstractBaseUser | AnonymousUser) -> Waiting | None:
    """None for someone who does not moderate help requests."""
    if not can_moderate(user):
        return None
    return _waiting(
        gettext("Hulpvragen"),
        HelpRequest.objects.pending().for_moderator(user),
        reverse("helprequests:help_moderation"),
    )


def registrations_waiting(user: AbstractBaseUser | AnonymousUser) -> Waiting | None:
    """None for someone who does not judge registrations."""
    if not can_judge_registrations(user):
        return None
    return _waiting(
        gettext("Aanmeldingen van initiatieven"),
        InitiativeRegistration.objects.pending().for_moderator(user),
        reverse("initiatives_registrations"),
    )


def waiting_for(user: AbstractBaseUser | AnonymousUser) -> list[Waiting]:
    """Everything ``user`` may judge, also when nothing waits (the panel says so)."""
    return [w for w in (help_requests_waiting(user), registrations_waiting(user)) if w]
