"""The Wagtail page tree: Home > Initiatieven > Initiative > its listings."""

from datetime import datetime

from django import forms
from django.contrib.gis.db import models
from django.core.exceptions import ValidationError
from django.db.models import Q, prefetch_related_objects
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.pagination import paginate

from .. import freshness_rules, schedule
from .. import languages as spoken
from ..choices import (
    Accessibility,
    Facility,
    PartOfDay,
    Recurrence,
    Respite,
    VacancyStatus,
    Weekday,
)
from ..fields import ChoiceArrayField
from ..page_forms import OTHER_INITIATIVES_PLACE, ActivityPageForm, LocatedPageForm
from ..querysets import ActivityManager, ListingManager, VacancyManager
from ..widgets import LocationWidget
from .geography import (
    POSTCODE_INVALID,
    Municipality,
    Neighbourhood,
    in_netherlands,
    normalise_postcode,
)

# Checkboxes: a multiple <select> needs Ctrl-click, which editors did not
# know (issue 16).
TAXONOMY_PANELS = [
    FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
    FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
]
TAXONOMY_PANEL = MultiFieldPanel(TAXONOMY_PANELS, heading="Thema's en doelgroepen")
# Safe addresses and respite (issue 18): on initiatives, meeting places and
# activities. A vacancy says "vanuit huis" instead (``from_home``).
SAFE_ADDRESS_HELP = (
    "Vink dit aan voor een plek die niet iedereen mag kunnen vinden, zoals een "
    "opvang, een lotgenotengroep of iemands huis. Bezoekers zien dan alleen de "
    "wijk en de gemeente, met 'Adres op aanvraag: neem contact op'. Kaart, "
    "zoeken, agenda's en open data tonen geen straat, postcode of precieze plek."
)
RESPITE_PANEL = FieldPanel("respite")
# Languages spoken (issue 20): on every kind of listing (docs/languages.md).
LANGUAGES_HELP = (
    "In welke talen kun je hier terecht? Vink alle talen aan die je hier spreekt, "
    "ook Nederlands als dat zo is. Niets aangevinkt betekent: alleen Nederlands."
)
LANGUAGES_PANEL = FieldPanel("languages")


class Located(models.Model):
    """An address and a point, with the wijk and municipality derived from it."""

    street = models.CharField("straat", max_length=120, blank=True)
    house_number = models.CharField("huisnummer", max_length=12, blank=True)
    postcode = models.CharField("postcode", max_length=7, blank=True)
    town = models.CharField("plaats", max_length=80, blank=True)
    location = models.PointField(
        "plek op de kaart",
        geography=True,
        srid=4326,
        null=True,
        blank=True,
        help_text="Klik op de kaart of vul een adres in; dan zoeken we de plek op.",
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        verbose_name="wijk",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name="gemeente",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    location_required = True

    address_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("street"), FieldPanel("house_number")]),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("town")]),
                FieldPanel("location", widget=LocationWidget),
            ],
            heading="Adres en plek",
        )
    ]

    class Meta:
        abstract = True

    @property
    def latitude(self) -> float | None:
        return self.location.y if self.location is not None else None

    @property
    def longitude(self) -> float | None:
        return self.location.x if self.location is not None else None

    @property
    def address_line(self) -> str:
        street = " ".join(p for p in (self.street, self.house_number) if p)
        place = " ".join(p for p in (self.postcode, self.town) if p)
        return ", ".join(p for p in (street, place) if p)

    def clean_location(self):
        """Invariants only: a valid postcode, a point (when required) inside
        the Netherlands; and the wijk and municipality derived from the point.
        Never asks a geocoder: looking an address up is the page form's job
        (``page_forms.LocatedPageForm``), so saving never waits on the network."""
        from ..areas import area_for_point

        errors = {}
        if self.postcode:
            normal = normalise_postcode(self.postcode)
            if normal is None:
                errors["postcode"] = gettext(POSTCODE_INVALID)
            else:
                self.postcode = normal
        if self.location is not None:
            if not in_netherlands(self.location):
                errors["location"] = (
                    "Deze plek ligt niet in Nederland. Zijn breedte- en lengtegraad "
                    "misschien omgewisseld?"
                )
        elif self.location_required and "postcode" not in errors:
            errors["location"] = "Vul een adres met postcode in of klik de plek aan op de kaart."
        if errors:
            raise ValidationError(errors)
        self.neighbourhood, self.municipality = area_for_point(self.location)


