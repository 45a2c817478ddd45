"""A place on one date of an activity. ``SignupSlot`` is the row that is
locked (``select_for_update``) while a place is given or given back, so the
capacity holds when many people sign up at once."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .querysets import SignupQuerySet


class SignupStatus(models.TextChoices):
    # Signed up with only an email address, which is not confirmed yet: no
    # place is held, so a typo or someone else's address takes nobody's place.
    PENDING = "pending", _("e-mailadres nog niet bevestigd")
    CONFIRMED = "confirmed", _("aangemeld")
    WAITING = "waiting", _("op de wachtlijst")
    CANCELLED = "cancelled", _("afgemeld")


class SignupSlot(models.Model):
    """One date of one activity that people sign up for."""

    activity = models.ForeignKey(
        "initiatives.ActivityPage",
        on_delete=models.CASCADE,
        related_name="signup_slots",
        verbose_name="activiteit",
    )
    date = models.DateField("datum")
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when the date was found called off (an exception, a new schedule,
    # the activity unpublished) and the people on the list were told; cleared
    # when it is on again (signups_notify_called_off).
    called_off_at = models.DateTimeField("gaat niet door sinds", null=True, blank=True)

    class Meta:
        verbose_name = "datum met aanmeldingen"
        verbose_name_plural = "datums met aanmeldingen"
        constraints = [
            models.UniqueConstraint(fields=["activity", "date"], name="signup_slot_unique"),
        ]
        indexes = [models.Index(fields=["date"], name="signup_slot_date")]

    def __str__(self):
        return f"{self.activity_id} op {self.date:%d-%m-%Y}"


class Signup(models.Model):
    """A person on the list of one date: what they gave, nothing more."""

    slot = models.ForeignKey(
        SignupSlot, on_delete=models.CASCADE, related_name="signups", verbose_name="datum"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="signups",
        verbose_name="account",
    )
    name = models.CharField("naam", max_length=100)
    email = models.EmailField("e-mailadres", blank=True)
    phone = models.CharField("telefoonnummer", max_length=30, blank=True)
    # The interface language they signed up in (docs/languages.md): their
    # mails are written in it. Empty: Dutch.
    language = models.CharField("taal", max_length=8, blank=True, default="")
    status = models.CharField(
        "status", max_length=10, choices=SignupStatus.choices, default=SignupStatus.PENDING
    )
    # When the person got in line (a place or the waiting list): the waiting
    # list is served in this order.
    queued_at = models.DateTimeField("in de rij sinds", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    cancelled_at = models.DateTimeField("afgemeld op", null=True, blank=True)
    reminder_sent_at = models.DateTimeField("herinnering verstuurd op", null=True, blank=True)

    objects = SignupQuerySet.as_manager()

    class Meta:
        verbose_name = "aanmelding"
        verbose_name_plural = "aanmeldingen"
        constraints = [
            models.CheckConstraint(condition=~Q(email="", phone=""), name="signup_email_or_phone"),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(status="cancelled") | Q(queued_at__isnull=False),
                name="signup_queued_when_in_line",
            ),
        ]
        indexes = [models.Index(fields=["slot", "status", "queued_at"], name="signup_line")]

    def __str__(self):
        return f"{self.name} ({self.get_status_display()})"
