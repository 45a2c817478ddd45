"""Applying as a professional, and the moderator's decision (Dutch)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from contactpoints.models import ContactPoint
from core.forms import HoneypotMixin, ModerationForm
from initiatives.models import Municipality

from .models import ProfessionalProfile, ProfessionalRole
from .services import CONTACT_POINT_REQUIRED


class ApplyForm(HoneypotMixin, forms.ModelForm):
    role = forms.ChoiceField(
        label=_("Wat is je functie?"),
        choices=ProfessionalRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies je functie.")},
    )
    municipality = forms.ModelChoiceField(
        label=_("In welke gemeente werk je?"),
        queryset=Municipality.objects.order_by("name"),
        empty_label=_("Kies een gemeente"),
        error_messages={
            "required": _("Kies de gemeente waar je werkt."),
            "invalid_choice": _("Kies een gemeente uit de lijst."),
        },
    )
    contact_point = forms.ModelChoiceField(
        label=_("Bij welk contactpunt werk je?"),
        queryset=ContactPoint.objects.active().order_by("name"),
        required=False,
        empty_label=_("Geen: ik werk niet bij een contactpunt"),
        help_text=_("Alleen als je functie ‘Medewerker contactpunt’ is."),
        error_messages={"invalid_choice": _("Kies een contactpunt uit de lijst.")},
    )

    class Meta:
        model = ProfessionalProfile
        fields = ["organisation", "role", "work_phone", "municipality", "contact_point"]
        labels = {
            "organisation": _("Bij welke organisatie werk je?"),
            "work_phone": _("Telefoonnummer op je werk"),
        }
        help_texts = {
            "work_phone": _(
                "Zo kan de gemeente je bellen over je aanmelding. Niet je eigen "
                "nummer: dit is voor je werk."
            ),
        }
        error_messages = {
            "organisation": {
                "required": _("Vul de naam van je organisatie in."),
                "max_length": _("Dit is te lang: gebruik hoogstens 200 tekens."),
            },
            "work_phone": {"max_length": _("Dit is te lang: gebruik hoogstens 40 tekens.")},
        }

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("role") == ProfessionalRole.CONTACTPOINT and not cleaned_data.get(
            "contact_point"
        ):
            self.add_error("contact_point", CONTACT_POINT_REQUIRED)
        return cleaned_data

    def _post_clean(self):
        # The service validates and saves; the form does not build the model
        # (its instance has no user yet, which full_clean would refuse).
        pass


class ProfessionalModerationForm(ModerationForm):
    reason_missing = _("Schrijf waarom. De aanvrager krijgt dit te lezen.")


class RevokeForm(forms.Form):
    """Why a moderator ends someone's approval; the person reads it."""

    reason = forms.CharField(
        label=_("Waarom trek je de goedkeuring in?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bijvoorbeeld: werkt niet meer bij deze praktijk. De professional leest dit."),
        error_messages={
            "required": _("Schrijf waarom. De professional krijgt dit te lezen."),
            "max_length": _("Dit is te lang: gebruik hoogstens 1000 tekens."),
        },
    )
