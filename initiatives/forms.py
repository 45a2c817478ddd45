from django import forms
from django.contrib.gis.measure import D  # noqa: F401  (documented unit for km)

from .geocoding import GeocodeError, GeocoderUnavailable, geocode_postcode
from .models import Municipality, Neighbourhood, Theme


class NearForm(forms.Form):
    """'Near my postcode': validates and geocodes, with Dutch messages."""

    postcode = forms.CharField(label="Je postcode", max_length=20, required=False)
    km = forms.IntegerField(
        label="Afstand (km)", min_value=1, max_value=100, required=False, initial=5
    )

    def clean(self):
        cleaned = super().clean()
        cleaned["point"], cleaned["label"] = None, ""
        value = (cleaned.get("postcode") or "").strip()
        if not value:
            return cleaned
        try:
            result = geocode_postcode(value)
        except GeocodeError as exc:
            self.add_error("postcode", str(exc))
        except GeocoderUnavailable:
            self.add_error(
                "postcode",
                "We kunnen deze postcode nu niet opzoeken. Probeer het later nog eens.",
            )
        else:
            cleaned["point"], cleaned["label"] = result.point, result.label
        return cleaned


class ListingFilterForm(NearForm):
    thema = forms.ModelChoiceField(
        label="Thema",
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Alle thema's",
    )
    gemeente = forms.ModelChoiceField(
        label="Gemeente",
        queryset=Municipality.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Alle gemeenten",
    )
    wijk = forms.ModelChoiceField(
        label="Wijk",
        queryset=Neighbourhood.objects.select_related("municipality"),
        required=False,
        empty_label="Alle wijken",
    )
