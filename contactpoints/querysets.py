from __future__ import annotations

from django.db import models
from django.db.models import Prefetch

from initiatives.models import Municipality, Neighbourhood
from initiatives.querysets import moderated_municipality_ids


class ContactPointQuerySet(models.QuerySet):
    def active(self) -> ContactPointQuerySet:
        return self.filter(active=True)

    def for_neighbourhood(self, neighbourhood: Neighbourhood) -> ContactPointQuerySet:
        return self.filter(neighbourhoods=neighbourhood)

    def for_municipality(self, municipality: Municipality) -> ContactPointQuerySet:
        return self.filter(municipalities=municipality)

    def staffed_by(self, user) -> ContactPointQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(staff=user)

    def for_moderator(self, user) -> ContactPointQuerySet:
        """What a moderator may see and edit in the admin: everything for a
        superuser or a moderator tied to no gemeente; otherwise the contact
        points that serve at least one of the moderator's gemeenten (or a
        wijk in one) and nothing outside them. A point shared with another
        gemeente belongs to those who moderate both, or everything: a
        moderator of A could otherwise drop B's wijken from it."""
        ids = moderated_municipality_ids(user)
        if ids is None:
            return self
        wijken = self.model.neighbourhoods.through.objects
        gemeenten = self.model.municipalities.through.objects
        outside = gemeenten.exclude(municipality_id__in=ids).values("contactpoint_id")
        wijk_outside = wijken.exclude(neighbourhood__municipality_id__in=ids).values(
            "contactpoint_id"
        )
        inside = gemeenten.filter(municipality_id__in=ids).values("contactpoint_id")
        wijk_inside = wijken.filter(neighbourhood__municipality_id__in=ids).values(
            "contactpoint_id"
        )
        return (
            self.exclude(pk__in=outside)
            .exclude(pk__in=wijk_outside)
            .filter(models.Q(pk__in=inside) | models.Q(pk__in=wijk_inside))
        )

    def with_areas(self) -> ContactPointQuerySet:
        """The wijken (with their gemeente) and gemeenten in three queries,
        however many points."""
        return self.prefetch_related(
            Prefetch(
                "neighbourhoods",
                queryset=Neighbourhood.objects.select_related("municipality")
                .only("name", "municipality__name", "municipality__slug")
                .order_by("name"),
            ),
            Prefetch(
                "municipalities",
                queryset=Municipality.objects.only("name", "slug").order_by("name"),
            ),
        )
