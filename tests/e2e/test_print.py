"""Print in a browser (issue 18, docs/print.md): a detail page on paper has no
menu, footer or map and shows its own QR code, which the screen does not; the
printed agenda's page passes axe-core and prints without its tools."""

from __future__ import annotations

import datetime as dt

from django.contrib.gis.geos import Point
from django.utils import timezone

from initiatives.models.pages import Recurrence
from search.indexing import process_outbox
from search.print_agenda import Week
from tests.e2e.conftest import axe_violations, describe
from tests.factories import (
    ActivityPageFactory,
    InitiativePageFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    square,
)


def wijk_with_activity(index):
    dordrecht = MunicipalityFactory(name="Dordrecht", slug="dordrecht",
                                    boundary=square(4.69, 51.81, 0.1))  # fmt: skip
    wielwijk = NeighbourhoodFactory(municipality=dordrecht, name="Wielwijk",
                                    boundary=square(4.68, 51.815, 0.02))  # fmt: skip
    club = InitiativePageFactory(parent=index, title="Buurtvereniging Wielwijk",
                                 phone="078-111 2233")  # fmt: skip
    monday = (Week.of(timezone.localdate()) + 1).monday
    activity = ActivityPageFactory(parent=club, title="Koffieochtend",
                                   starts_on=monday + dt.timedelta(days=1),
                                   recurrence=Recurrence.WEEKLY,
                                   location=Point(4.681, 51.816, srid=4326))  # fmt: skip
    process_outbox()
    return wielwijk, activity


def test_a_detail_page_on_paper(page, site, index):
    _, activity = wijk_with_activity(index)
    page.goto(f"{site}{activity.url}")
    qr = page.locator(".print-qr")
    assert page.locator("nav[aria-label='Hoofdmenu']").is_visible()
    assert qr.count() == 1 and qr.is_hidden()  # not on screen
    page.emulate_media(media="print")
    assert page.locator("nav[aria-label='Hoofdmenu']").is_hidden()
    assert page.locator(".site-footer").is_hidden()
    assert page.locator("main form").count() == 0 or page.locator("main form").first.is_hidden()
    assert page.locator("h1").is_visible()
    assert qr.is_visible()
    assert qr.locator("svg").bounding_box()["width"] > 80  # ~35 mm
    assert f"/a/{activity.pk}/" in qr.inner_text()
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")


def test_the_print_agenda_page(page, site, index):
    wielwijk, _ = wijk_with_activity(index)
    week = Week.of(timezone.localdate()) + 1
    page.goto(f"{site}/agenda/afdrukken/?wijk={wielwijk.pk}&week={week.param}")
    assert page.locator("h1").inner_text() == "Activiteiten in Wielwijk, Dordrecht"
    assert page.locator(".sheet__item").count() == 1
    violations = axe_violations(page)
    assert not violations, describe(violations)
    assert page.get_by_role("link", name="Download als PDF").is_visible()
    page.emulate_media(media="print")
    assert page.locator(".sheet__tools").is_hidden()
    assert page.locator(".sheet__qr svg").is_visible()
