"""Writes for help requests (hulpvragen) and the offers on them.

A request starts as "wacht op goedkeuring" and is public only after a
moderator approves it. Contact details stay back until the requester accepts
an offer; then, and only then, both sides get each other's name and e-mail
address. Mail goes out after commit, so a rollback sends nothing.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.gis.geos import Point
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.names import display_name_for
from core.mail import mail_after_commit
from core.site_url import link
from initiatives.areas import area_for_point
from initiatives.geocoding import locate_postcode
from initiatives.languages import DUTCH
from initiatives.permissions import moderator_emails

from .models import (
    HelpOffer,
    HelpOfferStatus,
    HelpRequest,
    HelpRequestStatus,
    SensitiveTerm,
)
from .sensitive_terms import Finding, Term, find, highlight

log = logging.getLogger(__name__)

# The public point is the exact one snapped to this grid: about 555 m north to
# south and 480 m east to west in the Netherlands, so it lands at most ~370 m
# from the postcode centre and says "this part of the wijk", never the street.
GRID_LAT = 0.005
GRID_LON = 0.007

# What visitors read of a help request, and so what a moderator checks.
PUBLIC_TEXT_FIELDS = ("title", "description", "when_text")

ALREADY_OFFERED = _("Je hebt al hulp aangeboden bij deze hulpvraag.")
NOT_OPEN = _("Bij deze hulpvraag kun je geen hulp meer aanbieden.")
OWN_REQUEST = _("Je kunt geen hulp aanbieden bij je eigen hulpvraag.")
REASON_REQUIRED = _(
    "Schrijf waarom de hulpvraag niet geplaatst wordt. De hulpvrager krijgt dit te zien."
)


def _mail_after_commit(
    *, template: str, context: dict, to: str, language: str | None = None
) -> None:
    mail_after_commit(
        template=f"helprequests/email/{template}", context=context, to=to, language=language
    )


def rounded_point(point: Point) -> Point:
    """``point`` snapped to the public grid (see GRID_LAT, GRID_LON)."""
    lon = round(round(point.x / GRID_LON) * GRID_LON, 6)
    lat = round(round(point.y / GRID_LAT) * GRID_LAT, 6)
    return Point(lon, lat, srid=4326)


def can_moderate(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Staff, or anyone given the ``moderate_helprequest`` permission (for
    example a wijkcoördinator in a group)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_staff or user.has_perm("helprequests.moderate_helprequest"))
    )


def requester_name(user: AbstractBaseUser) -> str:
    """How a requester is named to themselves and to the volunteer they
    accepted (and only them): their address when they gave no name."""
    return display_name_for(user, fallback=user.email)


def _locate(help_request: HelpRequest, point: Point | None = None) -> None:
    """Exact point, public point and wijk from the postcode. An unknown
    postcode is a ValidationError; no geocoder at all leaves the points empty
    (the moderator sees that) rather than losing the request.

    The wijk is the public point's, not the home's: where a wijk boundary
    crosses a grid cell, the home's wijk would tell volunteers on which side
    of it the requester lives. Everything public comes from the public point.
    ``point``: where the form found the postcode; else it is looked up offline."""
    if point is None:
        point = locate_postcode(
            help_request.postcode, what=f"help request {help_request.pk or 'new'}"
        )
    help_request.location = point
    help_request.public_location = rounded_point(point) if point else None
    help_request.neighbourhood, help_request.municipality = area_for_point(
        help_request.public_location
    )


@transaction.atomic
def help_request_create(
    *,
    requester: AbstractBaseUser,
    kind: str,
    title: str,
    description: str,
    postcode: str,
    when_text: str = "",
    when_date: dt.date | None = None,
    asked_for_someone_else: bool = False,
    on_behalf_of: str = "",
    point: Point | None = None,
    language: str = DUTCH,
) -> HelpRequest:
    """A new help request, waiting for a moderator; not public until approved.
    ``point``: where the form found the postcode (``locate``). An invalid or
    unknown postcode is a ValidationError on ``postcode``."""
    help_request = HelpRequest(requester=requester, status=HelpRequestStatus.PENDING)
    _fill(help_request, kind=kind, title=title, description=description, postcode=postcode,
          when_text=when_text, when_date=when_date, language=language,
          asked_for_someone_else=asked_for_someone_else, on_behalf_of=on_behalf_of)  # fmt: skip
    help_request.full_clean()  # normalises the postcode
    _locate(help_request, point)
    help_request.save()
    _mail_moderators(help_request)
    return help_request


def _fill(help_request: HelpRequest, *, title: str, description: str, when_text: str,
          on_behalf_of: str, **fields) -> None:  # fmt: skip
    """The requester's text on ``help_request``, as a new request and an edit take it."""
    help_request.title = title.strip()
    help_request.description = description.strip()
    help_request.when_text = when_text.strip()
    help_request.on_behalf_of = on_behalf_of.strip()
    for name, value in fields.items():  # kind, postcode, when_date, asked_for_someone_else
        setattr(help_request, name, value)


