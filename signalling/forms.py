"""The signal form (Dutch): as little as the contact point needs to find
the resident and understand the worry, and nothing medical."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotMixin
from initiatives.geocoding import LocateFailure, locate
from initiatives.models.geography import normalise_postcode

from .models import SignalConsent

RESIDENT_MAX = 200
CONCERN_MAX = 1500
REASON_MAX = 500
PHONE_RE = r"^\+?[0-9][0-9 ()-]{5,19}$"

# What the service takes, besides the point the form found.
SERVICE_FIELDS = [
    "postcode",
    "resident",
    "concern",
    "consent",
    "no_consent_reason",
    "signaller_phone",
]
POSTCODE_MISSING = _("Vul de postcode van de bewoner in, zoals 3317 AB.")
REASON_MISSING = _("Schrijf waarom je de bewoner niet om toestemming kunt vragen.")


class SignalForm(HoneypotMixin, forms.Form):
    postcode = forms.CharField(
        label=_("Postcode van de bewoner"),
        max_length=10,
        help_text=_(
            "Bijvoorbeeld 3317 AB. Zo komt je signaal bij het contactpunt van de wijk. "
            "Daarna bewaren we alleen de cijfers."
        ),
        error_messages={"required": POSTCODE_MISSING},
    )
    resident = forms.CharField(
        label=_("Om wie gaat het?"),
        max_length=RESIDENT_MAX,
        help_text=_(
            "Zo weinig als nodig is om de persoon te vinden, bijvoorbeeld ‘mevrouw op "
            "nr. 12’ of ‘de meneer boven de bakker’."
        ),
        error_messages={
            "required": _("Vul in om wie het gaat, bijvoorbeeld ‘mevrouw op nr. 12’."),
            "max_length": _("Dit mag hooguit %(limit_value)d tekens lang zijn."),
        },
    )
    concern = forms.CharField(
        label=_("Wat is je zorg?"),
        max_length=CONCERN_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Vertel in een paar zinnen wat je ziet of hoort. Schrijf geen diagnose en "
            "geen medische details: die zijn niet nodig om te helpen."
        ),
        error_messages={
            "required": _("Vertel in een paar zinnen wat je zorg is."),
            "max_length": _("Je tekst mag hooguit %(limit_value)d tekens lang zijn."),
        },
    )
    consent = forms.ChoiceField(
        label=_("Weet de bewoner ervan?"),
        choices=SignalConsent.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies of de bewoner ervan weet en het goedvindt.")},
    )
    no_consent_reason = forms.CharField(
        label=_("Waarom kun je het niet vragen?"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Alleen als je de bewoner niet om toestemming kunt vragen. Bijvoorbeeld: "
            "‘meneer doet de deur niet open’."
        ),
        error_messages={"max_length": _("Dit mag hooguit %(limit_value)d tekens lang zijn.")},
    )
    signaller_phone = forms.RegexField(
        label=_("Je telefoonnummer (mag leeg blijven)"),
        regex=PHONE_RE,
        required=False,
        max_length=20,
        help_text=_("Als het contactpunt je iets wil vragen. Je e-mailadres kennen we al."),
        error_messages={
            "invalid": _("Vul een telefoonnummer in, zoals 06-12345678, of laat dit leeg."),
            "max_length": _("Vul een telefoonnummer in, zoals 06-12345678, of laat dit leeg."),
        },
    )

    def clean_postcode(self) -> str:
        code = normalise_postcode(self.cleaned_data["postcode"])
        if code is None:
            raise forms.ValidationError(POSTCODE_MISSING)
        return code

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("consent") == SignalConsent.NOT_POSSIBLE:
            if not (cleaned.get("no_consent_reason") or "").strip() and not self.has_error(
                "no_consent_reason"
            ):
                self.add_error("no_consent_reason", REASON_MISSING)
        elif "no_consent_reason" in cleaned:
            cleaned["no_consent_reason"] = ""
        # Looked up here, where a network call may wait; a geocoder that
        # cannot be reached is no error yet (the service asks the offline
        # table and says so if that cannot answer either).
        cleaned["point"] = None
        if cleaned.get("postcode"):
            try:
                cleaned["point"] = locate(cleaned["postcode"], postcode_only=True).point
            except forms.ValidationError as exc:
                if exc.code != LocateFailure.UNAVAILABLE:
                    self.add_error("postcode", exc)
        return cleaned

    def service_kwargs(self) -> dict:
        return {name: self.cleaned_data[name] for name in [*SERVICE_FIELDS, "point"]}

    def texts(self) -> list[str]:
        """What the signaller wrote in their own words (for the word check)."""
        return [self.cleaned_data.get(n, "") for n in ("resident", "concern", "no_consent_reason")]
