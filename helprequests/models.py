"""Help requests (*hulpvragen*), the offers volunteers make on them, and the
sensitive words the moderation screen marks in them."""

from django.conf import settings
from django.contrib.gis.db import models
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from initiatives.languages import BY_CODE, DUTCH, written_in, written_in_choices
from initiatives.models.geography import POSTCODE_INVALID, normalise_postcode

from . import sensitive_terms
from .querysets import HelpOfferQuerySet, HelpRequestQuerySet

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
    GROCERIES = "groceries", _("boodschappen")
    TRANSPORT = "transport", _("vervoer")
    COMPANY = "company", _("gezelschap")
    ODD_JOBS = "odd_jobs", _("klusjes")
    # Translators: respijtzorg is respite care, a break for an informal carer (mantelzorger);
    # oppas is someone who stays with the person cared for.
    RESPITE = "respite", _("respijt of oppas")
    PAPERWORK = "paperwork", _("administratie")
    OTHER = "other", _("anders")


class HelpRequestStatus(models.TextChoices):
    PENDING = "pending", _("wacht op goedkeuring")
    PUBLISHED = "published", _("gepubliceerd")
    # The requester put it on hold: off the public pages, offers kept.
    PAUSED = "paused", _("gepauzeerd")
    MATCHED = "matched", _("hulp gevonden")
    CLOSED = "closed", _("gesloten")
    REJECTED = "rejected", _("afgewezen")
    ARCHIVED = "archived", _("gearchiveerd")


class HelpRequest(models.Model):
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="help_requests",
        verbose_name="hulpvrager",
    )
    asked_for_someone_else = models.BooleanField(
        _("ik vraag hulp voor iemand anders"), default=False
    )
    on_behalf_of = models.CharField(
        _("voor wie"),
        max_length=80,
        blank=True,
        help_text=_(
            "Bijvoorbeeld ‘mijn moeder’. Dit ziet alleen de beheerder, nooit de bezoekers."
        ),
    )
    kind = models.CharField(_("soort hulp"), max_length=12, choices=HelpKind.choices)
    title = models.CharField(_("korte omschrijving"), max_length=HELP_TITLE_MAX)
    description = models.TextField(_("wat is er nodig"), max_length=HELP_DESCRIPTION_MAX)
    when_text = models.CharField(
        _("wanneer"), max_length=100, blank=True, help_text=_("Bijvoorbeeld ‘dinsdagmiddag’.")
    )
    when_date = models.DateField(_("datum"), null=True, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7)
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
    # The gemeente of ``public_location``, also where it lies outside every
    # wijk: whose moderators judge the request, and where it counts in the
    # overview. Null while the request has no point.
    municipality = models.ForeignKey(
        "initiatives.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="gemeente",
    )
    # The language the requester wrote the text in (docs/languages.md): the
    # page marks the text with it, so a screen reader reads it right, and a
    # volunteer who speaks it sees so.
    language = models.CharField(
        _("taal van je tekst"), max_length=8, choices=written_in_choices, default=DUTCH
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
    # When a moderator approved or rejected it (time to a decision, followup/).
    moderated_at = models.DateTimeField(null=True, blank=True)
    # The first offer: the time to a first reply runs from ``published_at``,
    # the moment others could see the request (followup/, issue 17).
    first_offer_at = models.DateTimeField("eerste aanbod op", null=True, blank=True)
    archived_at = models.DateTimeField(null=True, blank=True)

    objects = HelpRequestQuerySet.as_manager()

    class Meta:
        db_table = "volunteers_helprequest"
        verbose_name = "hulpvraag"
        verbose_name_plural = "hulpvragen"
        ordering = ["-created_at"]
        permissions = [("moderate_helprequest", "Kan hulpvragen beoordelen")]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="helprequest_status_pub_idx"),
            models.Index(fields=["status", "created_at"], name="helprequest_status_created_idx"),
            models.Index(
                fields=["municipality", "status", "created_at"],
                name="helprequest_gm_status_idx",
            ),
            models.Index(fields=["requester", "-created_at"], name="helprequest_requester_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=HelpRequestStatus.REJECTED) | ~Q(rejection_reason=""),
                name="helprequest_rejected_has_reason",
            ),
            # Only what is (or was just) public needs the date: a requester
            # may close a request before a moderator ever saw it.
            models.CheckConstraint(
                condition=~Q(status__in=[HelpRequestStatus.PUBLISHED, HelpRequestStatus.PAUSED])
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

    @property
    def text_language(self):
        """The language of the text (initiatives/languages.py), for ``lang``/``dir``."""
        return BY_CODE.get(self.language) or BY_CODE[DUTCH]

    @property
    def written_in(self) -> str:
        """ "In het Engels geschreven" under a text not in Dutch; ''."""
        return written_in(self.language)

    def __str__(self):
        return self.label(title=self.title, status=self.status)

    @staticmethod
    def label(*, title: str, status: str) -> str:
        """What ``str()`` gives, from the two columns: lists that order by it
        without loading the request ("Voor jou") use this."""
        return f"{title} ({dict(HelpRequestStatus.choices).get(status, status)})"

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
    OFFERED = "offered", _("aangeboden")
    ACCEPTED = "accepted", _("geaccepteerd")
    DECLINED = "declined", _("niet nodig")
    WITHDRAWN = "withdrawn", _("ingetrokken")


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
    message = models.TextField(_("bericht"), max_length=HELP_OFFER_MESSAGE_MAX)
    status = models.CharField(
        "status", max_length=12, choices=HelpOfferStatus.choices, default=HelpOfferStatus.OFFERED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = HelpOfferQuerySet.as_manager()

    class Meta:
        db_table = "volunteers_helpoffer"
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
        db_table = "volunteers_sensitiveterm"
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
