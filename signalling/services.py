"""Writes of signals: sending one (routed to the contact point of the
resident's wijk), what the contact point's staff record, the access log,
and removal after the retention period.

Every service that shows or changes a signal for a person writes a
``SignalAccess`` row in the same transaction, so the log cannot miss a
reading that happened."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from audit.models import AccessAction, AccessObject, AccessRole
from audit.services import Seen, record_access, record_list_access
from contactpoints.models import ContactPoint
from contactpoints.services import contact_point_for
from core.mail import mail_after_commit
from core.site_url import link
from initiatives.areas import area_for_point
from initiatives.geocoding import locate_postcode
from initiatives.models import Municipality, Neighbourhood
from professionals.models import ProfessionalProfile, ProfessionalStatus

from .models import (
    HelpSignal,
    SignalAccess,
    SignalAccessAction,
    SignalConsent,
    SignallerKind,
    SignalStatus,
)

NO_CONTACT_POINT = "no_contact_point"
NO_CONTACT_POINT_MESSAGE = _(
    "Voor deze postcode hebben we nog geen contactpunt dat signalen leest. "
    "Je signaal is niet verstuurd."
)
NOT_LOCATED_MESSAGE = _(
    "We kunnen deze postcode nu niet opzoeken. Probeer het over een paar minuten opnieuw."
)
ALREADY_CLOSED = _("Dit signaal is al afgesloten.")


def signaller_kind_for(user: AbstractBaseUser) -> str:
    """An approved professional signals as a professional; anyone else
    signed in as a neighbour."""
    approved = ProfessionalProfile.objects.filter(
        user=user, status=ProfessionalStatus.APPROVED
    ).exists()
    return SignallerKind.PROFESSIONAL if approved else SignallerKind.NEIGHBOUR


def pc4(postcode: str) -> str:
    """'3317 AB' -> '3317': what is kept once the signal is routed."""
    match = re.match(r"\s*(\d{4})", postcode or "")
    return match.group(1) if match else ""


class NoContactPoint(ValidationError):
    """No contact point whose staff read signals serves the resident's
    place. ``nearest`` is the contact point of that place that has nobody
    reading signals (its phone is still worth showing), or None."""

    def __init__(self, nearest: ContactPoint | None):
        super().__init__(NO_CONTACT_POINT_MESSAGE, code=NO_CONTACT_POINT)
        self.nearest = nearest


@dataclass(frozen=True)
class Route:
    contact_point: ContactPoint
    neighbourhood: Neighbourhood | None
    municipality: Municipality | None


def _reads_signals(contact_point: ContactPoint | None) -> bool:
    return contact_point is not None and contact_point.staff.filter(is_active=True).exists()


def route(*, postcode: str, point: Point | None = None) -> Route:
    """Where a signal about a resident at ``postcode`` goes: the contact
    point of the wijk, else the gemeente's, skipping one that has no staff to
    read it (the mail would reach nobody who can open the signal). Raises
    ``NoContactPoint`` when there is none, and a ValidationError on
    ``postcode`` when it cannot be looked up."""
    if point is None:
        point = locate_postcode(postcode, what="signal")
    if point is None:
        raise ValidationError({"postcode": NOT_LOCATED_MESSAGE}, code="unavailable")
    neighbourhood, municipality = area_for_point(point)
    nearest = contact_point_for(neighbourhood=neighbourhood, municipality=municipality)
    for candidate in (nearest, contact_point_for(municipality=municipality)):
        if _reads_signals(candidate):
            return Route(candidate, neighbourhood, municipality)
    raise NoContactPoint(nearest)


def _staff_emails(contact_point: ContactPoint) -> list[str]:
    return list(
        contact_point.staff.filter(is_active=True).exclude(email="").values_list("email", flat=True)
    )


@transaction.atomic
def signal_create(
    *,
    signaller: AbstractBaseUser,
    postcode: str,
    concern: str,
    consent: str,
    resident: str = "",
    no_consent_reason: str = "",
    signaller_phone: str = "",
    point: Point | None = None,
) -> HelpSignal:
    """Send a signal to the contact point of the resident's wijk (else the
    gemeente's). Only the postcode's digits are kept. Without consent a reason
    is required. The staff get a mail that says only that there is a new
    signal, with a link: nothing of the signal itself leaves the site."""
    if consent != SignalConsent.NOT_POSSIBLE:
        no_consent_reason = ""
    routed = route(postcode=postcode, point=point)
    contact_point = routed.contact_point
    signal = HelpSignal(
        signaller=signaller,
        signaller_kind=signaller_kind_for(signaller),
        signaller_phone=signaller_phone.strip(),
        postcode=pc4(postcode),
        neighbourhood=routed.neighbourhood,
        municipality=routed.municipality,
        contact_point=contact_point,
        resident=resident.strip(),
        concern=concern.strip(),
        consent=consent,
        no_consent_reason=no_consent_reason.strip(),
    )
    signal.full_clean()
    signal.save()
    mail_after_commit(
        template="signalling/email/new_signal",
        context={
            "contact_point": contact_point.name,
            "url": link("signalling:staff_detail", signal.pk),
        },
        to=_staff_emails(contact_point),
    )
    return signal


# The signal's own access log, and the same access in the audit log that the
# municipality exports (docs/security.md, "Audit log").
AUDIT_ACTIONS = {
    SignalAccessAction.VIEW: AccessAction.VIEW,
    SignalAccessAction.CONTACT: AccessAction.CHANGE,
    SignalAccessAction.CLOSE: AccessAction.CHANGE,
    SignalAccessAction.DELETE: AccessAction.DELETE,
}


def _log(signal: HelpSignal, by: AbstractBaseUser | None, action: str) -> None:
    SignalAccess.objects.create(signal=signal, signal_number=signal.pk, user=by, action=action)
    record_access(
        actor=by,
        action=AUDIT_ACTIONS[action],
        obj_type=AccessObject.SIGNAL,
        obj_id=signal.pk,
        role=AccessRole.CONTACT_POINT,
        municipality_id=signal.municipality_id,
        purpose=_audit_purpose(action),
    )


def _audit_purpose(action: str) -> str:
    """The action's label in Dutch, whatever the reader's language: the
    audit log the municipality exports is Dutch."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(SignalAccessAction(action).label)


