"""The referral form (Dutch): who, what they agreed to share, how they want
contact, and their consent."""

from django import forms

from core.forms import HoneypotMixin

from .models import PreferredContact
from .services import NO_CONSENT

NOTE_MAX = 500


class ReferralForm(HoneypotMixin, forms.Form):
    resident_name = forms.CharField(label="Naam van de bewoner", max_length=100, required=False)
    resident_phone = forms.CharField(
        label="Telefoonnummer van de bewoner", max_length=40, required=False
    )
    resident_email = forms.EmailField(
        label="E-mailadres van de bewoner",
        max_length=254,
        required=False,
        error_messages={"invalid": "Dit is geen geldig e-mailadres."},
    )
    note = forms.CharField(
        label="Korte toelichting voor het initiatief",
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Wat helpt het initiatief bij het eerste contact? Bijvoorbeeld ‘komt graag "
        "samen met een buurvrouw’. Schrijf hier geen diagnose en geen medische gegevens.",
        error_messages={"max_length": f"Houd het kort: hoogstens {NOTE_MAX} tekens."},
    )
    share_name = forms.BooleanField(label="Naam delen", required=False)
    share_phone = forms.BooleanField(label="Telefoonnummer delen", required=False)
    share_email = forms.BooleanField(label="E-mailadres delen", required=False)
    share_note = forms.BooleanField(label="Toelichting delen", required=False)
    preferred_contact = forms.ChoiceField(
        label="Hoe wil de bewoner contact?",
        choices=PreferredContact.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Kies hoe de bewoner contact wil."},
    )
    notify_resident = forms.BooleanField(
        label="Stuur de bewoner een korte e-mail",
        required=False,
        help_text="Met wie contact opneemt en hoe. Zonder je toelichting.",
    )
    consent_given = forms.BooleanField(
        label="De bewoner weet hiervan en vindt het goed",
        required=True,
        error_messages={"required": NO_CONSENT},
    )

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            key: data[key]
            for key in (
                "resident_name",
                "resident_phone",
                "resident_email",
                "note",
                "share_name",
                "share_phone",
                "share_email",
                "share_note",
                "preferred_contact",
                "notify_resident",
                "consent_given",
            )
        }


class FindListingForm(forms.Form):
    q = forms.CharField(
        label="Zoek een activiteit, ontmoetingsplek, vacature of initiatief",
        max_length=100,
        required=False,
    )
