"""The referral form (Dutch): who, what they agreed to share, how they want
contact, and their consent."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotMixin

from .models import PreferredContact
from .services import NO_CONSENT

NOTE_MAX = 500


class ReferralForm(HoneypotMixin, forms.Form):
    resident_name = forms.CharField(label=_("Naam van de bewoner"), max_length=100, required=False)
    resident_phone = forms.CharField(
        label=_("Telefoonnummer van de bewoner"), max_length=40, required=False
    )
    resident_email = forms.EmailField(
        label=_("E-mailadres van de bewoner"),
        max_length=254,
        required=False,
        error_messages={"invalid": _("Dit is geen geldig e-mailadres.")},
    )
    note = forms.CharField(
        label=_("Korte toelichting voor het initiatief"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Wat helpt het initiatief bij het eerste contact? Bijvoorbeeld ‘komt graag "
            "samen met een buurvrouw’. Schrijf hier geen diagnose en geen medische gegevens."
        ),
        error_messages={"max_length": _("Houd het kort: hoogstens %(limit_value)d tekens.")},
    )
    share_name = forms.BooleanField(label=_("Naam delen"), required=False)
    share_phone = forms.BooleanField(label=_("Telefoonnummer delen"), required=False)
    share_email = forms.BooleanField(label=_("E-mailadres delen"), required=False)
    share_note = forms.BooleanField(label=_("Toelichting delen"), required=False)
    preferred_contact = forms.ChoiceField(
        label=_("Hoe wil de bewoner contact?"),
        choices=PreferredContact.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe de bewoner contact wil.")},
    )
    notify_resident = forms.BooleanField(
        label=_("Stuur de bewoner een korte e-mail"),
        required=False,
        help_text=_("Met wie contact opneemt en hoe. Zonder je toelichting."),
    )
    # Only for that one mail: not stored with the referral.
    resident_language = forms.ChoiceField(
        label=_("In welke taal krijgt de bewoner de e-mail?"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
        required=False,
        help_text=_("De taal die de bewoner het best leest. We bewaren dit niet."),
    )
    consent_given = forms.BooleanField(
        label=_("De bewoner weet hiervan en vindt het goed"),
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
        } | {"resident_language": data.get("resident_language") or settings.LANGUAGE_CODE}


class FindListingForm(forms.Form):
    q = forms.CharField(
        label=_("Zoek een activiteit, ontmoetingsplek, vacature of initiatief"),
        max_length=100,
        required=False,
    )
