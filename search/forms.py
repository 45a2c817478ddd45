"""The search form: GET parameters in, a validated ``SearchQuery`` out.

Every parameter is optional. Whatever arrives in the query string (control
characters, broken UTF-8, query syntax, very long text) either becomes a
plain search or an error (in the interface's language) on the field it
belongs to; never a server error.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from django import forms
from django.contrib.gis.geos import Point
from django.http import QueryDict
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.dates import WEEKDAYS as DAY_NAMES
from django.utils.functional import lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.versioning import cached_per_version
from core.widgets import PlainSelect
from initiatives.choices import Respite
from initiatives.geocoding import LOCATE_MESSAGES, LocateFailure, locate, locate_choices
from initiatives.languages import CHOICES as LANGUAGE_CHOICES
from initiatives.models import Neighbourhood, TargetGroup, Theme
from initiatives.models.geography import in_netherlands
from initiatives.models.taxonomy import localized_choices
from initiatives.when import WHEN_INVALID, Month, When, when_days_at

from .calendar import Area, index_window
from .documents import minute_of_week
from .query import (
    DEFAULT_RADIUS_KM,
    LISTING_TYPES,
    MAX_PER_PAGE,
    MAX_RADIUS_KM,
    MAX_TEXT,
    SORTS,
    SearchQuery,
)

MAX_PAGE = 1000
PER_PAGE = 20
# "open op" a weekday: Monday is 0, as in initiatives.schedule. The names are
# Django's, in the interface's language ("maandag", "Monday").
WEEKDAYS = [(str(i), DAY_NAMES[i]) for i in range(7)]
# C0 and C1 control characters, and the replacement character that broken
# UTF-8 in the query string decodes to.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ufffd]+")
_LAT_LON = re.compile(r"^\s*(-?\d{1,3}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$")
_NUMBER = re.compile(r"^\s*\d+(?:[.,]\d+)?\s*$")

NOT_IN_NL = LOCATE_MESSAGES[LocateFailure.OUTSIDE_NL]
# Translators: JJJJ-MM-DD is the Dutch pattern for a date (YYYY-MM-DD).
DATE_INVALID = _("Dit is geen datum. Gebruik de vorm JJJJ-MM-DD, bijvoorbeeld 2026-05-01.")


def _query_too_long() -> str:
    """The error for a search text over MAX_TEXT, in the language of the
    moment it is shown (a lazy ngettext with ``%`` would translate at import)."""
    return ngettext(
        "Je zoekopdracht is te lang. Gebruik hooguit %(max)s teken, bijvoorbeeld een paar woorden.",
        "Je zoekopdracht is te lang. Gebruik hooguit %(max)s tekens, "
        "bijvoorbeeld een paar woorden.",
        MAX_TEXT,
    ) % {"max": MAX_TEXT}


def suggest_attrs(field: str) -> dict[str, str]:
    """Widget attributes that give a text input suggestions as you type
    (search/static/search/suggest.js; the page must load that script):
    ``field`` is "wat" or "waar"."""
    return {"data-suggest": field, "data-suggest-url": reverse_lazy("search:suggestions")}


def clean_text(value: str) -> str:
    """Control characters become spaces; runs of spaces become one."""
    return " ".join(_CONTROL.sub(" ", value).split())


def sanitised(data) -> QueryDict:
    """A copy of the GET parameters with control characters removed from
    every value, so the form validates and re-displays clean text."""
    clean = QueryDict(mutable=True)
    for key, values in data.lists():
        clean.setlist(clean_text(key), [clean_text(v) for v in values])
    return clean


def _choices() -> tuple[list, list, list]:
    """Themes, target groups and wijken (grouped by gemeente): three queries
    on every search page and API call, kept per content version, which every
    change of a theme, target group or wijk bumps (initiatives/apps.py).
    Themes and target groups keep their translations: the labels are made
    per request, in its language (``localized_choices``)."""
    themes = list(Theme.objects.values_list("slug", "name", "name_translations"))
    target_groups = list(TargetGroup.objects.values_list("slug", "name", "name_translations"))
    wijken: dict[str, list] = {}
    for pk, name, municipality in Neighbourhood.objects.values_list(
        "pk", "name", "municipality__name"
    ).order_by("municipality__name", "name"):
        wijken.setdefault(municipality, []).append((str(pk), name))
    return themes, target_groups, list(wijken.items())


class SearchBoxForm(forms.Form):
    """The search box: the first row of the search page and the home page's
    one form (search/templatetags/search_box.py). One set of fields, checked
    in one place (``SearchForm`` at /zoeken/): the home page had a second form
    with other fields and other rules (issue 16)."""

    q = forms.CharField(
        label=_("Wat zoek je?"),
        required=False,
        max_length=MAX_TEXT,
        help_text=_("Bijvoorbeeld: koffie, wandelen, taalcafé of mantelzorg."),
        error_messages={"max_length": lazy(_query_too_long, str)()},
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", **suggest_attrs("wat")}
        ),
    )
    waar = forms.CharField(
        label=_("Waar?"),
        required=False,
        max_length=MAX_TEXT,
        help_text=_("Je postcode of woonplaats."),
        error_messages={
            "max_length": _("Dit is te lang. Vul een postcode in, bijvoorbeeld 3311 AB.")
        },
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", **suggest_attrs("waar")}),
    )
    straal = forms.CharField(
        label=_("Hoe ver (km)"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 4}),
    )


class SearchForm(SearchBoxForm):
    type = forms.MultipleChoiceField(
        label=_("Soort"),
        required=False,
        choices=list(LISTING_TYPES.items()),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Deze soort kennen we niet. Kies uit de lijst.")},
    )
    thema = forms.MultipleChoiceField(
        label=_("Thema"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Dit thema kennen we niet. Kies uit de lijst.")},
    )
    doelgroep = forms.MultipleChoiceField(
        label=_("Voor wie"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Deze doelgroep kennen we niet. Kies uit de lijst.")},
    )
    wijk = forms.ChoiceField(
        label=_("Wijk"),
        required=False,
        widget=PlainSelect,
        error_messages={"invalid_choice": _("Deze wijk kennen we niet. Kies uit de lijst.")},
    )
    van = forms.DateField(
        label=_("Vanaf datum"),
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": DATE_INVALID},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    tot = forms.DateField(
        label=_("Tot en met datum"),
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": DATE_INVALID},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    # A quick choice (vandaag, morgen, dit weekend, deze week): resolved to
    # van/tot in clean(); dates typed in van/tot win over it.
    wanneer = forms.ChoiceField(
        label=_("Wanneer"),
        required=False,
        choices=[("", _("Alle data")), *When.choices],
        error_messages={"invalid_choice": WHEN_INVALID},
    )
    dag = forms.MultipleChoiceField(
        label=_("Op welke dagen"),
        required=False,
        choices=WEEKDAYS,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies een dag van de week uit de lijst.")},
    )
    gratis = forms.BooleanField(label=_("Alleen gratis activiteiten"), required=False)
    nu_open = forms.BooleanField(label=_("Nu open"), required=False)
    open_op = forms.ChoiceField(
        label=_("Open op"),
        required=False,
        choices=[("", _("Maakt niet uit")), *WEEKDAYS],
        error_messages={"invalid_choice": _("Kies een dag van de week uit de lijst.")},
    )
    rolstoel = forms.BooleanField(label=_("Toegankelijk met een rolstoel"), required=False)
    respijt = forms.MultipleChoiceField(
        # Translators: respijtzorg is care that gives an informal carer (mantelzorger) a break.
        label=_("Even vrij voor mantelzorgers (respijtzorg)"),
        required=False,
        choices=Respite.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Deze soort respijtzorg kennen we niet. Kies uit de lijst.")
        },
    )
    taal = forms.MultipleChoiceField(
        label=_("Taal"),
        help_text=_("In welke taal wil je terecht kunnen?"),
        required=False,
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Deze taal kennen we niet. Kies uit de lijst.")},
    )
    sorteer = forms.ChoiceField(
        label=_("Sorteer op"),
        required=False,
        choices=list(SORTS.items()),
        error_messages={"invalid_choice": _("Zo kunnen we niet sorteren. Kies uit de lijst.")},
    )
    pagina = forms.CharField(required=False, widget=forms.HiddenInput)
    per_pagina = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = sanitised(data)
        super().__init__(data, *args, **kwargs)
        themes, target_groups, wijken = cached_per_version("search:form-choices:3", _choices)
        self.fields["thema"].choices = localized_choices(themes)
        self.fields["doelgroep"].choices = localized_choices(target_groups)
        self.fields["wijk"].choices = [("", _("Alle wijken")), *wijken]
        self.near_label = ""
        self.place = None  # a named place (initiatives.places.Place): search in it
        self.place_choices: tuple = ()  # "Bedoel je…": ambiguous or a typo
        # A quick choice set aside because van or tot was filled in too.
        self.when_overruled = False

    # -- fields ------------------------------------------------------------------
    def clean_straal(self) -> float | None:
        value = self.cleaned_data["straal"]
        if not value:
            return None
        if not _NUMBER.match(value):
            raise forms.ValidationError(gettext("Vul een aantal kilometers in, bijvoorbeeld 5."))
        km = float(value.replace(",", "."))
        if not 0 < km <= MAX_RADIUS_KM:
            raise forms.ValidationError(
                gettext("Kies een afstand van meer dan 0 en hooguit %(max)s km.")
                % {"max": MAX_RADIUS_KM}
            )
        return km

    def clean_van(self) -> date | None:
        return self._date_in_range(self.cleaned_data["van"])

    def clean_tot(self) -> date | None:
        return self._date_in_range(self.cleaned_data["tot"])

    @staticmethod
    def _date_in_range(value: date | None) -> date | None:
        if value is None:
            return None
        today = timezone.localdate()
        first, last = today - timedelta(days=366), today + timedelta(days=2 * 366)
        if not first <= value <= last:
            raise forms.ValidationError(
                gettext("Kies een datum tussen %(first)s en %(last)s.")
                % {"first": f"{first:%d-%m-%Y}", "last": f"{last:%d-%m-%Y}"}
            )
        return value

    def clean_wijk(self) -> int | None:
        value = self.cleaned_data["wijk"]
        return int(value) if value else None

    @property
    def active_when(self) -> str:
        """The quick choice in force ("" for none, or when van/tot overrule it)."""
        if not self.is_valid() or self.when_overruled:
            return ""
        return self.cleaned_data["wanneer"]

    def clean_open_op(self) -> int | None:
        value = self.cleaned_data["open_op"]
        return int(value) if value else None

    def clean_dag(self) -> list[int]:
        return sorted(int(d) for d in self.cleaned_data["dag"])

    def clean_pagina(self) -> int:
        return self._positive_int(
            self.cleaned_data["pagina"],
            default=1,
            maximum=MAX_PAGE,
            message=gettext("Kies een pagina van 1 tot en met %(max)s.") % {"max": MAX_PAGE},
        )

    def clean_per_pagina(self) -> int:
        return self._positive_int(
            self.cleaned_data["per_pagina"],
            default=PER_PAGE,
            maximum=MAX_PER_PAGE,
            message=gettext("Kies 1 tot en met %(max)s resultaten per pagina.")
            % {"max": MAX_PER_PAGE},
        )

    @staticmethod
    def _positive_int(value: str, *, default: int, maximum: int, message: str) -> int:
        if not value:
            return default
        if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= maximum:
            raise forms.ValidationError(message)
        return int(value)

    def clean_waar(self) -> Point | None:
        """A postcode, a place name or 'lat,lon' (WGS84) inside the Netherlands."""
        value = self.cleaned_data["waar"]
        if not value:
            return None
        match = _LAT_LON.match(value)
        if match:
            lat, lon = float(match.group(1)), float(match.group(2))
            point = Point(lon, lat, srid=4326)
            if not in_netherlands(point):
                raise forms.ValidationError(NOT_IN_NL, code=LocateFailure.OUTSIDE_NL)
            self.near_label = gettext("de plek op de kaart")
            return point
        try:
            result = locate(value)
        except forms.ValidationError as exc:
            self.place_choices = locate_choices(exc)
            raise
        self.near_label = result.label
        self.place = result.place
        return result.point

    def clean(self):
        cleaned = super().clean()
        van, tot = cleaned.get("van"), cleaned.get("tot")
        when = cleaned.get("wanneer")
        if when and "van" in cleaned and "tot" in cleaned:
            if van or tot or self.data.get("van") or self.data.get("tot"):
                self.when_overruled = True
            else:
                cleaned["van"], cleaned["tot"] = when_days_at(when=when, now=timezone.now())
        if van and tot and tot < van:
            self.add_error(
                "tot", gettext("Deze datum ligt vóór de begindatum. Kies een latere datum.")
            )
        return cleaned

    # -- results -----------------------------------------------------------------
    def to_query(self) -> SearchQuery:
        """The validated search; call after ``is_valid()``."""
        data = self.cleaned_data
        near = data["waar"]
        radius_km = (data["straal"] or DEFAULT_RADIUS_KM) if near is not None else None
        neighbourhood_id, municipality_id, in_label = data["wijk"], None, ""
        place = self.place
        if place is not None:
            # "In Dordrecht": a gemeente or wijk is its boundary, a woonplaats
            # its centre with the radius that covers it (docs/places.md). The
            # point stays, for "nearest first" and relevance by distance.
            in_label = place.label
            if place.has_boundary:
                municipality_id = place.boundary_municipality_id
                neighbourhood_id = neighbourhood_id or place.boundary_neighbourhood_id
                radius_km = None
            else:
                radius_km = data["straal"] or place.radius_km
        return SearchQuery(
            text=data["q"],
            near=near,
            near_label=self.near_label,
            radius_km=radius_km,
            municipality_id=municipality_id,
            in_label=in_label,
            types=tuple(data["type"]),
            themes=tuple(data["thema"]),
            target_groups=tuple(data["doelgroep"]),
            neighbourhood_id=neighbourhood_id,
            date_from=data["van"],
            date_to=data["tot"],
            weekdays=tuple(data["dag"]),
            free_only=data["gratis"],
            open_at_minute=minute_of_week(timezone.now()) if data["nu_open"] else None,
            open_on=data["open_op"],
            wheelchair=data["rolstoel"],
            respite=tuple(data["respijt"]),
            languages=tuple(data["taal"]),
            sort=data["sorteer"] or "relevance",
            page=data["pagina"],
            per_page=data["per_pagina"],
        )

    def error_dict(self) -> dict[str, list[str]]:
        """Errors as plain messages per field, for the JSON API."""
        return {field: [str(m) for m in errors] for field, errors in self.errors.items()}


class MonthCalendarForm(forms.Form):
    """The month calendar's parameters (/agenda/): a place (gemeente, wijk,
    town or postcode) or a wijk from the list, and a month (JJJJ-MM)."""

    plaats = forms.CharField(
        label=_("Plaats, wijk of postcode"),
        required=False,
        max_length=MAX_TEXT,
        error_messages={
            "max_length": _("Dit is te lang. Vul een plaats in, bijvoorbeeld Dordrecht.")
        },
        widget=forms.TextInput(attrs={"autocomplete": "address-level2", **suggest_attrs("waar")}),
    )
    wijk = forms.CharField(required=False, widget=forms.HiddenInput)
    maand = forms.CharField(
        label=_("Maand"),
        required=False,
        help_text=_("Bijvoorbeeld 2026-12."),
        widget=forms.TextInput(attrs={"type": "month", "size": 8}),
    )

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = sanitised(data)
        super().__init__(data, *args, **kwargs)
        self.place_choices: tuple = ()
        self.neighbourhood: Neighbourhood | None = None

    def clean_maand(self) -> Month:
        value = self.cleaned_data["maand"]
        today = timezone.localdate()
        if not value:
            return Month.of(today)
        try:
            month = Month.parse(value)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc
        first, last = index_window(today)
        if month.last < first:
            raise forms.ValidationError(
                gettext("Deze maand is al voorbij. Kies %(month)s of later.")
                % {"month": Month.of(first).label}
            )
        if month.first > last:
            raise forms.ValidationError(
                gettext(
                    "Zo ver vooruit staat nog niets in de agenda. "
                    "Kies een maand tot en met %(month)s."
                )
                % {"month": Month.of(last).label}
            )
        return month

    def clean_wijk(self) -> Neighbourhood | None:
        """A wijk by its id (as the search form sends it) or its slug; a slug
        that two gemeenten share needs ``plaats`` to choose."""
        value = self.cleaned_data["wijk"]
        if not value:
            return None
        wijken = Neighbourhood.objects.select_related("municipality")
        is_id = value.isascii() and value.isdigit() and len(value) < 10
        found = list(wijken.filter(pk=int(value))) if is_id else []
        if not found:
            found = list(wijken.filter(slug=value)[:2])
        if len(found) != 1:
            raise forms.ValidationError(
                gettext("Deze wijk kennen we niet. Vul de naam van je wijk of plaats in.")
            )
        return found[0]

    def clean(self):
        cleaned = super().clean()
        cleaned["area"] = Area()
        wijk, text = cleaned.get("wijk"), cleaned.get("plaats")
        if wijk is not None:
            cleaned["area"] = Area(
                label=gettext("%(wijk)s (wijk in %(gemeente)s)")
                % {"wijk": wijk.name, "gemeente": wijk.municipality.name},
                neighbourhood_id=wijk.pk,
            )
        elif text:
            try:
                result = locate(text)
            except forms.ValidationError as exc:
                self.place_choices = locate_choices(exc)
                self.add_error("plaats", exc)
                return cleaned
            place = result.place
            if place is not None and place.has_boundary:
                cleaned["area"] = Area(
                    label=place.label,
                    municipality_id=place.boundary_municipality_id,
                    neighbourhood_id=place.boundary_neighbourhood_id,
                )
            else:
                km = place.radius_km if place is not None and place.radius_km else DEFAULT_RADIUS_KM
                label = place.label if place is not None else result.label
                cleaned["area"] = Area(
                    label=gettext("binnen %(km)s km van %(place)s")
                    % {"km": f"{km:g}", "place": label},
                    point=result.point,
                    km=km,
                )
        return cleaned
