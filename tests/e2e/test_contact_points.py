"""Liever iemand spreken? On a phone (390 px) the contact point of the place
searched for is readable, its phone number is a link a phone dials, big
enough to tap and reached by keyboard; nothing scrolls sideways at 320 px and
axe finds no serious problem in the block or on /contactpunten/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from initiatives.models import PostcodeCentroid
from tests.contactpoints.conftest import IN_WIELWIJK, Places
from tests.e2e.conftest import axe_violations, describe
from tests.e2e.test_mobile import SIDEWAYS, phone  # noqa: F401  (a fixture)
from tests.factories import ContactPointFactory


@pytest.fixture
def wielwijk(site):
    places = Places()
    PostcodeCentroid.objects.create(postcode="3317", point=IN_WIELWIJK, town="Dordrecht")
    ContactPointFactory(
        name="Sociaal wijkteam Wielwijk",
        phone="078-770 4010",
        email="sociaalwijkteam.wielwijk@wijkteams-dordrecht.example",
        walk_in_hours="ma–vr 9.00–17.00, inloop di 13.00–15.00",
        address="Vondelstraat 12, 3317 Dordrecht",
        website="https://www.wijkteams-dordrecht.example/wielwijk",
        neighbourhoods=[places.wielwijk],
    )
    ContactPointFactory(
        name="Wmo-loket Dordrecht",
        kind="wmo_loket",
        phone="078-770 0001",
        municipalities=[places.dordrecht],
    )
    return places


def test_the_block_is_readable_and_the_phone_link_dials(phone, site, wielwijk):  # noqa: F811
    page = phone()
    page.goto(site + "/?postcode=3317")
    block = page.locator(".contact-point")
    expect(block.get_by_role("heading", name="Liever iemand spreken?")).to_be_visible()
    expect(block).to_contain_text("Sociaal wijkteam Wielwijk")
    expect(block).to_contain_text("inloop di 13.00–15.00")
    call = block.get_by_role("link", name="078-770 4010")
    expect(call).to_have_attribute("href", "tel:0787704010")
    box = call.bounding_box()
    assert box["height"] >= 44, box
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    # Readable: text at least 16 px on a phone.
    size = block.locator("dd").first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    assert size >= 16
    # Reached by keyboard: the first Tab after the heading lands on it.
    block.get_by_role("heading").evaluate("el => { el.tabIndex = -1; el.focus(); }")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "tel:0787704010"
    # A tap asks the phone to dial: the browser gets a tel: navigation, the page stays.
    with page.expect_event("requestfailed", timeout=5000) as failed:
        page.evaluate("url => { window.location.href = url; }", "tel:0787704010")
    assert failed.value.url.startswith("tel:0787704010")
    assert "postcode=3317" in page.url
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_search_and_the_list_on_a_narrow_phone(phone, site, wielwijk):  # noqa: F811
    page = phone(width=320)
    for path in ("/zoeken/?q=xqzvjk&waar=3317", "/contactpunten/"):
        page.goto(site + path)
        wijkteam = page.locator(".contact-point", has_text="Sociaal wijkteam Wielwijk")
        expect(wijkteam.get_by_role("link", name="078-770 4010")).to_be_visible()
        width = page.evaluate(SIDEWAYS)
        assert width["scrollWidth"] <= width["clientWidth"], (path, width)
        violations = axe_violations(page)
        assert not violations, describe(violations)
    # The list names whom each serves.
    expect(page.get_by_text("Voor de wijk Wielwijk")).to_be_visible()
    expect(page.get_by_text("Voor heel Dordrecht")).to_be_visible()
