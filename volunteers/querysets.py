"""Reads compose here: ``Response.objects.for_initiative_member(user).with_status(s)``."""

from __future__ import annotations

from django.db import models
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr


def _sees_everything(user) -> bool:
    return bool(user.is_active and (user.is_staff or user.is_superuser))


class ResponseQuerySet(models.QuerySet):
    def of_volunteer(self, user):
        return self.filter(volunteer=user)

    def for_initiative_member(self, user):
        """Responses to vacancies of initiatives ``user`` is a member of (all
        of them for staff). A vacancy is a direct child of its initiative, so
        the initiative's tree path is the vacancy's path minus one step."""
        from initiatives.models import VacancyPage

        from .models import InitiativeMember

        if not user.is_authenticated:
            return self.none()
        if _sees_everything(user):
            return self
        parent_path = Substr(
            OuterRef("vacancy__path"), 1, Length(OuterRef("vacancy__path")) - VacancyPage.steplen
        )
        return self.filter(
            Exists(InitiativeMember.objects.filter(user=user, initiative__path=parent_path))
        )

    def with_status(self, status: str | None):
        return self.filter(status=status) if status else self

    def matched(self):
        from .models import ResponseStatus

        return self.filter(status=ResponseStatus.MATCHED)

    def with_details(self):
        """What the lists show: volunteer, profile and vacancy in one query."""
        return self.select_related("volunteer__volunteer_profile", "vacancy")


class InitiativeMemberQuerySet(models.QuerySet):
    def of_user(self, user):
        return self.filter(user=user) if user.is_authenticated else self.none()

    def answers_for(self, user, initiative) -> bool:
        """Whether ``user`` may handle the responses of ``initiative``."""
        if not user.is_authenticated:
            return False
        if _sees_everything(user):
            return True
        return self.filter(user=user, initiative=initiative).exists()
