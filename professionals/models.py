from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from contactpoints.models import ContactPoint
from initiatives.models import Municipality

from .choices import ProfessionalRole, ProfessionalStatus
from .querysets import ProfessionalQuerySet

__all__ = ["ProfessionalProfile", "ProfessionalRole", "ProfessionalStatus"]


class ProfessionalProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="professional"
    )
    organisation = models.CharField(
        "organisatie", max_length=200, help_text=_("Bijvoorbeeld: Huisartsenpraktijk Wielwijk.")
    )
    role = models.CharField("functie", max_length=20, choices=ProfessionalRole.choices)
    work_phone = models.CharField("telefoonnummer werk", max_length=40, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name="gemeente waar je werkt",
        on_delete=models.PROTECT,
        related_name="professionals",
    )
    contact_point = models.ForeignKey(
        ContactPoint,
        verbose_name="contactpunt",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="professionals",
        help_text="Alleen voor medewerkers van een contactpunt.",
    )
    status = models.CharField(
        "status",
        max_length=10,
        choices=ProfessionalStatus.choices,
        default=ProfessionalStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="besloten door",
    )
    decided_at = models.DateTimeField("besloten op", null=True, blank=True)
    rejection_reason = models.TextField("reden van afwijzing", max_length=1000, blank=True)
    created_at = models.DateTimeField("aangevraagd op", auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProfessionalQuerySet.as_manager()

    class Meta:
        verbose_name = "professional"
        verbose_name_plural = "professionals"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"], name="professional_status_idx")]
        permissions = [
            ("moderate_professionalprofile", "Mag aanmeldingen van professionals beoordelen")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.organisation})"

    @property
    def approved(self) -> bool:
        return self.status == ProfessionalStatus.APPROVED
