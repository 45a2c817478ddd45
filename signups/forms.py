"""The sign-up form for someone without an account: a name and a way to
reach them, nothing else."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotMixin

PHONE = re.compile(r"^\+?[\d\s()-]{8,20}$")


class SignupForm(HoneypotMixin, forms.Form):
    name = forms.CharField(
        label=_("Je naam"),
        max_length=100,
        error_messages={"required": _("Vul je naam in.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        required=False,
        help_text=_("Je krijgt een e-mail met een link om je aanmelding te bevestigen."),
        error_messages={"invalid": _("Dit is geen geldig e-mailadres.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Telefoonnummer"),
        max_length=20,
        required=False,
        help_text=_("Geen e-mail? Dan belt het initiatief je om je aanmelding te bevestigen."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and (not PHONE.match(phone) or sum(c.isdigit() for c in phone) < 8):
            raise forms.ValidationError(
                _("Dit is geen geldig telefoonnummer. Bijvoorbeeld 06 12345678.")
            )
        return phone

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("email") and not cleaned.get("phone"):
            raise forms.ValidationError(
                _(
                    "Vul je e-mailadres of je telefoonnummer in, "
                    "zodat het initiatief je kan bereiken."
                )
            )
        return cleaned
