"""No question left unanswered (issue 17), in the browser: a help request
gets no offer for working days on end; the hourly command, run with the time
moved (not waited for), reminds and then tells the coordinator; the
moderator follows the mail's link, logs in and finds it in "Wacht te lang",
and on the admin dashboard."""

from __future__ import annotations

import datetime as dt
import re

from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from followup.services import followups_send
from followup.workdays import add_working_days
from initiatives.permissions import MODERATORS
from tests.e2e.conftest import axe_violations, describe
from tests.e2e.test_journeys import admin_login, next_person
from tests.factories import USER_PASSWORD, HelpRequestFactory, MunicipalityFactory, UserFactory


def test_a_help_request_without_an_offer_reaches_the_coordinator(page, site, mailoutbox):
    dordrecht = MunicipalityFactory(name="Dordrecht")
    hilversum = MunicipalityFactory(name="Hilversum")
    moderator = UserFactory(username="moderator@dordrecht.nl", email="moderator@dordrecht.nl")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    dordrecht.moderators.add(moderator)
    other = UserFactory(email="moderator@hilversum.nl")
    other.groups.add(Group.objects.get(name=MODERATORS))
    hilversum.moderators.add(other)
    published = timezone.now() - dt.timedelta(days=21)
    request = HelpRequestFactory(
        municipality=dordrecht,
        published_at=published,
        title="Wie doet boodschappen voor mij?",
        description="Mevrouw Jansen op nummer 12 kan niet meer lopen.",
    )

    # Three working days on: the reminder, to Dordrecht's moderators only.
    followups_send(now=add_working_days(published, 3))
    assert [m.to for m in mailoutbox] == [["moderator@dordrecht.nl"]]
    # Five: the coordinator. Run again: nothing new.
    followups_send(now=add_working_days(published, 5))
    followups_send(now=add_working_days(published, 5) + dt.timedelta(hours=1))
    assert len(mailoutbox) == 2
    escalation = mailoutbox[1]
    assert "Nog steeds geen reactie" in escalation.subject
    assert "Jansen" not in escalation.body and request.title not in escalation.body
    link = re.search(r"https?://\S+/wacht-te-lang/", escalation.body).group(0)
    assert link.startswith(site)

    # The moderator follows the link, logs in and sees it waiting.
    page.goto(link)
    expect(page).to_have_url(re.compile(r"/account/login/\?next=/wacht-te-lang/"))
    page.get_by_label("E-mail").fill(moderator.email)
    page.get_by_label("Wachtwoord").fill(USER_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(re.compile(r"/wacht-te-lang/$"))
    expect(page.get_by_role("heading", level=1, name="Wacht te lang")).to_be_visible()
    section = page.get_by_role("region", name=re.compile("Hulpvragen zonder aanbod"))
    expect(section.get_by_role("listitem")).to_have_count(1)
    row = section.get_by_role("listitem").first
    expect(row).to_contain_text("Dordrecht")
    expect(row).to_contain_text("werkdagen")
    expect(row).to_contain_text("coördinator ingelicht")
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    section.get_by_role("link", name=request.title).click()
    expect(page.get_by_role("heading", level=1, name=request.title)).to_be_visible()

    # On the admin dashboard too.
    next_person(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    admin_login(page, site, moderator)
    panel = page.locator("#wacht-te-lang-section")
    expect(panel).to_contain_text("Hulpvragen zonder aanbod")
    expect(panel.get_by_role("row", name=re.compile("Hulpvragen zonder aanbod"))).to_contain_text(
        "1"
    )
