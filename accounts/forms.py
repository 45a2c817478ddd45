"""Forms for volunteers' accounts: allauth's signup with AVG consent and the
honeypot (core.forms)."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotMixin

from .languages import save_preference
from .models import Consent


class SignupForm(HoneypotMixin, AllauthSignupForm):
    """allauth's email and password signup, plus the consent the AVG requires.

    Consent must be given freely and be provable, so the box starts unticked
    and the moment and version of the statement are stored with the user.
    """

    privacy_consent = forms.BooleanField(
        required=True,
        label=_("Ik ga akkoord met de privacyverklaring"),
        error_messages={
            "required": _(
                "Je kunt alleen een account aanmaken als je akkoord gaat met de privacyverklaring."
            )
        },
    )
    field_order = ["email", "password1", "password2", "privacy_consent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Informed consent: the statement is one click away.
        self.fields["privacy_consent"].help_text = format_html(
            gettext(
                'Lees de <a href="{url}" target="_blank" rel="noopener">privacyverklaring</a> '
                "(opent in een nieuw venster)."
            ),
            url=reverse("volunteers:privacy"),
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
        # The language the account was made in is its language, for its mails
        # and a next device (docs/languages.md), until it chooses another.
        save_preference(user, get_language())
