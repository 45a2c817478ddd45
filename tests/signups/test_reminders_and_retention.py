"""The reminder the day before (hourly command, never twice) and the
retention of sign-ups, with the clock moved."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from initiatives.models import ActivityException
from signups import services
from signups.models import Signup, SignupSlot, SignupStatus

pytestmark = pytest.mark.django_db


def _at(monkeypatch, moment: dt.datetime) -> None:
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_a_reminder_the_day_before_once(activity, day, monkeypatch, mailoutbox, commit, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://meedoen.example.nl"
    placed = services.signup_create(
        activity=activity, day=day, name="Els", email="els@example.nl", user=None, phone=""
    )
    services.signup_confirm_email(signup=placed)
    services.signup_create(activity=activity, day=day, name="Jan", phone="0612345678")
    for n in range(4):
        services.signup_create(activity=activity, day=day, name=f"P{n}", phone="0612345678")
    waiting = services.signup_create(
        activity=activity, day=day, name="Wacht", email="wacht@example.nl"
    )
    services.signup_confirm_email(signup=waiting)
    assert Signup.objects.get(pk=waiting.pk).status == SignupStatus.WAITING
    mailoutbox.clear()
    local = timezone.get_current_timezone()
    # Two days before: nothing yet.
    _at(monkeypatch, dt.datetime.combine(day - dt.timedelta(days=2), dt.time(9), local))
    with commit():
        call_command("send_signup_reminders", stdout=StringIO())
    assert mailoutbox == []
    # Every hour of the day before: one mail, to the one with a place and an address.
    for hour in (0, 9, 23):
        _at(monkeypatch, dt.datetime.combine(day - dt.timedelta(days=1), dt.time(hour), local))
        with commit():
            call_command("send_signup_reminders", stdout=StringIO())
    assert [m.to for m in mailoutbox] == [["els@example.nl"]]
    assert "Morgen is ‘Kookclub’" in mailoutbox[0].body
    assert "https://meedoen.example.nl/aanmelding/afmelden/" in mailoutbox[0].body
    assert Signup.objects.get(pk=placed.pk).reminder_sent_at is not None


def test_sign_ups_are_deleted_some_weeks_after_the_date(activity, day, monkeypatch, settings):
    settings.SIGNUP_RETENTION_DAYS = 28
    settings.SIGNUP_CONFIRM_HOURS = 48
    services.signup_create(activity=activity, day=day, name="Jan", phone="0612345678")
    local = timezone.get_current_timezone()
    _at(monkeypatch, dt.datetime.combine(day + dt.timedelta(days=28), dt.time(12), local))
    services.signups_delete_expired()
    assert Signup.objects.count() == 1
    _at(monkeypatch, dt.datetime.combine(day + dt.timedelta(days=29), dt.time(12), local))
    call_command("send_signup_reminders", stdout=StringIO())
    assert not Signup.objects.exists() and not SignupSlot.objects.exists()


def test_unconfirmed_addresses_go_after_two_days(activity, day, monkeypatch, settings):
    settings.SIGNUP_CONFIRM_HOURS = 48
    pending = services.signup_create(activity=activity, day=day, name="X", email="x@example.nl")
    _at(monkeypatch, pending.created_at + dt.timedelta(hours=47))
    services.signups_delete_expired()
    assert Signup.objects.exists()
    _at(monkeypatch, pending.created_at + dt.timedelta(hours=49))
    services.signups_delete_expired()
    assert not Signup.objects.exists()


def test_no_reminder_for_a_date_that_was_called_off(activity, day, monkeypatch, mailoutbox, commit):
    placed = services.signup_create(activity=activity, day=day, name="Els", email="e@example.nl")
    services.signup_confirm_email(signup=placed)
    ActivityException.objects.create(page=activity, date=day, reason="Koningsdag")
    mailoutbox.clear()
    local = timezone.get_current_timezone()
    _at(monkeypatch, dt.datetime.combine(day - dt.timedelta(days=1), dt.time(9), local))
    with commit():
        assert services.signups_send_reminders() == 0
    assert mailoutbox == []
