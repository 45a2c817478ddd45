"""The municipality behind the site, as a Wagtail site setting.

Every field may be empty: a freshly installed site has no municipality yet,
and the pages then say plainly what has not been filled in (``missing``).
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


class AccessibilityStatus(models.TextChoices):
    """The compliance statuses of the Dutch register
    (toegankelijkheidsverklaring.nl), by their letters."""

    # Shown on the public statement ("Status: A – voldoet volledig").
    A = "A", _("A – voldoet volledig")
    B = "B", _("B – voldoet gedeeltelijk")
    C = "C", _("C – eerste maatregelen genomen")
    D = "D", _("D – verklaring aanwezig, maar nog geen maatregelen")
    E = "E", _("E – geen verklaring")


# What each status means for a visitor, in B1 Dutch ("deze website" is the
# subject). The register's own wording is in the labels above.
STATUS_EXPLANATION = {
    AccessibilityStatus.A: _("Deze website voldoet volledig aan de eisen voor toegankelijkheid."),
    AccessibilityStatus.B: _(
        "Deze website voldoet gedeeltelijk aan de eisen voor toegankelijkheid. "
        "Hieronder staat wat nog niet goed werkt."
    ),
    AccessibilityStatus.C: _(
        "Deze website voldoet nog niet aan de eisen voor toegankelijkheid. "
        "De eerste maatregelen om dat te verbeteren zijn genomen."
    ),
    AccessibilityStatus.D: _(
        "Deze website voldoet nog niet aan de eisen voor toegankelijkheid. "
        "Er zijn nog geen maatregelen genomen om dat te verbeteren."
    ),
    AccessibilityStatus.E: _(
        "Voor deze website is nog geen toegankelijkheidsverklaring vastgesteld. "
        "Hieronder staat wat we nu weten."
    ),
}


@register_setting(icon="site")
class OrganisationSettings(BaseSiteSetting):
    name = models.CharField(
        "naam organisatie",
        max_length=200,
        blank=True,
        help_text="Bijvoorbeeld: Gemeente Dordrecht. Deze naam staat in de privacyverklaring "
        "(als verantwoordelijke), de toegankelijkheidsverklaring en het colofon.",
    )
    postal_address = models.TextField(
        "postadres", blank=True, help_text="Bijvoorbeeld: Postbus 8, 3300 AA Dordrecht."
    )
    visiting_address = models.TextField("bezoekadres", blank=True)
    phone = models.CharField("telefoonnummer", max_length=40, blank=True)
    email = models.EmailField(
        "e-mailadres",
        blank=True,
        help_text="Voor vragen over deze website. Ook voor meldingen over toegankelijkheid.",
    )
    website = models.URLField("website van de organisatie", blank=True)
    kvk_number = models.CharField(
        "KvK-nummer",
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^\d{8}$", "Een KvK-nummer heeft 8 cijfers.")],
    )
    oin = models.CharField(
        "OIN",
        max_length=20,
        blank=True,
        help_text="Organisatie-identificatienummer (20 cijfers), als je dat wilt tonen.",
        validators=[RegexValidator(r"^\d{20}$", "Een OIN heeft 20 cijfers.")],
    )
    dpo_name = models.CharField("naam functionaris gegevensbescherming", max_length=200, blank=True)
    dpo_email = models.EmailField("e-mailadres functionaris gegevensbescherming", blank=True)
    accessibility_status = models.CharField(
        "status toegankelijkheid",
        max_length=1,
        choices=AccessibilityStatus.choices,
        blank=True,
        help_text="De status zoals in het register op toegankelijkheidsverklaring.nl.",
    )
    accessibility_statement_date = models.DateField(
        "datum van de verklaring", null=True, blank=True
    )
    accessibility_research_date = models.DateField("datum laatste onderzoek", null=True, blank=True)
    accessibility_research_method = models.TextField(
        "hoe is onderzocht",
        blank=True,
        help_text="Wie heeft onderzocht, en hoe. Bijvoorbeeld: onderzoek door bureau X "
        "volgens WCAG-EM, op 30 pagina's.",
    )
    accessibility_report_url = models.URLField("link naar het onderzoeksrapport", blank=True)
    accessibility_known_issues = models.TextField(
        "bekende problemen",
        blank=True,
        help_text="Wat nog niet toegankelijk is, wat dat betekent voor bezoekers en wanneer "
        "het opgelost is. Zet een lege regel tussen twee problemen.",
    )
    accessibility_register_url = models.URLField(
        "link naar de verklaring in het register",
        blank=True,
        help_text="Het adres van deze verklaring op toegankelijkheidsverklaring.nl.",
    )
    retention_other = models.TextField(
        "andere bewaartermijnen",
        blank=True,
        help_text="Wat de organisatie buiten deze website bewaart, zoals back-ups en "
        "serverlogboeken, en hoe lang. De bewaartermijnen van de website zelf staan "
        "al in de privacyverklaring: die komen uit de instellingen van de server.",
    )

    panels = [
        HelpPanel(
            content="Deze gegevens staan op de pagina's Contact, Colofon, Privacy en "
            "Toegankelijkheid. Wat je leeg laat, staat daar als ‘nog niet ingevuld’."
        ),
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("postal_address"),
                FieldPanel("visiting_address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("website"),
                FieldPanel("kvk_number"),
                FieldPanel("oin"),
            ],
            heading="Organisatie en contact",
        ),
        MultiFieldPanel(
            [FieldPanel("dpo_name"), FieldPanel("dpo_email"), FieldPanel("retention_other")],
            heading="Privacy",
        ),
        MultiFieldPanel(
            [
                FieldPanel("accessibility_status"),
                FieldPanel("accessibility_statement_date"),
                FieldPanel("accessibility_research_date"),
                FieldPanel("accessibility_research_method"),
                FieldPanel("accessibility_report_url"),
                FieldPanel("accessibility_known_issues"),
                FieldPanel("accessibility_register_url"),
            ],
            heading="Toegankelijkheid",
        ),
    ]

    class Meta:
        verbose_name = "organisatie"
        verbose_name_plural = "organisatie"

    def __str__(self) -> str:
        return self.name or "Organisatie (nog niet ingevuld)"

    @property
    def status_explanation(self) -> str:
        return str(STATUS_EXPLANATION.get(self.accessibility_status, ""))

    @property
    def known_issues(self) -> list[str]:
        """The known problems, one per paragraph (blank lines between them)."""
        text = self.accessibility_known_issues.replace("\r\n", "\n")
        return [part.strip() for part in text.split("\n\n") if part.strip()]


def organisation_for(request) -> OrganisationSettings:
    """The settings of the site this request is for (created empty the first
    time). Without any Wagtail site (a host no site answers and no default),
    an empty, unsaved one: the pages then say what is not filled in."""
    try:
        return OrganisationSettings.for_request(request)
    except OrganisationSettings.DoesNotExist:
        return OrganisationSettings()
