"""Writes on referrals (verwijzen): an approved professional refers a
resident with their consent; the initiative confirms the first contact and
later says whether the resident came; the professional may withdraw a
referral nobody acted on yet.

Only what the resident agreed to share is stored. ``first_contact_at`` and
``outcome_at`` are what the time-to-first-reply report reads: each is set
once, when its step happens."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from core.mail import mail_after_commit
from core.site_url import link, page_link
from initiatives.models import (
    ActivityPage,
    InitiativeMember,
    InitiativePage,
    MeetingPlacePage,
    VacancyPage,
)
from professionals.models import ProfessionalProfile

from .models import PreferredContact, Referral, ReferralStatus

REFERABLE = (ActivityPage, MeetingPlacePage, VacancyPage, InitiativePage)
NO_CONSENT = _(
    "Vraag eerst of de bewoner het goed vindt. Zonder toestemming kun je niet verwijzen."
)
NOT_APPROVED = "Alleen goedgekeurde professionals kunnen verwijzen."
NOT_REFERABLE = _("Naar deze pagina kun je niet verwijzen.")
NO_READER = _(
    "Dit initiatief leest nog geen verwijzingen op deze website. Neem zelf contact op met het "
    "initiatief, of verwijs naar het contactpunt van de wijk."
)
PHONE_NEEDED = _(
    "De bewoner wil gebeld worden: vul het telefoonnummer in en zet ‘telefoonnummer delen’ aan."
)
EMAIL_NEEDED = _("De bewoner wil e-mail: vul het e-mailadres in en zet ‘e-mailadres delen’ aan.")
NOTIFY_NEEDS_EMAIL = _("Voor een e-mail aan de bewoner is een e-mailadres nodig.")
# Translators: %(label)s is one of "naam", "telefoonnummer", "e-mailadres", "toelichting";
# "‘naam delen’" is the checkbox "Naam delen" (share name) on the referral form.
SHARE_WITHOUT_VALUE = _("Je zette ‘%(label)s delen’ aan, maar vulde niets in.")
DIGEST_SALT = "referrals.resident_email"


def email_digest(email: str) -> str:
    """A keyed hash of the lower-cased address (SECRET_KEY): the resident's
    own data download finds referrals about them without the address being
    readable in the database."""
    email = (email or "").strip().lower()
    return salted_hmac(DIGEST_SALT, email, algorithm="sha256").hexdigest() if email else ""


def referable(page: Page) -> Page | None:
    """The specific live page if one can refer to it, else None."""
    specific = page.specific
    return specific if isinstance(specific, REFERABLE) and page.live else None


def has_readers(initiative: InitiativePage) -> bool:
    """Someone at the initiative can open the inbox. Without that a
    referral would hold a resident's details that nobody reads."""
    return InitiativeMember.objects.filter(initiative=initiative, user__is_active=True).exists()


def initiative_of(page: Page) -> InitiativePage:
    if isinstance(page, InitiativePage):
        return page
    return page.get_parent().specific