class PublicPlaceField(serializers.Field):
    """An address or coordinate for Wagtail's API, as the public pages show it:
    empty (``""`` for text, null for a number) when the listing's place is not
    public (``place_is_public``, e.g. work from home), whatever was filled in."""

    def __init__(self, attribute: str, empty=None):
        self.attribute, self.empty = attribute, empty
        super().__init__(source="*", read_only=True)

    def to_representation(self, page):
        return getattr(page, self.attribute) if page.place_is_public else self.empty


class ListingPage(Page, Located):
    """What every public listing shares: a summary, themes and target groups."""

    intro = models.TextField(
        "korte omschrijving",
        max_length=300,
        help_text="Eén of twee zinnen; dit staat in lijsten en zoekresultaten.",
    )
    themes = ParentalManyToManyField("initiatives.Theme", verbose_name="thema's", blank=True)
    target_groups = ParentalManyToManyField(
        "initiatives.TargetGroup", verbose_name="doelgroepen", blank=True
    )
    address_on_request = models.BooleanField(
        "adres alleen op aanvraag", default=False, help_text=SAFE_ADDRESS_HELP
    )
    respite = ChoiceArrayField(
        models.CharField(max_length=20, choices=Respite.choices),
        verbose_name="respijtzorg voor mantelzorgers",
        default=list,
        blank=True,
        help_text="Biedt dit mantelzorgers een moment om even vrij te zijn? Kies wat past.",
    )
    languages = ChoiceArrayField(
        models.CharField(max_length=3, choices=spoken.CHOICES),
        verbose_name="talen",
        default=list,
        blank=True,
        help_text=LANGUAGES_HELP,
    )
    updated_at = models.DateTimeField(auto_now=True)
    # Freshness (docs/freshness.md): not content, so kept out of the editor
    # and out of revisions (with_content_json).
    confirmed_at = models.DateTimeField("laatst bevestigd", null=True, blank=True, editable=False)
    confirm_requested_at = models.DateTimeField(
        "bevestiging gevraagd", null=True, blank=True, editable=False
    )
    taken_offline_at = models.DateTimeField(
        "offline gehaald omdat niet bevestigd", null=True, blank=True, editable=False
    )

    objects = ListingManager()
    # Defaults for what cards ask of every kind of listing and only some have
    # or get set: `distance` on a page read nearest first, `initiative_title`
    # where the query added it, `from_home` and `is_open` of a vacancy. A
    # template lookup of a missing attribute makes Django call dir() on the
    # page (~1 ms each; 20 cards, 20 ms per list page).
    distance = None
    initiative_title = ""
    from_home = False
    is_open = None
    # Looks the address up in the admin; the model never does (clean_location).
    base_form_class = LocatedPageForm

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.FilterField("municipality_id"),
        index.FilterField("neighbourhood_id"),
    ]
    # Wagtail's API v2 (/api/v2/pages/?type=...&fields=*): what other systems
    # need, with the place only where the page shows it (docs/api.md).
    api_fields = [
        APIField("intro"),
        APIField("address_line", serializer=PublicPlaceField("address_line", empty="")),
        APIField("latitude", serializer=PublicPlaceField("latitude")),
        APIField("longitude", serializer=PublicPlaceField("longitude")),
        # Safe addresses (issue 18): the place above is then empty.
        APIField("address_on_request"),
        APIField("respite"),
        # Languages spoken: BCP 47 codes, empty for Dutch only (docs/languages.md).
        APIField("languages"),
    ]

    class Meta:
        abstract = True

    @property
    def place_is_public(self) -> bool:
        """Whether visitors may see the address and the point (the page, the
        map, JSON-LD, HSDS, iCal, search and the API all follow this). Not
        for a safe address: then only the wijk and gemeente are public."""
        return not self.address_on_request

    @property
    def public_area(self) -> str:
        """Where a listing is, as far as anyone may know when its place is
        not public: its wijk and gemeente (else the gemeente, else nothing;
        never the town typed with the address, a small village can be one
        street)."""
        names = [a.name for a in (self.neighbourhood, self.municipality) if a is not None]
        return ", ".join(names)

    @property
    def respite_labels(self) -> list[str]:
        labels = dict(Respite.choices)
        return [labels[r] for r in self.respite or () if r in labels]

    @property
    def spoken_languages(self) -> list[spoken.Language]:
        """The languages spoken here, Dutch when none were chosen."""
        return spoken.languages_for(spoken.spoken_codes(self.languages or ()))

    @property
    def languages_summary(self) -> str:
        """ "Ook in het Arabisch" for a card; "" for Dutch only."""
        return spoken.summary(self.languages or ())

    @classmethod
    def freshness_kind(cls) -> str:
        """``vacancy``, ``activity``, ``meetingplace``, ``initiative``: the
        keys of settings.FRESHNESS_DAYS."""
        return cls._meta.model_name.removesuffix("page")

    @property
    def last_confirmed(self) -> datetime | None:
        """The later of the last publish and the last confirmation."""
        return freshness_rules.last_confirmed(self.confirmed_at, self.last_published_at)

    @property
    def is_stale(self) -> bool:
        """Shown as "Niet recent bijgewerkt" on the page and its cards."""
        return freshness_rules.is_stale(self.freshness_kind(), self.last_confirmed, timezone.now())

    def with_content_json(self, content):
        # Publishing an older revision must not bring back an older
        # confirmation or request: these fields follow the live row.
        obj = super().with_content_json(content)
        for name in ("confirmed_at", "confirm_requested_at", "taken_offline_at"):
            setattr(obj, name, getattr(self, name))
        return obj

    def clean(self):
        super().clean()
        # Each language once, in the list's order (the checkboxes' order).
        self.languages = spoken.ordered_codes(self.languages or ())
        self.clean_location()

    def get_initiative(self):
        # Already the specific model: .specific() would only add a query.
        return InitiativePage.objects.ancestor_of(self).first()