def _for_staff(signal_id: int, by: AbstractBaseUser, *, lock: bool = False) -> HelpSignal:
    signals = HelpSignal.objects.for_staff(by).select_related("contact_point", "neighbourhood")
    if lock:
        signals = signals.select_for_update(of=("self",))
    signal = signals.filter(pk=signal_id).first()
    if signal is None:
        # The same answer for "does not exist" and "not yours" (the view
        # makes it a 404): the number of a signal tells an outsider nothing.
        raise HelpSignal.DoesNotExist
    return signal


@transaction.atomic
def signal_view(*, signal_id: int, by: AbstractBaseUser) -> HelpSignal:
    """The signal for a staff member of its contact point, logged as read."""
    signal = _for_staff(signal_id, by)
    _log(signal, by, SignalAccessAction.VIEW)
    return signal


@transaction.atomic
def signal_mark_contacted(*, signal_id: int, by: AbstractBaseUser) -> HelpSignal:
    """The contact point reached the resident (or tried): the first time
    sets ``first_contact_at``, which the time-to-first-reply report reads."""
    signal = _for_staff(signal_id, by, lock=True)
    if signal.status == SignalStatus.CLOSED:
        raise ValidationError(ALREADY_CLOSED)
    if signal.first_contact_at is None:
        signal.first_contact_at = timezone.now()
    signal.status = SignalStatus.CONTACTED
    signal.full_clean()
    signal.save(update_fields=["first_contact_at", "status", "updated_at"])
    _log(signal, by, SignalAccessAction.CONTACT)
    return signal


@transaction.atomic
def signal_close(*, signal_id: int, by: AbstractBaseUser) -> HelpSignal:
    """Done with it; the retention period after closing starts now."""
    signal = _for_staff(signal_id, by, lock=True)
    if signal.status == SignalStatus.CLOSED:
        raise ValidationError(ALREADY_CLOSED)
    signal.status = SignalStatus.CLOSED
    signal.closed_at = timezone.now()
    signal.full_clean()
    signal.save(update_fields=["status", "closed_at", "updated_at"])
    _log(signal, by, SignalAccessAction.CLOSE)
    return signal


def signals_purge(*, now: dt.datetime | None = None, batch: int = 500) -> int:
    """Delete the signals past their retention (``SIGNAL_RETENTION_DAYS``
    after closing, ``SIGNAL_RETENTION_MAX_DAYS`` after sending) and log each
    deletion; the access rows stay with the signal's number only. Safe to
    run again: a second run finds nothing. Returns how many were deleted."""
    now = now or timezone.now()
    deleted = 0
    while True:
        with transaction.atomic():
            rows = list(
                HelpSignal.objects.expired(
                    now=now,
                    closed_days=settings.SIGNAL_RETENTION_DAYS,
                    max_days=settings.SIGNAL_RETENTION_MAX_DAYS,
                )
                .select_for_update(skip_locked=True)
                .order_by("pk")
                .values_list("pk", "municipality_id")[:batch]
            )
            ids = [pk for pk, _ in rows]
            if not ids:
                return deleted
            SignalAccess.objects.bulk_create(
                SignalAccess(signal_id=pk, signal_number=pk, action=SignalAccessAction.DELETE)
                for pk in ids
            )
            record_list_access(
                actor=None,
                obj_type=AccessObject.SIGNAL,
                seen=[Seen(pk, None, municipality_id) for pk, municipality_id in rows],
                action=AccessAction.DELETE,
                purpose="bewaartermijn voorbij",
            )
            HelpSignal.objects.filter(pk__in=ids).delete()
            deleted += len(ids)
