"""The embed pages and their Atom/RSS feeds (issue 18, docs/embed.md).

A wijk's, a theme's or an initiative's coming activities, for an iframe on
another site: the only pages that may be framed; the feeds validate; a safe
address shows only its wijk; the queries do not grow with the activities.
"""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.contrib.gis.geos import Point
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from initiatives.models.pages import Recurrence
from search.indexing import process_outbox
from tests.factories import (
    ActivityPageFactory,
    InitiativePageFactory,
    MeetingPlacePageFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    ThemeFactory,
    square,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "https://meedoen.example.nl"
STREET, POSTCODE = "Schuilhoekstraat", "3317 AB"


@pytest.fixture(autouse=True)
def base_url(settings):
    settings.WAGTAILADMIN_BASE_URL = BASE


@pytest.fixture
def area(db):
    dordrecht = MunicipalityFactory(
        name="Dordrecht", slug="dordrecht", boundary=square(4.69, 51.81, 0.1)
    )
    wielwijk = NeighbourhoodFactory(
        municipality=dordrecht, name="Wielwijk", slug="wielwijk",
        boundary=square(4.68, 51.815, 0.02),
    )  # fmt: skip
    return dordrecht, wielwijk


@pytest.fixture
def walking(db):
    return ThemeFactory(name="Bewegen", slug="bewegen")


def tomorrow(days=1):
    return timezone.localdate() + dt.timedelta(days=days)


@pytest.fixture
def world(index, area, walking):
    """In Wielwijk: a walk (theme Bewegen) and a coffee morning; elsewhere
    a far-away activity; one next month; one of another initiative."""
    _, wielwijk = area
    club = InitiativePageFactory(parent=index, title="Buurtclub Wielwijk")
    other = InitiativePageFactory(parent=index, title="Ander initiatief")
    walk = ActivityPageFactory(
        parent=club, title="Wandelen in het park", starts_on=tomorrow(),
        recurrence=Recurrence.WEEKLY, location=Point(4.68, 51.815, srid=4326),
    )  # fmt: skip
    walk.themes.set([walking])
    walk.save()
    coffee = ActivityPageFactory(
        parent=club, title="Koffieochtend Wielwijk", starts_on=tomorrow(2),
        recurrence=Recurrence.ONCE, location=Point(4.681, 51.816, srid=4326),
    )  # fmt: skip
    ActivityPageFactory(
        parent=other, title="Ver weg", starts_on=tomorrow(),
        recurrence=Recurrence.ONCE, location=Point(5.5, 52.5, srid=4326),
    )  # fmt: skip
    ActivityPageFactory(
        parent=club, title="Volgende maand", starts_on=tomorrow(30),
        recurrence=Recurrence.ONCE, location=Point(4.68, 51.815, srid=4326),
    )  # fmt: skip
    process_outbox()
    walk.refresh_from_db()
    assert walk.neighbourhood == wielwijk
    return {"club": club, "other": other, "walk": walk, "coffee": coffee, "wijk": wielwijk}


def titles(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [h2.get_text(strip=True) for h2 in soup.select(".embed__item-title")]


# -- Selections ----------------------------------------------------------------
def test_a_wijk_shows_its_coming_activities(client, world):
    response = client.get("/embed/activiteiten/", {"wijk": world["wijk"].pk})
    assert response.status_code == 200
    shown = titles(response)
    # The weekly walk twice in 14 days, the coffee once; not the far one,
    # not next month's.
    assert shown.count("Wandelen in het park") == 2
    assert "Koffieochtend Wielwijk" in shown
    assert "Ver weg" not in shown and "Volgende maand" not in shown
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "nl"
    assert soup.h1.get_text(strip=True) == "Activiteiten in Wielwijk"
    assert not soup.select("header, footer, script")
    for link in soup.select("main a"):
        assert link["href"].startswith(BASE)
        assert link["target"] == "_top"


def test_a_theme_in_a_wijk(client, world):
    response = client.get("/embed/activiteiten/", {"wijk": world["wijk"].pk, "thema": "bewegen"})
    assert set(titles(response)) == {"Wandelen in het park"}


def test_an_initiative(client, world):
    response = client.get(f"/embed/initiatief/{world['club'].pk}/")
    assert response.status_code == 200
    assert set(titles(response)) == {"Wandelen in het park", "Koffieochtend Wielwijk"}
    response = client.get(f"/embed/initiatief/{world['other'].pk}/")
    assert titles(response) == ["Ver weg"]


def test_at_most_twenty(client, world):
    for i in range(22):
        ActivityPageFactory(parent=world["other"], title=f"Extra {i}", starts_on=tomorrow(),
                            recurrence=Recurrence.ONCE)  # fmt: skip
    process_outbox()
    assert len(titles(client.get("/embed/activiteiten/"))) == 20


def test_a_colour_from_the_fixed_list_only(client, world):
    body = client.get("/embed/activiteiten/", {"kleur": "groen"}).content.decode()
    assert 'class="embed embed--groen"' in body
    body = client.get("/embed/activiteiten/", {"kleur": 'x" onload="alert(1)'}).content.decode()
    assert 'class="embed"' in body and "alert" not in body


# -- Bad input -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"wijk": "999999"}, "Deze wijk kennen we niet"),
        ({"wijk": "wielwijk²"}, "Deze wijk kennen we niet"),
        ({"wijk": "1e5"}, "Deze wijk kennen we niet"),
        ({"wijk": "9" * 30}, "Deze wijk kennen we niet"),
        ({"thema": "bestaat-niet"}, "Dit thema kennen we niet"),
        ({"thema": "x" * 500}, "Dit thema kennen we niet"),
    ],
)
@pytest.mark.parametrize("path", ["/embed/activiteiten/", "/embed/activiteiten.atom",
                                  "/embed/activiteiten.rss"])  # fmt: skip
