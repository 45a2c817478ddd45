"""Small domain services for initiatives: area assignment, lists, home page,
and membership (``initiative_member_add`` / ``_remove``)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.gis.geos import Point
from django.db import connection, transaction
from django.utils import timezone

from . import agenda
from .access import follow_membership
from .models.geography import Municipality, Neighbourhood
from .models.membership import InitiativeMember, MemberRole
from .models.pages import InitiativePage


def area_for_point(point: Point | None) -> tuple[Neighbourhood | None, Municipality | None]:
    """The wijk and municipality whose boundary covers ``point``."""
    if point is None:
        return None, None
    point = Point(point.x, point.y, srid=4326)
    wijk = Neighbourhood.objects.containing(point).select_related("municipality").first()
    if wijk:
        return wijk, wijk.municipality
    return None, Municipality.objects.filter(boundary__covers=point).first()


def assign_areas(model) -> int:
    """Recompute wijk and municipality for every row of a listing model in
    two statements (after boundaries change, or after a bulk load)."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {table} AS t SET neighbourhood_id = n.id, municipality_id = n.municipality_id
            FROM initiatives_neighbourhood AS n
            WHERE t.location IS NOT NULL
              AND ST_Covers(n.boundary, t.location::geometry)
              AND t.neighbourhood_id IS DISTINCT FROM n.id
            """
        )
        changed = cursor.rowcount
        cursor.execute(
            f"""
            UPDATE {table} AS t SET municipality_id = m.id
            FROM initiatives_municipality AS m
            WHERE t.location IS NOT NULL AND t.neighbourhood_id IS NULL
              AND ST_Covers(m.boundary, t.location::geometry)
              AND t.municipality_id IS DISTINCT FROM m.id
            """
        )
        return changed + cursor.rowcount


def listing_models():
    from .models import ActivityPage, InitiativePage, MeetingPlacePage, VacancyPage

    return [InitiativePage, ActivityPage, MeetingPlacePage, VacancyPage]


def activities_between(
    start: datetime,
    end: datetime,
    *,
    point: Point | None = None,
    km: float = 10,
    limit: int = 12,
    starting_after: datetime | None = None,
):
    """Occurrences of live activities between two moments, soonest first
    (nearest first among those when a point is given).

    Expands the schedule of every live activity: the agenda of a site without
    the search index (see ``agenda``), and the oracle the index is tested
    against. Pages use ``agenda_between``."""
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


def agenda_between(start: datetime, end: datetime, **kwargs) -> list:
    """``activities_between`` as the registered agenda (the search index)
    answers it, or computed from the pages when nothing is registered."""
    return (agenda.registered() or activities_between)(start, end, **kwargs)


def home_context(params) -> dict:
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
    return {
        "near_form": form,
        "place_label": place_label,
        "today": agenda_between(now, end_of_today, point=point, km=km or 10),
        # Only what starts after today: an evening running past midnight is
        # already listed under today.
        "this_week": agenda_between(
            end_of_today, week_end, point=point, km=km or 10, starting_after=end_of_today
        ),
        "themes": Theme.objects.all(),
    }


# --- membership ---


@transaction.atomic
def initiative_member_add(
    *, user: AbstractBaseUser, initiative: InitiativePage, role: str = MemberRole.MEMBER
) -> InitiativeMember:
    """Make ``user`` a member of ``initiative`` (an existing membership is kept
    as it is) and put them in the initiative's Wagtail group, if it has one,
    so they can edit its pages."""
    member, _ = InitiativeMember.objects.get_or_create(
        user=user, initiative=initiative, defaults={"role": role}
    )
    follow_membership(user, initiative.pk, member=True)
    return member


@transaction.atomic
def initiative_member_change(*, member: InitiativeMember) -> InitiativeMember:
    """Save an edited membership (the Django admin): a user or initiative
    that changed leaves the old initiative's group and joins the new one."""
    old = InitiativeMember.objects.filter(pk=member.pk).first() if member.pk else None
    member.full_clean()
    member.save()
    if old is not None and (old.user_id, old.initiative_id) != (
        member.user_id,
        member.initiative_id,
    ):
        follow_membership(old.user, old.initiative_id, member=False)
    follow_membership(member.user, member.initiative_id, member=True)
    return member


@transaction.atomic
def initiative_member_remove(*, member: InitiativeMember) -> None:
    """End a membership and take the user out of the initiative's group."""
    member.delete()
    follow_membership(member.user, member.initiative_id, member=False)
