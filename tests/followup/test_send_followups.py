"""Reminders and escalations: each kind's reminder goes to the side that
should answer and its escalation to the coordinator, after the set number of
working days, once, with no personal data in the mail. Time is moved by the
``now`` passed to the service, not waited for."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.test import TestCase

from followup.models import FollowUpKind, FollowUpLevel, FollowUpNotice
from followup.overdue import Item
from followup.rules import deadlines
from followup.services import followup_group_send, followups_send
from followup.workdays import add_working_days
from tests.factories import MunicipalityFactory, UserFactory
from tests.followup.helpers import (
    MONDAY,
    SECRET,
    at,
    contact_point,
    help_request,
    initiative,
    moderator,
    referral,
    registration,
    response,
    signal,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _days(settings):
    settings.FOLLOWUP_DAYS = {
        "help_request": "3:5",
        "response": "3:5",
        "referral": "2:4",
        "signal": "2:3",
        "registration": "5:10",
    }


@pytest.fixture
def towns():
    return MunicipalityFactory(name="Dordrecht"), MunicipalityFactory(name="Hilversum")


@pytest.fixture
def people(towns):
    dordrecht, hilversum = towns
    return {
        "mod_dordrecht": moderator(dordrecht, email="mod@dordrecht.nl"),
        "mod_hilversum": moderator(hilversum, email="mod@hilversum.nl"),
        "member": UserFactory(email="lid@dehoek.nl"),
        "staff": UserFactory(email="medewerker@wijkteam.nl"),
    }


def sent_to() -> list[tuple[str, ...]]:
    return [tuple(sorted(m.to)) for m in mail.outbox]


def run(moment):
    """One run at ``moment``, its mails sent (they go after commit)."""
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        return followups_send(now=moment)


def assert_no_personal_data():
    for message in mail.outbox:
        text = f"{message.subject}\n{message.body}"
        assert SECRET.lower() not in text.lower(), text
        assert "0612345678" not in text and "Dorpsstraat" not in text


def test_a_help_request_reminds_the_moderators_then_escalates_once(towns, people):
    dordrecht, _ = towns
    help_request(dordrecht, published=MONDAY)  # Monday 10:00

    assert run(at(MONDAY, days=3, hours=-1)) == []  # Thursday 9:00: not 3 working days yet
    assert mail.outbox == []

    sent = run(at(MONDAY, days=3))  # Thursday 10:00
    assert [(s.kind, s.level, s.count) for s in sent] == [("help_request", "reminder", 1)]
    assert sent_to() == [("mod@dordrecht.nl",)]  # not Hilversum's moderator
    assert "1 hulpvraag wacht" in mail.outbox[0].subject
    assert "/wacht-te-lang/" in mail.outbox[0].body
    assert_no_personal_data()

    assert run(at(MONDAY, days=4)) == []  # the next hourly runs: nothing again
    assert mail.outbox == []

    # 5 working days: Monday a week later (the weekend does not count).
    assert run(at(MONDAY, days=6)) == []  # Sunday
    sent = run(at(MONDAY, days=7))
    assert [(s.kind, s.level) for s in sent] == [("help_request", "escalation")]
    assert "Nog steeds geen reactie" in mail.outbox[0].subject
    assert "coördinator" in mail.outbox[0].body
    assert_no_personal_data()
    assert run(at(MONDAY, days=30)) == []
    assert FollowUpNotice.objects.count() == 2


def test_the_command_twice_sends_each_notice_once(towns, people, monkeypatch):
    dordrecht, _ = towns
    help_request(dordrecht, published=MONDAY)
    help_request(dordrecht, published=MONDAY)
    monkeypatch.setattr("django.utils.timezone.now", lambda: at(MONDAY, days=3))
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("send_followups", stdout=StringIO())
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("send_followups", stdout=StringIO())
    assert len(mail.outbox) == 1  # one mail for both requests
    assert "2 hulpvragen wachten" in mail.outbox[0].subject


def test_an_answered_help_request_is_left_alone(towns, people):
    dordrecht, _ = towns
    answered = help_request(dordrecht, published=MONDAY)
    answered.first_offer_at = at(MONDAY, hours=5)
    answered.save()
    help_request(dordrecht, published=MONDAY, status="closed")  # closed: nobody waits
    help_request(dordrecht, published=MONDAY, status="paused")
    assert run(at(MONDAY, days=30)) == []


def test_a_response_reminds_the_members_and_escalates_to_the_moderators(index, towns, people):
    dordrecht, _ = towns
    page = initiative(index, dordrecht, members=[people["member"]])
    response(page, created=MONDAY)

    sent = run(at(MONDAY, days=3))
    assert [(s.kind, s.level) for s in sent] == [("response", "reminder")]
    assert sent_to() == [("lid@dehoek.nl",)]
    assert "Buurthuis De Hoek" in mail.outbox[0].body
    assert "/inbox/" in mail.outbox[0].body
    assert_no_personal_data()

    sent = run(at(MONDAY, days=7))
    assert [(s.kind, s.level) for s in sent] == [("response", "escalation")]
    assert sent_to() == [("mod@dordrecht.nl",)]
    assert_no_personal_data()
    assert run(at(MONDAY, days=8)) == []


def test_a_response_the_initiative_answered_is_left_alone(index, towns, people):
    dordrecht, _ = towns
    page = initiative(index, dordrecht, members=[people["member"]])
    response(page, created=MONDAY, status="in_contact", first_reply_at=at(MONDAY, hours=2))
    response(page, created=MONDAY, status="withdrawn")  # the volunteer withdrew
    assert run(at(MONDAY, days=30)) == []


def test_without_members_the_initiatives_own_address_hears_it(index, towns, people):
    dordrecht, _ = towns
    page = initiative(index, dordrecht)
    response(page, created=MONDAY)
    run(at(MONDAY, days=3))
    assert sent_to() == [("info@dehoek.nl",)]


def test_a_referral_reminds_the_members_after_two_working_days(index, towns, people):
    dordrecht, _ = towns
    page = initiative(index, dordrecht, members=[people["member"]])
    referral(page, created=MONDAY)

    assert run(at(MONDAY, days=2, hours=-1)) == []
    sent = run(at(MONDAY, days=2))
    assert [(s.kind, s.level) for s in sent] == [("referral", "reminder")]
    assert sent_to() == [("lid@dehoek.nl",)]
    sent = run(at(MONDAY, days=4))
    assert [(s.kind, s.level) for s in sent] == [("referral", "escalation")]
    assert sent_to() == [("mod@dordrecht.nl",)]
    assert_no_personal_data()


def test_a_contacted_referral_is_left_alone(index, towns, people):
    dordrecht, _ = towns
    page = initiative(index, dordrecht, members=[people["member"]])
    referral(page, created=MONDAY, status="contacted", first_contact_at=at(MONDAY, hours=3))
    assert run(at(MONDAY, days=30)) == []


def test_a_signal_reminds_the_staff_then_staff_and_moderators(towns, people):
    dordrecht, _ = towns
    point = contact_point(dordrecht, staff=[people["staff"]])
    other = contact_point(dordrecht, staff=[UserFactory(email="ander@loket.nl")], name="Wmo-loket")
    signal(point, dordrecht, created=MONDAY)

    sent = run(at(MONDAY, days=2))
    assert [(s.kind, s.level) for s in sent] == [("signal", "reminder")]
    assert sent_to() == [("medewerker@wijkteam.nl",)]  # not the other contact point
    assert "Sociaal wijkteam Wielwijk" in mail.outbox[0].body
    assert "/contactpunt/signalen/" in mail.outbox[0].body
    assert other.name not in mail.outbox[0].body

    sent = run(at(MONDAY, days=3))
    assert [(s.kind, s.level) for s in sent] == [("signal", "escalation")]
    assert sent_to() == [("medewerker@wijkteam.nl", "mod@dordrecht.nl")]
    assert_no_personal_data()


def test_a_registration_reminds_then_escalates_to_the_moderators(index, towns, people):
    dordrecht, _ = towns
    draft = initiative(index, dordrecht, title="Repair Café")
    registration(draft, created=MONDAY)
    registration(draft, created=MONDAY, status="unconfirmed")  # nobody can judge it yet

    sent = run(at(MONDAY, days=7))  # 5 working days
    assert [(s.kind, s.level, s.count) for s in sent] == [("registration", "reminder", 1)]
    assert sent_to() == [("mod@dordrecht.nl",)]
    assert "/admin/aanmeldingen/" in mail.outbox[0].body
    sent = run(at(MONDAY, days=14))  # 10 working days
    assert [(s.kind, s.level) for s in sent] == [("registration", "escalation")]
    assert_no_personal_data()


def test_one_mail_per_recipient_group(index, towns, people):
    dordrecht, hilversum = towns
    help_request(dordrecht, published=MONDAY)
    help_request(hilversum, published=MONDAY)
    help_request(hilversum, published=MONDAY)
    run(at(MONDAY, days=3))
    assert sorted(sent_to()) == [("mod@dordrecht.nl",), ("mod@hilversum.nl",)]
    hilversum_mail = next(m for m in mail.outbox if m.to == ["mod@hilversum.nl"])
    assert "2 hulpvragen" in hilversum_mail.subject


def test_nobody_to_tell_records_nothing_so_a_later_run_can(index, towns):
    dordrecht, _ = towns
    page = initiative(index, dordrecht)
    type(page).objects.filter(pk=page.pk).update(email="")
    response(page, created=MONDAY)
    assert run(at(MONDAY, days=3)) == []
    assert not FollowUpNotice.objects.filter(level=FollowUpLevel.REMINDER).exists()


def test_a_notice_another_run_recorded_is_not_sent_again(towns, people):
    """What an overlapping run finds: the row is there (the unique
    constraint), so this run records and mails nothing for it."""
    dordrecht, _ = towns
    request = help_request(dordrecht, published=MONDAY)
    now = at(MONDAY, days=3)
    with connection.cursor() as cursor:  # as if the other run's insert just committed
        cursor.execute(
            "INSERT INTO followup_followupnotice (kind, object_id, level, sent_at) "
            "VALUES (%s, %s, %s, %s)",
            [FollowUpKind.HELP_REQUEST, request.pk, FollowUpLevel.REMINDER, now],
        )
    item = Item(FollowUpKind.HELP_REQUEST, request.pk, MONDAY, dordrecht.pk, dordrecht.pk)
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        result = followup_group_send(
            kind=FollowUpKind.HELP_REQUEST,
            level=FollowUpLevel.REMINDER,
            items=[item],
            days=3,
            now=now,
        )
    assert result is None
    assert mail.outbox == []


def test_the_deadlines_follow_the_setting(settings, towns, people):
    settings.FOLLOWUP_DAYS = {"help_request": "1:2"}
    assert deadlines()[FollowUpKind.HELP_REQUEST].reminder == 1
    assert deadlines()[FollowUpKind.SIGNAL].reminder == 2  # the default
    dordrecht, _ = towns
    help_request(dordrecht, published=MONDAY)
    assert [s.level for s in run(add_working_days(MONDAY, 1))] == ["reminder"]


@pytest.mark.parametrize(
    "value", [{"help_reqest": "3:5"}, {"signal": "3"}, {"signal": "5:3"}, {"signal": "0:2"}]
)
def test_a_wrong_setting_is_an_error(settings, value):
    settings.FOLLOWUP_DAYS = value
    with pytest.raises(ImproperlyConfigured):
        deadlines()
