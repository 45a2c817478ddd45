from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from contactpoints.models import ContactPoint
from core.crypto import EncryptedTextField
from initiatives.models import Municipality, Neighbourhood

from .querysets import HelpSignalQuerySet


class SignallerKind(models.TextChoices):
    PROFESSIONAL = "professional", _("Professional")
    NEIGHBOUR = "neighbour", _("Buurtbewoner")


class SignalConsent(models.TextChoices):
    GIVEN = "given", _("De bewoner weet ervan en vindt het goed")
    NOT_POSSIBLE = "not_possible", _("Toestemming vragen kan niet (zeg waarom)")


class SignalStatus(models.TextChoices):
    NEW = "new", _("Nieuw")
    CONTACTED = "contacted", _("Contact opgenomen")
    CLOSED = "closed", _("Afgesloten")


class HelpSignal(models.Model):
    signaller = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="signals_made",
        verbose_name="gemeld door",
    )
    signaller_kind = models.CharField("melder", max_length=12, choices=SignallerKind.choices)
    signaller_phone = models.CharField("telefoonnummer melder", max_length=40, blank=True)
    # Where the resident lives, to route the signal; the postcode is stored
    # only to the digits (PC4) once routed, the wijk and contact point kept.
    postcode = models.CharField("postcode", max_length=7)
    neighbourhood = models.ForeignKey(
        Neighbourhood, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    contact_point = models.ForeignKey(
        ContactPoint,
        null=True,
        on_delete=models.SET_NULL,
        related_name="signals",
        verbose_name="contactpunt",
    )
    # Who and what: as little as the contact point needs to find and reach
    # the resident. No diagnosis (the form says so); encrypted at rest.
    resident = EncryptedTextField("om wie gaat het", blank=True)
    concern = EncryptedTextField("wat is je zorg")
    consent = models.CharField("toestemming", max_length=12, choices=SignalConsent.choices)
    no_consent_reason = EncryptedTextField("waarom geen toestemming", blank=True)
    status = models.CharField(
        "status", max_length=10, choices=SignalStatus.choices, default=SignalStatus.NEW
    )
    first_contact_at = models.DateTimeField("eerste contact op", null=True, blank=True)
    closed_at = models.DateTimeField("afgesloten op", null=True, blank=True)
    created_at = models.DateTimeField("gemeld op", auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = HelpSignalQuerySet.as_manager()

    class Meta:
        verbose_name = "signaal"
        verbose_name_plural = "signalen"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(consent="given")
                | (models.Q(consent="not_possible") & ~models.Q(no_consent_reason="")),
                name="signal_consent_or_reason",
                violation_error_message=_("Zeg waarom toestemming vragen niet kan."),
            )
        ]
        indexes = [
            models.Index(fields=["contact_point", "status"], name="signal_contact_point_idx"),
            models.Index(fields=["status", "created_at"], name="signal_status_idx"),
        ]

    def __str__(self) -> str:
        return f"Signaal #{self.pk}"


class SignalAccessAction(models.TextChoices):
    VIEW = "view", _("Bekeken")
    CONTACT = "contact", _("Contact opgenomen")
    CLOSE = "close", _("Afgesloten")
    DELETE = "delete", _("Verwijderd")


class SignalAccess(models.Model):
    """Every reading of a signal, kept after the signal itself is removed
    (then without the link, and anonymised when the reader's account goes)."""

    signal = models.ForeignKey(
        HelpSignal, null=True, on_delete=models.SET_NULL, related_name="accesses"
    )
    signal_number = models.PositiveBigIntegerField("signaalnummer")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=10, choices=SignalAccessAction.choices)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "inzage signaal"
        verbose_name_plural = "inzage signalen"
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} signaal #{self.signal_number}"
