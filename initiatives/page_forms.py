"""Forms for the Wagtail page editor (``base_form_class`` of a page model).

Kept apart from ``forms.py`` (the public forms), which imports the models: the
page models import this module, so it must not import them back.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from wagtail.admin.forms import WagtailAdminPageForm

from .geocoding import LocateFailure, locate
from .models.geography import POSTCODE_INVALID, normalise_postcode

ADDRESS_FIELDS = ("street", "house_number", "postcode", "town")

OTHER_INITIATIVES_PLACE = "Kies een ontmoetingsplek van dit initiatief."


class LocatedPageForm(WagtailAdminPageForm):
    """The page editor for every page with an address (``Located``): looks
    the address up when it is new or changed and the point was not moved with
    it. Here, in the form the editor is filling in, and not in the model's
    ``clean``, so that saving a page (a revision, a publish, a service) never
    waits on an outside geocoder. A geocoder that cannot be reached keeps a
    point the page already has; without one, the editor clicks the map."""

    def clean(self):
        cleaned = super().clean()
        if "postcode" not in self.fields or self.has_error("postcode"):
            return cleaned
        raw = cleaned.get("postcode") or ""
        if not raw.strip():
            return cleaned
        postcode = normalise_postcode(raw)
        if postcode is None:
            self.add_error("postcode", gettext(POSTCODE_INVALID))
            return cleaned
        cleaned["postcode"] = postcode
        point = cleaned.get("location")
        if point is not None and not self._stale_point(cleaned):
            return cleaned
        try:
            result = locate(
                street=cleaned.get("street") or "",
                house_number=cleaned.get("house_number") or "",
                postcode=postcode,
                town=cleaned.get("town") or "",
            )
        except ValidationError as exc:
            if exc.code == LocateFailure.UNAVAILABLE:
                if point is None:
                    self.add_error(
                        "location",
                        f"{exc.message} Klik de plek aan op de kaart; je adres blijft bewaard.",
                    )
            elif exc.code == LocateFailure.OUTSIDE_NL:
                self.add_error("location", exc)
            else:
                self.add_error("postcode", exc)
            return cleaned
        cleaned["location"] = result.point
        if "town" in self.fields and not cleaned.get("town"):
            cleaned["town"] = result.town
        return cleaned

    def _stale_point(self, cleaned) -> bool:
        """The saved page had another address and this same point: the point
        belongs to the old address. (A new page keeps the point it was given.)"""
        old = self.instance
        if old is None or not old.pk:
            return False
        same_address = all(
            (getattr(old, f) or "") == (cleaned.get(f) or "") for f in ADDRESS_FIELDS
        )
        new_point = cleaned.get("location")
        moved = (old.location and old.location.wkt) != (new_point and new_point.wkt)
        return not same_address and not moved


class ActivityPageForm(LocatedPageForm):
    """An activity can be at one of its own initiative's meeting places, never
    at another initiative's: that would put it on the other initiative's
    public page. The list offers only those (Wagtail's page chooser would offer
    every meeting place on the site), and any other id posted is refused; the
    model checks the same (``ActivityPage.clean``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("meeting_place")
        if field is None:
            return
        # The parent is the initiative, when adding and when editing.
        initiative = self.parent_page
        places = field.queryset.none()
        if initiative is not None:
            places = field.queryset.child_of(initiative).order_by("title")
        field.queryset = places
        field.empty_label = "Geen: de activiteit is ergens anders (vul hieronder het adres in)"
        field.error_messages["invalid_choice"] = OTHER_INITIATIVES_PLACE
