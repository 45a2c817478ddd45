"""Recording access to personal data, and removing it after the retention
period. Views call ``record_access`` with a line; nothing is recorded from
``save()`` or signals (a script or the shell is not a person looking)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.requestid import current_request_id

from .models import AccessAction, AccessEvent, AccessObject, AccessRole


def _default_role(actor) -> str:
    if actor is None:
        return AccessRole.SYSTEM
    if actor.is_superuser:
        return AccessRole.ADMIN
    return AccessRole.USER


def record_access(
    *,
    actor,
    action: AccessAction | str,
    obj_type: AccessObject | str,
    obj_id: int | None,
    request=None,
    role: AccessRole | str = "",
    subject_id: int | None = None,
    municipality_id: int | None = None,
    purpose: str = "",
) -> AccessEvent:
    """Write one event. ``actor`` is the account that looked (None for the
    system), ``role`` the capacity it looked in (a superuser is always
    "beheerder"), ``subject_id`` whose data it is, ``municipality_id`` the
    gemeente whose moderators may read the event. ``purpose`` is a short
    reason, never the content of the data. The request id comes from the
    request being handled."""
    if actor is not None and not actor.is_authenticated:
        actor = None
    if actor is not None and actor.is_superuser:
        role = AccessRole.ADMIN
    event = AccessEvent(
        actor_id=actor.pk if actor is not None else None,
        role=role or _default_role(actor),
        action=action,
        obj_type=obj_type,
        obj_id=obj_id,
        subject_id=subject_id,
        municipality_id=municipality_id,
        purpose=purpose[:200],
        request_id=getattr(request, "request_id", "") or current_request_id(),
    )
    event.full_clean()
    event.save()
    return event


@dataclass(frozen=True)
class Seen:
    """One object of a list that showed personal data."""

    obj_id: int
    subject_id: int | None = None
    municipality_id: int | None = None
    obj_type: str = ""  # when one list shows several kinds


def record_list_access(
    *,
    actor,
    obj_type: AccessObject | str = "",
    seen: Iterable[Seen],
    request=None,
    role: AccessRole | str = "",
    action: AccessAction | str = AccessAction.VIEW,
    purpose: str = "",
) -> list[AccessEvent]:
    """One event per object a list page showed (an inbox page), in one
    insert; ``obj_type`` for all of them, or each ``Seen``'s own."""
    if actor is not None and not actor.is_authenticated:
        actor = None
    if actor is not None and actor.is_superuser:
        role = AccessRole.ADMIN
    request_id = getattr(request, "request_id", "") or current_request_id()
    return AccessEvent.objects.bulk_create(
        AccessEvent(
            actor_id=actor.pk if actor is not None else None,
            role=role or _default_role(actor),
            action=action,
            obj_type=item.obj_type or obj_type,
            obj_id=item.obj_id,
            subject_id=item.subject_id,
            municipality_id=item.municipality_id,
            purpose=purpose[:200],
            request_id=request_id,
        )
        for item in seen
    )


def audit_purge(*, now: dt.datetime | None = None, days: int | None = None) -> int:
    """Delete the events older than ``AUDIT_RETENTION_DAYS``; returns how
    many. The only way rows leave the table."""
    days = settings.AUDIT_RETENTION_DAYS if days is None else days
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    with transaction.atomic():
        deleted, _ = AccessEvent.objects.older_than(cutoff).delete()
    return deleted
