"""When a listing is due for "Klopt dit nog?", marked stale and taken
offline (docs/freshness.md). Pure arithmetic on ``settings.FRESHNESS_*``:
the models (the badge), the querysets and the services all read it here.

A listing's *last confirmed* moment is the later of its last publish and its
last confirmation through the mailed link: publishing is confirming."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Per kind of listing (the page model's name without "page"): the days
# when settings.FRESHNESS_DAYS leaves a kind out.
DEFAULT_DAYS = {"vacancy": 90, "activity": 120, "meetingplace": 180, "initiative": 365}
KINDS = tuple(DEFAULT_DAYS)


@dataclass(frozen=True)
class Thresholds:
    """Moments before which the last confirmation makes a listing due, stale
    or ready to go offline."""

    ask_before: datetime
    stale_before: datetime
    offline_before: datetime
    # Taken offline only when we asked at least grace + offline days ago.
    asked_before: datetime


def period_days(kind: str) -> int:
    configured = dict(getattr(settings, "FRESHNESS_DAYS", {}) or {})
    unknown = set(configured) - set(KINDS)
    if unknown:
        raise ImproperlyConfigured(f"FRESHNESS_DAYS: unknown kind(s) {sorted(unknown)}")
    days = int(configured.get(kind, DEFAULT_DAYS[kind]))
    if days < 1:
        raise ImproperlyConfigured(f"FRESHNESS_DAYS: {kind} needs at least 1 day")
    return days


def thresholds(kind: str, now: datetime) -> Thresholds:
    ask = now - timedelta(days=period_days(kind))
    grace = timedelta(days=settings.FRESHNESS_GRACE_DAYS)
    offline = timedelta(days=settings.FRESHNESS_OFFLINE_DAYS)
    return Thresholds(
        ask_before=ask,
        stale_before=ask - grace,
        offline_before=ask - grace - offline,
        asked_before=now - grace - offline,
    )


def last_confirmed(confirmed_at: datetime | None, published_at: datetime | None):
    moments = [m for m in (confirmed_at, published_at) if m is not None]
    return max(moments) if moments else None


def is_stale(kind: str, confirmed: datetime | None, now: datetime) -> bool:
    """Marked "Niet recent bijgewerkt": not confirmed since the period plus
    the grace days. Never confirmed nor published: not a public listing."""
    return confirmed is not None and confirmed < thresholds(kind, now).stale_before
