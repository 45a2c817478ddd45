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

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Protocol

from django.contrib.gis.geos import Point
from django.http import QueryDict
from django.utils import timezone

from .schedule import Occurrence, aware

# "Deze week" without a place: this many of each day.
WEEK_PER_DAY = 3

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
        per_day: int | None = None,
    ) -> list[tuple[Occurrence, ActivityPage]]:
        """At most ``limit`` occurrences that have not ended at ``start`` and
        begin before ``end`` (and after ``starting_after``, if given), soonest
        first, nearest first among equals, each with its activity
        (``initiative_title`` and, near a point, ``distance`` set). With
        ``per_day``, instead of ``limit``: only what starts in the window, at
        most that many on each (local) day, so the answer spreads over it."""
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
    per_day: int | None = None,
) -> list[tuple[Occurrence, ActivityPage]]:
    """Occurrences of live activities between two moments, soonest first
    (nearest first among those when a point is given); with ``per_day``, only
    what starts in the window, at most that many on each day, not ``limit``.

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
    if per_day is not None:
        return first_per_day([p for p in found if p[0].start >= start], per_day)
    return found[:limit]


def first_per_day(
    pairs: list[tuple[Occurrence, ActivityPage]], per_day: int
) -> list[tuple[Occurrence, ActivityPage]]:
    """The first ``per_day`` of each day from ``pairs`` (in their order)."""
    taken: dict = {}
    kept = []
    for occurrence, activity in pairs:
        if taken.get(occurrence.date, 0) < per_day:
            taken[occurrence.date] = taken.get(occurrence.date, 0) + 1
            kept.append((occurrence, activity))
    return kept


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
    from .models.taxonomy import by_display_name

    form = NearForm(params or None)
    point, place_label = None, ""
    if form.is_valid():
        point, place_label = form.cleaned_data["point"], form.cleaned_data["label"]
    now = timezone.localtime()
    end_of_today = now.replace(hour=23, minute=59, second=59)
    # The seven days after today, whole.
    week_end = aware(now.date() + timedelta(days=8), time.min)
    km = form.cleaned_data.get("km") if form.is_valid() else None
    from .places import choice_links

    # Only what starts after today: an evening running past midnight is
    # already listed under today.
    if point is None:
        # Without a place the soonest twelve were a day and a half of towns
        # 40 km apart (issue 16): a few of each day instead, and the page asks
        # for a place.
        this_week = agenda_between(
            end_of_today, week_end, starting_after=end_of_today, per_day=WEEK_PER_DAY
        )
    else:
        this_week = agenda_between(
            end_of_today, week_end, point=point, km=km or 10, starting_after=end_of_today
        )
    return {
        "near_form": form,
        "place_label": place_label,
        # The contact point block resolves its wijk from it (contactpoints'
        # template tag: this app cannot import contactpoints).
        "place_point": point,
        "place_choices": choice_links(form.data, "postcode", form.place_choices),
        "today": agenda_between(now, end_of_today, point=point, km=km or 10),
        "this_week": this_week,
        # The home page's theme buttons, in the order of the names shown.
        "themes": by_display_name(Theme.objects.all()),
    }
