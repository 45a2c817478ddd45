"""Forms for volunteers' accounts: allauth's signup with AVG consent and a
honeypot that any other public form can reuse."""

import logging

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html

from .models import Consent

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
            '<div class="visually-hidden" aria-hidden="true">'
            '<label for="{}">Laat dit veld leeg</label>{}</div>',
            (attrs or {}).get("id", ""),
            widget,
        )


class HoneypotMixin:
    """Adds the honeypot field to a form and refuses the form when it is filled.

    The message is neutral on purpose: it tells a bot nothing about why it
    failed. Put the mixin before the form class: ``class F(HoneypotMixin,
    forms.Form)``.
    """

    honeypot_field_name = "website"
    honeypot_message = "Dit formulier kon niet worden verstuurd. Probeer het opnieuw."

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.honeypot_field_name] = forms.CharField(
            required=False, label="Laat dit veld leeg", widget=HoneypotInput()
        )

    def clean(self):
        cleaned_data = super().clean()
        if self.honeypot_filled():
            logger.info("Honeypot filled in %s; form refused", type(self).__name__)
            raise forms.ValidationError(self.honeypot_message, code="honeypot")
        return cleaned_data

    def honeypot_filled(self) -> bool:
        return bool(self.cleaned_data.get(self.honeypot_field_name, "").strip())


class SignupForm(HoneypotMixin, AllauthSignupForm):
    """allauth's email and password signup, plus the consent the AVG requires.

    Consent must be given freely and be provable, so the box starts unticked
    and the moment and version of the statement are stored with the user.
    """

    privacy_consent = forms.BooleanField(
        required=True,
        label="Ik ga akkoord met de privacyverklaring",
        error_messages={
            "required": "Je kunt alleen een account aanmaken als je akkoord gaat "
            "met de privacyverklaring."
        },
    )
    field_order = ["email", "password1", "password2", "privacy_consent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Informed consent: the statement is one click away.
        self.fields["privacy_consent"].help_text = format_html(
            'Lees de <a href="{}" target="_blank" rel="noopener">privacyverklaring</a> '
            "(opent in een nieuw venster).",
            reverse("volunteers:privacy"),
        )

    def save(self, request):
        # allauth saves the user, its email address and (in custom_signup)
        # the consent one after another; all of them or none.
        with transaction.atomic():
            return super().save(request)

    def custom_signup(self, request, user):
        super().custom_signup(request, user)
        consent = Consent(user=user, statement_version=settings.PRIVACY_STATEMENT_VERSION)
        consent.full_clean()
        consent.save()
