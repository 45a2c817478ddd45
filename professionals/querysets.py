"""Reads on professionals' accounts: ``ProfessionalProfile.objects.pending().for_moderator(u)``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from initiatives.querysets import for_moderator

from .choices import ProfessionalStatus

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


class ProfessionalQuerySet(models.QuerySet):
    def approved(self) -> ProfessionalQuerySet:
        return self.filter(status=ProfessionalStatus.APPROVED)

    def pending(self) -> ProfessionalQuerySet:
        return self.filter(status=ProfessionalStatus.PENDING)

    def for_moderator(self, user: AbstractBaseUser | AnonymousUser) -> ProfessionalQuerySet:
        """Only the applications of the gemeenten ``user`` moderates."""
        return for_moderator(self, user, "municipality")

    def of_user(self, user: AbstractBaseUser | AnonymousUser) -> ProfessionalQuerySet:
        return self.filter(user=user) if user.is_authenticated else self.none()


def professional_of(user: AbstractBaseUser | AnonymousUser):
    """``user``'s professional account, or None. Django keeps the answer on
    the user object, so a listing page and its header ask once."""
    if not (user.is_authenticated and user.is_active):
        return None
    # RelatedObjectDoesNotExist is an AttributeError: no account gives None.
    return getattr(user, "professional", None)


def is_approved_professional(user: AbstractBaseUser | AnonymousUser) -> bool:
    """May ``user`` refer residents?"""
    profile = professional_of(user)
    return bool(profile and profile.status == ProfessionalStatus.APPROVED)
