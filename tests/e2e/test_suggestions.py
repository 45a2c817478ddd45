"""Suggestions as you type in Chromium: the combobox used with the keyboard
only, checked by axe while open, on a phone's width, and the same form
without JavaScript."""

from __future__ import annotations

import re

import pytest
from django.contrib.gis.geos import Point
from playwright.sync_api import expect

from initiatives.models import Woonplaats
from initiatives.places import rebuild_place_names
from tests.e2e.conftest import LOCAL, axe_violations, describe
from tests.factories import (
    ActivityPageFactory,
    InitiativePageFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
)


@pytest.fixture
def data(index):
    dordrecht = MunicipalityFactory(name="Dordrecht", slug="dordrecht", code="GM0505")
    oosterhout = MunicipalityFactory(name="Oosterhout", slug="oosterhout", code="GM0826")
    NeighbourhoodFactory(name="Wielwijk", slug="wielwijk", municipality=dordrecht)
    Woonplaats.objects.create(
        name="Dorst", municipality=oosterhout, point=Point(4.86, 51.59, srid=4326)
    )
    rebuild_place_names()
    initiative = InitiativePageFactory(parent=index, title="Buurthuis De Sleutel")
    ActivityPageFactory(parent=initiative, title="Koffieochtend in de buurtkamer")
    ActivityPageFactory(parent=initiative, title="Koffie-uurtje")


def combobox(page, name: str):
    return page.get_by_role("combobox", name=name)


def listbox_of(page, field):
    """The list a combobox controls (every list is named "Suggesties")."""
    listbox = page.locator(f"#{field.get_attribute('aria-controls')}")
    expect(listbox).to_have_attribute("role", "listbox")
    expect(listbox).to_have_attribute("aria-label", "Suggesties")
    return listbox


def test_keyboard_only_dor_arrow_down_enter_and_send(page, site, data):
    page.goto(site + "/zoeken/")
    waar = combobox(page, "Waar?")
    listbox = listbox_of(page, waar)
    expect(waar).to_have_attribute("aria-expanded", "false")
    expect(waar).to_have_attribute("aria-autocomplete", "list")
    waar.focus()
    page.keyboard.type("dor")

    expect(waar).to_have_attribute("aria-expanded", "true")
    expect(listbox).to_be_visible()
    options = listbox.get_by_role("option")
    expect(options).to_have_count(2)
    expect(options.first).to_have_text("Dordrecht, gemeente")
    expect(options.nth(1)).to_have_text("Dorst, woonplaats in Oosterhout")
    expect(page.get_by_role("status").filter(has_text="2 suggesties")).to_have_count(1)
    # The field's label names the field alone.
    expect(page.get_by_label("Waar?")).to_have_count(1)

    page.keyboard.press("ArrowDown")
    first_id = options.first.get_attribute("id")
    expect(waar).to_have_attribute("aria-activedescendant", first_id)
    expect(options.first).to_have_attribute("aria-selected", "true")
    expect(waar).to_be_focused()  # focus stays in the field

    # The open combobox, with an active option, has no serious axe violation.
    serious = axe_violations(page)
    assert not serious, describe(serious)

    # Down wraps round to the first again; up from the first to the last.
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(waar).to_have_attribute("aria-activedescendant", first_id)
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(waar).to_have_attribute("aria-activedescendant", first_id)

    # Enter puts the suggestion in the field and closes the list, nothing sent.
    url = page.url
    page.keyboard.press("Enter")
    expect(waar).to_have_value("Dordrecht (gemeente)")
    expect(waar).to_have_attribute("aria-expanded", "false")
    expect(listbox).to_be_hidden()
    assert waar.get_attribute("aria-activedescendant") is None
    assert page.url == url

    # The next Enter sends the form, with what was chosen.
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert re.search(r"[?&]waar=Dordrecht\+%28gemeente%29(&|$)", page.url)
    expect(combobox(page, "Waar?")).to_have_value("Dordrecht (gemeente)")
    # The search found the place: no error, and what it searched in is said.
    expect(page.locator(".field__error")).to_have_count(0)
    expect(page.locator(".results__near")).to_contain_text("Dordrecht")


