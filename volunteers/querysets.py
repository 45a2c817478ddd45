"""Reads compose here: ``Response.objects.for_initiative_member(user).with_status(s)``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Exists, OuterRef, Subquery
from django.db.models.functions import Length, Substr

from initiatives.models import InitiativeMember, InitiativePage, VacancyPage
from initiatives.querysets import sees_everything

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


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

    def of_initiative(self, initiative: InitiativePage) -> ResponseQuerySet:
        """Answerable responses to the vacancies under ``initiative`` (its
        children: the path prefix keeps it one index range)."""
        return self.filter(volunteer__isnull=False, vacancy__path__startswith=initiative.path)

    def with_status(self, status: str | None) -> ResponseQuerySet:
        return self.filter(status=status) if status else self

    def matched(self) -> ResponseQuerySet:
        from .models import ResponseStatus

        return self.filter(status=ResponseStatus.MATCHED)

    def with_initiative(self) -> ResponseQuerySet:
        """The vacancy's initiative: its title, and the contact details
        "Mijn reacties" shows once the initiative is in contact (one
        subquery each, no query per row)."""
        parent = InitiativePage.objects.filter(
            path=Substr(
                OuterRef("vacancy__path"),
                1,
                Length(OuterRef("vacancy__path")) - VacancyPage.steplen,
            )
        )
        return self.annotate(
            **{
                f"initiative_{name}": Subquery(parent.values(name)[:1])
                for name in ("title", "contact_name", "phone", "email")
            }
        )

    def with_details(self) -> ResponseQuerySet:
        """What the lists show: volunteer, profile and vacancy in one query."""
        return self.select_related("volunteer__volunteer_profile", "vacancy")
