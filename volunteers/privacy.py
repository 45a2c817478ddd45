"""The AVG rights a user exercises themselves: a copy of their data (JSON) and
deleting their account. Responses to vacancies are anonymised rather than
deleted, so an initiative's and the municipality's counts stay right; the rest
of what a user wrote goes with the account."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.db import transaction
from django.db.models import Count

from accounts.models import Consent
from helprequests.models import HelpOffer, HelpRequest
from initiatives.models import InitiativeMember, InitiativeRegistration
from referrals.privacy import referral_data_erase, referral_data_export
from signalling.privacy import signal_data_erase, signal_data_export
from signups.privacy import signup_data_erase, signup_data_export

from .models import (
    MatchAlert,
    Response,
    VolunteerProfile,
)


def _when(value) -> str | None:
    return value.isoformat() if value else None


def _point(point) -> dict | None:
    return {"lat": point.y, "lon": point.x} if point else None


def user_data_export(*, user) -> dict[str, Any]:
    """Everything Meedoen keeps about ``user``, in plain JSON types."""
    profile = (
        VolunteerProfile.objects.filter(user=user).prefetch_related("themes", "skills").first()
    )
    consent = Consent.objects.filter(user=user).first()
    return {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
            "email_addresses": [
                {"email": e.email, "verified": e.verified, "primary": e.primary}
                for e in EmailAddress.objects.filter(user=user)
            ],
        },
        "consent": consent
        and {"statement_version": consent.statement_version, "given_at": _when(consent.given_at)},
        "volunteer_profile": profile
        and {
            "display_name": profile.display_name,
            "postcode": profile.postcode,
            "location": _point(profile.location),
            # What initiatives' distances are measured from (locations.py).
            "coarse_location": _point(profile.coarse_location),
            "travel_km": profile.travel_km,
            "themes": [t.name for t in profile.themes.all()],
            "skills": [s.name for s in profile.skills.all()],
            "availability": list(profile.availability),
            "languages": list(profile.languages),
            "has_vog": profile.has_vog,
            "introduction": profile.introduction,
            "visible_to_initiatives": profile.visible_to_initiatives,
            "match_alerts": profile.match_alerts,
            "created_at": _when(profile.created_at),
            "updated_at": _when(profile.updated_at),
        },
        "responses": [
            {
                "vacancy": r.vacancy.title,
                "message": r.message,
                "status": r.status,
                "created_at": _when(r.created_at),
                "status_changed_at": _when(r.status_changed_at),
            }
            for r in Response.objects.filter(volunteer=user).select_related("vacancy")
        ],
        "help_requests": [
            {
                "kind": h.kind,
                "title": h.title,
                "description": h.description,
                "asked_for_someone_else": h.asked_for_someone_else,
                "on_behalf_of": h.on_behalf_of,
                "when": h.when_text,
                "date": _when(h.when_date),
                "postcode": h.postcode,
                "location": _point(h.location),
                "status": h.status,
                "rejection_reason": h.rejection_reason,
                "created_at": _when(h.created_at),
                "published_at": _when(h.published_at),
                "archived_at": _when(h.archived_at),
                "offers_received": h.n_offers,
            }
            for h in HelpRequest.objects.filter(requester=user).annotate(n_offers=Count("offers"))
        ],
        "help_offers": [
            {
                "help_request": o.help_request.title,
                "message": o.message,
                "status": o.status,
                "created_at": _when(o.created_at),
            }
            for o in HelpOffer.objects.filter(volunteer=user).select_related("help_request")
        ],
        "initiative_memberships": [
            {"initiative": m.initiative.title, "role": m.role}
            for m in InitiativeMember.objects.filter(user=user).select_related("initiative")
        ],
        "initiative_registrations": [
            {
                "initiative": r.name,
                "contact_name": r.contact_name,
                "email": r.email,
                "phone": r.phone,
                "message": r.message,
                "status": r.status,
                "reason": r.reason,
                "created_at": _when(r.created_at),
            }
            for r in InitiativeRegistration.objects.filter(applicant=user)
        ],
        **signal_data_export(user=user),
        "match_alerts_sent": [
            {"vacancy": a.vacancy.title, "sent_at": _when(a.sent_at)}
            for a in MatchAlert.objects.filter(volunteer=user).select_related("vacancy")
        ],
        **referral_data_export(user=user),
        **signup_data_export(user=user),
    }


@transaction.atomic
def user_delete(*, user) -> None:
    """Delete the account and what the user wrote; their responses stay as
    anonymous rows (no volunteer, no message) so counts stay right."""
    Response.objects.filter(volunteer=user).update(volunteer=None, message="")
    # The municipality keeps the record of its decision, not who asked.
    InitiativeRegistration.objects.filter(applicant=user).update(
        applicant=None, contact_name="", email="", phone="", message=""
    )
    # Referrals about them lose what was shared; those they made as a
    # professional stay for the initiative, without them (referrals/privacy.py).
    referral_data_erase(user=user)
    # Signals stay with the contact point, without the signaller
    # (signalling/privacy.py); the access log loses the account (SET_NULL).
    signal_data_erase(user=user)
    # Places they held go to the next on the waiting list (signups/privacy.py).
    signup_data_erase(user=user)
    user.delete()  # cascades: profile, consent, help requests and offers, memberships