class HomePage(Page):
    intro = models.TextField("inleiding", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["initiatives.InitiativeIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = "startpagina"

    def get_context(self, request, *args, **kwargs):
        from ..agenda import home_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_context(request.GET))
        return context


class InitiativeIndexPage(Page):
    intro = models.TextField("inleiding", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["initiatives.HomePage"]
    subpage_types = ["initiatives.InitiativePage"]

    class Meta:
        verbose_name = "overzicht initiatieven"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        initiatives = (
            InitiativePage.objects.child_of(self)
            .live()
            .public()
            .select_related("municipality", "neighbourhood")
            .order_by("title")
        )
        context["page_obj"] = paginate(initiatives, request.GET.get("pagina"), per_page=24)
        return context


class InitiativePage(ListingPage):
    description = RichTextField("beschrijving", blank=True)
    contact_name = models.CharField("contactpersoon", max_length=100, blank=True)
    phone = models.CharField("telefoon", max_length=30, blank=True)
    email = models.EmailField("e-mail", blank=True)
    website = models.URLField("website", blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="afbeelding",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = (
        Page.content_panels
        + [
            FieldPanel("intro"),
            FieldPanel("description"),
            FieldPanel("image"),
            TAXONOMY_PANEL,
            MultiFieldPanel(
                [
                    FieldPanel("contact_name"),
                    FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                    FieldPanel("website"),
                ],
                heading="Contact",
            ),
            RESPITE_PANEL,
            LANGUAGES_PANEL,
        ]
        + Located.address_panels
        + [FieldPanel("address_on_request")]
    )
    search_fields = ListingPage.search_fields + [index.SearchField("description")]
    parent_page_types = ["initiatives.InitiativeIndexPage"]
    subpage_types = [
        "initiatives.ActivityPage",
        "initiatives.MeetingPlacePage",
        "initiatives.VacancyPage",
    ]

    class Meta:
        verbose_name = _("initiatief")
        verbose_name_plural = _("initiatieven")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        areas = ("neighbourhood", "municipality")
        context["activities"] = (
            ActivityPage.objects.child_of(self)
            .live()
            .public()
            .select_related(*areas)
            .prefetch_related("exceptions")
            .order_by("title")
        )
        context["meeting_places"] = (
            MeetingPlacePage.objects.child_of(self)
            .live()
            .public()
            .select_related(*areas)
            .prefetch_related("opening_hours")
            .order_by("title")
        )
        context["vacancies"] = (
            VacancyPage.objects.child_of(self)
            .live()
            .public()
            .open()
            .select_related(*areas)
            .order_by("title")
        )
        return context


class InitiativeChild(ListingPage):
    """A listing that belongs to an initiative and shows its siblings."""

    parent_page_types = ["initiatives.InitiativePage"]
    subpage_types: list[str] = []

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        initiative = self.get_parent().specific
        context["initiative"] = initiative
        context["other_listings"] = (
            Page.objects.child_of(initiative)
            .live()
            .public()
            .not_page(self)
            .specific()
            .order_by("title")[:12]
        )
        return context


class MeetingPlacePage(InitiativeChild):
    description = RichTextField("beschrijving", blank=True)
    facilities = ChoiceArrayField(
        models.CharField(max_length=20, choices=Facility.choices),
        verbose_name="voorzieningen",
        default=list,
        blank=True,
    )
    accessibility = ChoiceArrayField(
        models.CharField(max_length=20, choices=Accessibility.choices),
        verbose_name="toegankelijkheid",
        default=list,
        blank=True,
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="foto",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = (
        Page.content_panels
        + [
            FieldPanel("intro"),
            FieldPanel("description"),
            FieldPanel("photo"),
            TAXONOMY_PANEL,
            RESPITE_PANEL,
            LANGUAGES_PANEL,
        ]
        + Located.address_panels
        + [
            FieldPanel("address_on_request"),
            InlinePanel("opening_hours", heading="Openingstijden", label="tijdvak"),
            FieldPanel("facilities"),
            FieldPanel("accessibility"),
        ]
    )
    search_fields = ListingPage.search_fields + [index.SearchField("description")]

    class Meta:
        verbose_name = _("ontmoetingsplek")
        verbose_name_plural = _("ontmoetingsplekken")

    @property
    def slots(self) -> list[schedule.Slot]:
        return [schedule.Slot(h.weekday, h.opens, h.closes) for h in self.opening_hours.all()]

    def is_open_at(self, at: datetime) -> bool:
        return schedule.is_open(self.slots, at)

    def is_open_now(self) -> bool:
        return self.is_open_at(timezone.now())

    def week_table(self):
        return schedule.week_table(self.slots)

    def live_activities(self):
        # Only its own initiative's (siblings): a link from another initiative's
        # activity, which the editor no longer allows, never shows here.
        return (
            self.activities.live()
            .public()
            .sibling_of(self, inclusive=False)
            .prefetch_related("exceptions")
            .order_by("title")
        )

    def today_slots(self):
        return schedule.slots_on(self.slots, timezone.localdate().weekday())


class OpeningHours(Orderable):
    page = ParentalKey(MeetingPlacePage, related_name="opening_hours", on_delete=models.CASCADE)
    weekday = models.PositiveSmallIntegerField("dag", choices=Weekday.choices)
    opens = models.TimeField("open vanaf")
    closes = models.TimeField(
        "open tot", help_text="Een tijd vóór 'open vanaf' betekent: tot na middernacht."
    )

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        verbose_name = "openingstijd"
        verbose_name_plural = "openingstijden"
        constraints = [
            models.CheckConstraint(
                condition=~Q(opens=models.F("closes")), name="opening_hours_not_empty"
            )
        ]

    def __str__(self):
        slot = schedule.Slot(self.weekday, self.opens, self.closes)
        return f"{schedule.WEEKDAYS[self.weekday]} {slot.label()}"

    def clean(self):
        if self.opens is not None and self.opens == self.closes:
            raise ValidationError({"closes": "Openen en sluiten kan niet op hetzelfde tijdstip."})


class ActivityPage(InitiativeChild):
    objects = ActivityManager()

    description = RichTextField("beschrijving", blank=True)
    starts_on = models.DateField("(eerste) datum")
    start_time = models.TimeField("begintijd")
    end_time = models.TimeField(
        "eindtijd",
        null=True,
        blank=True,
        help_text="Een eindtijd vóór de begintijd betekent: tot na middernacht.",
    )
    ends_on = models.DateField(
        "einddatum",
        null=True,
        blank=True,
        help_text="Alleen voor een eenmalige activiteit van meer dagen.",
    )
    recurrence = models.CharField(
        "herhaling", max_length=10, choices=Recurrence.choices, default=Recurrence.ONCE
    )
    repeat_until = models.DateField("herhalen tot en met", null=True, blank=True)
    is_free = models.BooleanField("gratis", default=True)
    cost = models.DecimalField("kosten (€)", max_digits=7, decimal_places=2, null=True, blank=True)
    cost_note = models.CharField("toelichting kosten", max_length=120, blank=True)
    registration_required = models.BooleanField("aanmelden nodig", default=False)
    registration_info = models.CharField("hoe aanmelden", max_length=200, blank=True)
    capacity = models.PositiveIntegerField("maximaal aantal deelnemers", null=True, blank=True)
    accessibility = ChoiceArrayField(
        models.CharField(max_length=20, choices=Accessibility.choices),
        verbose_name="toegankelijkheid",
        default=list,
        blank=True,
    )
    meeting_place = models.ForeignKey(
        MeetingPlacePage,
        verbose_name="ontmoetingsplek",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
        help_text="Laat leeg en vul een adres in als de activiteit ergens anders is.",
    )

    content_panels = (
        Page.content_panels
        + [
            FieldPanel("intro"),
            FieldPanel("description"),
            TAXONOMY_PANEL,
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [FieldPanel("starts_on"), FieldPanel("start_time"), FieldPanel("end_time")]
                    ),
                    FieldRowPanel(
                        [
                            FieldPanel("recurrence"),
                            FieldPanel("repeat_until"),
                            FieldPanel("ends_on"),
                        ]
                    ),
                    InlinePanel("exceptions", heading="Vervalt op", label="datum"),
                ],
                heading="Wanneer",
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [FieldPanel("is_free"), FieldPanel("cost"), FieldPanel("cost_note")]
                    ),
                    FieldRowPanel(
                        [
                            FieldPanel("registration_required"),
                            FieldPanel("registration_info"),
                            FieldPanel("capacity"),
                        ]
                    ),
                    FieldPanel("accessibility"),
                ],
                heading="Praktisch",
            ),
            # A plain list of the initiative's own places (ActivityPageForm),
            # not Wagtail's chooser of every page on the site.
            RESPITE_PANEL,
            LANGUAGES_PANEL,
            FieldPanel("meeting_place", widget=forms.Select),
        ]
        + Located.address_panels
        + [FieldPanel("address_on_request")]
    )
    base_form_class = ActivityPageForm
    # A copy may land under another initiative (or copy a whole initiative,
    # whose activities would still point at the original's places): it keeps
    # the address but not the link; the editor picks a place again.
    exclude_fields_in_copy = ["meeting_place"]
    search_fields = ListingPage.search_fields + [index.SearchField("description")]

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_free=True) | Q(cost__isnull=False), name="activity_cost_if_paid"
            ),
            models.CheckConstraint(
                condition=Q(repeat_until__isnull=True) | Q(repeat_until__gte=models.F("starts_on")),
                name="activity_repeat_after_start",
            ),
        ]

    def clean(self):
        errors = {}
        if not self.is_free and self.cost is None:
            errors["cost"] = "Vul de kosten in, of vink 'gratis' aan."
        if self.is_free:
            self.cost = None
        if self.repeat_until and self.starts_on and self.repeat_until < self.starts_on:
            errors["repeat_until"] = "Deze datum ligt vóór de eerste datum."
        if self.recurrence == Recurrence.ONCE:
            self.repeat_until = None
        elif self.ends_on:
            errors["ends_on"] = "Een einddatum hoort alleen bij een eenmalige activiteit."
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            errors["ends_on"] = "De einddatum ligt vóór de begindatum."
        if self.meeting_place_id:
            place = self.meeting_place
            if not self.shares_initiative_with(place):
                errors["meeting_place"] = OTHER_INITIATIVES_PLACE
            else:
                # The activity takes its place from the meeting place, and
                # keeps a safe address as safe (place_is_public checks the
                # place too, for a place marked later).
                for f in ("street", "house_number", "postcode", "town", "location"):
                    setattr(self, f, getattr(place, f))
                self.address_on_request = self.address_on_request or place.address_on_request
        if errors:
            raise ValidationError(errors)
        super().clean()

    def shares_initiative_with(self, place: "MeetingPlacePage") -> bool:
        """Whether ``place`` is under the same initiative (both are its
        children). A page not yet in the tree has no path: the page editor
        (``ActivityPageForm``) checks it then, and ``add_child`` validates
        again once the path is there."""
        if not self.path:
            return True
        parent = self.path[: -self.steplen]
        return place.depth == self.depth and place.path.startswith(parent)

    def get_context(self, request, *args, **kwargs):
        # The page reads its schedule three times (when, next dates, JSON-LD):
        # its exceptions once.
        prefetch_related_objects([self], "exceptions")
        return super().get_context(request, *args, **kwargs)

    # -- when ----------------------------------------------------------------
    def get_schedule(self) -> schedule.Schedule:
        return schedule.Schedule(
            starts_on=self.starts_on,
            start_time=self.start_time,
            end_time=self.end_time,
            recurrence=self.recurrence,
            ends_on=self.ends_on,
            repeat_until=self.repeat_until,
            exceptions=frozenset(e.date for e in self.exceptions.all()),
        )

    @property
    def place_is_public(self) -> bool:
        """Also not when its meeting place has a safe address: the activity is
        held there. (Lists that show places select the meeting place.)"""
        if self.address_on_request:
            return False
        return self.meeting_place_id is None or not self.meeting_place.address_on_request

    def public_meeting_place(self) -> MeetingPlacePage | None:
        """The meeting place to name on the public page: only while it is live
        and not behind a view restriction, whose title would tell otherwise."""
        if self.meeting_place_id is None:
            return None
        return MeetingPlacePage.objects.live().public().filter(pk=self.meeting_place_id).first()

    def next_occurrences(self, count: int = 5, after: datetime | None = None):
        return list(self.get_schedule().occurrences(after or timezone.now(), limit=count))

    def occurrences_between(self, start: datetime, end: datetime):
        return list(self.get_schedule().occurrences(start, until=end))

    @property
    def when(self) -> str:
        return self.get_schedule().describe()


