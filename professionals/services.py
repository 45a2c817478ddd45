"""Writes on professionals' accounts: applying, and a moderator's decision.

A professional applies with organisation, role and gemeente; a moderator of
that gemeente approves or rejects with a reason, and the applicant is mailed.
Approved contact-point staff join their contact point's staff."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.names import display_name_for
from contactpoints.models import ContactPoint
from core.mail import mail_after_commit
from core.site_url import link
from initiatives.models import Municipality
from initiatives.permissions import moderator_emails

from .models import ProfessionalProfile, ProfessionalRole, ProfessionalStatus

MODERATE = "professionals.moderate_professionalprofile"
REASON_REQUIRED = _("Schrijf waarom. De aanvrager krijgt dit te lezen.")
CONTACT_POINT_REQUIRED = _("Kies het contactpunt waar je werkt.")
ALREADY_APPROVED = _("Je bent al goedgekeurd als professional.")
REVOKE_REASON_REQUIRED = _("Schrijf waarom. De professional krijgt dit te lezen.")
NOT_APPROVED = _("Deze professional is niet (meer) goedgekeurd.")


def can_moderate_professionals(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Staff, or anyone with the permission (the moderators group)."""
    return bool(
        user.is_authenticated and user.is_active and (user.is_staff or user.has_perm(MODERATE))
    )


@transaction.atomic
def professional_apply(
    *,
    user: AbstractBaseUser,
    organisation: str,
    role: str,
    municipality: Municipality,
    work_phone: str = "",
    contact_point: ContactPoint | None = None,
) -> ProfessionalProfile:
    """Apply (or apply again after a rejection, or correct a pending
    application). The moderators of ``municipality`` get a mail."""
    profile = ProfessionalProfile.objects.select_for_update().filter(
        user=user
    ).first() or ProfessionalProfile(user=user)
    if profile.pk and profile.status == ProfessionalStatus.APPROVED:
        raise ValidationError(ALREADY_APPROVED)
    if role == ProfessionalRole.CONTACTPOINT and contact_point is None:
        raise ValidationError({"contact_point": CONTACT_POINT_REQUIRED})
    profile.organisation = organisation.strip()
    profile.role = role
    profile.work_phone = work_phone.strip()
    profile.municipality = municipality
    # Only contact-point staff belong to one: a huisarts choosing one by
    # mistake would be added to its staff (and read its signals).
    profile.contact_point = contact_point if role == ProfessionalRole.CONTACTPOINT else None
    profile.status = ProfessionalStatus.PENDING
    profile.decided_by = None
    profile.decided_at = None
    profile.rejection_reason = ""
    profile.full_clean()
    profile.save()
    mail_after_commit(
        template="professionals/email/application_waiting",
        context={
            "profile": profile,
            "moderation_url": link("professionals:moderation"),
        },
        to=moderator_emails(municipality.pk),
    )
    return profile


@transaction.atomic
def professional_decide(
    *,
    profile: ProfessionalProfile,
    by: AbstractBaseUser,
    approve: bool,
    reason: str = "",
) -> ProfessionalProfile:
    """Approve or reject a pending application (only a moderator of its
    gemeente); a rejection needs a reason, which the applicant reads."""
    if not can_moderate_professionals(by):
        raise PermissionDenied(gettext("Je mag aanmeldingen van professionals niet beoordelen."))
    profile = (
        ProfessionalProfile.objects.select_for_update(of=("self",))
        .for_moderator(by)
        .select_related("user", "contact_point")
        .filter(pk=profile.pk)
        .first()
    )
    if profile is None:
        raise PermissionDenied(gettext("Deze aanmelding hoort niet bij jouw gemeente."))
    if profile.user_id == by.pk:
        # Four eyes: nobody makes themselves a professional.
        raise PermissionDenied(gettext("Je kunt je eigen aanmelding niet beoordelen."))
    if profile.status != ProfessionalStatus.PENDING:
        raise ValidationError(gettext("Deze aanmelding is al beoordeeld."))
    reason = reason.strip()
    if not approve and not reason:
        raise ValidationError({"reason": REASON_REQUIRED})
    profile.status = ProfessionalStatus.APPROVED if approve else ProfessionalStatus.REJECTED
    profile.rejection_reason = "" if approve else reason
    profile.decided_by = by
    profile.decided_at = timezone.now()
    profile.full_clean()
    profile.save()
    if approve and profile.contact_point_id:
        profile.contact_point.staff.add(profile.user)
    mail_after_commit(
        template=(
            "professionals/email/application_approved"
            if approve
            else "professionals/email/application_rejected"
        ),
        context={
            "profile": profile,
            "name": display_name_for(profile.user),
            "url": link("professionals:apply"),
            "referrals_url": link("referrals:mine"),
        },
        to=profile.user.email,
    )
    return profile


@transaction.atomic
def professional_revoke(
    *, profile: ProfessionalProfile, by: AbstractBaseUser, reason: str = ""
) -> ProfessionalProfile:
    """End an approved professional account: the person no longer works
    there (a moderator of its gemeente, with a reason the person reads) or
    stops by themselves. From then on they cannot refer, and they leave
    their contact point's staff, so its signals are closed to them. What
    they referred stays theirs to see (``referrals.views.mine``)."""
    itself = profile.user_id == by.pk
    found = ProfessionalProfile.objects.select_for_update(of=("self",))
    if not itself:
        if not can_moderate_professionals(by):
            raise PermissionDenied(gettext("Je mag professionals niet intrekken."))
        found = found.for_moderator(by)
    profile = found.select_related("user", "contact_point").filter(pk=profile.pk).first()
    if profile is None:
        raise PermissionDenied(gettext("Deze professional hoort niet bij jouw gemeente."))
    if profile.status != ProfessionalStatus.APPROVED:
        raise ValidationError(NOT_APPROVED)
    reason = reason.strip()
    if not itself and not reason:
        raise ValidationError({"reason": REVOKE_REASON_REQUIRED})
    profile.status = ProfessionalStatus.REVOKED
    profile.rejection_reason = reason
    profile.decided_by = by
    profile.decided_at = timezone.now()
    profile.full_clean()
    profile.save()
    if profile.contact_point_id:
        profile.contact_point.staff.remove(profile.user)
    if not itself:
        mail_after_commit(
            template="professionals/email/revoked",
            context={
                "profile": profile,
                "name": display_name_for(profile.user),
                "url": link("professionals:apply"),
            },
            to=profile.user.email,
        )
    return profile
