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

from initiatives.choices import PartOfDay, Weekday
from initiatives.fields import ChoiceArrayField
from initiatives.models.geography import POSTCODE_INVALID, normalise_postcode

from . import sensitive_terms
from .locations import new_location_seed
from .querysets import (
    HelpOfferQuerySet,
    HelpRequestQuerySet,
    ResponseQuerySet,
)

TRAVEL_KM_MAX = 100
INTRODUCTION_MAX = 1000
MESSAGE_MAX = 2000

# Short English day codes for the stored slot values ("mon-morning"): readable
# in the database and in URLs, while the labels come from the shared choices.
DAY_CODES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def slot_code(weekday: int, part_of_day: str) -> str:
    return f"{DAY_CODES[weekday]}-{part_of_day}"


AvailabilitySlot = models.TextChoices(
    "AvailabilitySlot",
    [
        (
            f"{DAY_CODES[day.value]}_{part.value}".upper(),
            (slot_code(day.value, part.value), f"{day.label}{part.label}"),
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
        "naam",
        max_length=80,
        help_text="Zo zien initiatieven je naam als je reageert. Je voornaam is genoeg.",
    )
    postcode = models.CharField(
        "postcode",
        max_length=7,
        blank=True,
        help_text="Bijvoorbeeld 3317 AB. We gebruiken je postcode alleen om de afstand "
        "te berekenen; niemand ziet waar je woont.",
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
        "hoe ver wil je reizen (km)",
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(TRAVEL_KM_MAX)],
    )
    themes = models.ManyToManyField(
        "initiatives.Theme", verbose_name="thema's", blank=True, related_name="+"
    )
    skills = models.ManyToManyField(
        "initiatives.Skill", verbose_name="vaardigheden", blank=True, related_name="+"
    )
    # At most 21 slots, always read and written with the profile: an array
    # avoids a join and a table, and ``availability__overlap`` with a GIN index
    # answers "who can on Tuesday morning" when matching vacancies.
    availability = ChoiceArrayField(
        models.CharField(max_length=16, choices=AvailabilitySlot.choices),
        verbose_name="wanneer kun je",
        default=list,
        blank=True,
    )
    languages = ArrayField(
        models.CharField(max_length=40),
        verbose_name="talen",
        default=list,
        blank=True,
        size=10,
    )
    has_vog = models.BooleanField("ik heb een VOG", default=False)
    introduction = models.TextField(
        "over jezelf",
        max_length=INTRODUCTION_MAX,
        blank=True,
        help_text="Vertel kort wie je bent en wat je graag doet.",
    )
    visible_to_initiatives = models.BooleanField(
        "initiatieven mogen mijn profiel zien",
        default=False,
        help_text="Als je reageert, ziet het initiatief dan ook je thema's, vaardigheden, "
        "wanneer je kunt, talen, VOG en je tekst over jezelf. Nooit je postcode.",
    )
    match_alerts = models.BooleanField(
        "stuur me nieuwe matches per e-mail",
        default=True,
        help_text="Hooguit één e-mail per keer, met vrijwilligerswerk dat nieuw is en bij je past.",
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
        return [labels.get(slot, slot) for slot in self.availability]


class ResponseStatus(models.TextChoices):
    NEW = "new", "nieuw"
    IN_CONTACT = "in_contact", "in contact"
    MATCHED = "matched", "gekoppeld"
    DECLINED = "declined", "afgewezen"
    WITHDRAWN = "withdrawn", "ingetrokken"


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


# --- help requests ---
# A hulpvraag comes from a resident or mantelzorger who may be vulnerable. The
# public pages show the kind, the text, a point snapped to a grid of about
# 500 m and that point's wijk; the requester, the postcode, the exact point and for whom the
# help is asked stay private. Contact details are exchanged by e-mail only when
# the requester accepts an offer.
HELP_TITLE_MAX = 100
HELP_DESCRIPTION_MAX = 2000
HELP_OFFER_MESSAGE_MAX = 1000


class HelpKind(models.TextChoices):
    GROCERIES = "groceries", "boodschappen"
    TRANSPORT = "transport", "vervoer"
    COMPANY = "company", "gezelschap"
    ODD_JOBS = "odd_jobs", "klusjes"
    RESPITE = "respite", "respijt of oppas"
    PAPERWORK = "paperwork", "administratie"
    OTHER = "other", "anders"


class HelpRequestStatus(models.TextChoices):
    PENDING = "pending", "wacht op goedkeuring"
    PUBLISHED = "published", "gepubliceerd"
    MATCHED = "matched", "hulp gevonden"
    CLOSED = "closed", "gesloten"
    REJECTED = "rejected", "afgewezen"
    ARCHIVED = "archived", "gearchiveerd"


class HelpRequest(models.Model):
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="help_requests",
        verbose_name="hulpvrager",
    )
    asked_for_someone_else = models.BooleanField("ik vraag hulp voor iemand anders", default=False)
    on_behalf_of = models.CharField(
        "voor wie",
        max_length=80,
        blank=True,
        help_text="Bijvoorbeeld ‘mijn moeder’. Dit ziet alleen de beheerder, nooit de bezoekers.",
    )
    kind = models.CharField("soort hulp", max_length=12, choices=HelpKind.choices)
    title = models.CharField("korte omschrijving", max_length=HELP_TITLE_MAX)
    description = models.TextField("wat is er nodig", max_length=HELP_DESCRIPTION_MAX)
    when_text = models.CharField(
        "wanneer", max_length=100, blank=True, help_text="Bijvoorbeeld ‘dinsdagmiddag’."
    )
    when_date = models.DateField("datum", null=True, blank=True)
    postcode = models.CharField("postcode", max_length=7)
    # From the postcode; private. Null while no geocoder could be asked.
    location = models.PointField(geography=True, srid=4326, null=True, blank=True, editable=False)
    # The point the public pages use: ``location`` snapped to a ~500 m grid.
    public_location = models.PointField(
        geography=True, srid=4326, null=True, blank=True, editable=False
    )
    # The wijk of ``public_location`` (not of the exact point), so it says
    # nothing more than that point does.
    neighbourhood = models.ForeignKey(
        "initiatives.Neighbourhood",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="wijk",
    )
    status = models.CharField(
        "status",
        max_length=12,
        choices=HelpRequestStatus.choices,
        default=HelpRequestStatus.PENDING,
    )
    rejection_reason = models.TextField("reden van afwijzing", max_length=1000, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="beoordeeld door",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    archived_at = models.DateTimeField(null=True, blank=True)

    objects = HelpRequestQuerySet.as_manager()

    class Meta:
        verbose_name = "hulpvraag"
        verbose_name_plural = "hulpvragen"
        ordering = ["-created_at"]
        permissions = [("moderate_helprequest", "Kan hulpvragen beoordelen")]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="helprequest_status_pub_idx"),
            models.Index(fields=["status", "created_at"], name="helprequest_status_created_idx"),
            models.Index(fields=["requester", "-created_at"], name="helprequest_requester_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=HelpRequestStatus.REJECTED) | ~Q(rejection_reason=""),
                name="helprequest_rejected_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(status=HelpRequestStatus.PENDING)
                | Q(status=HelpRequestStatus.REJECTED)
                | Q(published_at__isnull=False),
                name="helprequest_published_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status=HelpRequestStatus.ARCHIVED) | Q(archived_at__isnull=False),
                name="helprequest_archived_has_date",
            ),
            models.CheckConstraint(
                condition=Q(asked_for_someone_else=True) | Q(on_behalf_of=""),
                name="helprequest_on_behalf_only_for_others",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.get_status_display()})"

    def clean(self):
        # An empty postcode is the field's own "required" error.
        if self.postcode:
            normal = normalise_postcode(self.postcode)
            if normal is None:
                raise ValidationError({"postcode": POSTCODE_INVALID})
            self.postcode = normal
        if not self.asked_for_someone_else:
            self.on_behalf_of = ""


