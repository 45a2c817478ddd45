"""A phone first (issue 16): at 390×844 the results come into view on the first
screen, the menu opens and closes by keyboard with and without JavaScript, no
page scrolls sideways at 320 px, touch targets are at least 44 px, the contact
block comes before the map, and a map without tiles gives way to text.

No tile server is reachable in the tests (the ``page`` fixture aborts every
request to another host), which is exactly the "tiles cannot load" case.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import local_context
from tests.e2e.test_accessibility import data, log_in  # noqa: F401  (a fixture)
from tests.search.conftest import corpus  # noqa: F401  (a fixture)

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, site):
    """A context the size of a phone, with JavaScript; ``phone(js=False)``
    for one without."""
    contexts = []

    def open_page(*, js: bool = True, width: int = PHONE["width"]):
        context = local_context(
            browser, locale="nl-NL", viewport={**PHONE, "width": width}, java_script_enabled=js
        )
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def test_first_search_result_is_on_the_first_screen(phone, site, data):  # noqa: F811
    page = phone()
    page.goto(site + "/zoeken/?q=koffie&waar=3311")
    first = page.locator(".search-result").first
    expect(first).to_be_visible()
    box = first.bounding_box()
    assert box["y"] < PHONE["height"], f"first result starts at {box['y']:.0f} px"
    # The filters are there, behind their button, after the search box.
    toggle = page.locator("summary.filters__toggle")
    expect(toggle).to_be_visible()
    expect(page.get_by_label("Sorteer op")).to_be_hidden()


def test_list_results_before_filters_on_a_phone_without_javascript(phone, site, data):  # noqa: F811
    page = phone(js=False)
    page.goto(site + "/activiteiten/")
    first = page.locator(".card-list > li").first
    assert first.bounding_box()["y"] < PHONE["height"]
    theme = page.get_by_label("Thema")
    expect(theme).to_be_hidden()
    page.locator("summary.filters__toggle").click()
    expect(theme).to_be_visible()
    # The search box itself is on top, outside the filters.
    expect(page.get_by_label("Postcode of woonplaats")).to_be_visible()


def test_filters_and_menu_show_inline_on_a_desktop_without_javascript(phone, site, data):  # noqa: F811
    page = phone(js=False, width=1280)
    page.goto(site + "/activiteiten/")
    expect(page.get_by_label("Thema")).to_be_visible()
    expect(
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Activiteiten")
    ).to_be_visible()
    expect(page.locator("summary.menu__button")).to_be_hidden()


def tab_to_menu(page) -> None:
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('summary.menu__button')"):
            return
    raise AssertionError("the menu button is not reached with Tab")


@pytest.mark.parametrize("js", [False, True], ids=["without-js", "with-js"])
def test_menu_opens_and_closes_by_keyboard(phone, site, data, js):  # noqa: F811
    page = phone(js=js)
    page.goto(site + "/")
    link = page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Activiteiten")
    expect(link).to_be_hidden()
    button = page.locator("summary.menu__button")
    expect(button).to_have_accessible_name("Menu")

    tab_to_menu(page)
    page.keyboard.press("Enter")
    expect(link).to_be_visible()
    page.keyboard.press("Enter")
    expect(link).to_be_hidden()
    page.keyboard.press("Space")
    expect(link).to_be_visible()
    # Tab goes into the open menu, to its first link.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Activiteiten"
    if js:
        # menu.js: Escape closes the menu and puts focus back on its button.
        page.keyboard.press("Escape")
        expect(link).to_be_hidden()
        assert page.evaluate("document.activeElement.matches('summary.menu__button')")
    else:
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Enter")
        expect(link).to_be_hidden()
    # The menu's links are big enough to tap.
    page.keyboard.press("Enter")
    heights = page.locator(".menu a, .menu button").evaluate_all(
        "els => els.map(el => [el.textContent.trim(), el.getBoundingClientRect().height])"
    )
    small = [(text, h) for text, h in heights if h < 44]
    assert heights and not small, small


# Every page type; logged-in pages after the public ones.
PUBLIC = {
    "home": "/",
    "search": "/zoeken/",
    "search-results": "/zoeken/?q=koffie&waar=3311",
    "activities": "/activiteiten/",
    "activities-postcode": "/activiteiten/?postcode=3317+AB&km=5",
    "meeting-places": "/ontmoetingsplekken/",
    "vacancies": "/vacatures/",
    "initiatives": "/initiatieven/",
    "initiative": lambda d: d["dordt"].url,
    "activity": lambda d: d["wandelgroep"].url,
    "meeting-place": lambda d: d["huiskamer"].url,
    "vacancy": lambda d: d["vacature_wandel"].url,
    "help-list": "/hulpvragen/",
    "help-detail": lambda d: f"/hulpvragen/{d['help_request'].pk}/",
    "login": "/account/login/",
    "signup": "/account/signup/",
    "password-reset": "/account/password/reset/",
    "register": "/initiatief-aanmelden/",
    "contact": "/contact/",
    "privacy": "/privacy/",
    "accessibility": "/toegankelijkheid/",
    "colofon": "/colofon/",
    "not-found": "/bestaat-niet/",
}
LOGGED_IN = {
    "for-you": "/voor-jou/",
    "profile": "/profiel/",
    "my-responses": "/mijn-reacties/",
    "my-data": "/mijn-gegevens/",
    "help-create": "/hulpvragen/nieuw/",
    "vacancy-logged-in": lambda d: d["vacature_wandel"].url,
}

SIDEWAYS = """() => {
  const doc = document.scrollingElement;
  const wide = [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > doc.clientWidth + 1)
    .slice(0, 3).map(el => el.tagName.toLowerCase() + '.' + el.className);
  return {scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, wide};
}"""


def test_no_page_scrolls_sideways_at_320_px(phone, site, data, subtests):  # noqa: F811
    page = phone(width=320)
    for pages in (PUBLIC, LOGGED_IN):
        if pages is LOGGED_IN:
            log_in(page, site, data["volunteer"])
        for name, path in pages.items():
            with subtests.test(msg=name):
                response = page.goto(site + (path(data) if callable(path) else path))
                assert response.status < 500, name
                width = page.evaluate(SIDEWAYS)
                assert width["scrollWidth"] <= width["clientWidth"], (name, width)


@pytest.mark.parametrize("key", ["activity", "meeting-place", "vacancy", "initiative"])
def test_contact_before_the_map_on_a_phone(phone, site, data, key):  # noqa: F811
    page = phone()
    page.goto(site + PUBLIC[key](data))
    contact = page.locator(".contact-block").first.bounding_box()
    where = page.locator(".detail__where").first.bounding_box()
    assert contact["y"] < where["y"]


def test_map_gives_way_to_text_when_tiles_cannot_load(phone, site, data):  # noqa: F811
    page = phone()
    page.goto(site + data["huiskamer"].url)
    note = page.locator(".map__note")
    expect(note).to_be_visible()
    expect(note.get_by_role("link", name=re.compile("OpenStreetMap"))).to_have_attribute(
        "href", re.compile(r"^https://www\.openstreetmap\.org/\?mlat=")
    )
    expect(page.locator("[data-map]")).to_be_hidden()


TOO_SMALL = """() => [...document.querySelectorAll(
    'main button, main a.utrecht-button-link, .pagination a, summary, .site-footer a'
  )].filter(el => el.offsetParent !== null)
    .map(el => [el.textContent.trim().slice(0, 30), el.getBoundingClientRect().height])
    .filter(([, height]) => height < 44)"""


def test_buttons_pagination_and_footer_links_are_big_enough_to_tap(phone, site, data):  # noqa: F811
    page = phone()
    page.goto(site + "/zoeken/?waar=3311&straal=100&per_pagina=2")
    expect(page.locator(".pagination a").first).to_be_visible()
    page.locator("summary.filters__toggle").click()  # its buttons too
    expect(page.get_by_role("button", name="Toon resultaten")).to_be_visible()
    assert page.evaluate(TOO_SMALL) == []
