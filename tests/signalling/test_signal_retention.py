"""Signals are removed after their retention period by `purge_signals`; the
access log stays, with the signal's number only. Deleting an account keeps
the signals without the signaller."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from signalling.models import HelpSignal, SignalAccess, SignalAccessAction, SignalStatus
from signalling.services import signals_purge
from volunteers.privacy import user_delete
from volunteers.retention import retention_periods

from .conftest import HelpSignalFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2027, 6, 1, 3, 15, tzinfo=dt.UTC)


def _signal(contact_point, *, sent_days_ago: int, closed_days_ago: int | None = None):
    signal = HelpSignalFactory(contact_point=contact_point)
    fields = {"created_at": NOW - dt.timedelta(days=sent_days_ago)}
    if closed_days_ago is not None:
        fields |= {
            "status": SignalStatus.CLOSED,
            "closed_at": NOW - dt.timedelta(days=closed_days_ago),
        }
    HelpSignal.objects.filter(pk=signal.pk).update(**fields)
    return signal


def test_purge_after_closing_and_at_the_maximum(wijkteam, wijkteam_staff, settings):
    settings.SIGNAL_RETENTION_DAYS = 90
    settings.SIGNAL_RETENTION_MAX_DAYS = 365
    closed_long_ago = _signal(wijkteam, sent_days_ago=120, closed_days_ago=91)
    closed_recently = _signal(wijkteam, sent_days_ago=120, closed_days_ago=89)
    open_old = _signal(wijkteam, sent_days_ago=366)
    open_young = _signal(wijkteam, sent_days_ago=364)
    SignalAccess.objects.create(
        signal=closed_long_ago,
        signal_number=closed_long_ago.pk,
        user=wijkteam_staff,
        action=SignalAccessAction.VIEW,
    )

    assert signals_purge(now=NOW) == 2
    left = set(HelpSignal.objects.values_list("pk", flat=True))
    assert left == {closed_recently.pk, open_young.pk}
    # The log keeps who read it and that it was deleted, by number only.
    rows = SignalAccess.objects.filter(signal_number=closed_long_ago.pk).order_by("pk")
    assert [(r.signal_id, r.user_id, r.action) for r in rows] == [
        (None, wijkteam_staff.pk, SignalAccessAction.VIEW),
        (None, None, SignalAccessAction.DELETE),
    ]
    assert SignalAccess.objects.filter(
        signal_number=open_old.pk, action=SignalAccessAction.DELETE
    ).exists()
    # Safe to run again: nothing more to do.
    assert signals_purge(now=NOW) == 0


def test_the_command_uses_now_and_the_settings(wijkteam, settings, monkeypatch):
    settings.SIGNAL_RETENTION_DAYS = 10
    _signal(wijkteam, sent_days_ago=20, closed_days_ago=11)
    _signal(wijkteam, sent_days_ago=20, closed_days_ago=9)
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    out = StringIO()
    call_command("purge_signals", stdout=out)
    assert out.getvalue().strip() == "1 signaal verwijderd."
    assert HelpSignal.objects.count() == 1


def test_deleting_the_signallers_account_keeps_the_signal(wijkteam, wijkteam_staff, neighbour):
    signal = HelpSignalFactory(
        contact_point=wijkteam, signaller=neighbour, signaller_phone="06-12345678"
    )
    SignalAccess.objects.create(
        signal=signal, signal_number=signal.pk, user=wijkteam_staff, action="view"
    )
    user_delete(user=neighbour)
    signal.refresh_from_db()
    assert signal.signaller is None and signal.signaller_phone == ""
    assert signal.concern  # the resident may still need help

    wijkteam_staff.delete()
    row = SignalAccess.objects.get()
    assert row.user is None and row.signal == signal


def test_the_privacy_statement_names_the_periods(settings):
    settings.SIGNAL_RETENTION_DAYS = 77
    settings.SIGNAL_RETENTION_MAX_DAYS = 300
    row = next(r for r in retention_periods() if r.kind.startswith("Signalen"))
    assert "77 dagen" in row.period and "300 dagen" in row.period
