"""Issue 18's sign-up journey, through the browser: a resident without an
account takes a place, the initiative's member sees her on the list for
that date, she cancels with the link in her mail, and the first on the
waiting list gets the place (and a mail)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from signups import services
from signups.models import Signup, SignupStatus
from tests.e2e.conftest import axe_violations, describe
from tests.factories import (
    USER_PASSWORD,
    ActivityPageFactory,
    InitiativeMemberFactory,
    InitiativePageFactory,
)


def _link(mail, path: str) -> str:
    match = re.search(rf"https?://\S+/{path}/\S+/", mail.body)
    assert match, mail.body
    return match.group(0)


def test_a_resident_takes_a_place_and_gives_it_back(page, site, index, mailoutbox):
    initiative = InitiativePageFactory(parent=index, title="Buurthuis Wielwijk")
    activity = ActivityPageFactory(
        parent=initiative, title="Samen koken", registration_required=True, capacity=2
    )
    member = InitiativeMemberFactory(initiative=initiative).user
    day = services.open_occurrences(activity)[0].date
    services.signup_create(activity=activity, day=day, name="Meneer Jansen", phone="0612345678")

    # Fatima finds the activity and takes the last place, without an account.
    page.goto(f"{site}{activity.url}")
    page.get_by_role("link", name="Neem een plek").click()
    expect(page.get_by_text("Nog 1 plek").first).to_be_visible()
    page.get_by_role("link", name=re.compile("^Neem een plek")).first.click()
    page.get_by_label("Je naam").fill("Fatima")
    page.get_by_label("E-mailadres").fill("fatima@example.nl")
    page.get_by_role("button", name="Neem een plek").click()
    expect(page.get_by_text("Kijk in je e-mail.")).to_be_visible()
    assert [m.to for m in mailoutbox] == [["fatima@example.nl"]]
    page.goto(_link(mailoutbox[0], "aanmelding/bevestigen"))
    page.get_by_role("button", name="Bevestig mijn aanmelding").click()
    expect(page.get_by_text("Je bent aangemeld.")).to_be_visible()

    # Now it is full: the next one waits.
    waiting = services.signup_create(
        activity=activity, day=day, name="Mevrouw De Wit", email="dewit@example.nl"
    )
    services.signup_confirm_email(signup=waiting)
    assert Signup.objects.get(pk=waiting.pk).status == SignupStatus.WAITING

    # The initiative's member sees her on the list for that date.
    page.context.clear_cookies()
    page.goto(f"{site}/account/login/?next=/aanmeldingen/")
    page.get_by_label("E-mail").fill(member.email)
    page.get_by_label("Wachtwoord").fill(USER_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("link", name=re.compile(day.strftime("%Y"))).first.click()
    expect(page.get_by_role("cell", name="Fatima", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="fatima@example.nl")).to_be_visible()
    expect(page.get_by_role("cell", name="Mevrouw De Wit", exact=True)).to_be_visible()

    # She cancels with the link in her mail; Mevrouw De Wit moves up.
    page.context.clear_cookies()
    placed = next(m for m in mailoutbox if m.to == ["fatima@example.nl"] and "afmelden" in m.body)
    mailoutbox.clear()
    page.goto(_link(placed, "aanmelding/afmelden"))
    page.get_by_role("button", name="Ik meld me af").click()
    expect(page.get_by_text("Je bent afgemeld.")).to_be_visible()
    assert Signup.objects.get(pk=waiting.pk).status == SignupStatus.CONFIRMED
    assert [m.to for m in mailoutbox] == [["dewit@example.nl"]]
    assert "er is een plek vrijgekomen" in mailoutbox[0].body


def test_the_sign_up_pages_are_accessible(page, site, index):
    """axe (serious and critical) on the date choice, the form with its
    errors, the initiative's list; the form works at 320 px."""
    initiative = InitiativePageFactory(parent=index, title="Buurthuis Wielwijk")
    activity = ActivityPageFactory(
        parent=initiative, title="Samen koken", registration_required=True, capacity=2
    )
    member = InitiativeMemberFactory(initiative=initiative).user
    day = services.open_occurrences(activity)[0].date
    services.signup_create(activity=activity, day=day, name="Meneer Jansen", phone="0612345678")
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{site}/aanmelden/{activity.pk}/")
    assert axe_violations(page) == [], describe(axe_violations(page))
    page.get_by_role("link", name=re.compile("^Neem een plek")).first.click()
    page.get_by_label("Je naam").fill("Fatima")
    page.get_by_role("button", name="Neem een plek").click()
    expect(page.get_by_text("Vul je e-mailadres of je telefoonnummer in").first).to_be_visible()
    expect(page.get_by_label("Je naam")).to_have_value("Fatima")
    assert axe_violations(page) == [], describe(axe_violations(page))
    page.goto(f"{site}/account/login/?next=/aanmeldingen/{activity.pk}/{day:%Y-%m-%d}/")
    page.get_by_label("E-mail").fill(member.email)
    page.get_by_label("Wachtwoord").fill(USER_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("cell", name="Meneer Jansen", exact=True)).to_be_visible()
    assert axe_violations(page) == [], describe(axe_violations(page))
