"""The month calendar (/agenda/) in a browser, without JavaScript: a table
at 1280 px, a list of the days with activities at 390 px (CSS only), no
sideways scroll, and axe-core passes at both widths. The quick date links
on the search page pass axe-core too."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.gis.geos import Point
from django.utils import timezone

from initiatives.models.pages import Recurrence
from search.indexing import process_outbox
from tests.e2e.conftest import axe_violations, describe
from tests.factories import (
    ActivityPageFactory,
    InitiativePageFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    square,
)


def wijk_with_activities(index):
    dordrecht = MunicipalityFactory(name="Dordrecht", slug="dordrecht",
                                    boundary=square(4.69, 51.81, 0.1))  # fmt: skip
    NeighbourhoodFactory(municipality=dordrecht, name="Wielwijk", slug="wielwijk",
                         boundary=square(4.68, 51.815, 0.02))  # fmt: skip
    club = InitiativePageFactory(parent=index, title="Buurtvereniging Wielwijk")
    today = timezone.localdate()
    for n, title in enumerate(
        ("Koffieochtend", "Wandelgroep voor ouderen en mantelzorgers uit de buurt",
         "Taalcafé", "Breiclub", "Repair café")
    ):  # fmt: skip
        ActivityPageFactory(parent=club, title=title, starts_on=today,
                            start_time=dt.time(0, 10 + n), end_time=dt.time(23, 50),
                            recurrence=Recurrence.WEEKLY,
                            location=Point(4.681, 51.816, srid=4326))  # fmt: skip
    process_outbox()


@pytest.mark.parametrize("width", [1280, 390])
def test_month_calendar_layout_and_axe(browser, site, index, width):
    wijk_with_activities(index)
    context = browser.new_context(
        locale="nl-NL", viewport={"width": width, "height": 900}, java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto(f"{site}/agenda/?wijk=wielwijk")
        table = page.locator("table.month-calendar")
        assert table.count() == 1
        today = page.locator('td[aria-current="date"]')
        assert today.locator(".month-calendar__items li").count() == 3
        assert "+2 meer" in today.locator(".month-calendar__more").inner_text()
        header = page.locator("table.month-calendar thead")
        empty = page.locator("td.month-calendar__day--empty").first
        if width == 1280:
            assert header.is_visible()
            assert (
                page.locator("td.month-calendar__day").first.evaluate(
                    "td => getComputedStyle(td).display"
                )
                == "table-cell"
            )
            # The short date is shown; the long one is for screen readers.
            assert not today.locator(".month-calendar__label").is_visible() or (
                today.locator(".month-calendar__label").bounding_box()["width"] <= 1
            )
        else:
            # A list: no visible weekday header, days without activities hidden,
            # each day with its full date.
            assert not header.is_visible() or header.bounding_box()["height"] <= 1
            assert not empty.is_visible()
            assert "Vandaag" in today.inner_text()
            assert today.evaluate("td => getComputedStyle(td).display") == "block"
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{overflow}px sideways at {width}px"
        context.close()
        # axe needs scripts in the page: a second context with JavaScript on.
        context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(f"{site}/agenda/?wijk=wielwijk")
        violations = axe_violations(page)
        assert not violations, describe(violations)
    finally:
        context.close()


def test_quick_date_links_pass_axe(page, site, index):
    wijk_with_activities(index)
    page.goto(f"{site}/zoeken/?wanneer=vandaag")
    current = page.locator('.when-links a[aria-current="true"]')
    assert current.inner_text() == "Vandaag"
    assert page.locator(".search-result").count() == 5
    page.get_by_role("link", name="Morgen", exact=True).click()
    assert "wanneer=morgen" in page.url
    violations = axe_violations(page)
    assert not violations, describe(violations)
