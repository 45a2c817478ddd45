"""A referral holds personal data of someone who may have no account: only
what the resident agreed to share, the note encrypted at rest, and nothing
of it reaches search, feeds, the API or exports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.crypto import EncryptedTextField
from initiatives.models import InitiativePage, Municipality, Neighbourhood

from .querysets import ReferralQuerySet


class PreferredContact(models.TextChoices):
    PHONE = "phone", _("Bellen")
    EMAIL = "email", _("E-mailen")
    VIA_PROFESSIONAL = "professional", _("Via de verwijzer")


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Verstuurd")
    CONTACTED = "contacted", _("Contact gehad")
    ATTENDED = "attended", _("Is gekomen")
    NOT_ATTENDED = "not_attended", _("Is niet gekomen")
    CANCELLED = "cancelled", pgettext_lazy("referral status", "Ingetrokken")


class Referral(models.Model):
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="referrals_made",
        verbose_name="verwijzer",
    )
    # The listing referred to (an activity, meeting place, vacancy or the
    # initiative itself) and the initiative whose inbox gets it.
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="verwezen naar",
    )
    page_title = models.CharField("titel", max_length=255)
    initiative = models.ForeignKey(
        InitiativePage,
        null=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
        verbose_name="initiatief",
    )
    # The resident: only what they agreed to share (the consent fields).
    resident_name = EncryptedTextField("naam", blank=True)
    resident_phone = EncryptedTextField("telefoonnummer", blank=True)
    resident_email = EncryptedTextField("e-mailadres", blank=True)
    # A keyed hash of the address, so the resident's own data download finds
    # what was made about them without the address being readable.
    resident_email_digest = models.CharField(max_length=64, blank=True, db_index=True)
    note = EncryptedTextField("korte toelichting", blank=True)
    preferred_contact = models.CharField(
        "hoe wil de bewoner contact", max_length=12, choices=PreferredContact.choices
    )
    notify_resident = models.BooleanField("bewoner krijgt een korte e-mail", default=False)
    consent_given = models.BooleanField("de bewoner geeft toestemming", default=False)
    consent_share_name = models.BooleanField("naam delen", default=False)
    consent_share_phone = models.BooleanField("telefoonnummer delen", default=False)
    consent_share_email = models.BooleanField("e-mailadres delen", default=False)
    consent_share_note = models.BooleanField("toelichting delen", default=False)
    consent_recorded_at = models.DateTimeField("toestemming vastgelegd op")
    neighbourhood = models.ForeignKey(
        Neighbourhood, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        "status", max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    first_contact_at = models.DateTimeField("eerste contact op", null=True, blank=True)
    outcome_at = models.DateTimeField("gekomen of niet, gemeld op", null=True, blank=True)
    created_at = models.DateTimeField("verwezen op", auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = "verwijzing"
        verbose_name_plural = "verwijzingen"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(consent_given=True),
                name="referral_needs_consent",
                violation_error_message=_(
                    "Zonder toestemming van de bewoner kun je niet verwijzen."
                ),
            ),
            # What the resident did not agree to share is not kept at all.
            *[
                models.CheckConstraint(
                    condition=models.Q(**{f"consent_share_{name}": True}) | models.Q(**{field: ""}),
                    name=f"referral_{name}_only_if_shared",
                    violation_error_message=_("Bewaar alleen wat de bewoner wil delen."),
                )
                for name, field in (
                    ("name", "resident_name"),
                    ("phone", "resident_phone"),
                    ("email", "resident_email"),
                    ("note", "note"),
                )
            ],
        ]
        indexes = [
            models.Index(fields=["initiative", "status"], name="referral_initiative_idx"),
            models.Index(fields=["status", "created_at"], name="referral_status_idx"),
        ]

    def __str__(self) -> str:
        # No personal data: this string shows up in logs and the admin.
        return f"Verwijzing #{self.pk} naar {self.page_title}"
