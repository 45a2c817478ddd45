from django import forms
from django.contrib.gis.measure import D  # noqa: F401  (documented unit for km)
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotMixin
from core.versioning import cached_per_version
from core.widgets import PlainSelect

from .fields import TaxaChoiceField
from .geocoding import locate, locate_choices
from .languages import CHOICES as LANGUAGE_CHOICES
from .models import Municipality, Neighbourhood, Theme
from .models.geography import clean_postcode
from .models.taxonomy import localized_choices
from .services import plain_text_to_rich_text
from .when import WHEN_INVALID, When, when_days_at


class NearForm(forms.Form):
    """'Near my postcode or town': validates and geocodes, with Dutch messages.

    A postcode or address is a point and ``km`` around it. A named place
    (initiatives/places.py) is searched in: a gemeente or wijk by its boundary
    (``in_municipality`` / ``in_neighbourhood``), a woonplaats within the
    radius that covers it, unless ``km`` is given."""

    postcode = forms.CharField(
        label=_("Je postcode of woonplaats"),
        max_length=100,
        required=False,
        # Suggestions as you type (search/static/search/suggest.js; named by
        # URL, so this app does not import search).
        widget=forms.TextInput(
            attrs={"data-suggest": "waar", "data-suggest-url": reverse_lazy("search:suggestions")}
        ),
    )
    km = forms.IntegerField(
        label=_("Afstand (km)"), min_value=1, max_value=100, required=False, initial=5
    )

    place_choices: tuple = ()

    def clean(self):
        cleaned = super().clean()
        cleaned["point"], cleaned["label"] = None, ""
        cleaned["in_municipality"] = cleaned["in_neighbourhood"] = None
        value = (cleaned.get("postcode") or "").strip()
        if not value:
            return cleaned
        try:
            result = locate(value)
        except forms.ValidationError as exc:
            self.place_choices = locate_choices(exc)
            self.add_error("postcode", exc)
            return cleaned
        cleaned["point"], cleaned["label"] = result.point, result.label
        place = result.place
        if place is not None:
            cleaned["in_municipality"] = place.boundary_municipality_id
            cleaned["in_neighbourhood"] = place.boundary_neighbourhood_id
            if not place.has_boundary and not cleaned.get("km"):
                cleaned["km"] = place.radius_km
        return cleaned


def _filter_choices() -> tuple[list, list, list]:
    """The options of the lists' theme, gemeente and wijk selects, as their
    model choice fields would list them (same order, same labels): three
    queries on every list page, kept per content version, which every change
    of a theme, gemeente or wijk bumps (initiatives/apps.py). Themes keep
    their translations: the labels are made per request, in its language."""
    themes = list(Theme.objects.values_list("slug", "name", "name_translations"))
    municipalities = list(Municipality.objects.values_list("slug", "name"))
    wijken = [
        (str(pk), f"{name} ({municipality})")
        for pk, name, municipality in Neighbourhood.objects.values_list(
            "pk", "name", "municipality__name"
        )
    ]
    return themes, municipalities, wijken


