"""Reads of help requests and offers that compose."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import models

from initiatives.querysets import for_moderator, knn

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
    from django.contrib.gis.geos import Point


class HelpRequestQuerySet(models.QuerySet):
    def published(self) -> HelpRequestQuerySet:
        from .models import HelpRequestStatus

        return self.filter(status=HelpRequestStatus.PUBLISHED)

    def pending(self) -> HelpRequestQuerySet:
        from .models import HelpRequestStatus

        return self.filter(status=HelpRequestStatus.PENDING)

    def for_moderator(self, user: AbstractBaseUser | AnonymousUser) -> HelpRequestQuerySet:
        """Only the requests of the gemeenten ``user`` moderates."""
        return for_moderator(self, user, "municipality")

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
            "language",  # the text's lang and dir
            "when_text",
            "when_date",
            "public_location",
            "published_at",
            "created_at",
            "status",
            "neighbourhood__name",
        )

    def due_for_archive(self, cutoff: datetime) -> HelpRequestQuerySet:
        """Published, paused or matched requests made before ``cutoff``."""
        from .models import HelpRequestStatus

        return self.filter(
            status__in=[
                HelpRequestStatus.PUBLISHED,
                HelpRequestStatus.PAUSED,
                HelpRequestStatus.MATCHED,
            ],
            created_at__lt=cutoff,
        )


class HelpOfferQuerySet(models.QuerySet):
    def to_requester(self, user: AbstractBaseUser | AnonymousUser) -> HelpOfferQuerySet:
        """Offers on ``user``'s own requests (anything else is a 404)."""
        return self.filter(help_request__requester=user) if user.is_authenticated else self.none()
