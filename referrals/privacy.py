"""Own data (``/mijn-gegevens/``, volunteers/privacy.py) for professionals
and for residents who were referred.

- A professional's download holds their account as a professional and the
  referrals they made; erasing the account deletes the professional account
  and keeps each referral for its initiative without the professional
  (``Referral.professional`` is set to NULL by the database).
- A resident's download holds the referrals about them, found by the keyed
  hash of their verified addresses (``resident_email_digest``); erasing the
  account removes what was shared about them from those referrals, so only
  the fact that a referral happened (status, dates) stays for the counts."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.db import transaction

from professionals.models import ProfessionalProfile

from .models import Referral
from .services import email_digest


def _when(value) -> str | None:
    return value.isoformat() if value else None


def resident_digests(user) -> list[str]:
    """The digests of ``user``'s verified addresses: an unverified address
    might be someone else's, and must not open their referrals."""
    addresses = set(
        EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    )
    return [email_digest(address) for address in addresses]


def referral_data_export(*, user) -> dict[str, Any]:
    profile = (
        ProfessionalProfile.objects.filter(user=user)
        .select_related("municipality", "contact_point")
        .first()
    )
    return {
        "professional": profile
        and {
            "organisation": profile.organisation,
            "role": profile.role,
            "work_phone": profile.work_phone,
            "municipality": profile.municipality.name,
            "contact_point": profile.contact_point.name if profile.contact_point else None,
            "status": profile.status,
            "rejection_reason": profile.rejection_reason,
            "created_at": _when(profile.created_at),
            "decided_at": _when(profile.decided_at),
        },
        "referrals_made": [
            {
                "to": r.page_title,
                "resident_name": r.resident_name,
                "resident_phone": r.resident_phone,
                "resident_email": r.resident_email,
                "note": r.note,
                "preferred_contact": r.preferred_contact,
                "status": r.status,
                "created_at": _when(r.created_at),
                "first_contact_at": _when(r.first_contact_at),
                "outcome_at": _when(r.outcome_at),
            }
            for r in Referral.objects.of_professional(user).order_by("created_at")
        ],
        "referrals_about_you": [
            {
                "to": r.page_title,
                "initiative": r.initiative.title if r.initiative else None,
                "name": r.resident_name,
                "phone": r.resident_phone,
                "email": r.resident_email,
                "note": r.note,
                "preferred_contact": r.preferred_contact,
                "status": r.status,
                "consent_recorded_at": _when(r.consent_recorded_at),
                "created_at": _when(r.created_at),
                "first_contact_at": _when(r.first_contact_at),
                "outcome_at": _when(r.outcome_at),
            }
            for r in Referral.objects.about_digests(resident_digests(user))
            .select_related("initiative")
            .order_by("created_at")
        ],
    }


@transaction.atomic
def referral_data_erase(*, user) -> None:
    """Before the account goes: what was shared about ``user`` as a resident
    leaves the referrals about them. Their professional account cascades with
    the user, and the referrals they made lose their professional (SET_NULL)."""
    Referral.objects.about_digests(resident_digests(user)).update(
        resident_name="",
        resident_phone="",
        resident_email="",
        note="",
        resident_email_digest="",
        consent_share_name=False,
        consent_share_phone=False,
        consent_share_email=False,
        consent_share_note=False,
    )
