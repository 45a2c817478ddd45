"""Writes for volunteers: the profile, responses to vacancies and their status.

Every service validates with ``full_clean`` and runs in one transaction; mail
goes out only after commit, so a rollback sends nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.gis.geos import Point
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.names import display_name_for
from core.mail import mail_after_commit
from core.site_url import link, page_link
from initiatives.choices import VacancyStatus
from initiatives.geocoding import locate_postcode
from initiatives.models import InitiativeMember, Skill, Theme, VacancyPage

from .locations import coarse_point
from .models import Response, ResponseStatus, VolunteerProfile

log = logging.getLogger(__name__)

ALREADY_RESPONDED = _("Je hebt al gereageerd op deze vacature.")
VACANCY_CLOSED = _("Op deze vacature kun je niet meer reageren.")
VACANCY_FULL = _("Alle plekken zijn vervuld.")

# Who may move a response from one status to the next. The volunteer only
# withdraws; everything else is the initiative's decision.
VOLUNTEER, INITIATIVE = "volunteer", "initiative"
TRANSITIONS: dict[str, dict[str, str]] = {
    ResponseStatus.NEW: {
        ResponseStatus.IN_CONTACT: INITIATIVE,
        ResponseStatus.MATCHED: INITIATIVE,
        ResponseStatus.DECLINED: INITIATIVE,
        ResponseStatus.WITHDRAWN: VOLUNTEER,
    },
    ResponseStatus.IN_CONTACT: {
        ResponseStatus.MATCHED: INITIATIVE,
        ResponseStatus.DECLINED: INITIATIVE,
        ResponseStatus.WITHDRAWN: VOLUNTEER,
    },
}


def allowed_statuses(response: Response, *, as_volunteer: bool) -> list[str]:
    """The statuses this side may move ``response`` to next (for the buttons)."""
    side = VOLUNTEER if as_volunteer else INITIATIVE
    return [s for s, who in TRANSITIONS.get(response.status, {}).items() if who == side]


# -- profile --------------------------------------------------------------------
@dataclass(frozen=True)
class ProfileResult:
    profile: VolunteerProfile
    # The postcode was saved but no geocoder could be asked: distances are
    # unknown until the next save.
    location_pending: bool = False


@transaction.atomic
def profile_update(
    *,
    user: AbstractBaseUser,
    display_name: str,
    postcode: str = "",
    travel_km: int = 5,
    themes: Iterable[Theme] = (),
    skills: Iterable[Skill] = (),
    availability: Sequence[str] = (),
    languages: Sequence[str] = (),
    has_vog: bool = False,
    introduction: str = "",
    visible_to_initiatives: bool = False,
    match_alerts: bool = True,
    point: Point | None = None,
) -> ProfileResult:
    """Create or update ``user``'s profile. ``point``: where the form found the
    postcode (``locate``); without it a new or changed postcode is looked up
    offline only. An unknown postcode is a ValidationError on ``postcode``."""
    profile = VolunteerProfile.objects.select_for_update().filter(user=user).first()
    if profile is None:
        profile = VolunteerProfile(user=user)
    old_postcode = profile.postcode
    profile.display_name = display_name
    profile.postcode = postcode
    profile.travel_km = travel_km
    profile.availability = list(availability)
    profile.languages = list(languages)
    profile.has_vog = has_vog
    profile.introduction = introduction
    profile.visible_to_initiatives = visible_to_initiatives
    profile.match_alerts = match_alerts
    profile.full_clean()  # normalises the postcode

    pending = False
    if profile.postcode and (profile.postcode != old_postcode or profile.location is None):
        # No geocoder: don't make the volunteer wait for an outside service;
        # keep the postcode and try again on the next save.
        if point is None:
            point = locate_postcode(
                profile.postcode, what=f"volunteer profile {profile.pk or 'new'}"
            )
        profile_set_location(profile=profile, point=point)
        pending = point is None
    profile.save()
    profile.themes.set(themes)
    profile.skills.set(skills)
    return ProfileResult(profile, pending)


def profile_set_location(*, profile: VolunteerProfile, point: Point | None) -> None:
    """Set ``profile``'s point and, with it, the coarse point that everything
    an initiative sees is computed from (``locations.py``). The only way to
    set either; the caller saves. The coarse point depends on the profile's
    seed and its (normalised) postcode, so set the postcode first."""
    profile.location = point
    profile.coarse_location = (
        None
        if point is None
        else coarse_point(point, seed=profile.location_seed, postcode=profile.postcode)
    )


# -- responses ------------------------------------------------------------------
def _mail_after_commit(
    *, template: str, context: dict, to: str, language: str | None = None
) -> None:
    """Each recipient reads it in their account's language, else in
    ``language``, else Dutch (core/mail.py); the links are built per mail."""
    mail_after_commit(
        template=f"volunteers/email/{template}", context=context, to=to, language=language
    )


def vacancy_places_left(vacancy: VacancyPage) -> int:
    matched = Response.objects.filter(vacancy=vacancy).matched().count()
    return max(0, vacancy.volunteers_wanted - matched)


def vacancy_refusal(
    vacancy: VacancyPage, *, volunteer: AbstractBaseUser | AnonymousUser | None = None
) -> str:
    """Why ``volunteer`` cannot respond to ``vacancy`` (Dutch), or ''."""
    if (
        volunteer is not None
        and volunteer.is_authenticated
        and Response.objects.filter(vacancy=vacancy, volunteer=volunteer).exists()
    ):
        return ALREADY_RESPONDED
    if vacancy.status == VacancyStatus.FILLED:
        return VACANCY_FULL
    if not (vacancy.live and vacancy.is_open):
        return VACANCY_CLOSED
    if vacancy_places_left(vacancy) == 0:
        return VACANCY_FULL
    return ""


@transaction.atomic
def response_create(*, volunteer: AbstractBaseUser, vacancy: VacancyPage, message: str) -> Response:
    """A volunteer's "ik wil helpen". Refused (ValidationError, Dutch) for a
    second response, a vacancy that is closed, or one whose places are filled.
    Mails the initiative's contact address."""
    # Lock the vacancy so a match in another request cannot fill the last
    # place between the check and the insert.
    vacancy = VacancyPage.objects.select_for_update().get(pk=vacancy.pk)
    refusal = vacancy_refusal(vacancy, volunteer=volunteer)
    if refusal:
        raise ValidationError(refusal)
    response = Response(volunteer=volunteer, vacancy=vacancy, message=message.strip())
    response.full_clean()
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError as exc:  # a double click that passed the check
        raise ValidationError(ALREADY_RESPONDED) from exc

    initiative = vacancy.get_initiative()
    _mail_after_commit(
        template="response_new",
        context={
            "initiative": initiative,
            "vacancy": vacancy,
            "response": response,
            "volunteer_name": display_name_for(volunteer),
            "inbox_url": link("volunteers:inbox"),
        },
        to=initiative.email,
    )
    return response