def _mail_moderators(help_request: HelpRequest, *, edited: bool = False) -> None:
    """Tell the moderators of the request's gemeente that it waits, without
    anything about the resident: the mail may be read on a shared phone or
    forwarded, so only the moderation screen (behind a login) shows the text."""
    _mail_after_commit(
        template="help_request_waiting",
        context={
            "municipality": help_request.municipality,
            "waiting": HelpRequest.objects.pending()
            .filter(municipality=help_request.municipality)
            .count(),
            "moderation_url": link("helprequests:help_moderation"),
            "edited": edited,
        },
        to=moderator_emails(help_request.municipality_id),
    )


def moderation_terms() -> list[Term]:
    """The words and patterns the moderation screen marks (``SensitiveTerm``)."""
    return [t.as_term() for t in SensitiveTerm.objects.filter(active=True)]


def sensitive_marks(texts: list[str]) -> list[str]:
    """Each text that holds a word of the moderation list, with the words
    marked; empty when none does. For the "kijk nog eens" step before a
    signal or a referral is sent: medical details are not needed to help."""
    terms = moderation_terms()
    return [highlight(text, found) for text in texts if text and (found := find(text, terms))]


def sensitive_findings(help_request: HelpRequest, terms: list[Term]) -> dict[str, list[Finding]]:
    """Per public text field of ``help_request``, what the moderator should look at."""
    return {name: find(getattr(help_request, name), terms) for name in PUBLIC_TEXT_FIELDS}


@transaction.atomic
def help_request_moderate(
    *,
    request: HelpRequest,
    by: AbstractBaseUser,
    approve: bool,
    reason: str = "",
    title: str | None = None,
    description: str | None = None,
    when_text: str | None = None,
) -> HelpRequest:
    """Approve (publish) or reject a pending request. Only moderators
    (see ``can_moderate``); a rejection needs a reason, which the requester
    gets by e-mail. On approval the moderator may publish an edited text
    (``title``, ``description``, ``when_text``), for example without a name or
    a diagnosis; the requester is told that it was edited."""
    if not can_moderate(by):
        raise PermissionDenied("Je mag hulpvragen niet beoordelen.")
    help_request = (
        HelpRequest.objects.select_for_update(of=("self",))
        .select_related("requester")
        .get(pk=request.pk)
    )
    if help_request.status != HelpRequestStatus.PENDING:
        raise ValidationError(_("Deze hulpvraag is al beoordeeld."))
    reason = reason.strip()
    now = timezone.now()
    edited = False
    if approve:
        for name, value in (
            ("title", title),
            ("description", description),
            ("when_text", when_text),
        ):
            if value is not None and value.strip() != getattr(help_request, name):
                setattr(help_request, name, value.strip())
                edited = True
        help_request.status = HelpRequestStatus.PUBLISHED
        help_request.published_at = now
        help_request.rejection_reason = ""
    else:
        if not reason:
            raise ValidationError({"reason": REASON_REQUIRED})
        help_request.status = HelpRequestStatus.REJECTED
        help_request.rejection_reason = reason
    help_request.moderated_by = by
    help_request.moderated_at = now
    help_request.full_clean()
    help_request.save()
    _mail_after_commit(
        template="help_request_approved" if approve else "help_request_rejected",
        context={
            "help_request": help_request,
            "edited": edited,
            "name": requester_name(help_request.requester),
            "detail_url": link("helprequests:help_detail", help_request.pk),
            "my_url": link("helprequests:my_help_requests"),
        },
        to=help_request.requester.email,
        # No language chosen with the account: the one the request is
        # written in, when the site speaks it (core.mail.shipped_or_dutch).
        language=help_request.language,
    )
    return help_request


