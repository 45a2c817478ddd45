"""No mail relay, or one that refuses (issue 19's known gap, the guide's
"offline path"): what the visitor did is kept, the page answers with a clear
Dutch message instead of a 500, and the failure is logged and counted."""

from __future__ import annotations

import socket

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from core.mail import mail_after_commit
from tests.factories import UserFactory


@pytest.fixture
def relay_down(settings):
    """An SMTP relay on a local port where nothing listens: refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    return port


@pytest.mark.django_db(transaction=True)
def test_a_mail_sent_after_commit_does_not_break_the_request(relay_down, caplog):
    with transaction.atomic():
        mail_after_commit(
            template="helprequests/email/help_offer_accepted_volunteer",
            context={"volunteer_name": "Olena", "help_request": {"title": "Boodschappen"}},
            to="olena@example.org",
        )
    # Reached: the commit did not raise. The failure is in the log.
    assert any("mail" in r.getMessage().lower() and r.levelname == "ERROR" for r in caplog.records)


@pytest.mark.django_db(transaction=True)
def test_asking_for_a_password_link_without_a_relay_is_a_clear_message(relay_down):
    user = UserFactory(email="els@example.org")
    response = Client().post(reverse("account_reset_password"), {"email": user.email}, follow=True)
    assert response.status_code == 200
    assert "konden de e-mail nu niet versturen" in response.text


@pytest.mark.django_db(transaction=True)
def test_a_first_login_with_an_unconfirmed_address_without_a_relay_is_no_500(relay_down):
    user = UserFactory(verified=False, email="nieuw@example.org")
    user.set_password("een-lang-wachtwoord-42")
    user.save()
    client = Client()
    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": "een-lang-wachtwoord-42"},
        follow=True,
    )
    assert response.status_code == 200
    assert "konden de e-mail nu niet versturen" in response.text