def test_unknown_wijk_or_theme_is_a_clear_400(client, area, params, message, path):
    response = client.get(path, params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_unknown_initiative_is_404(client, index):
    for path in ("/embed/initiatief/999999/", "/embed/initiatief/999999.atom",
                 "/embed/initiatief/999999.rss"):  # fmt: skip
        assert client.get(path).status_code == 404


def test_post_is_refused(client, world):
    assert client.post("/embed/activiteiten/").status_code == 405


# -- Framing -------------------------------------------------------------------
def test_embed_pages_may_be_framed(client, world, settings):
    for path in ("/embed/activiteiten/", f"/embed/initiatief/{world['club'].pk}/"):
        response = client.get(path)
        assert "X-Frame-Options" not in response
        assert "frame-ancestors *" in response["Content-Security-Policy"]
        assert "script-src 'self'" in response["Content-Security-Policy"]
    settings.EMBED_FRAME_ANCESTORS = "https://www.dordrecht.nl"
    response = client.get("/embed/activiteiten/")
    assert response["Content-Security-Policy"].endswith("frame-ancestors https://www.dordrecht.nl")
    assert "frame-ancestors" in response["Content-Security-Policy"]
    # The error page too: it is shown in the same iframe.
    response = client.get("/embed/activiteiten/", {"wijk": "0"})
    assert "X-Frame-Options" not in response


def test_every_other_page_stays_unframable(client, world):
    for path in ("/", "/activiteiten/", world["club"].url, "/zoeken/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["X-Frame-Options"] == "DENY", path
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"], path


def test_framing_survives_the_page_cache(client, world, settings):
    settings.PAGE_CACHE_SECONDS = 60
    settings.PAGE_CACHE_HEADER = True
    first = client.get("/embed/activiteiten/")
    second = client.get("/embed/activiteiten/")
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert "X-Frame-Options" not in second
    assert "frame-ancestors *" in second["Content-Security-Policy"]
    # And the list page, cached as well, stays unframable.
    client.get("/activiteiten/")
    cached = client.get("/activiteiten/")
    assert cached["X-Cache"] == "hit" and cached["X-Frame-Options"] == "DENY"


# -- Feeds ---------------------------------------------------------------------
def test_atom_feed_is_valid(client, world):
    response = client.get("/embed/activiteiten.atom", {"wijk": world["wijk"].pk})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "Last-Modified" not in response  # it would be the last start: in the future
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{name}").text, name
    assert feed.find(f"{ATOM}title").text.startswith("Activiteiten in Wielwijk")
    self_link = feed.find(f"{ATOM}link[@rel='self']")
    assert self_link.get("href") == f"{BASE}/embed/activiteiten.atom?wijk={world['wijk'].pk}"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 3
    ids = [entry.find(f"{ATOM}id").text for entry in entries]
    assert len(set(ids)) == len(ids)
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{name}").text, name
        assert entry.find(f"{ATOM}link").get("href").startswith(BASE + "/")
    walk = [e for e in entries if e.find(f"{ATOM}title").text == "Wandelen in het park"][0]
    start = dt.datetime.combine(tomorrow(), dt.time(10), tzinfo=timezone.get_current_timezone())
    assert dt.datetime.fromisoformat(walk.find(f"{ATOM}updated").text) == start


def test_rss_feed_is_valid(client, world):
    response = client.get(f"/embed/initiatief/{world['club'].pk}.rss")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    rss = ET.fromstring(response.content)
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    channel = rss.find("channel")
    for name in ("title", "link", "description"):
        assert channel.find(name).text, name
    assert channel.find("link").text == BASE + world["club"].url
    items = channel.findall("item")
    assert len(items) == 3
    guids = [item.find("guid").text for item in items]
    assert len(set(guids)) == 3
    for item in items:
        assert item.find("title").text and item.find("link").text.startswith(BASE + "/")
        assert item.find("pubDate").text


def test_feeds_are_linked_from_the_embed_and_the_list(client, world):
    wijk = world["wijk"].pk
    for path in ("/embed/activiteiten/", "/activiteiten/"):
        soup = BeautifulSoup(client.get(path, {"wijk": wijk}).content, "html.parser")
        feeds = soup.select("head link[rel=alternate][type]")  # not the hreflang ones
        links = {link["type"]: link["href"] for link in feeds}
        assert links == {
            "application/atom+xml": f"{BASE}/embed/activiteiten.atom?wijk={wijk}",
            "application/rss+xml": f"{BASE}/embed/activiteiten.rss?wijk={wijk}",
        }, path


# -- Snippets --------------------------------------------------------------------
def test_snippet_on_the_wijk_list_and_the_initiative_page(client, world):
    wijk = world["wijk"].pk
    soup = BeautifulSoup(client.get("/activiteiten/", {"wijk": wijk}).content, "html.parser")
    details = soup.select_one("details.embed-snippet")
    assert details.summary.get_text(strip=True) == "Zet deze agenda op je eigen website"
    code = details.textarea
    assert code.has_attr("readonly") and not code.has_attr("name")
    assert soup.select_one(f"label[for={code['id']}]")
    assert f'src="{BASE}/embed/activiteiten/?wijk={wijk}"' in code.get_text()
    assert details.select_one(f'a[href="{BASE}/embed/activiteiten.atom?wijk={wijk}"]')
    # Without a wijk or theme there is nothing to embed.
    soup = BeautifulSoup(client.get("/activiteiten/").content, "html.parser")
    assert not soup.select("details.embed-snippet")

    club = world["club"]
    soup = BeautifulSoup(client.get(club.url).content, "html.parser")
    code = soup.select_one("details.embed-snippet textarea").get_text()
    assert f'src="{BASE}/embed/initiatief/{club.pk}/"' in code


# -- Queries ---------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/embed/activiteiten/", "/embed/activiteiten.atom"])
def test_queries_do_not_grow_with_the_activities(client, world, path):
    wijk = world["wijk"].pk

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path, {"wijk": wijk}).status_code == 200
        return len(queries)

    count()
    few = count()
    for i in range(10):
        ActivityPageFactory(parent=world["club"], title=f"Nog een {i}", starts_on=tomorrow(3),
                            recurrence=Recurrence.ONCE,
                            location=Point(4.68, 51.815, srid=4326))  # fmt: skip
    process_outbox()
    assert len(titles(client.get("/embed/activiteiten/", {"wijk": wijk}))) == 13
    assert count() <= few


# -- Safe address ------------------------------------------------------------------
def test_a_safe_address_shows_only_its_wijk(client, world):
    place = MeetingPlacePageFactory(
        parent=world["club"], title="De Schuilplaats", street=STREET, house_number="7",
        postcode=POSTCODE, town="Dordrecht", location=Point(4.68237, 51.81683, srid=4326),
        address_on_request=True,
    )  # fmt: skip
    ActivityPageFactory(
        parent=world["club"], title="Praatgroep", meeting_place=place, starts_on=tomorrow(),
        recurrence=Recurrence.ONCE, street=STREET, postcode=POSTCODE,
        location=Point(4.68237, 51.81683, srid=4326),
    )  # fmt: skip
    process_outbox()
    wijk = world["wijk"].pk
    for path in ("/embed/activiteiten/", "/embed/activiteiten.atom", "/embed/activiteiten.rss",
                 f"/embed/initiatief/{world['club'].pk}/",
                 f"/embed/initiatief/{world['club'].pk}.atom"):  # fmt: skip
        body = client.get(path, {"wijk": wijk} if "activiteiten" in path else {}).content
        body = body.decode()
        assert "Praatgroep" in body, path
        for secret in (STREET, POSTCODE, POSTCODE.replace(" ", ""), "51.816", "4.682"):
            assert secret not in body, (secret, path)
    soup = BeautifulSoup(client.get("/embed/activiteiten/", {"wijk": wijk}).content,
                         "html.parser")  # fmt: skip
    item = [li for li in soup.select(".embed__item") if "Praatgroep" in li.get_text()][0]
    assert "Wielwijk, Dordrecht (adres op aanvraag)" in item.get_text(" ", strip=True)
