"""The printed weekly agenda (issue 18, docs/print.md): a wijk's or an
initiative's week as an A4 page and as a PDF made by WeasyPrint.

The PDF is opened with pypdf: the week's activities and times are in its
text, an activity outside the week and a draft are not, the QR code's target
is printed (and linked), a safe address shows only its wijk. The PDF is
cached until a publish; WeasyPrint fetches only our static files.
"""

import datetime as dt
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.gis.geos import Point
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from core.pdf import StaticOnlyFetcher, html_to_pdf
from initiatives.models import ActivityPage
from initiatives.models.pages import Recurrence
from search.indexing import process_outbox
from search.print_agenda import WEEKS_AHEAD, Week, day_label
from tests.factories import (
    ActivityPageFactory,
    ContactPointFactory,
    HelpRequestFactory,
    InitiativePageFactory,
    MeetingPlacePageFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    VacancyPageFactory,
    square,
)

pytestmark = pytest.mark.django_db

BASE = "https://meedoen.example.nl"
STREET, POSTCODE = "Schuilhoekstraat", "3317 AB"
WIELWIJK = Point(4.68, 51.815, srid=4326)


@pytest.fixture(autouse=True)
def base_url(settings):
    settings.WAGTAILADMIN_BASE_URL = BASE


def next_week() -> Week:
    return Week.of(timezone.localdate()) + 1


@pytest.fixture
def world(index):
    """Next week in Wielwijk: a walk on Tuesday, a paid meal on Thursday
    (aanmelden nodig), a support group at a safe address; a draft; an
    activity the week after; one in another wijk."""
    dordrecht = MunicipalityFactory(
        name="Dordrecht", slug="dordrecht", boundary=square(4.69, 51.81, 0.1)
    )
    wielwijk = NeighbourhoodFactory(
        municipality=dordrecht, name="Wielwijk", slug="wielwijk",
        boundary=square(4.68, 51.815, 0.02),
    )  # fmt: skip
    NeighbourhoodFactory(
        municipality=dordrecht, name="Stadspolders", slug="stadspolders",
        boundary=square(4.72, 51.80, 0.01),
    )  # fmt: skip
    ContactPointFactory(name="Sociaal wijkteam West", phone="078-770 4040",
                        neighbourhoods=[wielwijk])  # fmt: skip
    club = InitiativePageFactory(parent=index, title="Buurtclub Wielwijk", phone="078-111 2233",
                                 location=WIELWIJK)  # fmt: skip
    quiet = InitiativePageFactory(parent=index, title="Stille Club", phone="", location=WIELWIJK)
    monday = next_week().monday
    once = {"recurrence": Recurrence.ONCE, "location": WIELWIJK}
    ActivityPageFactory(parent=club, title="Wandelen in het park",
                        starts_on=monday + dt.timedelta(days=1),
                        start_time=dt.time(10, 0), end_time=dt.time(11, 30),
                        street="Parklaan", house_number="1", postcode="3317 AA",
                        **once)  # fmt: skip
    ActivityPageFactory(parent=quiet, title="Samen eten", starts_on=monday + dt.timedelta(days=3),
                        start_time=dt.time(17, 30), end_time=dt.time(19, 0),
                        is_free=False, cost="4.50", registration_required=True,
                        **once)  # fmt: skip
    shelter = MeetingPlacePageFactory(
        parent=club, title="De Schuilplaats", street=STREET, house_number="7",
        postcode=POSTCODE, town="Dordrecht", location=Point(4.68237, 51.81683, srid=4326),
        address_on_request=True,
    )  # fmt: skip
    ActivityPageFactory(parent=club, title="Praatgroep", meeting_place=shelter,
                        starts_on=monday + dt.timedelta(days=2), street=STREET,
                        postcode=POSTCODE, recurrence=Recurrence.ONCE,
                        location=Point(4.68237, 51.81683, srid=4326))  # fmt: skip
    ActivityPageFactory(parent=club, title="Geheim concept", live=False,
                        starts_on=monday + dt.timedelta(days=2), **once)  # fmt: skip
    ActivityPageFactory(parent=club, title="Week erna",
                        starts_on=monday + dt.timedelta(days=8), **once)  # fmt: skip
    ActivityPageFactory(parent=club, title="Andere wijk", starts_on=monday + dt.timedelta(days=1),
                        recurrence=Recurrence.ONCE,
                        location=Point(4.72, 51.80, srid=4326))  # fmt: skip
    process_outbox()
    return {"wijk": wielwijk, "club": club, "shelter": shelter}


