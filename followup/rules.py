"""The deadlines per kind from ``settings.FOLLOWUP_DAYS``
(``"help_request=3:5,..."``: working days to the reminder, then to the
escalation)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .models import FollowUpKind

DEFAULTS = {
    # A resident waits for the moderator before anyone can offer help.
    FollowUpKind.HELP_MODERATION: (1, 2),
    FollowUpKind.HELP_REQUEST: (3, 5),
    FollowUpKind.RESPONSE: (3, 5),
    FollowUpKind.REFERRAL: (2, 4),
    FollowUpKind.SIGNAL: (2, 3),
    FollowUpKind.REGISTRATION: (5, 10),
}


@dataclass(frozen=True)
class Deadlines:
    reminder: int
    escalation: int


def deadlines() -> dict[str, Deadlines]:
    """Per kind; a kind the setting leaves out keeps its default. A typo is
    an error at once, not a silence that lets questions wait."""
    configured = dict(getattr(settings, "FOLLOWUP_DAYS", {}) or {})
    unknown = set(configured) - set(FollowUpKind.values)
    if unknown:
        raise ImproperlyConfigured(f"FOLLOWUP_DAYS: unknown kind(s) {sorted(unknown)}")
    result = {}
    for kind, (reminder, escalation) in DEFAULTS.items():
        value = configured.get(kind)
        if value is not None:
            try:
                first, second = (int(part) for part in str(value).split(":"))
            except ValueError as exc:
                raise ImproperlyConfigured(
                    f"FOLLOWUP_DAYS: {kind}={value!r} is not 'reminder:escalation'"
                ) from exc
            if not 0 < first <= second:
                raise ImproperlyConfigured(
                    f"FOLLOWUP_DAYS: {kind} needs 0 < reminder <= escalation, got {value!r}"
                )
            reminder, escalation = first, second
        result[kind] = Deadlines(reminder, escalation)
    return result
