"""Referrals in an initiative's inbox (volunteers/views.py ``inbox``): the
open ones, and those closed in the last weeks so a member sees what was
recorded. Only the initiatives ``user`` is a member of (staff: all)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from .models import Referral, ReferralStatus

RECENT_DAYS = 30
MAX_SHOWN = 50


@dataclass(frozen=True)
class InboxReferrals:
    open: list[Referral]
    closed: list[Referral]


def inbox_referrals(user) -> InboxReferrals:
    """Two queries, whatever the number of referrals."""
    visible = Referral.objects.for_initiative_member(user).select_related(
        "initiative", "page", "professional__professional"
    )
    open_ = visible.open().order_by("created_at")[:MAX_SHOWN]
    closed = visible.filter(
        status__in=(ReferralStatus.ATTENDED, ReferralStatus.NOT_ATTENDED),
        outcome_at__gte=timezone.now() - dt.timedelta(days=RECENT_DAYS),
    ).order_by("-outcome_at")[:MAX_SHOWN]
    return InboxReferrals(open=list(open_), closed=list(closed))
