"""A help request waiting for a moderator is a question left unanswered too:
found on the demo data, where a resident's request stayed "in beoordeling"
for two weeks and neither ``send_followups`` nor "Wacht te lang" noticed."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import TestCase

from followup.models import FollowUpNotice
from followup.report import first_reply_report
from followup.views import sections_for
from helprequests import services as help_services
from tests.factories import HelpRequestFactory, MunicipalityFactory
from tests.followup.helpers import MONDAY, SECRET, _moved, at, moderator

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _days(settings):
    settings.FOLLOWUP_DAYS = {"help_moderation": "1:2"}


def run(moment):
    from followup.services import followups_send

    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        return followups_send(now=moment)


def waiting(user, now) -> int:
    (section,) = [s for s in sections_for(user, now=now) if s.kind == "help_moderation"]
    return len(section.rows)


def pending(municipality):
    request = HelpRequestFactory(
        municipality=municipality,
        status="pending",
        published_at=None,
        title=f"Boodschappen voor {SECRET}",
    )
    return _moved(request, "created_at", MONDAY)


def test_a_request_waiting_for_moderation_reminds_then_escalates_once():
    dordrecht, hilversum = MunicipalityFactory(), MunicipalityFactory()
    moderator(dordrecht, email="mod@dordrecht.nl")
    moderator(hilversum, email="mod@hilversum.nl")
    pending(dordrecht)

    assert run(at(MONDAY, hours=23)) == []  # not a working day yet
    sent = run(at(MONDAY, days=1))
    assert [(s.kind, s.level, s.count) for s in sent] == [("help_moderation", "reminder", 1)]
    assert [m.to for m in mail.outbox] == [["mod@dordrecht.nl"]]
    assert "/hulpvragen/moderatie/" in mail.outbox[0].body
    assert SECRET.lower() not in (mail.outbox[0].subject + mail.outbox[0].body).lower()
    assert run(at(MONDAY, days=1, hours=1)) == []
    sent = run(at(MONDAY, days=2))
    assert [(s.kind, s.level) for s in sent] == [("help_moderation", "escalation")]
    assert run(at(MONDAY, days=9)) == []
    assert FollowUpNotice.objects.filter(kind="help_moderation").count() == 2


def test_a_moderated_request_is_no_longer_waiting_and_counts_in_the_report():
    dordrecht = MunicipalityFactory()
    mod = moderator(dordrecht)
    request = pending(dordrecht)
    assert waiting(mod, at(MONDAY, days=3)) == 1

    help_services.help_request_moderate(request=request, by=mod, approve=True)
    request.refresh_from_db()
    assert request.moderated_at is not None
    assert run(at(MONDAY, days=9)) == []
    assert waiting(mod, at(MONDAY, days=9)) == 0
    totals = first_reply_report(municipality_ids=[dordrecht.pk]).totals
    assert totals["help_moderation"].total == 1
    assert totals["help_moderation"].answered == 1
    assert totals["help_moderation"].unanswered == 0
