"""What is on: occurrences of activities between two moments, and the home
page's "today" and "this week". Reads only."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.contrib.gis.geos import Point
from django.http import QueryDict
from django.utils import timezone

from .schedule import Occurrence

if TYPE_CHECKING:
    from .models import ActivityPage


def activities_between(
    start: datetime, end: datetime, *, point: Point | None = None, km: float = 10, limit: int = 12
) -> list[tuple[Occurrence, ActivityPage]]:
    """Occurrences of live activities between two moments, soonest first
    (nearest first among those when a point is given)."""
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
            found.append((occurrence, activity))
    found.sort(key=lambda pair: (pair[0].start, getattr(pair[1], "distance", 0) or 0))
    return found[:limit]


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
        "today": activities_between(now, end_of_today, point=point, km=km or 10),
        # Only what starts after today: an evening running past midnight is
        # already listed under today.
        "this_week": [
            pair
            for pair in activities_between(
                end_of_today, week_end, point=point, km=km or 10, limit=40
            )
            if pair[0].start > end_of_today
        ][:12],
        "themes": Theme.objects.all(),
    }