@transaction.atomic
def referral_create(
    *,
    professional: AbstractBaseUser,
    page: Page,
    consent_given: bool,
    preferred_contact: str,
    resident_name: str = "",
    resident_phone: str = "",
    resident_email: str = "",
    note: str = "",
    share_name: bool = False,
    share_phone: bool = False,
    share_email: bool = False,
    share_note: bool = False,
    notify_resident: bool = False,
    resident_language: str = "",
) -> Referral:
    """Refer a resident to ``page`` (an activity, meeting place, vacancy or
    initiative). A value the resident did not agree to share is dropped, not
    stored; the address may still be used once for the resident's own mail
    (``notify_resident``). The initiative's members get a mail without
    personal data; the resident a short one if chosen."""
    # Asked of the database, not of a profile cached on the user object.
    profile = ProfessionalProfile.objects.approved().filter(user=professional).first()
    if profile is None or not professional.is_active:
        raise PermissionDenied(NOT_APPROVED)
    target = referable(page)
    if target is None:
        raise ValidationError(NOT_REFERABLE)
    if not has_readers(initiative_of(target)):
        raise ValidationError(NO_READER, code="no_reader")
    if not consent_given:
        raise ValidationError({"consent_given": NO_CONSENT})
    resident_email = resident_email.strip()
    values = {
        "name": (resident_name.strip(), share_name, gettext("naam")),
        "phone": (resident_phone.strip(), share_phone, gettext("telefoonnummer")),
        "email": (resident_email, share_email, gettext("e-mailadres")),
        "note": (note.strip(), share_note, gettext("toelichting")),
    }
    errors = {}
    for name, (value, shared, label) in values.items():
        if shared and not value:
            errors[f"resident_{name}" if name != "note" else "note"] = SHARE_WITHOUT_VALUE % {
                "label": label
            }
    if preferred_contact == PreferredContact.PHONE and not (share_phone and values["phone"][0]):
        errors.setdefault("resident_phone", PHONE_NEEDED)
    if preferred_contact == PreferredContact.EMAIL and not (share_email and resident_email):
        errors.setdefault("resident_email", EMAIL_NEEDED)
    if notify_resident and not resident_email:
        errors.setdefault("resident_email", NOTIFY_NEEDS_EMAIL)
    if errors:
        raise ValidationError(errors)

    initiative = initiative_of(target)
    kept = {name: value if shared else "" for name, (value, shared, _) in values.items()}
    referral = Referral(
        professional=professional,
        page=target,
        page_title=target.title[:255],
        initiative=initiative,
        resident_name=kept["name"],
        resident_phone=kept["phone"],
        resident_email=kept["email"],
        note=kept["note"],
        resident_email_digest=email_digest(resident_email),
        preferred_contact=preferred_contact,
        notify_resident=notify_resident,
        consent_given=True,
        consent_share_name=share_name,
        consent_share_phone=share_phone,
        consent_share_email=share_email,
        consent_share_note=share_note,
        consent_recorded_at=timezone.now(),
        neighbourhood_id=target.neighbourhood_id,
        municipality_id=target.municipality_id,
    )
    referral.full_clean()
    referral.save()

    members = list(
        InitiativeMember.objects.filter(initiative=initiative, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    mail_after_commit(
        template="referrals/email/referral_new",
        context={
            "referral": referral,
            "initiative": initiative,
            "inbox_url": link("volunteers:inbox"),
        },
        to=members,
    )
    if notify_resident:
        mail_after_commit(
            template="referrals/email/referral_resident",
            context={
                "referral": referral,
                "initiative": initiative,
                "page_url": page_link(target),
                "organisation": profile.organisation,
                "contact": PreferredContact(preferred_contact).label,
            },
            to=resident_email,
            # The language the professional chose for them (not stored); an
            # account of theirs that chose one wins (core/mail.py).
            language=resident_language,
        )
    return referral


def _for_member(referral: Referral, by: AbstractBaseUser) -> Referral:
    found = (
        Referral.objects.for_initiative_member(by)
        .select_for_update(of=("self",))
        .filter(pk=referral.pk)
        .first()
    )
    if found is None:
        raise PermissionDenied("Deze verwijzing is niet voor jouw initiatief.")
    return found


@transaction.atomic
def referral_confirm_contact(*, referral: Referral, by: AbstractBaseUser) -> Referral:
    """The initiative had its first contact with the resident."""
    referral = _for_member(referral, by)
    if referral.status != ReferralStatus.SENT:
        raise ValidationError(gettext("Het contact is al gemeld."))
    referral.status = ReferralStatus.CONTACTED
    referral.first_contact_at = timezone.now()
    referral.full_clean()
    referral.save()
    return referral


@transaction.atomic
def referral_record_outcome(
    *, referral: Referral, by: AbstractBaseUser, attended: bool
) -> Referral:
    """After contact: did the resident come?"""
    referral = _for_member(referral, by)
    if referral.status != ReferralStatus.CONTACTED:
        raise ValidationError(
            gettext("Meld eerst dat je contact hebt gehad.")
            if referral.status == ReferralStatus.SENT
            else gettext("Dit is al gemeld.")
        )
    referral.status = ReferralStatus.ATTENDED if attended else ReferralStatus.NOT_ATTENDED
    referral.outcome_at = timezone.now()
    referral.full_clean()
    referral.save()
    return referral


@transaction.atomic
def referral_cancel(*, referral: Referral, by: AbstractBaseUser) -> Referral:
    """The professional withdraws a referral the initiative has not acted
    on. What was shared about the resident goes: nobody needs it any more."""
    referral = (
        Referral.objects.of_professional(by)
        .select_for_update(of=("self",))
        .filter(pk=referral.pk)
        .first()
    )
    if referral is None:
        raise PermissionDenied("Dit is niet jouw verwijzing.")
    if referral.status == ReferralStatus.CANCELLED:
        raise ValidationError(gettext("Deze verwijzing is al ingetrokken."))
    if referral.status != ReferralStatus.SENT:
        raise ValidationError(
            gettext(
                "Deze verwijzing kun je niet meer intrekken: het initiatief heeft al contact gehad."
            )
        )
    referral.status = ReferralStatus.CANCELLED
    referral.resident_name = referral.resident_phone = referral.resident_email = ""
    referral.note = ""
    referral.resident_email_digest = ""
    referral.full_clean()
    referral.save()
    return referral
