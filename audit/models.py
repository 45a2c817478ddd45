"""One row per access to personal data. Never the data itself: what kind of
object, its number, who (account number and role at the time), what, when,
why and in which request. Rows are only added; the retention command
(``purge_audit_log``) is the only thing that removes them."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .querysets import AccessEventQuerySet


class AccessAction(models.TextChoices):
    VIEW = "view", _("Bekeken")
    EXPORT = "export", _("Geëxporteerd")
    CHANGE = "change", _("Gewijzigd")
    DELETE = "delete", _("Verwijderd")


class AccessRole(models.TextChoices):
    """The role in which the actor saw the data: kept as it was then, since
    a moderator may be a volunteer next year."""

    ADMIN = "beheerder", _("Beheerder")
    MODERATOR = "moderator", _("Moderator")
    INITIATIVE = "initiatief", _("Lid van een initiatief")
    VOLUNTEER = "vrijwilliger", _("Vrijwilliger")
    PROFESSIONAL = "professional", _("Professional")
    CONTACT_POINT = "contactpunt", _("Medewerker van een contactpunt")
    RESIDENT = "bewoner", _("Bewoner (eigen gegevens)")
    SYSTEM = "systeem", _("Systeem (bewaartermijn)")
    USER = "gebruiker", _("Gebruiker")


class AccessObject(models.TextChoices):
    """Kinds of object that hold personal data."""

    HELP_REQUEST = "hulpvraag", _("Hulpvraag")
    PROFILE = "profiel", _("Vrijwilligersprofiel")
    RESPONSE = "reactie", _("Reactie")
    REFERRAL = "verwijzing", _("Verwijzing")
    SIGNAL = "signaal", _("Signaal")
    SIGNUPS = "aanmeldingen", _("Aanmeldingen (lijst per datum)")
    OWN_DATA = "eigen-gegevens", _("Eigen gegevens")
    EXPORT = "export", _("Export met persoonsgegevens")


class AccessEvent(models.Model):
    at = models.DateTimeField("tijdstip", default=timezone.now)
    # Plain numbers, no foreign keys: the trail outlives the account and the
    # object it names (a deleted signal keeps its number here).
    actor_id = models.BigIntegerField("account", null=True, blank=True)
    role = models.CharField("rol", max_length=20, choices=AccessRole.choices)
    action = models.CharField("handeling", max_length=10, choices=AccessAction.choices)
    obj_type = models.CharField("soort gegevens", max_length=20, choices=AccessObject.choices)
    obj_id = models.BigIntegerField("nummer", null=True, blank=True)
    # Whose data it is, for "Wie heeft mijn gegevens bekeken?".
    subject_id = models.BigIntegerField("van account", null=True, blank=True)
    # The gemeente the data belongs to: its moderators see these rows.
    municipality_id = models.BigIntegerField("gemeente", null=True, blank=True)
    purpose = models.CharField("doel", max_length=200, blank=True)
    request_id = models.CharField("verzoek", max_length=64, blank=True)

    objects = AccessEventQuerySet.as_manager()

    class Meta:
        verbose_name = "verwerking"
        verbose_name_plural = "verwerkingen"
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["at"], name="audit_event_at"),
            models.Index(fields=["municipality_id", "at"], name="audit_event_municipality_at"),
            models.Index(fields=["subject_id", "at"], name="audit_event_subject_at"),
            models.Index(fields=["obj_type", "obj_id"], name="audit_event_object"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()} "
            f"{self.get_obj_type_display()} {self.obj_id or ''}".rstrip()
        )