class HelpOfferStatus(models.TextChoices):
    OFFERED = "offered", "aangeboden"
    ACCEPTED = "accepted", "geaccepteerd"
    DECLINED = "declined", "niet nodig"
    WITHDRAWN = "withdrawn", "ingetrokken"


class HelpOffer(models.Model):
    """A volunteer's "ik bied hulp" on a help request (a *hulpaanbod*)."""

    help_request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="offers", verbose_name="hulpvraag"
    )
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="help_offers",
        verbose_name="vrijwilliger",
    )
    message = models.TextField("bericht", max_length=HELP_OFFER_MESSAGE_MAX)
    status = models.CharField(
        "status", max_length=12, choices=HelpOfferStatus.choices, default=HelpOfferStatus.OFFERED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = HelpOfferQuerySet.as_manager()

    class Meta:
        verbose_name = "hulpaanbod"
        verbose_name_plural = "hulpaanbiedingen"
        ordering = ["created_at"]
        indexes = [
            models.Index(fields=["help_request", "status"], name="helpoffer_request_status_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["help_request", "volunteer"], name="helpoffer_one_per_volunteer"
            ),
            # One helper per request: a second accept fails in the database too.
            models.UniqueConstraint(
                fields=["help_request"],
                condition=Q(status=HelpOfferStatus.ACCEPTED),
                name="helpoffer_one_accepted",
            ),
        ]

    def __str__(self):
        return f"{self.volunteer} → {self.help_request} ({self.get_status_display()})"


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


class SensitiveTermKind(models.TextChoices):
    WORD = sensitive_terms.WORD, "woord (ook woorden die ermee beginnen)"
    PATTERN = sensitive_terms.PATTERN, "patroon (reguliere expressie)"


class SensitiveTerm(models.Model):
    """A word or pattern that suggests health or identity data in a help
    request's public text. The moderation screen marks it and asks the
    moderator to edit it out (``sensitive_terms.py``). Moderators keep the
    list in the Wagtail admin; a migration fills in a first list."""

    term = models.CharField(
        "woord of patroon",
        max_length=200,
        help_text="Een woord markeert ook woorden die ermee beginnen: ‘dement’ vindt "
        "‘dementie’ en ‘dementerend’. Hoofdletters maken niet uit.",
    )
    kind = models.CharField(
        "soort", max_length=10, choices=SensitiveTermKind.choices, default=SensitiveTermKind.WORD
    )
    reason = models.CharField(
        "waarom opletten",
        max_length=60,
        help_text="Dit ziet de moderator bij de markering, bijvoorbeeld ‘gezondheid’ of "
        "‘telefoonnummer’.",
    )
    active = models.BooleanField("aan", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "gevoelig woord"
        verbose_name_plural = "gevoelige woorden"
        ordering = ["reason", "term"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "term"], name="sensitive_term_once"),
            models.CheckConstraint(condition=~Q(term=""), name="sensitive_term_not_empty"),
        ]

    def __str__(self):
        return f"{self.term} ({self.reason})"

    def clean(self):
        self.term = self.term.strip()
        if self.kind == SensitiveTermKind.WORD:
            self.term = " ".join(self.term.lower().split())
        elif self.term and (problem := sensitive_terms.pattern_problem(self.term)):
            raise ValidationError({"term": problem})

    def as_term(self) -> sensitive_terms.Term:
        return sensitive_terms.Term(self.term, self.kind, self.reason)
