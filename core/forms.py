"""Form pieces every app may use: the honeypot that refuses bots, the
approve-or-reject form moderators fill in, and the text of a service's
ValidationError for a flash message."""

import logging

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class HoneypotInput(forms.TextInput):
    """A text input that people never see and bots fill in.

    It reports itself as hidden, so form templates render it with the hidden
    fields (no label row), and it wraps itself in a container that is hidden
    from sight and from screen readers. A real ``type="hidden"`` input would
    not work: most bots skip those.
    """

    is_hidden = True

    def __init__(self, attrs=None):
        # autocomplete off so browsers and password managers leave it empty;
        # tabindex -1 so keyboard users never land in it.
        super().__init__(attrs={"autocomplete": "off", "tabindex": "-1", **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None):
        widget = super().render(name, value, attrs, renderer)
        return format_html(
            '<div class="visually-hidden" aria-hidden="true"><label for="{}">{}</label>{}</div>',
            (attrs or {}).get("id", ""),
            gettext("Laat dit veld leeg"),
            widget,
        )


class HoneypotMixin:
    """Adds the honeypot field to a form and refuses the form when it is filled.

    The message is neutral on purpose: it tells a bot nothing about why it
    failed. Put the mixin before the form class: ``class F(HoneypotMixin,
    forms.Form)``.
    """

    honeypot_field_name = "website"
    # Marked here, translated when the form is refused (a class attribute is
    # read before any language is chosen).
    honeypot_message = gettext_noop("Dit formulier kon niet worden verstuurd. Probeer het opnieuw.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.honeypot_field_name] = forms.CharField(
            required=False, label=_("Laat dit veld leeg"), widget=HoneypotInput()
        )

    def clean(self):
        cleaned_data = super().clean()
        if self.honeypot_filled():
            logger.info("Honeypot filled in %s; form refused", type(self).__name__)
            raise forms.ValidationError(gettext(self.honeypot_message), code="honeypot")
        return cleaned_data

    def honeypot_filled(self) -> bool:
        return bool(self.cleaned_data.get(self.honeypot_field_name, "").strip())


class ModerationForm(forms.Form):
    """Approve, or reject with a reason the other side will read. Subclasses
    change the wording (``approve_label``, ``reason_missing``: marked strings,
    translated when the form is made)."""

    approve_label = gettext_noop("Goedkeuren")
    reason_missing = gettext_noop("Schrijf waarom. De indiener krijgt dit te lezen.")

    approve = forms.TypedChoiceField(
        label=_("Besluit"),
        choices=[("1", _("Goedkeuren")), ("0", _("Afwijzen"))],
        coerce=lambda value: value == "1",
        error_messages={"required": _("Kies goedkeuren of afwijzen.")},
    )
    reason = forms.CharField(
        label=_("Reden van afwijzing"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        approve = self.fields["approve"]
        # A subclass's label may be a marked string or a lazy translation.
        label = gettext(str(self.approve_label))
        approve.choices = [("1", label), ("0", gettext("Afwijzen"))]
        approve.error_messages["required"] = gettext("Kies %(approve)s of afwijzen.") % {
            "approve": label.lower()
        }

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("approve") is False and not cleaned_data.get("reason", "").strip():
            self.add_error("reason", gettext(str(self.reason_missing)))
        return cleaned_data


def error_text(exc: ValidationError) -> str:
    """A service's refusal as one line for ``messages.error``."""
    return " ".join(exc.messages)


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the field it names
    when the form has that field, else above the form. The form keeps what
    was typed, so nothing is lost."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
