"""Who may edit an initiative's pages: registrations from the public form and,
once approved, the initiative's own Wagtail group (docs/publishing.md)."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import pgettext_lazy

from ..querysets import for_moderator


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("registration status", "wacht op beoordeling")
    APPROVED = "approved", pgettext_lazy("registration status", "goedgekeurd")
    REJECTED = "rejected", pgettext_lazy("registration status", "afgewezen")
    # Sent without being logged in, and the link mailed to the address not
    # yet followed: the moderators do not see it as something to judge.
    UNCONFIRMED = (
        "unconfirmed",
        pgettext_lazy("registration status", "e-mailadres nog niet bevestigd"),
    )


class RegistrationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=RegistrationStatus.PENDING)

    def for_moderator(self, user):
        """Only the registrations of the gemeenten ``user`` moderates (where
        the draft page lies)."""
        return for_moderator(self, user, "page__municipality")


class InitiativeRegistration(models.Model):
    """A request from "Meld je initiatief aan": the draft initiative page it
    created, who asked, and the municipality's decision."""

    name = models.CharField("naam van het initiatief", max_length=255)
    page = models.ForeignKey(
        "initiatives.InitiativePage",
        verbose_name="conceptpagina",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="aanvrager",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiative_registrations",
    )
    # Made for registrations (not an account someone signed up for): removed
    # again when the last registration that needs it is rejected, so nothing
    # is kept that has no purpose.
    created_account = models.BooleanField(default=False, editable=False)
    contact_name = models.CharField("naam aanvrager", max_length=100)
    email = models.EmailField("e-mailadres aanvrager")
    phone = models.CharField("telefoon aanvrager", max_length=30, blank=True)
    message = models.TextField("toelichting voor de gemeente", blank=True, max_length=2000)
    # The interface language the applicant registered in (docs/languages.md):
    # the receipt and the municipality's decision are written in it when the
    # address has no account that chose one. Empty: Dutch.
    language = models.CharField("taal", max_length=8, blank=True, default="", editable=False)
    status = models.CharField(
        "status",
        max_length=12,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.PENDING,
    )
    reason = models.TextField("reden van afwijzing", blank=True, max_length=1000)
    created_at = models.DateTimeField("aangemeld op", auto_now_add=True)
    decided_at = models.DateTimeField("besloten op", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="besloten door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = "aanmelding van een initiatief"
        verbose_name_plural = "aanmeldingen van initiatieven"
        ordering = ["-created_at"]
        permissions = [
            ("moderate_initiativeregistration", "Aanmeldingen van initiatieven beoordelen")
        ]

    def __str__(self):
        return f"{self.name} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status == RegistrationStatus.PENDING


class InitiativeAccess(models.Model):
    """The Wagtail group whose page permissions cover one initiative's subtree
    (and whose collection holds its images). Members of the initiative are
    members of the group. A trusted initiative also has publish permission and
    so skips the moderation workflow."""

    initiative = models.OneToOneField(
        "initiatives.InitiativePage",
        verbose_name="initiatief",
        on_delete=models.CASCADE,
        related_name="access",
    )
    group = models.OneToOneField(
        Group, verbose_name="groep", on_delete=models.CASCADE, related_name="initiative_access"
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name="map voor afbeeldingen",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    trusted = models.BooleanField(
        "mag direct publiceren",
        default=False,
        help_text="Vertrouwde initiatieven publiceren zonder goedkeuring van de gemeente.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "toegang van een initiatief"
        verbose_name_plural = "toegang van initiatieven"
        ordering = ["initiative__title"]

    def __str__(self):
        return self.initiative.title

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        from ..permissions import sync_page_permissions

        sync_page_permissions(self)  # "trusted" is publish permission, nothing else
