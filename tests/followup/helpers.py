"""Rows for the follow-up tests, made directly (the services that make
referrals and signals belong to other apps), with their start moved to a
fixed moment so deadlines are tested without waiting."""

from __future__ import annotations

import datetime as dt
import itertools
import zoneinfo

from django.contrib.auth.models import Group
from django.utils import timezone

from contactpoints.models import ContactPoint
from initiatives.models import InitiativeRegistration
from initiatives.permissions import MODERATORS
from referrals.models import Referral
from signalling.models import HelpSignal
from tests.factories import (
    HelpRequestFactory,
    InitiativeMemberFactory,
    InitiativePageFactory,
    ResponseFactory,
    UserFactory,
    VacancyPageFactory,
)

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")
# A Monday morning; deadlines count from here.
MONDAY = dt.datetime(2026, 11, 2, 10, 0, tzinfo=AMS)
# Things a mail must never say (the residents' and volunteers' details).
SECRET = "Zxqvbn"
_n = itertools.count()


def at(moment: dt.datetime, days: int = 0, hours: int = 0) -> dt.datetime:
    return moment + dt.timedelta(days=days, hours=hours)


def moderator(*municipalities, **fields):
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get(name=MODERATORS))
    for municipality in municipalities:
        municipality.moderators.add(user)
    return user


def _moved(obj, field: str, moment: dt.datetime):
    type(obj).objects.filter(pk=obj.pk).update(**{field: moment})
    setattr(obj, field, moment)
    return obj


def help_request(municipality, *, published: dt.datetime = MONDAY, **fields):
    return HelpRequestFactory(
        municipality=municipality,
        published_at=published,
        title=f"Boodschappen voor {SECRET}",
        description=f"{SECRET} woont op de Dorpsstraat 1",
        **fields,
    )


def initiative(index, municipality, *, members=(), title="Buurthuis De Hoek"):
    page = InitiativePageFactory(parent=index, title=title, email="info@dehoek.nl")
    type(page).objects.filter(pk=page.pk).update(municipality=municipality)
    page.municipality = municipality
    for user in members:
        InitiativeMemberFactory(user=user, initiative=page)
    return page


def response(initiative_page, *, created: dt.datetime = MONDAY, **fields):
    vacancy = VacancyPageFactory(parent=initiative_page)
    type(vacancy).objects.filter(pk=vacancy.pk).update(municipality=initiative_page.municipality)
    volunteer = UserFactory(first_name=SECRET, email=f"{SECRET.lower()}{next(_n)}@example.nl")
    obj = ResponseFactory(
        vacancy=vacancy, volunteer=volunteer, message=f"Ik ben {SECRET}", **fields
    )
    return _moved(obj, "created_at", created)


def referral(initiative_page, *, created: dt.datetime = MONDAY, **fields):
    obj = Referral.objects.create(
        professional=UserFactory(),
        page=initiative_page,
        page_title=initiative_page.title,
        initiative=initiative_page,
        resident_name=SECRET,
        resident_phone="0612345678",
        note=f"{SECRET} is eenzaam",
        preferred_contact="phone",
        consent_given=True,
        consent_share_name=True,
        consent_share_phone=True,
        consent_share_note=True,
        consent_recorded_at=created,
        municipality=initiative_page.municipality,
        **fields,
    )
    return _moved(obj, "created_at", created)


def contact_point(municipality, *, staff=(), name="Sociaal wijkteam Wielwijk"):
    point = ContactPoint.objects.create(
        name=name, kind="wijkteam", phone="078-1234567", email="wijkteam@dordrecht.nl"
    )
    point.municipalities.add(municipality)
    point.staff.add(*staff)
    return point


def signal(point, municipality, *, created: dt.datetime = MONDAY, **fields):
    obj = HelpSignal.objects.create(
        signaller=UserFactory(),
        signaller_kind="neighbour",
        postcode="3317",
        municipality=municipality,
        contact_point=point,
        resident=SECRET,
        concern=f"{SECRET} komt de deur niet meer uit",
        consent="given",
        **fields,
    )
    return _moved(obj, "created_at", created)


def registration(page, *, created: dt.datetime = MONDAY, **fields):
    obj = InitiativeRegistration.objects.create(
        name=f"Initiatief van {SECRET}",
        page=page,
        contact_name=SECRET,
        email=f"{SECRET.lower()}@example.nl",
        **fields,
    )
    return _moved(obj, "created_at", created)


def now_local() -> dt.datetime:
    return timezone.localtime()
