"""Reminders and escalations for what waits too long for a first reply
(``send_followups``, hourly).

Each notice goes out at most once: the (kind, object, level) row is inserted
with ``ON CONFLICT DO NOTHING`` in the same transaction that queues the mail
(``mail_after_commit``), and only the rows this run inserted are counted in
its mail. A second run, also one that overlaps (its insert waits for the
first transaction and then finds the row), sends nothing again. Mails carry a
count and a link, never anything about a resident or a volunteer."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy, ngettext_lazy

from contactpoints.models import ContactPoint
from core.mail import mail_after_commit
from core.site_url import link
from initiatives.freshness import initiative_emails
from initiatives.models import Municipality
from initiatives.permissions import moderator_emails

from .models import FollowUpKind, FollowUpLevel, FollowUpNotice
from .overdue import CONTACT_POINT, INITIATIVE, OWNERS, Item, candidates, owner_names
from .rules import deadlines


def wording(kind: str, count: int) -> tuple[Promise, Promise]:
    """What the mail says waits: the thing (one or many, by ``count``) and
    for what it waits. Each part fills a sentence of the mail ("Er wachten 2
    hulpvragen al 3 werkdagen of langer op een aanbod van een vrijwilliger.").
    Lazy, so they are worded in the language the mail is rendered in (each
    recipient's), not the one active when it was sent."""
    if kind == FollowUpKind.HELP_MODERATION:
        # Translators: the reminder mail's "{count} {thing} waits {for what}"
        # (followup.txt): these are the things that wait, then what for.
        what = ngettext_lazy("hulpvraag om te beoordelen", "hulpvragen om te beoordelen", count)
        awaited = gettext_lazy("op een moderator")
    elif kind == FollowUpKind.HELP_REQUEST:
        what = ngettext_lazy("hulpvraag", "hulpvragen", count)
        awaited = gettext_lazy("op een aanbod van een vrijwilliger")
    elif kind == FollowUpKind.RESPONSE:
        what = ngettext_lazy("reactie op een vacature", "reacties op vacatures", count)
        awaited = gettext_lazy("op antwoord")
    elif kind == FollowUpKind.REFERRAL:
        what = ngettext_lazy("verwijzing", "verwijzingen", count)
        awaited = gettext_lazy("op een eerste contact")
    elif kind == FollowUpKind.SIGNAL:
        what = ngettext_lazy("signaal", "signalen", count)
        awaited = gettext_lazy("op een eerste contact")
    else:
        what = ngettext_lazy(
            "aanmelding van een initiatief", "aanmeldingen van initiatieven", count
        )
        awaited = gettext_lazy("op een besluit")
    return what, awaited


@dataclass(frozen=True)
class Sent:
    kind: str
    level: str
    count: int
    recipients: tuple[str, ...]


def _member_emails(initiative_id: int | None) -> list[str]:
    """The initiative's members; its contact address if it has none."""
    return initiative_emails(initiative_id) if initiative_id is not None else []


def _staff_emails(contact_point_id: int | None) -> list[str]:
    """The contact point's staff; its own address if it has none."""
    if contact_point_id is None:
        return []
    point = ContactPoint.objects.filter(pk=contact_point_id).first()
    if point is None:
        return []
    emails = sorted(
        set(point.staff.filter(is_active=True).exclude(email="").values_list("email", flat=True))
    )
    return emails or ([point.email] if point.email else [])


def recipients(kind: str, level: str, *, owner_id: int | None, municipality_id: int | None):
    """Who hears of ``kind`` items of one owner (reminder) or one gemeente
    (escalation). A signal's escalation goes to the contact point's staff and
    the gemeente's moderators: the mail names no resident."""
    if level == FollowUpLevel.REMINDER:
        owner = OWNERS[kind]
        if owner == INITIATIVE:
            return _member_emails(owner_id)
        if owner == CONTACT_POINT:
            return _staff_emails(owner_id)
        return moderator_emails(municipality_id)
    coordinators = moderator_emails(municipality_id)
    if kind == FollowUpKind.SIGNAL:
        return sorted(set(_staff_emails(owner_id)) | set(coordinators))
    return coordinators


def _link(kind: str, level: str) -> str:
    if level == FollowUpLevel.REMINDER and kind in (FollowUpKind.RESPONSE, FollowUpKind.REFERRAL):
        return link("volunteers:inbox")
    if level == FollowUpLevel.REMINDER and kind == FollowUpKind.HELP_MODERATION:
        return link("helprequests:help_moderation")
    if level == FollowUpLevel.REMINDER and kind == FollowUpKind.REGISTRATION:
        return link("initiatives_registrations")
    if level == FollowUpLevel.REMINDER and kind == FollowUpKind.SIGNAL:
        return link("signalling:staff_list")
    return link("followup:overdue")


def _record(kind: str, level: str, items: list[Item], now: dt.datetime) -> list[int]:
    """Insert the notices; the ids of those that were not there yet."""
    table = FollowUpNotice._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (kind, object_id, level, sent_at) "  # noqa: S608 - our table
            "SELECT %s, unnest(%s::bigint[]), %s, %s "
            "ON CONFLICT ON CONSTRAINT followup_notice_once DO NOTHING RETURNING object_id",
            [kind, [i.pk for i in items], level, now],
        )
        return [row[0] for row in cursor.fetchall()]


def _group_key(kind: str, level: str, item: Item) -> tuple:
    if level == FollowUpLevel.REMINDER:
        return (item.owner_id, item.municipality_id if OWNERS[kind] != INITIATIVE else None)
    if kind == FollowUpKind.SIGNAL:
        return (item.owner_id, item.municipality_id)
    return (None, item.municipality_id)


def _place(kind: str, level: str, owner_id, municipality_id) -> str:
    """The name the mail gives the group (an initiative, a contact point or a
    gemeente): no person."""
    if level == FollowUpLevel.REMINDER and OWNERS[kind] in (INITIATIVE, CONTACT_POINT):
        return owner_names(kind, {owner_id}).get(owner_id, "")
    if kind == FollowUpKind.SIGNAL and owner_id is not None:
        return owner_names(kind, {owner_id}).get(owner_id, "")
    name = Municipality.objects.filter(pk=municipality_id).values_list("name", flat=True).first()
    return name or ""


@transaction.atomic
def followup_group_send(
    *, kind: str, level: str, items: list[Item], days: int, now: dt.datetime
) -> Sent | None:
    """Record and mail one group's notices (one owner or gemeente), in one
    transaction. None when another run already sent them all, or nobody is
    there to hear it (then nothing is recorded, and the next run tries again)."""
    first = items[0]
    owner_id, municipality_id = _group_key(kind, level, first)
    to = recipients(kind, level, owner_id=owner_id, municipality_id=municipality_id)
    if not to:
        return None
    new = _record(kind, level, items, now)
    if not new:
        return None
    what, awaited = wording(kind, len(new))
    mail_after_commit(
        template="followup/email/followup",
        context={
            "count": len(new),
            "what": what,
            "awaited": awaited,
            "days": days,
            "escalation": level == FollowUpLevel.ESCALATION,
            "place": _place(kind, level, owner_id, municipality_id),
            "url": _link(kind, level),
        },
        to=to,
    )
    return Sent(kind, level, len(new), tuple(to))


def followups_send(*, now: dt.datetime | None = None) -> list[Sent]:
    """Every reminder and escalation due at ``now`` that was not sent yet,
    one mail per group of recipients and kind. Safe to run at any moment and
    as often as you like."""
    now = now or timezone.now()
    sent = []
    for kind, rule in deadlines().items():
        for level, days in (
            (FollowUpLevel.REMINDER, rule.reminder),
            (FollowUpLevel.ESCALATION, rule.escalation),
        ):
            groups: dict[tuple, list[Item]] = defaultdict(list)
            for item in candidates(kind, days=days, now=now, not_sent=level):
                groups[_group_key(kind, level, item)].append(item)
            for items in groups.values():
                result = followup_group_send(
                    kind=kind, level=level, items=items, days=days, now=now
                )
                if result:
                    sent.append(result)
    return sent
