"""Reads compose here: ``Response.objects.for_initiative_member(user).with_status(s)``."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr

from initiatives.models import InitiativeMember, VacancyPage
from initiatives.querysets import knn, sees_everything

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
    from django.contrib.gis.geos import Point


class ResponseQuerySet(models.QuerySet):
    def of_volunteer(self, user: AbstractBaseUser | AnonymousUser) -> ResponseQuerySet:
        return self.filter(volunteer=user)

    def for_initiative_member(self, user: AbstractBaseUser | AnonymousUser) -> ResponseQuerySet:
        """Responses to vacancies of initiatives ``user`` is a member of (all
        of them for staff). A vacancy is a direct child of its initiative, so
        the initiative's tree path is the vacancy's path minus one step."""
        if not user.is_authenticated:
            return self.none()
        # Anonymised responses (the volunteer left) still count, but there is
        # nobody to answer.
        answerable = self.filter(volunteer__isnull=False)
        if sees_everything(user):
            return answerable
        parent_path = Substr(
            OuterRef("vacancy__path"), 1, Length(OuterRef("vacancy__path")) - VacancyPage.steplen
        )
        return answerable.filter(
            Exists(InitiativeMember.objects.filter(user=user, initiative__path=parent_path))
        )

    def with_status(self, status: str | None) -> ResponseQuerySet:
        return self.filter(status=status) if status else self

    def matched(self) -> ResponseQuerySet:
        from .models import ResponseStatus

        return self.filter(status=ResponseStatus.MATCHED)

    def with_details(self) -> ResponseQuerySet:
        """What the lists show: volunteer, profile and vacancy in one query."""
        return self.select_related("volunteer__volunteer_profile", "vacancy")


# --- help requests ---
class HelpRequestQuerySet(models.QuerySet):
    def published(self) -> HelpRequestQuerySet:
        from .models import HelpRequestStatus

        return self.filter(status=HelpRequestStatus.PUBLISHED)

    def pending(self) -> HelpRequestQuerySet:
        from .models import HelpRequestStatus

        return self.filter(status=HelpRequestStatus.PENDING)

    def of_requester(self, user: AbstractBaseUser | AnonymousUser) -> HelpRequestQuerySet:
        return self.filter(requester=user) if user.is_authenticated else self.none()

    def with_kind(self, kind: str | None) -> HelpRequestQuerySet:
        return self.filter(kind=kind) if kind else self

    def with_public_distance(self, point: Point) -> HelpRequestQuerySet:
        """Distance from ``point`` to the rounded public point (never the exact one)."""
        from django.contrib.gis.db.models.functions import Distance

        return self.annotate(distance=Distance("public_location", point))

    def nearest_first(self, point: Point) -> HelpRequestQuerySet:
        """Nearest public point first, through its GiST index."""

        return self.order_by(knn(self.model, point, "public_location"))

    def for_public_list(self) -> HelpRequestQuerySet:
        """Only what the public pages show, with the wijk in the same query."""
        return self.select_related("neighbourhood").only(
            "id",
            "requester",  # the id only: "is this my own request?"
            "kind",
            "title",
            "description",
            "when_text",
            "when_date",
            "public_location",
            "published_at",
            "created_at",
            "status",
            "neighbourhood__name",
        )

    def due_for_archive(self, cutoff: datetime) -> HelpRequestQuerySet:
        """Published or matched requests made before ``cutoff``."""
        from .models import HelpRequestStatus

        return self.filter(
            status__in=[HelpRequestStatus.PUBLISHED, HelpRequestStatus.MATCHED],
            created_at__lt=cutoff,
        )


class HelpOfferQuerySet(models.QuerySet):
    def to_requester(self, user: AbstractBaseUser | AnonymousUser) -> HelpOfferQuerySet:
        """Offers on ``user``'s own requests (anything else is a 404)."""
        return self.filter(help_request__requester=user) if user.is_authenticated else self.none()