def pdf_text(response) -> str:
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    # Lines may break anywhere: compare without line ends.
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def pdf_links(response) -> set[str]:
    reader = PdfReader(io.BytesIO(response.content))
    links = set()
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                links.add(str(action["/URI"]))
    return links


def wijk_pdf(client, world, week=None):
    week = week or next_week()
    return client.get("/agenda/afdrukken/agenda.pdf",
                      {"wijk": world["wijk"].pk, "week": week.param})  # fmt: skip


# -- The PDF -------------------------------------------------------------------
def test_the_pdf_holds_the_week_and_nothing_else(client, world):
    text = pdf_text(wijk_pdf(client, world))
    for shown in ("Wandelen in het park", "10:00 – 11:30 uur", "Samen eten", "17:30 – 19:00 uur",
                  "Praatgroep"):  # fmt: skip
        assert shown in text, shown
    for hidden in ("Week erna", "Geheim concept", "Andere wijk"):
        assert hidden not in text, hidden
    assert next_week().label in text
    assert "Wielwijk, Dordrecht" in text
    # Cost, sign-up, phone: the initiative's, else the wijk's contact point.
    assert "€ 4,50" in text and "Aanmelden nodig" in text and "Gratis" in text
    assert "078-111 2233" in text
    assert "Bel Sociaal wijkteam West: 078-770 4040" in text
    # Per day, in order, in Dutch.
    tuesday = day_label(next_week().monday + dt.timedelta(days=1))
    assert tuesday.startswith("Dinsdag ") and tuesday in text
    assert (text.index(tuesday) < text.index("Wandelen in het park")
            < text.index("Praatgroep") < text.index("Samen eten"))  # fmt: skip


def test_the_qr_target_is_printed_and_linked(client, world):
    response = wijk_pdf(client, world)
    text = pdf_text(response)
    online = f"{BASE}/activiteiten/?wijk={world['wijk'].pk}"
    # Printed under the code without the scheme (wrapped over lines), and
    # the code links to it.
    assert online.removeprefix("https://") in text.replace(" ", "")
    assert online in pdf_links(response)
    # Each activity: its short address, which leads to the page.
    walk = ActivityPage.objects.get(title="Wandelen in het park")
    short = f"{BASE}/a/{walk.pk}/"
    assert short.removeprefix("https://") in text.replace(" ", "")
    assert short in pdf_links(response)
    redirect = client.get(f"/a/{walk.pk}/")
    assert redirect.status_code == 302 and redirect["Location"] == walk.url


def test_a_safe_address_shows_only_its_wijk(client, world):
    text = pdf_text(wijk_pdf(client, world))
    assert "Praatgroep" in text
    assert "Wielwijk, Dordrecht (adres op aanvraag)" in text
    for secret in (STREET, POSTCODE, POSTCODE.replace(" ", ""), "De Schuilplaats"):
        assert secret not in text, secret
    page = client.get("/agenda/afdrukken/", {"wijk": world["wijk"].pk,
                                              "week": next_week().param})  # fmt: skip
    for secret in (STREET, POSTCODE, "De Schuilplaats", "51.816", "4.682"):
        assert secret not in page.content.decode(), secret


def test_an_empty_week_says_so(client, world):
    later = next_week() + 5
    text = pdf_text(wijk_pdf(client, world, later))
    assert "Deze week staan er geen activiteiten in Wielwijk, Dordrecht" in text


def test_an_initiatives_week(client, world):
    club = world["club"]
    response = client.get(f"/agenda/afdrukken/initiatief/{club.pk}/agenda.pdf",
                          {"week": next_week().param})  # fmt: skip
    text = pdf_text(response)
    assert "Activiteiten van Buurtclub Wielwijk" in text
    assert "Wandelen in het park" in text and "Praatgroep" in text
    assert "Samen eten" not in text  # another initiative's
    assert f"{BASE}/a/{club.pk}/" in pdf_links(response)


