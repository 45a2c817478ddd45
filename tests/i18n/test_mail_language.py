"""Mails in the recipient's language (issue 20, docs/languages.md): an
account's chosen language, else the language passed for someone acting
without an account, else Dutch — never simply the language of whoever caused
the mail."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core import mail
from django.utils import translation

from accounts.models import LanguagePreference
from core.mail import mail_after_commit
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TEMPLATE = "helprequests/email/help_offer_accepted_volunteer"
CONTEXT = {
    "volunteer_name": "Olena",
    "requester_name": "Henk",
    "requester_email": "henk@example.org",
    "help_request": SimpleNamespace(title="Boodschappen"),
}


def send(django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        mail_after_commit(template=TEMPLATE, context=CONTEXT, **kwargs)
    return {message.to[0]: message for message in mail.outbox}


def test_each_recipient_reads_the_mail_in_their_own_language(django_capture_on_commit_callbacks):
    olena = UserFactory(email="olena@example.org")
    LanguagePreference.objects.create(user=olena, language="uk")
    john = UserFactory(email="John@Example.org")
    LanguagePreference.objects.create(user=john, language="en")
    # Caused by someone browsing in Arabic: that is not the readers' language.
    with translation.override("ar"):
        sent = send(
            django_capture_on_commit_callbacks,
            to=["olena@example.org", "john@example.org", "piet@example.org"],
        )
    assert sent["olena@example.org"].subject == "Вашу допомогу прийнято: «Boodschappen»"
    assert sent["john@example.org"].subject == "Your help has been accepted: ‘Boodschappen’"
    assert sent["piet@example.org"].subject == "Je hulp is geaccepteerd: ‘Boodschappen’"
    assert "Beste Olena" not in sent["olena@example.org"].body
    assert "Beste Olena" in sent["piet@example.org"].body
    # Three languages, three mails.
    assert all(len(message.to) == 1 for message in mail.outbox)


def test_someone_without_an_account_who_acts_gets_the_language_they_used(
    django_capture_on_commit_callbacks,
):
    sent = send(django_capture_on_commit_callbacks, to="gast@example.org", language="en")
    assert sent["gast@example.org"].subject.startswith("Your help has been accepted")


def test_the_account_wins_over_the_language_of_the_page(django_capture_on_commit_callbacks):
    user = UserFactory(email="ayse@example.org")
    LanguagePreference.objects.create(user=user, language="tr")
    sent = send(django_capture_on_commit_callbacks, to="ayse@example.org", language="en")
    assert not sent["ayse@example.org"].subject.startswith("Your help")
    assert "Boodschappen" in sent["ayse@example.org"].subject