def is_initiative_member(user: AbstractBaseUser | AnonymousUser, vacancy: VacancyPage) -> bool:
    initiative = vacancy.get_initiative()
    return initiative is not None and InitiativeMember.objects.answers_for(user, initiative)


def _vacancy_mark_filled(vacancy: VacancyPage, *, by: AbstractBaseUser) -> None:
    vacancy.status = VacancyStatus.FILLED
    # The live row: lists, the detail page and the search index (post_save)
    # see it at once. (Saving never geocodes: that is the page form's job.)
    vacancy.save(update_fields=["status"])
    # Editors start from the latest revision. Record it there too, or the next
    # publish in the admin would quietly reopen the vacancy; a pending draft
    # keeps its other edits and stays a draft.
    latest = vacancy.get_latest_revision_as_object()
    latest.status = VacancyStatus.FILLED
    latest.save_revision(user=by, changed=vacancy.has_unpublished_changes, log_action=True)


@transaction.atomic
def response_set_status(*, response: Response, status: str, by: AbstractBaseUser) -> Response:
    """Move a response on. Only the volunteer withdraws; only the initiative's
    members (or staff) do the rest. Mails the volunteer about every change.
    Matching the last open place marks the vacancy as filled."""
    vacancy = VacancyPage.objects.select_for_update().get(pk=response.vacancy_id)
    response = (
        Response.objects.select_for_update(of=("self",))
        .select_related("volunteer")
        .get(pk=response.pk)
    )
    if status not in ResponseStatus.values:
        raise ValidationError(gettext("Deze status bestaat niet."))
    side = TRANSITIONS.get(response.status, {}).get(status)
    if side is None:
        raise ValidationError(
            gettext("Een reactie die ‘%(old)s’ is, kan niet meer ‘%(new)s’ worden.")
            % {"old": response.get_status_display(), "new": ResponseStatus(status).label}
        )
    if side == VOLUNTEER and by.pk != response.volunteer_id:
        raise PermissionDenied("Alleen de vrijwilliger kan een reactie intrekken.")
    if side == INITIATIVE and not is_initiative_member(by, vacancy):
        raise PermissionDenied("Je hoort niet bij dit initiatief.")

    if status == ResponseStatus.MATCHED:
        places_left = vacancy_places_left(vacancy)
        if places_left == 0:
            raise ValidationError(VACANCY_FULL)

    response.status = status
    response.status_changed_at = timezone.now()
    # Time to a first reply (followup/): the initiative's first move, not
    # the volunteer's withdrawal.
    if side == INITIATIVE and response.first_reply_at is None:
        response.first_reply_at = response.status_changed_at
    response.full_clean()
    response.save(update_fields=["status", "status_changed_at", "first_reply_at", "updated_at"])

    if status == ResponseStatus.MATCHED and places_left == 1:
        _vacancy_mark_filled(vacancy, by=by)

    initiative = vacancy.get_initiative()
    # The volunteer's own withdrawal is confirmed in the language they use
    # now; the initiative's decision in the one their account chose.
    _mail_after_commit(
        template="response_status",
        context={
            "initiative": initiative,
            "vacancy": vacancy,
            "response": response,
            "volunteer_name": display_name_for(response.volunteer),
            "vacancy_url": page_link(vacancy),
            "my_responses_url": link("volunteers:my_responses"),
        },
        to=response.volunteer.email,
        language=translation.get_language() if side == VOLUNTEER else None,
    )
    if status == ResponseStatus.WITHDRAWN:
        # The initiative would otherwise keep waiting for someone who left.
        _mail_after_commit(
            template="response_withdrawn",
            context={
                "initiative": initiative,
                "vacancy": vacancy,
                "volunteer_name": display_name_for(response.volunteer),
                "inbox_url": link("volunteers:inbox"),
            },
            to=initiative.email,
        )
    return response