def test_escape_keeps_what_was_typed_and_tab_leaves(page, site, data):
    page.goto(site + "/zoeken/")
    wat = combobox(page, "Wat zoek je?")
    wat.focus()
    page.keyboard.type("koff")
    listbox = listbox_of(page, wat)
    expect(listbox.get_by_role("option")).to_have_count(2)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    expect(listbox).to_be_hidden()
    expect(wat).to_have_value("koff")
    expect(wat).to_have_attribute("aria-expanded", "false")
    assert wat.get_attribute("aria-activedescendant") is None

    # Arrow down opens it again; Tab then leaves for the next field, choosing nothing.
    page.keyboard.press("ArrowDown")
    expect(listbox).to_be_visible()
    page.keyboard.press("Tab")
    expect(listbox).to_be_hidden()
    expect(wat).to_have_value("koff")
    expect(combobox(page, "Waar?")).to_be_focused()


def test_home_page_on_a_phone(browser, site, data):
    context = browser.new_context(locale="nl-NL", viewport={"width": 360, "height": 740})
    context.route("**/*", lambda r: r.continue_() if LOCAL.match(r.request.url) else r.abort())
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        page.goto(site + "/")
        wat = combobox(page, "Wat zoek je?")
        wat.focus()
        page.keyboard.type("koffie")
        listbox = listbox_of(page, wat)
        expect(listbox).to_be_visible()
        box = listbox.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, box
        no_scroll = page.evaluate("document.documentElement.scrollWidth <= 360")
        assert no_scroll, "the page scrolls sideways"
        # A tap chooses too.
        listbox.get_by_role("option", name=re.compile("Koffie-uurtje")).click()
        expect(wat).to_have_value("Koffie-uurtje")
        expect(wat).to_be_focused()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "q=Koffie-uurtje" in page.url
        expect(page.locator(".search-results")).to_contain_text("Koffie-uurtje")
    finally:
        context.close()


def test_without_javascript_the_fields_are_plain_and_the_form_works(browser, site, data):
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    context.route("**/*", lambda r: r.continue_() if LOCAL.match(r.request.url) else r.abort())
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        page.goto(site + "/zoeken/")
        # (A <select> is a combobox too: count only the enhanced inputs.)
        expect(page.locator("input[role=combobox], [role=listbox]")).to_have_count(0)
        page.get_by_label("Wat zoek je?").fill("koffieochtend")
        page.get_by_label("Waar?").fill("Dordrecht")
        with page.expect_navigation():
            page.get_by_label("Wat zoek je?").press("Enter")
        assert "q=koffieochtend" in page.url and "waar=Dordrecht" in page.url
        expect(page.get_by_label("Waar?")).to_have_value("Dordrecht")
        page.goto(site + "/zoeken/")
        page.get_by_label("Wat zoek je?").fill("koffieochtend")
        with page.expect_navigation():
            page.get_by_label("Wat zoek je?").press("Enter")
        results = page.locator(".search-results")
        expect(results).to_contain_text("Koffieochtend in de buurtkamer")
    finally:
        context.close()


def test_the_list_pages_near_field_suggests_places_too(page, site, data):
    page.goto(site + "/activiteiten/")
    near = combobox(page, "Postcode of woonplaats")
    near.focus()
    page.keyboard.type("wielw")
    listbox = listbox_of(page, near)
    expect(listbox.get_by_role("option")).to_have_count(1)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(near).to_have_value("Wielwijk (wijk in Dordrecht)")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "postcode=Wielwijk+%28wijk+in+Dordrecht%29" in page.url
    expect(page.locator(".field__error")).to_have_count(0)
