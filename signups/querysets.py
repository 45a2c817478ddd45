"""Reads compose here: ``Signup.objects.in_line().of_user(user)``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

IN_LINE = ("confirmed", "waiting")


class SignupQuerySet(models.QuerySet):
    def of_user(self, user: AbstractBaseUser | AnonymousUser) -> SignupQuerySet:
        return self.filter(user=user) if user.is_authenticated else self.none()

    def in_line(self) -> SignupQuerySet:
        """Holding a place or waiting for one."""
        return self.filter(status__in=IN_LINE)

    def confirmed(self) -> SignupQuerySet:
        return self.filter(status="confirmed")

    def waiting(self) -> SignupQuerySet:
        return self.filter(status="waiting").order_by("queued_at", "pk")
