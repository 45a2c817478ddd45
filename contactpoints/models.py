"""Contact points: a place with people a resident can call, mail or visit.

A contact point serves wijken, whole gemeenten, or both; which one a page
shows is resolved from the place the page is about (``services``), never
written into a template."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from initiatives.models import Municipality, Neighbourhood

from .querysets import ContactPointQuerySet


class ContactPointKind(models.TextChoices):
    # Shown to residents beside a contact point's name.
    # Translators: the team of social workers for a neighbourhood.
    WIJKTEAM = "wijkteam", _("Sociaal wijkteam")
    # Translators: the municipal desk for support under the Social Support Act (Wmo).
    WMO_LOKET = "wmo_loket", _("Wmo-loket")
    # Translators: a support centre for informal carers (mantelzorgers).
    MANTELZORG = "mantelzorg", _("Mantelzorgsteunpunt")
    INFORMATIEPUNT = "informatiepunt", _("Informatiepunt")


class ContactPoint(models.Model):
    name = models.CharField(
        "naam", max_length=150, help_text="Zoals bewoners hem kennen: Sociaal wijkteam Wielwijk."
    )
    kind = models.CharField("soort", max_length=20, choices=ContactPointKind.choices)
    phone = models.CharField("telefoonnummer", max_length=40, blank=True)
    email = models.EmailField("e-mailadres", blank=True)
    website = models.URLField("website", blank=True)
    address = models.CharField(
        "adres", max_length=200, blank=True, help_text="Waar je binnen kunt lopen."
    )
    walk_in_hours = models.CharField(
        "bereikbaar",
        max_length=200,
        blank=True,
        help_text="Kort, zoals bewoners het lezen: ma–vr 9–17, inloop di 13–15.",
    )
    neighbourhoods = models.ManyToManyField(
        Neighbourhood, verbose_name="wijken", blank=True, related_name="contact_points"
    )
    municipalities = models.ManyToManyField(
        Municipality,
        verbose_name="gemeenten",
        blank=True,
        related_name="contact_points",
        help_text="Voor de hele gemeente. Een contactpunt van de wijk gaat voor.",
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="medewerkers",
        blank=True,
        related_name="contact_points",
        help_text="Zij lezen de signalen voor dit contactpunt.",
    )
    active = models.BooleanField("zichtbaar", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ContactPointQuerySet.as_manager()

    class Meta:
        verbose_name = "contactpunt"
        verbose_name_plural = "contactpunten"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(phone="", email=""),
                name="contactpoint_reachable",
                violation_error_message="Vul een telefoonnummer of e-mailadres in.",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def phone_uri(self) -> str:
        """``tel:`` with digits only (and a leading +): "078-770 1234" is
        written for people, a phone dials "tel:0787701234"."""
        digits = re.sub(r"[^\d+]", "", self.phone)
        return f"tel:{digits}" if digits else ""
