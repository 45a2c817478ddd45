"""What waits for a first reply, per kind, and who answers for it.

One query per kind gives the open, unanswered items that came in at least as
many calendar days ago as the deadline has working days (working days are
never fewer); the exact working-day test is then made in Python on those few
rows. The same reads serve ``send_followups`` and "Wacht te lang"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, F, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, Length, Substr

from contactpoints.models import ContactPoint
from helprequests.models import HelpRequest, HelpRequestStatus
from initiatives.models import InitiativePage, InitiativeRegistration, Municipality, VacancyPage
from initiatives.models.registration import RegistrationStatus
from referrals.models import Referral, ReferralStatus
from signalling.models import HelpSignal, SignalStatus
from volunteers.models import Response, ResponseStatus

from .models import FollowUpKind, FollowUpLevel, FollowUpNotice
from .rules import deadlines
from .workdays import add_working_days, working_days_between

# Who answers for a kind: the reminder goes to them.
MUNICIPALITY, INITIATIVE, CONTACT_POINT = "municipality", "initiative", "contact_point"
OWNERS = {
    FollowUpKind.HELP_MODERATION: MUNICIPALITY,
    FollowUpKind.HELP_REQUEST: MUNICIPALITY,
    FollowUpKind.RESPONSE: INITIATIVE,
    FollowUpKind.REFERRAL: INITIATIVE,
    FollowUpKind.SIGNAL: CONTACT_POINT,
    FollowUpKind.REGISTRATION: MUNICIPALITY,
}


@dataclass(frozen=True)
class Item:
    """One unanswered thing, without anything about the person behind it."""

    kind: str
    pk: int
    started: dt.datetime
    municipality_id: int | None
    owner_id: int | None  # the gemeente, initiative or contact point (OWNERS)


def _initiative_of_vacancy() -> Subquery:
    # A vacancy is a direct child of its initiative (volunteers/querysets.py).
    return Subquery(
        InitiativePage.objects.filter(
            path=Substr(
                OuterRef("vacancy__path"),
                1,
                Length(OuterRef("vacancy__path")) - VacancyPage.steplen,
            )
        ).values("pk")[:1],
        output_field=IntegerField(),
    )


def open_items(kind: str) -> QuerySet:
    """The kind's unanswered items, annotated with ``started``,
    ``gemeente_id`` and ``owner_id``: still open, and no first reply recorded."""
    if kind == FollowUpKind.HELP_MODERATION:
        queryset = HelpRequest.objects.filter(status=HelpRequestStatus.PENDING).annotate(
            started=F("created_at"),
            gemeente_id=F("municipality_id"),
            owner_id=F("municipality_id"),
        )
    elif kind == FollowUpKind.HELP_REQUEST:
        queryset = HelpRequest.objects.filter(
            status=HelpRequestStatus.PUBLISHED, first_offer_at__isnull=True
        ).annotate(
            started=F("published_at"),
            gemeente_id=F("municipality_id"),
            owner_id=F("municipality_id"),
        )
    elif kind == FollowUpKind.RESPONSE:
        # An anonymised response (the volunteer left) has nobody to answer.
        queryset = Response.objects.filter(
            status=ResponseStatus.NEW, first_reply_at__isnull=True, volunteer__isnull=False
        ).annotate(
            started=F("created_at"),
            gemeente_id=F("vacancy__municipality_id"),
            owner_id=_initiative_of_vacancy(),
        )
    elif kind == FollowUpKind.REFERRAL:
        queryset = Referral.objects.filter(
            status=ReferralStatus.SENT, first_contact_at__isnull=True
        ).annotate(
            started=F("created_at"),
            gemeente_id=Coalesce("municipality_id", "initiative__municipality_id"),
            owner_id=F("initiative_id"),
        )
    elif kind == FollowUpKind.SIGNAL:
        queryset = HelpSignal.objects.filter(
            status=SignalStatus.NEW, first_contact_at__isnull=True
        ).annotate(
            started=F("created_at"),
            gemeente_id=F("municipality_id"),
            owner_id=F("contact_point_id"),
        )
    elif kind == FollowUpKind.REGISTRATION:
        queryset = InitiativeRegistration.objects.filter(
            status=RegistrationStatus.PENDING
        ).annotate(
            started=F("created_at"),
            gemeente_id=F("page__municipality_id"),
            owner_id=F("page__municipality_id"),
        )
    else:  # pragma: no cover - FollowUpKind is closed
        raise ValueError(kind)
    return queryset.order_by()


def candidates(
    kind: str,
    *,
    days: int,
    now: dt.datetime,
    municipality_ids: Iterable[int] | None = None,
    owner_ids: Iterable[int] | None = None,
    not_sent: str | None = None,
) -> list[Item]:
    """The kind's items that have waited ``days`` working days or more at
    ``now``; within ``municipality_ids`` (None: everywhere); without a notice
    of level ``not_sent`` yet."""
    queryset = open_items(kind).filter(started__lte=now - dt.timedelta(days=days))
    if municipality_ids is not None:
        queryset = queryset.filter(gemeente_id__in=list(municipality_ids))
    if owner_ids is not None:
        queryset = queryset.filter(owner_id__in=list(owner_ids))
    if not_sent:
        queryset = queryset.filter(
            ~Exists(
                FollowUpNotice.objects.filter(kind=kind, level=not_sent, object_id=OuterRef("pk"))
            )
        )
    rows = queryset.values_list("pk", "started", "gemeente_id", "owner_id").order_by(
        "started", "pk"
    )
    return [
        Item(kind, pk, started, municipality_id, owner_id)
        for pk, started, municipality_id, owner_id in rows
        if add_working_days(started, days) <= now
    ]


@dataclass(frozen=True)
class Waiting:
    """A row of "Wacht te lang"."""

    item: Item
    age: int  # working days
    overdue_for_coordinator: bool  # past the second deadline
    escalated: bool  # and the coordinator was mailed (a notice exists)
    owner_name: str
    municipality_name: str
    title: str = ""  # a help request's public title; nothing for the other kinds


def waiting_too_long(
    *,
    now: dt.datetime,
    kinds: Iterable[str],
    municipality_ids: Iterable[int] | None = None,
    owner_ids: Iterable[int] | None = None,
) -> dict[str, list[Waiting]]:
    """Per kind, the items past their reminder deadline, oldest first, with
    their age in working days, the name of who answers for them and whether
    the coordinator was mailed. A few queries per kind, however many rows."""
    rules = deadlines()
    result: dict[str, list[Waiting]] = {}
    for kind in kinds:
        items = candidates(
            kind,
            days=rules[kind].reminder,
            now=now,
            municipality_ids=municipality_ids,
            owner_ids=owner_ids,
        )
        names = owner_names(kind, {i.owner_id for i in items})
        places = dict(
            Municipality.objects.filter(pk__in={i.municipality_id for i in items}).values_list(
                "pk", "name"
            )
        )
        escalated = set(
            FollowUpNotice.objects.filter(
                kind=kind, level=FollowUpLevel.ESCALATION, object_id__in=[i.pk for i in items]
            ).values_list("object_id", flat=True)
        )
        # A published help request's title is on the public site already.
        titles = (
            dict(
                HelpRequest.objects.filter(pk__in=[i.pk for i in items]).values_list("pk", "title")
            )
            if kind == FollowUpKind.HELP_REQUEST
            else {}
        )
        result[kind] = [
            Waiting(
                item=i,
                age=(age := working_days_between(i.started, now)),
                overdue_for_coordinator=age >= rules[kind].escalation,
                escalated=i.pk in escalated,
                owner_name=names.get(i.owner_id, ""),
                municipality_name=places.get(i.municipality_id, ""),
                title=titles.get(i.pk, ""),
            )
            for i in items
        ]
    return result


def owner_names(kind: str, ids: set[int | None]) -> dict[int, str]:
    ids = {i for i in ids if i is not None}
    owner = OWNERS[kind]
    if not ids:
        return {}
    if owner == INITIATIVE:
        return dict(InitiativePage.objects.filter(pk__in=ids).values_list("pk", "title"))
    if owner == CONTACT_POINT:
        return dict(ContactPoint.objects.filter(pk__in=ids).values_list("pk", "name"))
    return dict(Municipality.objects.filter(pk__in=ids).values_list("pk", "name"))