class ListingFilterForm(NearForm):
    # The selects render from plain, cached choices (core/widgets.py); the
    # fields still look a submitted value up in their queryset.
    thema = forms.ModelChoiceField(
        label=_("Thema"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle thema's"),
        widget=PlainSelect,
    )
    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Municipality.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle gemeenten"),
        widget=PlainSelect,
    )
    wijk = forms.ModelChoiceField(
        label=_("Wijk"),
        queryset=Neighbourhood.objects.select_related("municipality"),
        required=False,
        empty_label=_("Alle wijken"),
        widget=PlainSelect,
    )
    respijt = forms.BooleanField(
        # Translators: a mantelzorger is an informal carer (looks after a sick or
        # disabled relative or friend); "even vrij" is a short break (respite care).
        label=_("Even vrij voor mantelzorgers"),
        help_text=_(
            "Alleen respijtzorg: logeeropvang, dagopvang, oppas of een activiteit "
            "om even vrij te zijn."
        ),
        required=False,
    )

    taal = forms.MultipleChoiceField(
        label=_("Taal"),
        help_text=_("In welke taal wil je terecht kunnen?"),
        required=False,
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Deze taal kennen we niet. Kies uit de lijst.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        themes, municipalities, wijken = cached_per_version(
            "initiatives:filter-choices:2", _filter_choices
        )
        chosen = (localized_choices(themes), municipalities, wijken)
        for name, choices in zip(("thema", "gemeente", "wijk"), chosen, strict=True):
            field = self.fields[name]
            field.choices = [("", field.empty_label), *choices]


class ActivityFilterForm(ListingFilterForm):
    """The activity list's filters: the list's, and a quick date choice."""

    wanneer = forms.ChoiceField(
        label=_("Wanneer"),
        required=False,
        choices=[("", _("Alle data")), *When.choices],
        error_messages={"invalid_choice": WHEN_INVALID},
    )

    def clean(self):
        cleaned = super().clean()
        when = cleaned.get("wanneer")
        cleaned["days"] = when_days_at(when=when, now=timezone.now()) if when else None
        return cleaned


class InitiativeRegistrationForm(HoneypotMixin, forms.Form):
    """ "Meld je initiatief aan": the initiative, its address and who asks.
    The account email is asked only of someone who is not logged in."""

    # The initiative itself has a field called "website".
    honeypot_field_name = "bedrijfsnaam"

    title = forms.CharField(
        label=_("Naam van het initiatief"),
        max_length=255,
        error_messages={"required": _("Vul de naam van het initiatief in.")},
    )
    intro = forms.CharField(
        label=_("Korte omschrijving"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Eén of twee zinnen. Dit staat in lijsten en zoekresultaten."),
        error_messages={
            "required": _("Schrijf in één of twee zinnen wat jullie doen."),
            "max_length": _("Houd het kort: hooguit %(limit_value)d tekens."),
        },
    )
    description = forms.CharField(
        label=_("Wat doen jullie, voor wie en waar?"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"max_length": _("Hooguit %(limit_value)d tekens.")},
    )
    themes = TaxaChoiceField(
        label=_("Thema's"),
        queryset=Theme.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    street = forms.CharField(label=_("Straat"), max_length=120, required=False)
    house_number = forms.CharField(label=_("Huisnummer"), max_length=12, required=False)
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=7,
        help_text=_("Bijvoorbeeld 3317 AB. Hiermee zetten we het initiatief op de kaart."),
        error_messages={"required": _("Vul de postcode van het initiatief in.")},
    )
    town = forms.CharField(label=_("Plaats"), max_length=80, required=False)
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Vul een geldig webadres in, bijvoorbeeld www.buurthuis.nl.")},
    )
    public_email = forms.EmailField(
        label=_("E-mailadres voor bezoekers"),
        required=False,
        help_text=_("Staat op de pagina van het initiatief. Mag leeg blijven."),
        error_messages={"invalid": _("Vul een geldig e-mailadres in.")},
    )
    public_phone = forms.CharField(
        label=_("Telefoonnummer voor bezoekers"),
        max_length=30,
        required=False,
        help_text=_("Staat op de pagina van het initiatief. Mag leeg blijven."),
    )
    contact_name = forms.CharField(
        label=_("Je naam"),
        max_length=100,
        error_messages={"required": _("Vul je naam in.")},
    )
    email = forms.EmailField(
        label=_("Je e-mailadres"),
        help_text=_("Hiermee log je straks in. We tonen het niet op de site."),
        error_messages={
            "required": _("Vul je e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."),
        },
    )
    phone = forms.CharField(
        label=_("Je telefoonnummer"),
        max_length=30,
        required=False,
        help_text=_("Alleen voor de gemeente, als er vragen zijn over je aanmelding."),
    )
    message = forms.CharField(
        label=_("Wil je de gemeente nog iets laten weten?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    agree = forms.BooleanField(
        label=_("Ik mag namens dit initiatief spreken en ik ga akkoord met de privacyverklaring"),
        error_messages={"required": _("Zet een vinkje als je namens het initiatief mag spreken.")},
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user if user is not None and user.is_authenticated else None
        if self.user is not None:
            # Logged in: the registration belongs to this account.
            del self.fields["email"]
            self.fields["contact_name"].initial = self.user.get_full_name()

    def clean_postcode(self):
        return clean_postcode(self.cleaned_data["postcode"])

    def clean(self):
        cleaned = super().clean()
        cleaned["point"] = None
        if cleaned.get("postcode"):
            try:
                result = locate(
                    street=cleaned.get("street", ""),
                    house_number=cleaned.get("house_number", ""),
                    postcode=cleaned["postcode"],
                    town=cleaned.get("town", ""),
                )
            except forms.ValidationError as exc:
                self.add_error("postcode", exc)
            else:
                cleaned["point"] = result.point
                cleaned["town"] = cleaned.get("town") or result.town
        return cleaned

    @property
    def account_email(self) -> str:
        return self.user.email if self.user is not None else self.cleaned_data["email"]

    def page_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"].strip(),
            "intro": data["intro"].strip(),
            "description": plain_text_to_rich_text(data["description"]),
            "street": data["street"],
            "house_number": data["house_number"],
            "postcode": data["postcode"],
            "town": data["town"],
            "website": data["website"],
            "email": data["public_email"],
            "phone": data["public_phone"],
            # "Je naam" is asked about the applicant, for the municipality; a
            # name on the public page is the initiative's choice, made later
            # in the page editor, never a side effect of this form.
            "contact_name": "",
        }
