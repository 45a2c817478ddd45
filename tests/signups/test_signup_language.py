"""Someone who signs up without an account gets every mail about it in the
language they signed up in (issue 20, docs/languages.md): the confirmation
link, the place, and later mails caused by others or by the clock."""

from __future__ import annotations

import pytest
from django.utils import translation

from signups import services
from signups.models import Signup

pytestmark = pytest.mark.django_db


def subjects(mailoutbox, address):
    return [m.subject for m in mailoutbox if address in m.to]


def test_mails_follow_the_language_signed_up_in(activity, day, mailoutbox, commit):
    with commit(), translation.override("uk"):
        signup = services.signup_create(
            activity=activity, day=day, name="Olena", email="olena@example.org"
        )
    assert Signup.objects.get(pk=signup.pk).language == "uk"
    # Confirmed from a Dutch page (the link opened on another device): still Ukrainian.
    with commit():
        services.signup_confirm_email(signup=Signup.objects.get(pk=signup.pk))
    with commit(), translation.override("nl"):
        dutch = services.signup_create(
            activity=activity, day=day, name="Piet", email="piet@example.org"
        )
        services.signup_confirm_email(signup=dutch)

    olena, piet = (
        subjects(mailoutbox, "olena@example.org"),
        subjects(mailoutbox, "piet@example.org"),
    )
    assert len(olena) == 2 and len(piet) == 2
    # The same two mails, each in its own language: none of Olena's is Piet's Dutch.
    assert not set(olena) & set(piet)
    assert all(any("\u0400" <= ch <= "\u04ff" for ch in subject) for subject in olena), olena
    assert not any(any("\u0400" <= ch <= "\u04ff" for ch in subject) for subject in piet), piet
