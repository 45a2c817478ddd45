"""Responding to a vacancy, and the initiative's inbox (Dutch messages)."""

from django import forms

from .models import MESSAGE_MAX, ResponseStatus


class RespondForm(forms.Form):
    message = forms.CharField(
        label="Je bericht",
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Vertel kort wie je bent, waarom je wilt helpen en wanneer je kunt.",
        error_messages={
            "required": "Schrijf een kort bericht, bijvoorbeeld wanneer je kunt.",
            "max_length": "Gebruik hooguit 2000 tekens.",
        },
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=ResponseStatus.choices)


class InboxFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=[("", "Alle reacties")] + list(ResponseStatus.choices),
        required=False,
    )
