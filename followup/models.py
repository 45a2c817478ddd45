"""Which reminder or escalation went out for what: the unique row is what
keeps ``send_followups`` from ever sending one twice, also when two runs
overlap (the second insert waits for the first and then fails)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class FollowUpKind(models.TextChoices):
    # The headings of "Wacht te lang".
    HELP_MODERATION = "help_moderation", _("Hulpvragen die wachten op beoordeling")
    HELP_REQUEST = "help_request", _("Hulpvragen zonder aanbod")
    RESPONSE = "response", _("Reacties op vacatures zonder antwoord")
    # Translators: a referral is a professional sending a resident to an initiative.
    REFERRAL = "referral", _("Verwijzingen zonder eerste contact")
    # Translators: a signal is a neighbour's concern about a resident, sent to a contact point.
    SIGNAL = "signal", _("Signalen zonder eerste contact")
    REGISTRATION = "registration", _("Aanmeldingen van initiatieven zonder besluit")


class FollowUpLevel(models.TextChoices):
    REMINDER = "reminder", "Herinnering"
    ESCALATION = "escalation", "Naar de coördinator"


class FollowUpNotice(models.Model):
    kind = models.CharField("soort", max_length=16, choices=FollowUpKind.choices)
    # The help request, response, referral, signal or registration: several
    # tables, and a notice outlives its object (kept as a plain number).
    object_id = models.PositiveBigIntegerField("nummer")
    level = models.CharField("niveau", max_length=10, choices=FollowUpLevel.choices)
    sent_at = models.DateTimeField("verstuurd op")

    class Meta:
        verbose_name = "opvolgbericht"
        verbose_name_plural = "opvolgberichten"
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "level"], name="followup_notice_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()}: {self.get_kind_display()} #{self.object_id}"