@transaction.atomic
def help_offer_create(
    *, help_request: HelpRequest, volunteer: AbstractBaseUser, message: str
) -> HelpOffer:
    """A volunteer's "ik bied hulp". Only on a published request, never on
    one's own, once per volunteer. The requester hears the volunteer's first
    name and message, not their e-mail address."""
    # Lock the request: an accept in another transaction cannot slip in
    # between the check and the insert.
    help_request = (
        HelpRequest.objects.select_for_update(of=("self",))
        .select_related("requester")
        .get(pk=help_request.pk)
    )
    if help_request.requester_id == volunteer.pk:
        raise ValidationError(OWN_REQUEST)
    if help_request.status != HelpRequestStatus.PUBLISHED:
        raise ValidationError(NOT_OPEN)
    if HelpOffer.objects.filter(help_request=help_request, volunteer=volunteer).exists():
        raise ValidationError(ALREADY_OFFERED)
    offer = HelpOffer(help_request=help_request, volunteer=volunteer, message=message.strip())
    offer.full_clean()
    try:
        with transaction.atomic():
            offer.save()
    except IntegrityError as exc:  # a double click that passed the check
        raise ValidationError(ALREADY_OFFERED) from exc
    if help_request.first_offer_at is None:
        # Time to a first reply (followup/): the request is locked above.
        help_request.first_offer_at = offer.created_at
        help_request.save(update_fields=["first_offer_at", "updated_at"])
    _mail_after_commit(
        template="help_offer_new",
        context={
            "help_request": help_request,
            "offer": offer,
            "name": requester_name(help_request.requester),
            "volunteer_name": display_name_for(volunteer),
            "my_url": link("helprequests:my_help_requests"),
        },
        to=help_request.requester.email,
        language=help_request.language,
    )
    return offer


@transaction.atomic
def help_offer_accept(*, offer: HelpOffer, by: AbstractBaseUser) -> HelpOffer:
    """The requester chooses this volunteer. Both get each other's name and
    e-mail address; the request is "hulp gevonden" and leaves the public list.

    The other open offers are declined, with a thank-you mail: a request needs
    one helper, and a volunteer left "open" would keep waiting for an answer
    that never comes. If it falls through, the requester can ask again.
    """
    help_request = (
        HelpRequest.objects.select_for_update(of=("self",))
        .select_related("requester__volunteer_profile")
        .get(pk=offer.help_request_id)
    )
    if help_request.requester_id != by.pk:
        raise PermissionDenied("Alleen de hulpvrager kan een aanbod accepteren.")
    offer = HelpOffer.objects.select_related("volunteer__volunteer_profile").get(pk=offer.pk)
    if help_request.status != HelpRequestStatus.PUBLISHED:
        raise ValidationError(_("Bij deze hulpvraag is al hulp gevonden of hij is gesloten."))
    if offer.status != HelpOfferStatus.OFFERED:
        raise ValidationError(_("Dit aanbod kun je niet meer accepteren."))

    offer.status = HelpOfferStatus.ACCEPTED
    offer.save(update_fields=["status", "updated_at"])
    help_request.status = HelpRequestStatus.MATCHED
    help_request.save(update_fields=["status", "updated_at"])

    requester = help_request.requester
    volunteer = offer.volunteer
    context = {
        "help_request": help_request,
        "offer": offer,
        "requester_name": requester_name(requester),
        "requester_email": requester.email,
        "volunteer_name": display_name_for(volunteer),
        "volunteer_email": volunteer.email,
        "my_url": link("helprequests:my_help_requests"),
    }
    _mail_after_commit(
        template="help_offer_accepted_volunteer", context=context, to=volunteer.email
    )
    _mail_after_commit(
        template="help_offer_accepted_requester",
        context=context,
        to=requester.email,
        language=help_request.language,
    )
    _decline_open_offers(help_request)
    return offer


# What the requester may still do with their own request. Editing a request
# that was public sends it back to moderation: the moderator approved that
# text, not the new one, and a requester could otherwise put a name or a
# diagnosis on the site after approval. A pending request stays pending.
EDITABLE = (
    HelpRequestStatus.PENDING,
    HelpRequestStatus.PUBLISHED,
    HelpRequestStatus.PAUSED,
    HelpRequestStatus.REJECTED,
)
CLOSABLE = (HelpRequestStatus.PENDING, HelpRequestStatus.PUBLISHED, HelpRequestStatus.PAUSED)
NOT_YOURS = "Alleen de hulpvrager kan deze hulpvraag aanpassen."
CANNOT_CHANGE = _("Deze hulpvraag kun je niet meer aanpassen.")


def _own_for_update(help_request: HelpRequest, by: AbstractBaseUser) -> HelpRequest:
    """The request, locked, checked to be ``by``'s own."""
    locked = (
        HelpRequest.objects.select_for_update(of=("self",))
        .select_related("municipality")
        .get(pk=help_request.pk)
    )
    if locked.requester_id != by.pk:
        raise PermissionDenied(NOT_YOURS)
    return locked


