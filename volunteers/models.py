"""Volunteers: their profile, their responses to vacancies, and who answers
for an initiative.

A profile describes a person who may be vulnerable: the point derived from the
postcode is for distance only and is never shown; initiatives see a profile
only when the volunteer allows it (``visible_to_initiatives``), and what they
see is computed from the coarse point, never the exact one (``locations.py``).
"""

from django.conf import settings
from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from initiatives.choices import PartOfDay, Weekday
from initiatives.fields import ChoiceArrayField
from initiatives.models.geography import POSTCODE_INVALID, normalise_postcode

from .locations import new_location_seed
from .querysets import ResponseQuerySet

TRAVEL_KM_MAX = 100
INTRODUCTION_MAX = 1000
MESSAGE_MAX = 2000

# Short English day codes for the stored slot values ("mon-morning"): readable
# in the database and in URLs, while the labels come from the shared choices.
DAY_CODES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def slot_code(weekday: int, part_of_day: str) -> str:
    return f"{DAY_CODES[weekday]}-{part_of_day}"


# What people read for each slot: one word in Dutch ("dinsdagmiddag"), so
# each is its own string to translate rather than a day and a part glued together.
SLOT_LABELS = {
    "mon-morning": _("maandagochtend"),
    "mon-afternoon": _("maandagmiddag"),
    "mon-evening": _("maandagavond"),
    "tue-morning": _("dinsdagochtend"),
    "tue-afternoon": _("dinsdagmiddag"),
    "tue-evening": _("dinsdagavond"),
    "wed-morning": _("woensdagochtend"),
    "wed-afternoon": _("woensdagmiddag"),
    "wed-evening": _("woensdagavond"),
    "thu-morning": _("donderdagochtend"),
    "thu-afternoon": _("donderdagmiddag"),
    "thu-evening": _("donderdagavond"),
    "fri-morning": _("vrijdagochtend"),
    "fri-afternoon": _("vrijdagmiddag"),
    "fri-evening": _("vrijdagavond"),
    "sat-morning": _("zaterdagochtend"),
    "sat-afternoon": _("zaterdagmiddag"),
    "sat-evening": _("zaterdagavond"),
    "sun-morning": _("zondagochtend"),
    "sun-afternoon": _("zondagmiddag"),
    "sun-evening": _("zondagavond"),
}

AvailabilitySlot = models.TextChoices(
    "AvailabilitySlot",
    [
        (
            f"{DAY_CODES[day.value]}_{part.value}".upper(),
            (
                slot_code(day.value, part.value),
                SLOT_LABELS[slot_code(day.value, part.value)],
            ),
        )
        for day in Weekday
        for part in PartOfDay
    ],
)


class VolunteerProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="volunteer_profile",
        verbose_name="gebruiker",
    )
    display_name = models.CharField(
        _("naam"),
        max_length=80,
        help_text=_("Zo zien initiatieven je naam als je reageert. Je voornaam is genoeg."),
    )
    postcode = models.CharField(
        _("postcode"),
        max_length=7,
        blank=True,
        help_text=_(
            "Bijvoorbeeld 3317 AB. We gebruiken je postcode alleen om de afstand "
            "te berekenen; niemand ziet waar je woont."
        ),
    )
    # Derived from the postcode by the geocoder; never shown, only used for
    # the volunteer's own distances. Null until a geocoder has found the
    # postcode. Set it only with services.profile_set_location, which sets
    # coarse_location with it.
    location = models.PointField(geography=True, srid=4326, null=True, blank=True, editable=False)
    # ``location`` moved 400-800 m by a fixed offset (locations.coarse_point):
    # everything an initiative sees of this volunteer (in the list or not,
    # distance band, order) is computed from this point only. Never shown.
    coarse_location = models.PointField(
        geography=True, srid=4326, null=True, blank=True, editable=False
    )
    # The profile's own secret for that offset, kept for good: the same
    # postcode always gives the same coarse point.
    location_seed = models.CharField(max_length=32, default=new_location_seed, editable=False)
    travel_km = models.PositiveSmallIntegerField(
        _("hoe ver wil je reizen (km)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(TRAVEL_KM_MAX)],
    )
    themes = models.ManyToManyField(
        "initiatives.Theme", verbose_name=_("thema's"), blank=True, related_name="+"
    )
    skills = models.ManyToManyField(
        "initiatives.Skill", verbose_name=_("vaardigheden"), blank=True, related_name="+"
    )
    # At most 21 slots, always read and written with the profile: an array
    # avoids a join and a table, and ``availability__overlap`` with a GIN index
    # answers "who can on Tuesday morning" when matching vacancies.
    availability = ChoiceArrayField(
        models.CharField(max_length=16, choices=AvailabilitySlot.choices),
        verbose_name=_("wanneer kun je"),
        default=list,
        blank=True,
    )
    languages = ArrayField(
        models.CharField(max_length=40),
        verbose_name=_("talen"),
        default=list,
        blank=True,
        size=10,
    )
    has_vog = models.BooleanField(_("ik heb een VOG"), default=False)
    introduction = models.TextField(
        _("over jezelf"),
        max_length=INTRODUCTION_MAX,
        blank=True,
        help_text=_("Vertel kort wie je bent en wat je graag doet."),
    )
    visible_to_initiatives = models.BooleanField(
        _("initiatieven mogen mijn profiel zien"),
        default=False,
        help_text=_(
            "Als je reageert, ziet het initiatief dan ook je thema's, vaardigheden, "
            "wanneer je kunt, talen, VOG en je tekst over jezelf. Nooit je postcode."
        ),
    )
    match_alerts = models.BooleanField(
        _("stuur me nieuwe matches per e-mail"),
        default=True,
        help_text=_(
            "Hooguit één e-mail per keer, met vrijwilligerswerk dat nieuw is en bij je past."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "vrijwilligersprofiel"
        verbose_name_plural = "vrijwilligersprofielen"
        indexes = [
            GinIndex(fields=["availability"], name="volunteer_availability_gin"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(travel_km__gte=1, travel_km__lte=TRAVEL_KM_MAX),
                name="volunteer_travel_km_range",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("introduction"), INTRODUCTION_MAX),
                name="volunteer_introduction_length",
            ),
            # Both points or neither: a home point without its coarse twin
            # would silently drop out of every initiative's suggestions.
            models.CheckConstraint(
                condition=Q(location__isnull=True, coarse_location__isnull=True)
                | Q(location__isnull=False, coarse_location__isnull=False),
                name="volunteer_coarse_location_with_location",
            ),
            models.CheckConstraint(
                condition=Q(location_seed__regex=r"^[0-9a-f]{32}$"),
                name="volunteer_location_seed_hex",
            ),
        ]

    def __str__(self):
        return self.display_name

    def clean(self):
        if self.postcode:
            normal = normalise_postcode(self.postcode)
            if normal is None:
                raise ValidationError({"postcode": POSTCODE_INVALID})
            self.postcode = normal
        else:
            self.location = self.coarse_location = None

    def availability_labels(self) -> list[str]:
        labels = dict(AvailabilitySlot.choices)
        return [str(labels.get(slot, slot)) for slot in self.availability]


class ResponseStatus(models.TextChoices):
    NEW = "new", _("nieuw")
    IN_CONTACT = "in_contact", _("in contact")
    MATCHED = "matched", _("gekoppeld")
    DECLINED = "declined", _("afgewezen")
    WITHDRAWN = "withdrawn", _("ingetrokken")


# Statuses in which a response is still being handled and can be withdrawn.
OPEN_STATUSES = (ResponseStatus.NEW, ResponseStatus.IN_CONTACT)


class Response(models.Model):
    """A volunteer's "ik wil helpen" on a vacancy (a *reactie*)."""

    # Empty once the volunteer deleted their account: the response stays,
    # anonymous, so the counts per vacancy and initiative stay right.
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="responses",
        verbose_name="vrijwilliger",
    )
    vacancy = models.ForeignKey(
        "initiatives.VacancyPage",
        on_delete=models.CASCADE,
        related_name="responses",
        verbose_name="vacature",
    )
    message = models.TextField("bericht", max_length=MESSAGE_MAX)
    status = models.CharField(
        "status", max_length=12, choices=ResponseStatus.choices, default=ResponseStatus.NEW
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    # The initiative's first answer (its first status change; the
    # volunteer's own withdrawal is none): the time to a first reply runs
    # from ``created_at`` (followup/, issue 17).
    first_reply_at = models.DateTimeField("eerste antwoord op", null=True, blank=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        verbose_name = "reactie"
        verbose_name_plural = "reacties"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "vacancy"], name="response_one_per_volunteer"
            ),
        ]
        indexes = [
            models.Index(fields=["vacancy", "status"], name="response_vacancy_status_idx"),
        ]

    def __str__(self):
        who = self.volunteer or "(verwijderd account)"
        return f"{who} → {self.vacancy} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


# --- match alerts ---
class MatchAlert(models.Model):
    """A vacancy that was mailed to a volunteer in a match digest: the unique
    pair is what keeps the hourly digest from ever sending it twice."""

    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="match_alerts",
        verbose_name="vrijwilliger",
    )
    vacancy = models.ForeignKey(
        "initiatives.VacancyPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="vacature",
    )
    sent_at = models.DateTimeField("verstuurd op")

    class Meta:
        verbose_name = "matchmelding"
        verbose_name_plural = "matchmeldingen"
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "vacancy"], name="match_alert_once_per_vacancy"
            ),
        ]
        indexes = [
            models.Index(fields=["volunteer", "-sent_at"], name="match_alert_latest_idx"),
        ]

    def __str__(self):
        return f"{self.volunteer} ← {self.vacancy} ({self.sent_at:%Y-%m-%d %H:%M})"
