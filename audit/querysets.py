from __future__ import annotations

import datetime as dt

from django.db import models


class AccessEventQuerySet(models.QuerySet):
    def between(self, since: dt.datetime | None, until: dt.datetime | None):
        """``since`` inclusive, ``until`` exclusive; None leaves that end open."""
        qs = self
        if since is not None:
            qs = qs.filter(at__gte=since)
        if until is not None:
            qs = qs.filter(at__lt=until)
        return qs

    def in_municipalities(self, ids: frozenset[int] | None):
        """Only the events of these gemeenten; None: all of them."""
        return self if ids is None else self.filter(municipality_id__in=ids)

    def about(self, user_id: int):
        """Accesses to one person's data by someone else."""
        return self.filter(subject_id=user_id).exclude(actor_id=user_id)

    def older_than(self, moment: dt.datetime):
        return self.filter(at__lt=moment)
