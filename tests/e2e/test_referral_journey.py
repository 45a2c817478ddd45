"""Issue 17's referral journey, only through the browser: a huisarts (an
approved professional) refers a resident to an activity with consent, the
initiative's member confirms contact in the inbox, and the huisarts sees
"Contact gehad" in "Mijn verwijzingen"."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from referrals.models import Referral, ReferralStatus
from tests.factories import (
    USER_PASSWORD,
    ActivityPageFactory,
    InitiativeMemberFactory,
    InitiativePageFactory,
    MunicipalityFactory,
    ProfessionalProfileFactory,
    UserFactory,
)


def log_in(page, site, user, next_path: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{site}/account/login/?next={next_path}")
    page.get_by_label("E-mail").fill(user.email)
    page.get_by_label("Wachtwoord").fill(USER_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_a_huisarts_refers_and_the_initiative_confirms_contact(page, site, index, mailoutbox):
    initiative = InitiativePageFactory(parent=index, title="Buurthuis Wielwijk")
    activity = ActivityPageFactory(parent=initiative, title="Buurtkoffie")
    member = InitiativeMemberFactory(initiative=initiative).user
    huisarts = ProfessionalProfileFactory(
        user=UserFactory(email="huisarts@example.nl", first_name="Anouk"),
        municipality=MunicipalityFactory(name="Dordrecht"),
    ).user

    # The huisarts finds the activity and refers a resident.
    log_in(page, site, huisarts, activity.url)
    expect(page.get_by_role("heading", level=1, name="Buurtkoffie")).to_be_visible()
    page.get_by_role("link", name="Verwijs iemand hierheen").click()
    page.get_by_label("Naam van de bewoner").fill("Meneer De Vries")
    page.get_by_role("checkbox", name="Naam delen").check()
    page.get_by_label("Telefoonnummer van de bewoner").fill("06 12345678")
    page.get_by_role("checkbox", name="Telefoonnummer delen").check()
    page.get_by_role("radio", name="Bellen").check()

    # Without consent: a Dutch error, and what was typed is still there.
    page.get_by_role("button", name="Verwijzing versturen").click()
    expect(page.get_by_text("Vraag eerst of de bewoner het goed vindt.").first).to_be_visible()
    expect(page.get_by_label("Naam van de bewoner")).to_have_value("Meneer De Vries")
    assert not Referral.objects.exists()

    page.get_by_role("checkbox", name="De bewoner weet hiervan en vindt het goed").check()
    page.get_by_role("button", name="Verwijzing versturen").click()
    expect(page).to_have_url(re.compile(r"/mijn-verwijzingen/$"))
    expect(page.get_by_text("Verstuurd", exact=True)).to_be_visible()
    assert [m.to for m in mailoutbox] == [[member.email]]

    # The initiative's member confirms the first contact in the inbox.
    log_in(page, site, member, "/inbox/")
    referrals = page.locator("section.referrals")
    expect(referrals.get_by_text("Meneer De Vries")).to_be_visible()
    expect(referrals.get_by_text("06 12345678")).to_be_visible()
    referrals.get_by_role("button", name=re.compile("We hebben contact gehad")).click()
    expect(page.get_by_text("Genoteerd: jullie hebben contact gehad")).to_be_visible()

    # The huisarts sees it.
    log_in(page, site, huisarts, "/mijn-verwijzingen/")
    expect(page.get_by_text("Contact gehad", exact=True)).to_be_visible()
    referral = Referral.objects.get()
    assert referral.status == ReferralStatus.CONTACTED
    assert referral.first_contact_at is not None