class ActivityException(Orderable):
    page = ParentalKey(ActivityPage, related_name="exceptions", on_delete=models.CASCADE)
    date = models.DateField("datum")
    reason = models.CharField("reden", max_length=120, blank=True, help_text="Bijv. Koningsdag")

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("reason")])]

    class Meta(Orderable.Meta):
        verbose_name = "uitzondering"
        verbose_name_plural = "uitzonderingen"

    def __str__(self):
        return f"{self.date:%d-%m-%Y} vervalt"


class VacancyPage(InitiativeChild):
    tasks = RichTextField("wat ga je doen")
    skills = ParentalManyToManyField("initiatives.Skill", verbose_name="vaardigheden", blank=True)
    hours_per_week = models.DecimalField(
        "uren per week", max_digits=4, decimal_places=1, null=True, blank=True
    )
    days = ChoiceArrayField(
        models.PositiveSmallIntegerField(choices=Weekday.choices),
        verbose_name="dagen",
        default=list,
        blank=True,
    )
    parts_of_day = ChoiceArrayField(
        models.CharField(max_length=10, choices=PartOfDay.choices),
        verbose_name="dagdelen",
        default=list,
        blank=True,
    )
    from_home = models.BooleanField("vanuit huis", default=False)
    vog_required = models.BooleanField("VOG nodig", default=False)
    starts_on = models.DateField("startdatum", null=True, blank=True)
    ends_on = models.DateField("einddatum", null=True, blank=True)
    volunteers_wanted = models.PositiveSmallIntegerField("aantal vrijwilligers gezocht", default=1)
    status = models.CharField(
        "status", max_length=10, choices=VacancyStatus.choices, default=VacancyStatus.OPEN
    )

    objects = VacancyManager()

    content_panels = (
        Page.content_panels
        + [
            FieldPanel("intro"),
            FieldPanel("tasks"),
            MultiFieldPanel(
                [*TAXONOMY_PANELS, FieldPanel("skills", widget=forms.CheckboxSelectMultiple)],
                heading="Thema's en vaardigheden",
            ),
            MultiFieldPanel(
                [
                    FieldPanel("hours_per_week"),
                    FieldPanel("days"),
                    FieldPanel("parts_of_day"),
                    FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
                ],
                heading="Tijd",
            ),
            FieldRowPanel(
                [FieldPanel("vog_required"), FieldPanel("volunteers_wanted"), FieldPanel("status")]
            ),
            FieldPanel("from_home"),
            LANGUAGES_PANEL,
        ]
        + Located.address_panels
    )
    search_fields = ListingPage.search_fields + [index.SearchField("tasks")]
    api_fields = ListingPage.api_fields + [APIField("from_home")]

    class Meta:
        verbose_name = _("vrijwilligersvacature")
        verbose_name_plural = _("vrijwilligersvacatures")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="vacancy_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(volunteers_wanted__gte=1), name="vacancy_wants_someone"
            ),
        ]

    @property
    def location_required(self) -> bool:
        return not self.from_home

    @property
    def place_is_public(self) -> bool:
        # Work from home has no public place, even if an address was filled in.
        return not self.from_home and not self.address_on_request

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "De einddatum ligt vóór de startdatum."})
        super().clean()

    @property
    def is_open(self) -> bool:
        return self.status == VacancyStatus.OPEN and (
            self.ends_on is None or self.ends_on >= timezone.localdate()
        )

    def time_summary(self) -> str:
        parts = []
        if self.hours_per_week:
            # normalize(): a saved Decimal('3.0') reads "3", not "3,0".
            hours = f"{self.hours_per_week.normalize():f}".replace(
                ".", formats.get_format("DECIMAL_SEPARATOR")
            )
            parts.append(gettext("%(hours)s uur per week") % {"hours": hours})
        if self.days:
            parts.append(", ".join(str(schedule.WEEKDAY_LABELS[d]) for d in sorted(self.days)))
        if self.parts_of_day:
            labels = dict(PartOfDay.choices)
            parts.append(", ".join(str(labels[p]) for p in self.parts_of_day))
        return " · ".join(parts) or gettext("in overleg")
