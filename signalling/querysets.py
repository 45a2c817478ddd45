"""Reads of signals that compose. Who may read a signal is decided here, in
one place: the staff of the contact point it was sent to, nobody else."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q


class HelpSignalQuerySet(models.QuerySet):
    def for_staff(self, user) -> HelpSignalQuerySet:
        """The signals ``user`` may read: those sent to a contact point they
        are staff of. Being a superuser, a moderator or the signaller gives
        nothing here."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(contact_point__staff=user)

    def open(self) -> HelpSignalQuerySet:
        return self.filter(closed_at__isnull=True)

    def expired(self, *, now: dt.datetime, closed_days: int, max_days: int) -> HelpSignalQuerySet:
        """Past their retention: closed more than ``closed_days`` ago, or sent
        more than ``max_days`` ago whatever their status."""
        return self.filter(
            Q(closed_at__lt=now - dt.timedelta(days=closed_days))
            | Q(created_at__lt=now - dt.timedelta(days=max_days))
        )
