"""A point picker for the Wagtail admin: latitude and longitude inputs that
work without JavaScript, and a Leaflet map (served by the project) with it."""

import re

from django import forms
from django.conf import settings
from django.contrib.gis.geos import GEOSGeometry

_RAW_POINT = re.compile(r"POINT\s*\(\s*(\S*)\s+(\S*)\s*\)")


class LocationWidget(forms.Widget):
    template_name = "initiatives/widgets/location.html"
    map_srid = 4326

    class Media:
        css = {"all": ["leaflet/leaflet.css", "initiatives/css/location-widget.css"]}
        js = ["leaflet/leaflet.js", "initiatives/js/location-widget.js"]

    def id_for_label(self, id_):
        # The label points at the first real input (there is no "id_location").
        return f"{id_}_lat" if id_ else id_

    def value_from_datadict(self, data, files, name):
        lat = (data.get(f"{name}_lat") or "").strip().replace(",", ".")
        lon = (data.get(f"{name}_lon") or "").strip().replace(",", ".")
        if not lat and not lon:
            return ""
        # Kept raw: bad numbers fail the field's validation and are shown again.
        return f"SRID=4326;POINT({lon or '?'} {lat or '?'})"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        lat = lon = ""
        if isinstance(value, GEOSGeometry):
            lon, lat = f"{value.x:.6f}", f"{value.y:.6f}"
        elif isinstance(value, str) and value:
            match = _RAW_POINT.search(value)
            if match:
                lon, lat = (v.strip("?") for v in match.groups())
        context["widget"].update(
            lat=lat,
            lon=lon,
            # Wagtail ties its help text to the field with aria-describedby.
            describedby=context["widget"]["attrs"].get("aria-describedby", ""),
            tile_url=settings.MAP_TILE_URL,
            attribution=settings.MAP_TILE_ATTRIBUTION,
            default_lat=settings.MAP_DEFAULT_CENTER[0],
            default_lon=settings.MAP_DEFAULT_CENTER[1],
        )
        return context


class NameTranslationsWidget(forms.MultiWidget):
    """One labelled text input per language (``languages``: code and label
    pairs), for a {code: name} mapping: staff never edit JSON."""

    template_name = "initiatives/widgets/name_translations.html"

    def __init__(self, languages, attrs=None):
        self.languages = list(languages)
        widgets = [
            # The browser's spelling check and a screen reader follow the language.
            forms.TextInput(attrs={"lang": code, "dir": "auto"})
            for code, _label in self.languages
        ]
        super().__init__(widgets, attrs)

    def decompress(self, value):
        value = value if isinstance(value, dict) else {}
        return [value.get(code, "") for code, _label in self.languages]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, (_code, label) in zip(
            context["widget"]["subwidgets"], self.languages, strict=True
        ):
            subwidget["label"] = label
        return context
