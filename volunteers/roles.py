"""Which roles a logged-in person has on the site, for the account menu in the
header: a volunteer menu ("Voor jou", profile, responses) is noise for an
initiative's member, who comes for their initiative and its inbox (issue 16).
Someone who is both gets both."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Exists, OuterRef, Subquery

from contactpoints.models import ContactPoint
from initiatives.models import InitiativeMember
from initiatives.querysets import sees_everything
from professionals.models import ProfessionalProfile
from signalling.models import HelpSignal, SignalStatus

from .models import Response, ResponseStatus, VolunteerProfile


@dataclass(frozen=True)
class AccountRoles:
    volunteer: bool  # the volunteer menu: a profile, or no work on the site
    member: bool  # answers for an initiative: "Mijn initiatief"
    inbox: bool  # a member, or staff (who see every initiative's inbox)
    new_responses: int  # waiting in a member's inbox
    professional: str = ""  # their professional account's status, if any
    contact_point_staff: bool = False  # reads the signals of a contact point
    new_signals: int = 0  # signals not yet answered there


def account_roles(user: AbstractBaseUser) -> AccountRoles:
    """One query on every page (the header), a second for a member's inbox
    and one for the signals of a contact point's staff."""
    found = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .values(
            member=Exists(InitiativeMember.objects.filter(user=OuterRef("pk"))),
            profile=Exists(VolunteerProfile.objects.filter(user=OuterRef("pk"))),
            professional_status=Subquery(
                ProfessionalProfile.objects.filter(user=OuterRef("pk")).values("status")[:1]
            ),
            contact_point_staff=Exists(ContactPoint.objects.filter(staff=OuterRef("pk"))),
        )
        .get()
    )
    member = found["member"]
    # A new account is offered the volunteer path; who works on the site (an
    # initiative's member, a moderator: the CMS) only once they made a
    # volunteer profile too. The permission is cached on the user, and the
    # header asks it anyway.
    works_here = (
        member
        or found["professional_status"] == "approved"
        or user.has_perm("wagtailadmin.access_admin")
    )
    volunteer = found["profile"] or not works_here
    new_responses = (
        Response.objects.for_initiative_member(user).with_status(ResponseStatus.NEW).count()
        if member
        else 0
    )
    staff = found["contact_point_staff"]
    new_signals = (
        HelpSignal.objects.for_staff(user).filter(status=SignalStatus.NEW).count() if staff else 0
    )
    return AccountRoles(
        volunteer=volunteer,
        member=member,
        inbox=member or sees_everything(user),
        new_responses=new_responses,
        professional=found["professional_status"] or "",
        contact_point_staff=staff,
        new_signals=new_signals,
    )