# -- Cache -----------------------------------------------------------------------
def test_the_pdf_is_cached_until_a_publish(client, world):
    first = pdf_text(wijk_pdf(client, world))
    assert "Wandelen in het park" in first
    walk = ActivityPage.objects.get(title="Wandelen in het park")
    # A change that is not published (no signal, no new content version):
    # the second request is answered from the cache, not rendered again.
    ActivityPage.objects.filter(pk=walk.pk).update(title="Nordic walking")
    assert wijk_pdf(client, world).content == wijk_pdf(client, world).content
    assert "Wandelen in het park" in pdf_text(wijk_pdf(client, world))
    # A publish makes a new sheet.
    walk.refresh_from_db()
    walk.title = "Nordic walking"
    walk.save_revision().publish()
    process_outbox()
    text = pdf_text(wijk_pdf(client, world))
    assert "Nordic walking" in text and "Wandelen in het park" not in text


# -- The fetcher -------------------------------------------------------------------
def test_the_fetcher_serves_only_our_static_files():
    fetcher = StaticOnlyFetcher()
    css = fetcher(f"{BASE}/static/search/print.css")
    assert b"@page" in css.read() and css.content_type == "text/css"
    for refused in (
        "https://example.com/tracker.png",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        "data:text/css,body{}",
        f"{BASE}/agenda/afdrukken/",  # our own pages are not fetched either
        f"{BASE}/static/../manage.py",
        f"{BASE}/static/search/nope.css",
        f"{BASE}.evil.example/static/search/print.css",
    ):
        with pytest.raises(ValueError):
            fetcher(refused)
    assert len(fetcher.refused) == 8


def test_a_pdf_with_an_outside_image_is_made_without_it():
    fetcher = StaticOnlyFetcher()
    pdf = html_to_pdf(
        '<link rel="stylesheet" href="https://cdn.example.com/x.css">'
        '<p>Hallo</p><img src="https://example.com/tracker.png" alt="">',
        fetcher=fetcher,
    )
    assert "Hallo" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert set(fetcher.refused) == {
        "https://cdn.example.com/x.css",
        "https://example.com/tracker.png",
    }


# -- The page and bad input --------------------------------------------------------
def test_the_print_page_links_its_pdf_and_weeks(client, world):
    week = next_week()
    response = client.get("/agenda/afdrukken/", {"wijk": world["wijk"].pk, "week": week.param})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    pdf = soup.find("a", string="Download als PDF")
    assert pdf["href"] == f"/agenda/afdrukken/agenda.pdf?wijk={world['wijk'].pk}&week={week.param}"
    assert soup.find("a", string="Vorige week") and soup.find("a", string="Volgende week")
    assert soup.select_one(".sheet__qr svg")
    assert [h.get_text(strip=True) for h in soup.select(".sheet__item-title")] == [
        "Wandelen in het park", "Praatgroep", "Samen eten",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "params, status, message",
    [
        ({}, 400, "Kies eerst een wijk"),
        ({"wijk": "<script>"}, 400, "nummer of de naam van een wijk"),
        ({"wijk": "nergens"}, 404, "bestaat niet"),
        ({"wijk": "99999999"}, 404, "bestaat niet"),
        ({"week": "volgende"}, 400, "Schrijf de week als jaar en weeknummer"),
        ({"week": "2026-W54"}, 400, "bestaat niet"),
        ({"week": "2025-W53"}, 400, "bestaat niet"),
        ({"week": "2020-W01"}, 400, "al voorbij"),
        ({"week": "9999-W01"}, 400, "Zo ver vooruit"),
    ],
)
@pytest.mark.parametrize("path", ["/agenda/afdrukken/", "/agenda/afdrukken/agenda.pdf"])
def test_bad_input_is_a_dutch_page(client, world, path, params, status, message):
    if params and "wijk" not in params:
        params = {"wijk": world["wijk"].pk, **params}
    response = client.get(path, params)
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    assert message in response.content.decode()


def test_weeks_are_limited(client, world):
    last = Week.of(timezone.localdate()) + WEEKS_AHEAD
    ok = client.get("/agenda/afdrukken/", {"wijk": world["wijk"].pk, "week": last.param})
    assert ok.status_code == 200
    beyond = client.get("/agenda/afdrukken/", {"wijk": world["wijk"].pk,
                                               "week": (last + 1).param})  # fmt: skip
    assert beyond.status_code == 400


def test_an_unknown_or_draft_initiative_is_a_404(client, world, index):
    draft = InitiativePageFactory(parent=index, title="Nog niet af", live=False)
    for page_id in (draft.pk, 99999999):
        assert client.get(f"/agenda/afdrukken/initiatief/{page_id}/").status_code == 404
        assert client.get(f"/agenda/afdrukken/initiatief/{page_id}/agenda.pdf").status_code == 404
        assert client.get(f"/a/{page_id}/").status_code == 404


