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


# -- the links in a mail are in the reader's language too ---------------------
def _moderator():
    return UserFactory(email="moderator@gemeente.nl", is_staff=True)


@pytest.mark.parametrize(
    ("chosen", "prefix"), [("uk", "/uk/"), (None, "/")], ids=["chose-uk", "no-choice"]
)
def test_a_moderator_browsing_in_english_sends_links_in_the_readers_language(
    django_capture_on_commit_callbacks, chosen, prefix
):
    from helprequests.services import help_request_moderate
    from tests.factories import HelpRequestFactory

    requester = UserFactory(email="olena@example.org")
    if chosen:
        LanguagePreference.objects.create(user=requester, language=chosen)
    request = HelpRequestFactory(requester=requester, status="pending", published_at=None)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        help_request_moderate(request=request, by=_moderator(), approve=True)
    (message,) = mail.outbox
    links = [line for line in message.body.splitlines() if "://" in line]
    assert len(links) == 2
    assert all(f"{prefix}hulp" in link or f"{prefix}mijn" in link for link in links), links
    assert not any("/en/" in link for link in links), links


def test_an_applicant_without_an_account_reads_the_confirmation_and_the_decision_in_their_language(
    client, django_capture_on_commit_callbacks
):
    from django.contrib.gis.geos import Point

    from core.mail import render_mail
    from initiatives.models import InitiativeRegistration, PostcodeCentroid
    from initiatives.services import reject_registration

    PostcodeCentroid.objects.create(
        postcode="3317 AB", point=Point(4.656, 51.807, srid=4326), town="Dordrecht"
    )
    data = {
        "title": "Kadın Kahvesi Wielwijk",
        "intro": "Samen koffie drinken en praten, elke dinsdag.",
        "description": "Een ochtend voor vrouwen uit de wijk.",
        "street": "Bosboom Toussaintstraat",
        "house_number": "3",
        "postcode": "3317ab",
        "contact_name": "Ayşe Yılmaz",
        "email": "ayse@example.org",
        "agree": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/tr/initiatief-aanmelden/", data)
    assert response.status_code == 302, response.content[:2000]
    (confirm,) = mail.outbox
    registration = InitiativeRegistration.objects.get(email="ayse@example.org")
    assert registration.language == "tr"
    with translation.override("tr"):
        expected, _body = render_mail(
            "initiatives/email/registration_confirm", {"registration": registration, "days": 7}
        )
    assert confirm.subject == expected
    assert "/tr/initiatief-aanmelden/" in confirm.body

    # Decided by a moderator who reads the admin in English.
    mail.outbox.clear()
    registration.status = "pending"
    registration.save(update_fields=["status"])
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        reject_registration(registration, by=_moderator(), reason="Dit is geen initiatief.")
    (decision,) = mail.outbox
    with translation.override("tr"):
        expected, _body = render_mail(
            "initiatives/email/registration_rejected",
            {"registration": registration, "reason": "x"},
        )
    assert decision.subject == expected
    assert decision.to == ["ayse@example.org"]


def test_a_request_written_in_arabic_is_answered_in_arabic_unless_the_account_chose(
    django_capture_on_commit_callbacks,
):
    from helprequests.services import help_request_moderate
    from tests.factories import HelpRequestFactory

    rania = UserFactory(email="rania@example.org")
    written = HelpRequestFactory(
        requester=rania, status="pending", published_at=None, language="ar"
    )
    henk = UserFactory(email="henk@example.org")
    LanguagePreference.objects.create(user=henk, language="en")
    chose = HelpRequestFactory(requester=henk, status="pending", published_at=None, language="ar")
    # Papiamento is not an interface language: the mail stays Dutch.
    piet = UserFactory(email="piet@example.org")
    other = HelpRequestFactory(requester=piet, status="pending", published_at=None, language="pap")
    moderator = _moderator()
    with django_capture_on_commit_callbacks(execute=True):
        for request in (written, chose, other):
            help_request_moderate(request=request, by=moderator, approve=True)
    sent = {message.to[0]: message for message in mail.outbox}
    assert "/ar/hulpvragen/" in sent["rania@example.org"].body
    assert "Beste" not in sent["rania@example.org"].body
    assert "/en/hulpvragen/" in sent["henk@example.org"].body
    assert sent["piet@example.org"].body.startswith("Beste")
    assert "/hulpvragen/" in sent["piet@example.org"].body
    assert "/ar/" not in sent["piet@example.org"].body
