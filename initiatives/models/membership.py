"""Who answers for an initiative. Members handle its responses and, once the
initiative has its own group (permissions.py), edit its pages in Wagtail: add and
remove them with ``services.initiative_member_add`` / ``_remove``, which keep
the group in step."""

from django.conf import settings
from django.db import models

from ..querysets import InitiativeMemberQuerySet


class MemberRole(models.TextChoices):
    MANAGER = "manager", "beheerder"
    MEMBER = "member", "medewerker"


class InitiativeMember(models.Model):
    """A user who answers for an initiative: sees and handles its responses."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="initiative_memberships",
        verbose_name="gebruiker",
    )
    initiative = models.ForeignKey(
        "initiatives.InitiativePage",
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name="initiatief",
    )
    role = models.CharField(
        "rol", max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InitiativeMemberQuerySet.as_manager()

    class Meta:
        # Made in volunteers; the table kept its name when the model moved
        # (migrations initiatives 0005, volunteers 0010).
        db_table = "volunteers_initiativemember"
        verbose_name = "lid van een initiatief"
        verbose_name_plural = "leden van initiatieven"
        constraints = [
            models.UniqueConstraint(fields=["user", "initiative"], name="member_unique_user"),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}, {self.initiative})"
