"""Responding to a vacancy, and the initiative's inbox."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MESSAGE_MAX, ResponseStatus


class RespondForm(forms.Form):
    message = forms.CharField(
        label=_("Je bericht"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Vertel kort wie je bent, waarom je wilt helpen en wanneer je kunt."),
        error_messages={
            "required": _("Schrijf een kort bericht, bijvoorbeeld wanneer je kunt."),
            "max_length": _("Gebruik hooguit 2000 tekens."),
        },
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=ResponseStatus.choices)


class InboxFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Alle reacties"))] + list(ResponseStatus.choices),
        required=False,
    )
