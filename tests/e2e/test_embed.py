"""The embed page in a browser (issue 18, docs/embed.md): shown in an iframe
of another site's page at 320 px, without JavaScript, it lists the wijk's
activities, has no horizontal scroll and passes axe-core; a normal page of the
site is refused in the same iframe."""

from __future__ import annotations

import datetime as dt
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote, unquote, urlsplit

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


def host_page(src: str) -> str:
    return (
        '<!DOCTYPE html><html lang="nl"><head><meta name="viewport" '
        'content="width=device-width, initial-scale=1"><title>De Krant</title></head>'
        f'<body style="margin:0"><h1>De Krant</h1><iframe src="{src}" title="Agenda" '
        'width="100%" height="500" style="border:0;display:block"></iframe></body></html>'
    )


def wijk_with_activities(index):
    dordrecht = MunicipalityFactory(name="Dordrecht", slug="dordrecht",
                                    boundary=square(4.69, 51.81, 0.1))  # fmt: skip
    wielwijk = NeighbourhoodFactory(municipality=dordrecht, name="Wielwijk",
                                    boundary=square(4.68, 51.815, 0.02))  # fmt: skip
    club = InitiativePageFactory(parent=index, title="Buurtvereniging Wielwijk")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    for title in ("Koffieochtend", "Wandelgroep voor ouderen en mantelzorgers uit de buurt"):
        ActivityPageFactory(parent=club, title=title, starts_on=tomorrow,
                            recurrence=Recurrence.WEEKLY,
                            location=Point(4.681, 51.816, srid=4326))  # fmt: skip
    process_outbox()
    return wielwijk


@pytest.fixture
def host():
    """Another site (another origin on this machine): a page with the iframe
    whose address is its query string."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            body = host_page(unquote(urlsplit(self.path).query)).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/krant.html"
    server.shutdown()
    server.server_close()


def open_in_iframe(context, host: str, src: str):
    page = context.new_page()
    page.goto(f"{host}?{quote(src)}")
    page.wait_for_load_state("load")
    return page


def test_embed_in_an_iframe_at_320px_without_javascript(browser, site, index, host):
    wielwijk = wijk_with_activities(index)
    src = f"{site}/embed/activiteiten/?wijk={wielwijk.pk}&kleur=blauw"
    context = browser.new_context(locale="nl-NL", viewport={"width": 320, "height": 700},
                                  java_script_enabled=False)  # fmt: skip
    try:
        page = open_in_iframe(context, host, src)
        frame = page.frame_locator("iframe")
        assert frame.locator("h1").inner_text() == "Activiteiten in Wielwijk"
        assert frame.locator(".embed__item").count() == 4  # two a week, two weeks
        assert frame.locator("script").count() == 0
        link = frame.locator(".embed__item-title a").first
        assert link.get_attribute("target") == "_top"
    finally:
        context.close()


def test_embed_passes_axe_and_does_not_scroll_sideways(browser, site, index, host):
    wielwijk = wijk_with_activities(index)
    src = f"{site}/embed/activiteiten/?wijk={wielwijk.pk}"
    for width in (320, 390):
        context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 700})
        try:
            page = open_in_iframe(context, host, src)
            [frame] = [f for f in page.frames if f.url.startswith(site)]
            assert frame.locator(".embed__item").count() == 4
            overflow = frame.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{overflow}px sideways at {width}px"
            # axe on the embed page itself (in the top window: axe reads one document).
            embed = context.new_page()
            embed.goto(src + "&kleur=paars")
            violations = axe_violations(embed)
            assert not violations, describe(violations)
        finally:
            context.close()


def test_a_normal_page_is_refused_in_the_iframe(browser, site, index, host):
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 700})
    try:
        page = open_in_iframe(context, host, f"{site}/activiteiten/")
        page.wait_for_timeout(500)
        frames = [f for f in page.frames if f != page.main_frame]
        # Chromium shows its error page instead: nothing of ours is in the frame.
        assert all(
            "Koffieochtenden, wandelgroepen" not in (f.content() if f.url else "") for f in frames
        )
    finally:
        context.close()
