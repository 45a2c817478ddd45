"""Issue 17's signal journey, in the browser: a neighbour signals a concern
for a postcode in Wielwijk; only Sociaal wijkteam Wielwijk's staff can read
it, another contact point's staff get a 404, and the access log shows the
reading."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from contactpoints.models import ContactPoint, ContactPointKind
from initiatives.models import PostcodeCentroid
from signalling.models import HelpSignal, SignalAccess, SignalAccessAction
from tests.e2e.conftest import axe_violations, describe
from tests.factories import (
    USER_PASSWORD,
    MunicipalityFactory,
    NeighbourhoodFactory,
    UserFactory,
    square,
)
from tests.search.conftest import WIELWIJK


def login(page, user):
    page.get_by_label("E-mail").fill(user.email)
    page.get_by_label("Wachtwoord").fill(USER_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def fits_a_small_phone(page):
    """Nothing wider than a 320 px screen."""
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_neighbour_signals_and_only_the_wijkteam_reads_it(page, site, mailoutbox):
    dordrecht = MunicipalityFactory(name="Dordrecht", boundary=square(4.69, 51.81, 0.1))
    wielwijk = NeighbourhoodFactory(
        name="Wielwijk", municipality=dordrecht, boundary=square(WIELWIJK.x, WIELWIJK.y, 0.01)
    )
    PostcodeCentroid.objects.create(postcode="3317 AB", point=WIELWIJK, town="Dordrecht")
    wijkteam_staff = UserFactory(
        email="wijkteam@example.nl", first_name="Wendy", last_name="de Wit"
    )
    other_staff = UserFactory(email="loket@example.nl")
    wijkteam = ContactPoint.objects.create(
        name="Sociaal wijkteam Wielwijk", kind=ContactPointKind.WIJKTEAM, phone="078-7708000"
    )
    wijkteam.neighbourhoods.add(wielwijk)
    wijkteam.staff.add(wijkteam_staff)
    loket = ContactPoint.objects.create(
        name="Wmo-loket Dordrecht", kind=ContactPointKind.WMO_LOKET, phone="14 078"
    )
    loket.municipalities.add(dordrecht)
    loket.staff.add(other_staff)
    neighbour = UserFactory(email="buurvrouw@example.nl")

    # The neighbour reads what signalling means before logging in.
    page.goto(site + "/signaleren/")
    expect(page.get_by_role("heading", name="Zorgen om een buurtgenoot")).to_be_visible()
    page.get_by_role("link", name="Inloggen", exact=True).last.click()
    login(page, neighbour)
    expect(page).to_have_url(re.compile(r"/signaleren/$"))

    assert not (found := axe_violations(page)), describe(found)
    fits_a_small_phone(page)
    page.get_by_label("Postcode van de bewoner").fill("3317 AB")
    page.get_by_label("Om wie gaat het?").fill("meneer op nr. 7")
    page.get_by_label("Wat is je zorg?").fill(
        "Zijn gordijnen blijven dicht en de post stapelt zich op."
    )
    page.get_by_label("De bewoner weet ervan en vindt het goed").check()
    page.get_by_role("button", name="Verstuur mijn signaal").click()

    expect(page.get_by_role("heading", name="Je signaal is verstuurd")).to_be_visible()
    expect(page.get_by_text("Sociaal wijkteam Wielwijk")).to_be_visible()
    expect(page.get_by_text("Je hoort daarna niet wat er met de bewoner gebeurt")).to_be_visible()
    signal = HelpSignal.objects.get()
    assert signal.contact_point == wijkteam and signal.postcode == "3317"
    [mail] = [m for m in mailoutbox if "wijkteam@example.nl" in m.to]
    assert "post stapelt" not in mail.body
    link = re.search(r"https?://\S+/contactpunt/signalen/\d+/", mail.body).group(0)
    detail = site + link[link.index("/contactpunt/") :]

    # The signaller cannot read it back.
    response = page.goto(detail)
    assert response.status == 404

    # Another contact point's staff: 404.
    page.context.clear_cookies()
    page.goto(site + "/account/login/")
    login(page, other_staff)
    response = page.goto(detail)
    assert response.status == 404
    assert not SignalAccess.objects.exists()

    # The wijkteam follows the link in the mail, logs in and reads it.
    page.context.clear_cookies()
    page.goto(detail)
    login(page, wijkteam_staff)
    expect(page.get_by_role("heading", name=f"Signaal {signal.pk}")).to_be_visible()
    expect(page.get_by_text("Zijn gordijnen blijven dicht")).to_be_visible()
    expect(page.get_by_text("meneer op nr. 7")).to_be_visible()
    log = page.locator(".access-log")
    expect(log.get_by_text(re.compile("Wendy de Wit, bekeken"))).to_have_count(1)

    assert not (found := axe_violations(page)), describe(found)
    fits_a_small_phone(page)

    page.get_by_role("button", name="Contact opgenomen").click()
    expect(page.get_by_text("Vastgelegd: contact opgenomen.")).to_be_visible()
    expect(log.get_by_text(re.compile("Wendy de Wit, contact opgenomen"))).to_have_count(1)
    signal.refresh_from_db()
    assert signal.first_contact_at is not None
    actions = set(
        SignalAccess.objects.filter(signal=signal, user=wijkteam_staff).values_list(
            "action", flat=True
        )
    )
    assert actions == {SignalAccessAction.VIEW, SignalAccessAction.CONTACT}
