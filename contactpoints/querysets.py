from __future__ import annotations

from django.db import models

from initiatives.models import Municipality, Neighbourhood


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
