"""Referrals in an initiative's inbox (volunteers/views.py ``inbox``): the
open ones, and those closed in the last weeks so a member sees what was
recorded. Only the initiatives ``user`` is a member of (staff: all)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from .models import Referral, ReferralStatus
from .querysets import OPEN

RECENT_DAYS = 30
MAX_SHOWN = 50


@dataclass(frozen=True)
class InboxReferrals:
    open: list[Referral]
    closed: list[Referral]


def inbox_referrals(user) -> InboxReferrals:
    """One query, whatever the number of referrals."""
    recent = timezone.now() - dt.timedelta(days=RECENT_DAYS)
    rows = (
        Referral.objects.for_initiative_member(user)
        .filter(
            Q(status__in=OPEN)
            | Q(
                status__in=(ReferralStatus.ATTENDED, ReferralStatus.NOT_ATTENDED),
                outcome_at__gte=recent,
            )
        )
        .select_related("initiative", "page", "professional__professional")
        .order_by("created_at")[: 2 * MAX_SHOWN]
    )
    open_, closed = [], []
    for referral in rows:
        (open_ if referral.status in OPEN else closed).append(referral)
    closed.sort(key=lambda r: r.outcome_at, reverse=True)
    return InboxReferrals(open=open_[:MAX_SHOWN], closed=closed[:MAX_SHOWN])