# -- Links to the sheet, and the QR code on paper ------------------------------------
def print_link(response):
    soup = BeautifulSoup(response.content, "html.parser")
    link = soup.find("a", string="Agenda afdrukken")
    return link["href"] if link else None


def test_agenda_afdrukken_is_linked_where_a_wijk_or_initiative_is_shown(client, world):
    wijk = world["wijk"].pk
    assert print_link(client.get("/activiteiten/", {"wijk": wijk})) == (
        f"/agenda/afdrukken/?wijk={wijk}"
    )
    assert print_link(client.get("/activiteiten/")) is None  # no wijk chosen
    assert print_link(client.get("/zoeken/", {"q": "wandelen", "wijk": wijk})) == (
        f"/agenda/afdrukken/?wijk={wijk}"
    )
    club = world["club"]
    assert print_link(client.get(club.url)) == f"/agenda/afdrukken/initiatief/{club.pk}/"


def test_detail_pages_carry_their_qr_code_for_paper(client, world, index):
    club = world["club"]
    vacancy = VacancyPageFactory(parent=club, title="Gastvrouw")
    walk = ActivityPage.objects.get(title="Wandelen in het park")
    help_request = HelpRequestFactory(neighbourhood=world["wijk"])
    for url, target in (
        (walk.url, f"{BASE}/a/{walk.pk}/"),
        (club.url, f"{BASE}/a/{club.pk}/"),
        (vacancy.url, f"{BASE}/a/{vacancy.pk}/"),
        (world["shelter"].url, f"{BASE}/a/{world['shelter'].pk}/"),
        (f"/hulpvragen/{help_request.pk}/", f"{BASE}/hulpvragen/{help_request.pk}/"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        soup = BeautifulSoup(response.content, "html.parser")
        qr = soup.select_one(".print-qr")
        assert qr is not None and qr.select_one("svg[role=img]"), url
        assert target.removeprefix("https://") in qr.get_text(), url
    # The safe address's page: its code leads to the page, nothing more.
    shelter = BeautifulSoup(client.get(world["shelter"].url).content, "html.parser")
    assert STREET not in shelter.select_one(".print-qr").get_text()


def test_a_wijk_by_its_name(client, world):
    week = next_week().param
    by_slug = client.get("/agenda/afdrukken/", {"wijk": "wielwijk", "week": week})
    assert by_slug.status_code == 200
    assert "Wandelen in het park" in by_slug.content.decode()
    # The same name in another gemeente: ask which one, then it is found.
    elsewhere = MunicipalityFactory(name="Zwijndrecht", slug="zwijndrecht",
                                    boundary=square(4.60, 51.82, 0.02))  # fmt: skip
    NeighbourhoodFactory(municipality=elsewhere, name="Wielwijk", slug="wielwijk",
                         boundary=square(4.60, 51.82, 0.01))  # fmt: skip
    both = client.get("/agenda/afdrukken/", {"wijk": "wielwijk", "week": week})
    assert both.status_code == 400
    assert "gemeente" in both.content.decode()
    chosen = client.get("/agenda/afdrukken/",
                        {"wijk": "wielwijk", "gemeente": "dordrecht", "week": week})  # fmt: skip
    assert chosen.status_code == 200 and "Wandelen in het park" in chosen.content.decode()


def test_the_queries_do_not_grow_with_the_activities(client, world):
    params = {"wijk": world["wijk"].pk, "week": next_week().param}

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/agenda/afdrukken/", params).status_code == 200
        return len(queries)

    few = count()
    monday = next_week().monday
    for n in range(12):
        initiative = InitiativePageFactory(
            parent=world["club"].get_parent(), title=f"Club {n}", phone=f"078-000 00{n:02d}"
        )
        place = MeetingPlacePageFactory(parent=initiative, title=f"Plek {n}", location=WIELWIJK)
        ActivityPageFactory(parent=initiative, title=f"Activiteit {n}", meeting_place=place,
                            starts_on=monday + dt.timedelta(days=n % 7),
                            recurrence=Recurrence.ONCE, location=WIELWIJK)  # fmt: skip
    process_outbox()
    body = client.get("/agenda/afdrukken/", params).content.decode()
    assert "Activiteit 11" in body and "078-000 0011" in body and "Plek 11" in body
    assert count() <= few
