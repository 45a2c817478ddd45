"""Reads compose here: ``VacancyPage.objects.live().near(point, km=10).open()``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from django.contrib.gis.db.models.functions import Distance
from django.contrib.gis.geos import Point
from django.contrib.gis.measure import D
from django.contrib.postgres.aggregates import ArrayAgg
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Greatest, Length, Substr
from django.utils import timezone
from wagtail.models import PageManager
from wagtail.query import PageQuerySet

from .choices import VacancyStatus
from .freshness_rules import thresholds
from .schedule import Schedule

if TYPE_CHECKING:
    from datetime import datetime

    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from .models import InitiativePage, Municipality, Neighbourhood, Theme


def moderated_municipality_ids(user: AbstractBaseUser | AnonymousUser) -> frozenset[int] | None:
    """The gemeenten whose help requests, registrations and figures ``user``
    moderates; None means all of them: a superuser, or a moderator tied to no
    gemeente (``Municipality.moderators``). Whether ``user`` is a moderator at
    all is the caller's check. Kept on the user object: the menu, the
    dashboard and the page all ask within one request."""
    if not user.is_authenticated:
        return frozenset()
    if user.is_superuser:
        return None
    cached = getattr(user, "_moderated_municipality_ids", False)
    if cached is not False:
        return cached
    ids = frozenset(user.moderated_municipalities.values_list("pk", flat=True)) or None
    user._moderated_municipality_ids = ids
    return ids


def for_moderator(queryset: models.QuerySet, user, path: str) -> models.QuerySet:
    """``queryset`` limited to the gemeenten ``user`` moderates, the gemeente
    found at ``path`` (``municipality``, ``page__municipality``). Something
    with no gemeente (no point, or a point outside every gemeente) is only for
    those who moderate everything."""
    ids = moderated_municipality_ids(user)
    return queryset if ids is None else queryset.filter(**{f"{path}__in": ids})


class NeighbourhoodQuerySet(models.QuerySet):
    def containing(self, point: Point) -> NeighbourhoodQuerySet:
        return self.filter(boundary__covers=point)


def knn(model: type[models.Model], point: Point, column: str = "location") -> RawSQL:
    """Order by the KNN operator ``<->``, which walks the GiST index nearest
    first; ``order_by(Distance(...))`` would compute every row's distance."""
    return RawSQL(f'"{model._meta.db_table}"."{column}" <-> %s::geography', [point.ewkt])


class ListingQuerySet(PageQuerySet):
    def near(self, point: Point, km: float) -> Self:
        """Within ``km`` of ``point`` (uses the GiST index on geography)."""
        return self.filter(location__dwithin=(point, D(km=km)))

    def with_distance(self, point: Point) -> Self:
        return self.annotate(distance=Distance("location", point))

    def nearest_first(self, point: Point) -> Self:
        return self.order_by(knn(self.model, point))

    def with_themes(self, *themes: Theme | int) -> Self:
        return self.filter(themes__in=themes).distinct() if themes else self

    def in_neighbourhood(self, neighbourhood: Neighbourhood | int) -> Self:
        return self.filter(neighbourhood=neighbourhood)

    def in_municipality(self, municipality: Municipality | int) -> Self:
        return self.filter(municipality=municipality)

    def with_initiative(self) -> Self:
        """Annotate the parent initiative's title and url path without a query
        per row (the parent's tree path is this path minus one step)."""
        from .models import InitiativePage

        parent = InitiativePage.objects.filter(
            path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - self.model.steplen)
        )
        return self.annotate(
            initiative_title=Subquery(parent.values("title")[:1]),
            initiative_url_path=Subquery(parent.values("url_path")[:1]),
        )

    # -- freshness (docs/freshness.md) -----------------------------------
    def with_last_confirmed(self) -> Self:
        """``last_confirmed_at``: the later of the last publish and the last
        confirmation (GREATEST skips a NULL)."""
        return self.annotate(last_confirmed_at=Greatest("confirmed_at", "last_published_at"))

    def _asked(self) -> Q:
        return Q(confirm_requested_at__gte=F("last_confirmed_at"))

    def confirm_due(self, now: datetime) -> Self:
        """Live, past the period and not asked since the last confirmation."""
        t = thresholds(self.model.freshness_kind(), now)
        return (
            self.live()
            .with_last_confirmed()
            .filter(last_confirmed_at__lt=t.ask_before)
            .exclude(self._asked())
        )

    def stale(self, now: datetime) -> Self:
        """Live and marked "Niet recent bijgewerkt"."""
        t = thresholds(self.model.freshness_kind(), now)
        return self.live().with_last_confirmed().filter(last_confirmed_at__lt=t.stale_before)

    def offline_due(self, now: datetime) -> Self:
        """Stale for the offline days too, and asked long enough ago: never
        taken offline without the question having gone out first."""
        t = thresholds(self.model.freshness_kind(), now)
        return (
            self.live()
            .with_last_confirmed()
            .filter(last_confirmed_at__lt=t.offline_before, confirm_requested_at__lt=t.asked_before)
            .filter(self._asked())
        )

    def taken_offline(self) -> Self:
        """Unpublished by ``send_freshness_checks`` and not published since."""
        return self.filter(live=False, taken_offline_at__gte=F("last_published_at"))


class VacancyQuerySet(ListingQuerySet):
    def open(self) -> Self:
        return self.filter(status=VacancyStatus.OPEN).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=timezone.localdate())
        )


class ActivityQuerySet(ListingQuerySet):
    def schedules(self) -> dict[int, Schedule]:
        """Each activity's ``Schedule`` (with its exceptions) by page id, in
        one query: for lists of many activities, where ``get_schedule()``
        would cost a query per page."""
        rows = self.annotate(
            exception_dates=ArrayAgg("exceptions__date", filter=Q(exceptions__isnull=False))
        ).values(
            "pk", "starts_on", "start_time", "end_time", "recurrence", "ends_on",
            "repeat_until", "exception_dates",
        )  # fmt: skip
        return {
            row.pop("pk"): Schedule(
                exceptions=frozenset(row.pop("exception_dates") or ()),
                **row,
            )
            for row in rows
        }


ListingManager = PageManager.from_queryset(ListingQuerySet)
ActivityManager = PageManager.from_queryset(ActivityQuerySet)
VacancyManager = PageManager.from_queryset(VacancyQuerySet)


def sees_everything(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Staff see every initiative's inbox and responses."""
    return bool(user.is_active and (user.is_staff or user.is_superuser))


class InitiativeMemberQuerySet(models.QuerySet):
    def of_user(self, user: AbstractBaseUser | AnonymousUser) -> InitiativeMemberQuerySet:
        return self.filter(user=user) if user.is_authenticated else self.none()

    def opens_inbox(self, user: AbstractBaseUser | AnonymousUser) -> bool:
        """Whether ``user`` has an inbox: staff, or a member of an initiative."""
        return sees_everything(user) or self.of_user(user).exists()

    def answers_for(
        self, user: AbstractBaseUser | AnonymousUser, initiative: InitiativePage | int
    ) -> bool:
        """Whether ``user`` may handle the responses of ``initiative``."""
        if not user.is_authenticated:
            return False
        if sees_everything(user):
            return True
        return self.filter(user=user, initiative=initiative).exists()