@transaction.atomic
def help_request_update(
    *,
    help_request: HelpRequest,
    by: AbstractBaseUser,
    kind: str,
    title: str,
    description: str,
    postcode: str,
    when_text: str = "",
    when_date: dt.date | None = None,
    asked_for_someone_else: bool = False,
    on_behalf_of: str = "",
    point: Point | None = None,
    language: str | None = None,
) -> HelpRequest:
    """The requester's new text. A request that was public (or paused or
    rejected) waits for a moderator again and leaves the public pages until
    then; its offers stay. Returns the request; ``back_to_moderation`` tells
    whether it went back."""
    help_request = _own_for_update(help_request, by)
    if help_request.status not in EDITABLE:
        raise ValidationError(CANNOT_CHANGE)
    moved = help_request.postcode != postcode
    _fill(help_request, kind=kind, title=title, description=description, postcode=postcode,
          when_text=when_text, when_date=when_date, language=language or help_request.language,
          asked_for_someone_else=asked_for_someone_else, on_behalf_of=on_behalf_of)  # fmt: skip
    help_request.back_to_moderation = help_request.status != HelpRequestStatus.PENDING
    if help_request.back_to_moderation:
        help_request.status = HelpRequestStatus.PENDING
        help_request.rejection_reason = ""
        help_request.moderated_by = None
    help_request.full_clean()
    if moved or point is not None:
        _locate(help_request, point)
    help_request.save()
    if help_request.back_to_moderation:
        _mail_moderators(help_request, edited=True)
    return help_request


def _decline_open_offers(help_request: HelpRequest, *, not_needed: bool = False) -> None:
    """Tell the volunteers still waiting that they are not needed (because
    someone helps, or because the help is ``not_needed`` any more)."""
    others = list(
        help_request.offers.filter(status=HelpOfferStatus.OFFERED).select_related(
            "volunteer__volunteer_profile"
        )
    )
    HelpOffer.objects.filter(pk__in=[o.pk for o in others]).update(
        status=HelpOfferStatus.DECLINED, updated_at=timezone.now()
    )
    for other in others:
        _mail_after_commit(
            template="help_offer_declined",
            context={
                "help_request": help_request,
                "volunteer_name": display_name_for(other.volunteer),
                "list_url": link("helprequests:help_list"),
                "not_needed": not_needed,
            },
            to=other.volunteer.email,
        )


def _owner_moves(
    help_request: HelpRequest, by: AbstractBaseUser, source: str, target: str, refusal: str
) -> HelpRequest:
    help_request = _own_for_update(help_request, by)
    if help_request.status != source:
        raise ValidationError(refusal)
    help_request.status = target
    help_request.save(update_fields=["status", "updated_at"])
    return help_request


@transaction.atomic
def help_request_pause(*, help_request: HelpRequest, by: AbstractBaseUser) -> HelpRequest:
    """Off the public pages for now; the offers made stay and wait."""
    return _owner_moves(
        help_request, by, HelpRequestStatus.PUBLISHED, HelpRequestStatus.PAUSED,
        _("Alleen een hulpvraag die op de site staat, kun je pauzeren."),
    )  # fmt: skip


@transaction.atomic
def help_request_resume(*, help_request: HelpRequest, by: AbstractBaseUser) -> HelpRequest:
    """Back on the site as the moderator approved it (the text did not change)."""
    return _owner_moves(
        help_request, by, HelpRequestStatus.PAUSED, HelpRequestStatus.PUBLISHED,
        _("Deze hulpvraag is niet gepauzeerd."),
    )  # fmt: skip


@transaction.atomic
def help_request_close(
    *, help_request: HelpRequest, by: AbstractBaseUser, found: bool
) -> HelpRequest:
    """The requester closes their request: help was found (elsewhere too) or
    it is no longer needed. Open offers are declined with a thank-you mail,
    as when an offer is accepted."""
    help_request = _own_for_update(help_request, by)
    if help_request.status not in CLOSABLE:
        raise ValidationError(CANNOT_CHANGE)
    help_request.status = HelpRequestStatus.MATCHED if found else HelpRequestStatus.CLOSED
    help_request.save(update_fields=["status", "updated_at"])
    _decline_open_offers(help_request, not_needed=not found)
    return help_request


def help_requests_archive(*, now: dt.datetime | None = None, weeks: int | None = None) -> int:
    """Archive published, paused and matched requests made more than ``weeks``
    (``HELP_REQUEST_ARCHIVE_WEEKS``) ago. One statement; running it again
    archives nothing new. Returns how many were archived."""
    now = now or timezone.now()
    weeks = settings.HELP_REQUEST_ARCHIVE_WEEKS if weeks is None else weeks
    cutoff = now - dt.timedelta(weeks=weeks)
    return HelpRequest.objects.due_for_archive(cutoff).update(
        status=HelpRequestStatus.ARCHIVED, archived_at=now, updated_at=now
    )
