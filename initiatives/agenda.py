"""What is on: occurrences of activities between two moments, and the home
page's "today" and "this week". Reads only.

initiatives cannot import search (apps import in one direction, see
docs/architecture.md), yet the search index is what answers "what is on"
without expanding every schedule. So the answer comes from a provider that
search registers in its ``AppConfig.ready()`` (``register``); without one
(search not installed) it is computed from the pages themselves
(``activities_between``), which reads every live activity: correct, and fine
for a small site only. It stays as the oracle the index is tested against.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from django.contrib.gis.geos import Point
from django.http import QueryDict
from django.utils import timezone

from .schedule import Occurrence

if TYPE_CHECKING:
    from .models import ActivityPage


class AgendaProvider(Protocol):
    def __call__(
        self,
        start: datetime,
        end: datetime,
        *,
        point: Point | None = None,
        km: float = 10,
        limit: int = 12,
        starting_after: datetime | None = None,
    ) -> list[tuple[Occurrence, ActivityPage]]:
        """At most ``limit`` occurrences that have not ended at ``start`` and
        begin before ``end`` (and after ``starting_after``, if given), soonest
        first, nearest first among equals, each with its activity
        (``initiative_title`` and, near a point, ``distance`` set)."""
        ...


_provider: AgendaProvider | None = None


def register(provider: AgendaProvider | None) -> None:
    """Answer the agenda with ``provider`` from now on (None: the pages)."""
    global _provider
    _provider = provider


def registered() -> AgendaProvider | None:
    return _provider


def agenda_between(
    start: datetime, end: datetime, **kwargs
) -> list[tuple[Occurrence, ActivityPage]]:
    """``activities_between`` as the registered provider (the search index)
    answers it, or computed from the pages when none is registered."""
    return (_provider or activities_between)(start, end, **kwargs)


def activities_between(
    start: datetime,
    end: datetime,
    *,
    point: Point | None = None,
    km: float = 10,
    limit: int = 12,
    starting_after: datetime | None = None,
) -> list[tuple[Occurrence, ActivityPage]]:
    """Occurrences of live activities between two moments, soonest first
    (nearest first among those when a point is given).

    Expands the schedule of every live activity: the agenda of a site without
    the search index, and the oracle the index is tested against. Pages ask
    ``agenda_between``."""
    from .models import ActivityPage

    candidates = (
        ActivityPage.objects.live()
        .public()
        .filter(starts_on__lte=end.date())
        .exclude(repeat_until__lt=start.date())
        .exclude(
            recurrence="once", starts_on__lt=start.date() - timedelta(days=1), ends_on__isnull=True
        )
        .prefetch_related("exceptions")
        .with_initiative()
    )
    if point is not None:
        candidates = candidates.near(point, km).with_distance(point)
    found = []
    for activity in candidates:
        for occurrence in activity.occurrences_between(start, end):
            if starting_after is None or occurrence.start > starting_after:
                found.append((occurrence, activity))
    found.sort(key=_soonest_nearest)
    return found[:limit]


def _soonest_nearest(pair) -> tuple:
    occurrence, activity = pair
    # In metres: a Distance of 0 (an activity at the very postcode) is falsy
    # and does not compare with a plain 0.
    distance = getattr(activity, "distance", None)
    return occurrence.start, distance.m if distance is not None else 0, activity.pk


def home_context(params: QueryDict | None) -> dict:
    """What the home page shows: today and this week, near a postcode if given."""
    from .forms import NearForm
    from .models import Theme

    form = NearForm(params or None)
    point, place_label = None, ""
    if form.is_valid():
        point, place_label = form.cleaned_data["point"], form.cleaned_data["label"]
    now = timezone.localtime()
    end_of_today = now.replace(hour=23, minute=59, second=59)
    week_end = now + timedelta(days=7)
    km = form.cleaned_data.get("km") if form.is_valid() else None
    from .places import choice_links

    return {
        "near_form": form,
        "place_label": place_label,
        "place_choices": choice_links(form.data, "postcode", form.place_choices),
        "today": agenda_between(now, end_of_today, point=point, km=km or 10),
        # Only what starts after today: an evening running past midnight is
        # already listed under today.
        "this_week": agenda_between(
            end_of_today, week_end, point=point, km=km or 10, starting_after=end_of_today
        ),
        "themes": Theme.objects.all(),
    }
