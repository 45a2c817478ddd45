"""Fresh listings in the browser (issue 18): a listing nobody confirmed is
marked "Niet recent bijgewerkt"; the daily command, run with the time moved,
mails its initiative; the member follows the link on a phone, without
logging in, and one click confirms it: the mark is gone."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import Page

from initiatives.freshness import freshness_checks_send
from tests.e2e.conftest import axe_violations, describe
from tests.factories import ActivityPageFactory, InitiativeMemberFactory, InitiativePageFactory


def test_a_stale_listing_is_confirmed_from_the_mail_on_a_phone(page, site, index, mailoutbox):
    initiative = InitiativePageFactory(parent=index, title="Buurthuis De Hoek")
    InitiativeMemberFactory(initiative=initiative)
    activity = ActivityPageFactory(parent=initiative, title="Koffieochtend")
    long_ago = timezone.now() - dt.timedelta(days=200)
    Page.objects.filter(pk__in=[initiative.pk, activity.pk]).update(last_published_at=long_ago)

    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(site + activity.url)
    note = page.locator(".stale-note")
    expect(note).to_contain_text("Niet recent bijgewerkt")
    violations = axe_violations(page)
    assert not violations, describe(violations)

    freshness_checks_send(now=timezone.now())
    [mail] = mailoutbox
    link = re.search(r"https?://\S+/klopt-dit-nog/\S+/", mail.body).group(0)
    assert link.startswith(site)

    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Klopt dit nog?")
    expect(page.get_by_text("Koffieochtend")).to_be_visible()
    violations = axe_violations(page)
    assert not violations, describe(violations)
    page.get_by_role("button", name="Ja, dit klopt nog").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt!")

    page.goto(site + activity.url)
    expect(page.locator(".stale-note")).to_have_count(0)
