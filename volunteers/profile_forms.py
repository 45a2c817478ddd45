"""The volunteer's profile form. Responding and the inbox:
response_forms.py."""

import re

from django import forms
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from initiatives.choices import PartOfDay, Weekday
from initiatives.fields import TaxaChoiceField
from initiatives.geocoding import LocateFailure, locate, postcode_for
from initiatives.models import Skill, Theme

from .models import TRAVEL_KM_MAX, VolunteerProfile, slot_code

MAX_LANGUAGES = 10
# The column heads of the availability table.
PART_OF_DAY_LABELS = {
    PartOfDay.MORNING: _("ochtend"),
    PartOfDay.AFTERNOON: _("middag"),
    PartOfDay.EVENING: _("avond"),
}


class LanguagesField(forms.CharField):
    """Languages typed as a list: "Nederlands, Engels". Empty items and
    repeats are dropped rather than refused."""

    def to_python(self, value):
        text = super().to_python(value)
        seen, languages = set(), []
        for item in re.split(r"[,;\n]", text or ""):
            name = " ".join(item.split())
            if name and name.lower() not in seen:
                seen.add(name.lower())
                languages.append(name[:1].upper() + name[1:])
        return languages

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if len(value) > MAX_LANGUAGES:
            raise forms.ValidationError(gettext("Noem er hooguit %(n)s.") % {"n": MAX_LANGUAGES})
        if any(len(name) > 40 for name in value):
            raise forms.ValidationError(gettext("Een taal mag hooguit 40 tekens lang zijn."))

    def run_validators(self, value):
        # Per language: CharField's validators (no NUL characters, which
        # PostgreSQL refuses) would otherwise see the list's repr, where a NUL
        # is escaped and so not found.
        for name in value:
            super().run_validators(name)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value


class ProfileForm(forms.ModelForm):
    # A postcode or the town's name: a town is kept as its PC4 (postcode_for),
    # so the coarse point is computed as for a typed postcode.
    postcode = forms.CharField(
        label=_("Postcode of woonplaats"),
        max_length=100,
        required=False,
        help_text=_(
            "Bijvoorbeeld 3317 AB of Sassenheim. We gebruiken dit alleen om de afstand "
            "te berekenen; niemand ziet waar je woont."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "size": 12}),
    )
    themes = TaxaChoiceField(
        label=_("Waar wil je je voor inzetten?"),
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    skills = TaxaChoiceField(
        label=_("Wat kun je goed?"),
        queryset=Skill.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    travel_km = forms.IntegerField(
        label=_("Hoe ver wil je reizen (km)?"),
        min_value=1,
        max_value=TRAVEL_KM_MAX,
        initial=5,
        error_messages={
            "required": _("Vul in hoeveel kilometer je wilt reizen, bijvoorbeeld 5."),
            "min_value": _("Vul minstens 1 kilometer in."),
            # Django fills in the field's maximum (TRAVEL_KM_MAX).
            "max_value": _("Vul hooguit %(limit_value)s kilometer in."),
            "invalid": _("Vul een heel getal in, bijvoorbeeld 5."),
        },
    )
    languages = LanguagesField(
        label=_("Welke talen spreek je?"),
        required=False,
        help_text=_("Bijvoorbeeld: Nederlands, Engels, Arabisch."),
    )

    class Meta:
        model = VolunteerProfile
        fields = [
            "display_name",
            "postcode",
            "travel_km",
            "themes",
            "skills",
            "availability",
            "languages",
            "has_vog",
            "introduction",
            "visible_to_initiatives",
            "match_alerts",
        ]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 6}),
            "postcode": forms.TextInput(attrs={"autocomplete": "postal-code", "size": 8}),
            "display_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
        }
        error_messages = {
            "display_name": {"required": _("Vul een naam in. Je voornaam is genoeg.")},
            "introduction": {"max_length": _("Gebruik hooguit 1000 tekens (nu %(show_value)d).")},
        }

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"].strip()
        return postcode_for(value) if value else ""

    def clean(self):
        """Look a new postcode up here, in the form, so that saving the profile
        does not wait on an outside geocoder. One that cannot be reached is no
        error: the profile is saved and the point looked up next time."""
        cleaned = super().clean()
        cleaned["point"] = None
        postcode = cleaned.get("postcode") or ""
        unchanged = postcode == self.instance.postcode and self.instance.location is not None
        if not postcode.strip() or unchanged or self.has_error("postcode"):
            return cleaned
        try:
            cleaned["point"] = locate(postcode, postcode_only=True).point
        except forms.ValidationError as exc:
            if exc.code != LocateFailure.UNAVAILABLE:
                self.add_error("postcode", exc)
        return cleaned

    def availability_grid(self) -> list[tuple[str, list]]:
        """Monday to Sunday, each with its morning/afternoon/evening checkbox,
        for a table that a screen reader reads as "maandag, ochtend"."""
        boxes = {box.data["value"]: box for box in self["availability"]}
        # Django's own translated day names ("maandag" in Dutch).
        return [
            (WEEKDAYS[day.value], [boxes[slot_code(day.value, part.value)] for part in PartOfDay])
            for day in Weekday
        ]

    @staticmethod
    def parts_of_day() -> list[str]:
        return [str(PART_OF_DAY_LABELS[part]).capitalize() for part in PartOfDay]
