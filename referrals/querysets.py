"""Reads on referrals: who may see which. Every read of a referral goes
through one of these, so an initiative sees only its own and a professional
only those they made."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Exists, OuterRef

from initiatives.models import InitiativeMember
from initiatives.querysets import sees_everything

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

OPEN = ("sent", "contacted")


class ReferralQuerySet(models.QuerySet):
    def for_initiative_member(self, user: AbstractBaseUser | AnonymousUser) -> ReferralQuerySet:
        """Referrals to initiatives ``user`` is a member of (all of them for
        staff, who see every inbox); never the ones withdrawn by the
        professional."""
        if not user.is_authenticated:
            return self.none()
        visible = self.exclude(status="cancelled").filter(initiative__isnull=False)
        if sees_everything(user):
            return visible
        return visible.filter(
            Exists(
                InitiativeMember.objects.filter(user=user, initiative_id=OuterRef("initiative_id"))
            )
        )

    def of_professional(self, user: AbstractBaseUser | AnonymousUser) -> ReferralQuerySet:
        return self.filter(professional=user) if user.is_authenticated else self.none()

    def about_digests(self, digests: list[str]) -> ReferralQuerySet:
        """Referrals about the resident whose addresses hash to ``digests``."""
        digests = [d for d in digests if d]
        return self.filter(resident_email_digest__in=digests) if digests else self.none()

    def open(self) -> ReferralQuerySet:
        return self.filter(status__in=OPEN)
