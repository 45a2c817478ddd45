"""A date called off after people signed up: they hear it once (by mail, or
the initiative calls those without an address), "Mijn aanmeldingen" and the
initiative's list say so, and a date that is on again is told as well."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from initiatives.models import ActivityException
from signups import services
from signups.models import SignupSlot, SignupStatus
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lined_up(activity, day, member):
    """Five places: Els (account), Jan (phone only), three more, and Wim
    waiting with an address."""
    els = UserFactory(email="els@example.nl")
    services.signup_create(activity=activity, day=day, name="Els", email=els.email, user=els)
    services.signup_create(activity=activity, day=day, name="Jan", phone="0612345678")
    for n in range(3):
        services.signup_create(activity=activity, day=day, name=f"P{n}", phone="0611111111")
    wim = services.signup_create(activity=activity, day=day, name="Wim", email="wim@example.nl")
    services.signup_confirm_email(signup=wim)
    assert wim.__class__.objects.get(pk=wim.pk).status == SignupStatus.WAITING
    return els


def _run(commit) -> str:
    out = StringIO()
    with commit():
        call_command("send_signup_reminders", stdout=out)
    return out.getvalue()


def test_nothing_is_sent_while_the_date_is_on(lined_up, mailoutbox, commit):
    mailoutbox.clear()
    assert "0 datums afgezegd" in _run(commit)
    assert mailoutbox == []


def test_an_exception_is_told_once_to_everyone_in_line_and_the_initiative(
    activity, day, member, lined_up, mailoutbox, commit
):
    ActivityException.objects.create(page=activity, date=day, reason="Zaal dicht")
    mailoutbox.clear()
    assert "1 datums afgezegd" in _run(commit)
    to = sorted(tuple(m.to) for m in mailoutbox)
    assert to == [("els@example.nl",), (member.email,), ("wim@example.nl",)]
    resident = next(m for m in mailoutbox if m.to == ["els@example.nl"])
    assert resident.subject.startswith("Gaat niet door: Kookclub")
    assert "gaat niet door" in resident.body
    initiative = next(m for m in mailoutbox if m.to == [member.email])
    # Counts and a link, never the names or numbers themselves.
    assert "2 mensen hebben van ons een e-mail gekregen" in initiative.body
    assert "4 mensen gaven alleen een telefoonnummer" in initiative.body
    assert "0612345678" not in initiative.body and "Jan" not in initiative.body
    assert f"/aanmeldingen/{activity.pk}/{day.isoformat()}/" in initiative.body
    assert SignupSlot.objects.get(activity=activity, date=day).called_off_at is not None
    mailoutbox.clear()
    _run(commit)
    assert mailoutbox == []


def test_unpublishing_calls_the_dates_off(activity, day, lined_up, mailoutbox, commit):
    activity.unpublish()
    mailoutbox.clear()
    _run(commit)
    resident = next(m for m in mailoutbox if m.to == ["els@example.nl"])
    assert "staat niet meer op" in resident.body


def test_a_date_on_again_is_told_with_the_place_kept(activity, day, lined_up, mailoutbox, commit):
    exception = ActivityException.objects.create(page=activity, date=day)
    _run(commit)
    exception.delete()
    mailoutbox.clear()
    assert "1 weer door gemeld" in _run(commit)
    els = next(m for m in mailoutbox if m.to == ["els@example.nl"])
    assert els.subject.startswith("Gaat toch door") and "Je plek is er nog" in els.body
    wim = next(m for m in mailoutbox if m.to == ["wim@example.nl"])
    assert "wachtlijst, op plaats 1" in wim.body
    assert SignupSlot.objects.get(activity=activity, date=day).called_off_at is None


def test_past_and_cancelled_only_lists_are_left_alone(activity, day, mailoutbox, commit):
    signup = services.signup_create(activity=activity, day=day, name="Jan", phone="0612345678")
    services.signup_cancel(signup=signup)
    ActivityException.objects.create(page=activity, date=day)
    mailoutbox.clear()
    _run(commit)
    assert mailoutbox == []


def test_mine_and_the_initiative_list_say_it_is_off(client, activity, day, member, lined_up):
    ActivityException.objects.create(page=activity, date=day)
    client.force_login(lined_up)
    mine = client.get(reverse("signups:mine")).content.decode()
    assert "Gaat niet door." in mine and "Je bent aangemeld." not in mine
    client.force_login(member)
    page = client.get(
        reverse("signups:list", kwargs={"page_id": activity.pk, "day": day.isoformat()})
    ).content.decode()
    assert "Deze datum gaat niet door." in page
    assert "bel ze om het te zeggen: Jan, P0, P1, P2." in page
