""" "Wacht te lang": what waits past its reminder deadline for a first reply,
for whoever may follow it up. Moderators see every kind in the gemeenten
they moderate (signals only as a number, an age and the contact point);
contact-point staff their contact point's signals; an initiative's members
its responses and referrals. Behind a login, so never in the page cache."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from helprequests.services import can_moderate
from initiatives.models import InitiativeMember
from initiatives.permissions import can_judge_registrations
from initiatives.querysets import moderated_municipality_ids

from .models import FollowUpKind
from .overdue import Waiting, waiting_too_long
from .rules import deadlines


@dataclass
class Section:
    kind: str
    label: str
    reminder: int
    escalation: int
    rows: list[Waiting]
    link: str  # where the viewer follows these up ('' for none)
    detail: bool  # each row links to the item itself


def is_coordinator(user) -> bool:
    return can_moderate(user) or can_judge_registrations(user)


def sections_for(user, *, now=None) -> list[Section]:
    """What ``user`` may follow up, per kind; empty for anyone else."""
    now = now or timezone.now()
    rules = deadlines()
    labels = dict(FollowUpKind.choices)
    found: dict[str, list[Waiting]] = {}
    coordinator = is_coordinator(user)
    if coordinator:
        found.update(
            waiting_too_long(
                now=now,
                kinds=FollowUpKind.values,
                municipality_ids=moderated_municipality_ids(user),
            )
        )
    else:
        points = list(user.contact_points.values_list("pk", flat=True))
        if points:
            found.update(waiting_too_long(now=now, kinds=[FollowUpKind.SIGNAL], owner_ids=points))
        initiatives = list(
            InitiativeMember.objects.of_user(user).values_list("initiative_id", flat=True)
        )
        if initiatives:
            found.update(
                waiting_too_long(
                    now=now,
                    kinds=[FollowUpKind.RESPONSE, FollowUpKind.REFERRAL],
                    owner_ids=initiatives,
                )
            )
    # The inbox is where an initiative's members answer; a coordinator has
    # none (they see here what waits, and the initiative is reminded).
    inbox = "" if coordinator else reverse("volunteers:inbox")
    links = {
        FollowUpKind.HELP_MODERATION: reverse("helprequests:help_moderation"),
        FollowUpKind.HELP_REQUEST: "",
        FollowUpKind.RESPONSE: inbox,
        FollowUpKind.REFERRAL: inbox,
        # Staff read their signals there (each reading logged); moderators
        # cannot read signals at all.
        FollowUpKind.SIGNAL: "" if coordinator else reverse("signalling:staff_list"),
        FollowUpKind.REGISTRATION: reverse("initiatives_registrations")
        if can_judge_registrations(user)
        else "",
    }
    return [
        Section(
            kind=kind,
            label=labels[kind],
            reminder=rules[kind].reminder,
            escalation=rules[kind].escalation,
            rows=rows,
            link=links[kind],
            detail=kind == FollowUpKind.HELP_REQUEST,
        )
        for kind, rows in found.items()
    ]


@login_required
def overdue(request):
    sections = sections_for(request.user)
    if not sections:
        # 404 rather than 403: the page does not exist for anyone else.
        raise Http404
    return render(
        request,
        "followup/overdue.html",
        {"sections": sections, "total": sum(len(s.rows) for s in sections)},
    )
