"""Find by time (issue 18): the quick choices ("vandaag", "morgen", "dit
weekend", "deze week") on the search page, the API and the activity list,
and the month calendar at /agenda/. Real PostGIS and the real index."""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.http import QueryDict
from django.utils import timezone

from initiatives.models.pages import Recurrence
from initiatives.places import rebuild_place_names
from initiatives.when import Month, when_days
from search.backends import get_backend
from search.backends.elasticsearch.body import build_search_body
from search.calendar import COUNT_CAP
from search.documents import all_documents
from search.forms import SearchForm
from tests.factories import (
    ActivityPageFactory,
    InitiativePageFactory,
    MeetingPlacePageFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    ThemeFactory,
    square,
)
from tests.search.test_elasticsearch import filters_of

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
TOMORROW = TODAY + dt.timedelta(days=1)
WEEKEND = when_days(when="weekend", today=TODAY)
AFTER_WEEKEND = WEEKEND[1] + dt.timedelta(days=1)  # the Monday after
STREET, POSTCODE = "Schuilhoekstraat", "3317 AB"


def once(parent, title: str, day: dt.date, **kwargs):
    defaults = {
        "start_time": dt.time(0, 5), "end_time": dt.time(23, 55), "recurrence": Recurrence.ONCE,
    }  # fmt: skip
    return ActivityPageFactory(parent=parent, title=title, starts_on=day, **(defaults | kwargs))


@pytest.fixture
def area(db):
    dordrecht = MunicipalityFactory(
        name="Dordrecht", slug="dordrecht", boundary=square(4.69, 51.81, 0.1)
    )
    wijk = NeighbourhoodFactory(
        municipality=dordrecht, name="Wielwijk", slug="wielwijk",
        boundary=square(4.6901, 51.8133, 0.02),
    )  # fmt: skip
    return dordrecht, wijk


@pytest.fixture
def listings(index, area):
    theme = ThemeFactory(name="Ontmoeten", slug="ontmoeten")
    initiative = InitiativePageFactory(parent=index, title="Buurthuis De Sleutel")
    pages = {
        # All day long: in progress whenever the test runs, even in the evening.
        "today": once(initiative, "Koffie vandaag", TODAY),
        "tomorrow": once(initiative, "Koffie morgen", TOMORROW),
        "weekend": once(initiative, "Koffie in het weekend", WEEKEND[0]),
        "after": once(initiative, "Koffie na het weekend", AFTER_WEEKEND),
    }
    for page in pages.values():
        page.themes.set([theme])
    get_backend().rebuild(all_documents())
    return pages


def titles(html: bytes, selector: str) -> set[str]:
    soup = BeautifulSoup(html, "html.parser")
    return {node.get_text(strip=True) for node in soup.select(selector)}


def search_titles(client, **params) -> set[str]:
    return titles(client.get("/zoeken/", params).content, ".search-result .card__title")


def list_titles(client, **params) -> set[str]:
    return titles(client.get("/activiteiten/", params).content, ".card-list .card__title")


def quick_links(html: bytes) -> dict[str, dict]:
    soup = BeautifulSoup(html, "html.parser")
    return {
        a.get_text(strip=True): {"href": a["href"], "current": a.get("aria-current")}
        for a in soup.select(".when-links a.when-links__link")
    }


# -- the search page and the API -----------------------------------------------------
def test_today_shows_what_is_on_today_and_not_tomorrow(client, listings):
    found = search_titles(client, wanneer="vandaag")
    assert "Koffie vandaag" in found
    assert "Koffie morgen" not in found and "Koffie na het weekend" not in found
    found = search_titles(client, wanneer="morgen")
    assert "Koffie morgen" in found and "Koffie vandaag" not in found


def test_weekend_and_week(client, listings):
    found = search_titles(client, wanneer="weekend")
    assert "Koffie in het weekend" in found
    assert "Koffie na het weekend" not in found
    week = search_titles(client, wanneer="week")
    assert {"Koffie vandaag", "Koffie in het weekend"} <= week
    assert "Koffie na het weekend" not in week


def test_quick_links_keep_every_other_filter_and_mark_the_current_one(client, listings, area):
    _, wijk = area
    params = {"q": "koffie", "thema": "ontmoeten", "wijk": str(wijk.pk), "gratis": "on",
              "wanneer": "vandaag", "pagina": "1"}  # fmt: skip
    response = client.get("/zoeken/", params)
    links = quick_links(response.content)
    assert list(links) == ["Alle data", "Vandaag", "Morgen", "Dit weekend", "Deze week"]
    assert links["Vandaag"]["current"] == "true"
    assert [name for name, link in links.items() if link["current"]] == ["Vandaag"]
    for name, link in links.items():
        query = parse_qs(urlsplit(link["href"]).query)
        assert query["q"] == ["koffie"] and query["thema"] == ["ontmoeten"]
        assert query["wijk"] == [str(wijk.pk)] and query["gratis"] == ["on"]
        assert "pagina" not in query and "van" not in query
        assert query.get("wanneer") == (None if name == "Alle data" else [query["wanneer"][0]])
    assert parse_qs(urlsplit(links["Dit weekend"]["href"]).query)["wanneer"] == ["weekend"]
    # The choice stays with the next submit of the form.
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one('form input[type="hidden"][name="wanneer"]')["value"] == "vandaag"
    # Without a choice "Alle data" is current.
    links = quick_links(client.get("/zoeken/", {"q": "koffie"}).content)
    assert links["Alle data"]["current"] == "true"


def test_dates_typed_in_van_and_tot_win(client, listings):
    day = TOMORROW.isoformat()
    response = client.get("/zoeken/", {"wanneer": "vandaag", "van": day, "tot": day})
    found = titles(response.content, ".search-result .card__title")
    assert "Koffie morgen" in found and "Koffie vandaag" not in found
    assert "Je hebt zelf datums gekozen" in response.content.decode()
    assert not any(link["current"] for link in quick_links(response.content).values())
    assert response.context["results"].query.date_from == TOMORROW


def test_form_resolves_the_choice_to_the_date_range(db):
    form = SearchForm(QueryDict("wanneer=weekend"))
    assert form.is_valid(), form.errors
    query = form.to_query()
    assert (query.date_from, query.date_to) == WEEKEND
    assert form.active_when == "weekend"


def test_elasticsearch_body_has_the_range_of_the_choice(db):
    form = SearchForm(QueryDict("wanneer=weekend"))
    assert form.is_valid()
    body = build_search_body(form.to_query(), TODAY)
    typed = filters_of(body)[-1]
    [activity] = typed["bool"]["should"]
    assert {
        "range": {"dates": {"gte": WEEKEND[0].isoformat(), "lte": WEEKEND[1].isoformat()}}
    } in activity["bool"]["filter"]


def test_unknown_choice_is_a_dutch_message_and_a_json_400(client, home):
    response = client.get("/zoeken/", {"q": "koffie", "wanneer": "gisteren"})
    assert response.status_code == 200
    assert "Kies vandaag, morgen, dit weekend of deze week." in response.content.decode()
    assert 'value="koffie"' in response.content.decode()
    for url in ("/api/search/", "/api/search.geojson"):
        response = client.get(url, {"wanneer": "gisteren"})
        assert response.status_code == 400
        assert response["Content-Type"] == "application/json"
        assert response.json()["errors"]["wanneer"] == [
            "Kies vandaag, morgen, dit weekend of deze week."
        ]


def test_api_accepts_the_choice(client, listings):
    data = client.get("/api/search/", {"wanneer": "morgen"}).json()
    assert [hit["title"] for hit in data["results"]] == ["Koffie morgen"]


def test_search_page_links_to_the_month(client, listings, area):
    _, wijk = area
    soup = BeautifulSoup(client.get("/zoeken/", {"wijk": wijk.pk}).content, "html.parser")
    link = soup.find("a", string="Bekijk de maand")
    assert link["href"] == f"/agenda/?wijk={wijk.pk}"


# -- the activity list ---------------------------------------------------------------
def test_activity_list_today_and_tomorrow(client, listings):
    found = list_titles(client, wanneer="vandaag")
    assert "Koffie vandaag" in found and "Koffie morgen" not in found
    found = list_titles(client, wanneer="morgen")
    assert "Koffie morgen" in found and "Koffie vandaag" not in found
    assert "Koffie in het weekend" in list_titles(client, wanneer="weekend")
    assert len(list_titles(client)) == 4


def test_activity_list_links_keep_the_filters(client, listings, area):
    _, wijk = area
    response = client.get(
        "/activiteiten/", {"thema": "ontmoeten", "wijk": wijk.pk, "wanneer": "week"}
    )
    links = quick_links(response.content)
    assert links["Deze week"]["current"] == "true"
    for link in links.values():
        query = parse_qs(urlsplit(link["href"]).query)
        assert query["thema"] == ["ontmoeten"] and query["wijk"] == [str(wijk.pk)]
    response = client.get("/activiteiten/", {"wanneer": "ooit"})
    assert response.status_code == 200
    assert "Kies vandaag, morgen, dit weekend of deze week." in response.content.decode()


def test_pages_oracle_agrees_with_the_index(listings):
    from initiatives.listing import ListingFilters, PagesIndex
    from initiatives.models import ActivityPage
    from search.lists import IndexedListings

    for when in ("vandaag", "morgen", "weekend", "week"):
        filters = ListingFilters(ActivityPage, days=when_days(when=when, today=TODAY))
        expected = [f.page_id for f in PagesIndex().ids(filters, 0, 20)]
        assert [f.page_id for f in IndexedListings().ids(filters, 0, 20)] == expected
        assert IndexedListings().count(filters, 100) == len(expected)


# -- the month calendar --------------------------------------------------------------
def cell(soup, day: dt.date):
    time = soup.select_one(f'.month-calendar time[datetime="{day.isoformat()}"]')
    return time.find_parent("td") if time else None


def test_calendar_grid_and_cells(client, listings, area):
    _, wijk = area
    response = client.get("/agenda/", {"wijk": "wielwijk"})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    table = soup.select_one("table.month-calendar")
    assert Month.of(TODAY).label in table.caption.get_text()
    assert [th.get_text(strip=True) for th in table.select('thead th[scope="col"]')] == [
        "ma", "di", "wo", "do", "vr", "za", "zo",
    ]  # fmt: skip
    today = cell(soup, TODAY)
    assert today["aria-current"] == "date"
    assert "Koffie vandaag" in today.get_text()
    assert "Koffie morgen" not in today.get_text()
    label = today.select_one(".month-calendar__label").get_text()
    assert label.startswith(f"{TODAY.day} ") is False
    assert ": 1 activiteit" in label
    link = today.select_one(".month-calendar__items a")
    assert link["href"] == listings["today"].url
    assert link.select_one("time").get_text() == "00:05"
    if TOMORROW.month == TODAY.month:
        assert "Koffie morgen" in cell(soup, TOMORROW).get_text()


def test_calendar_more_link_searches_the_day(client, index, area):
    _, wijk = area
    initiative = InitiativePageFactory(parent=index, title="Buurthuis")
    for n in range(5):
        once(initiative, f"Activiteit {n}", TODAY, start_time=dt.time(0, 10 + n))
    get_backend().rebuild(all_documents())
    soup = BeautifulSoup(client.get("/agenda/", {"wijk": wijk.pk}).content, "html.parser")
    today = cell(soup, TODAY)
    assert len(today.select(".month-calendar__items li")) == 3
    more = today.select_one(".month-calendar__more a")
    assert more.get_text(" ", strip=True).startswith("+2 meer")
    query = parse_qs(urlsplit(more["href"]).query)
    assert query["van"] == query["tot"] == [TODAY.isoformat()]
    assert query["wijk"] == [str(wijk.pk)] and query["type"] == ["activity"]
    assert ": 5 activiteiten" in today.select_one(".month-calendar__label").get_text()
    assert COUNT_CAP > 5


def test_calendar_by_place_name_and_other_places(client, listings, index, area):
    elsewhere = MunicipalityFactory(name="Lisse", slug="lisse", boundary=square(4.55, 52.25, 0.05))
    lisse = square(4.55, 52.25, 0.01).centroid
    far = InitiativePageFactory(parent=index, title="Lisse samen", location=lisse)
    once(far, "Bollenwandeling", TODAY, location=lisse, town="Lisse")
    get_backend().rebuild(all_documents())
    rebuild_place_names()
    html = client.get("/agenda/", {"plaats": "Dordrecht"}).content.decode()
    assert "Koffie vandaag" in html and "Bollenwandeling" not in html
    html = client.get("/agenda/", {"plaats": "Lisse"}).content.decode()
    assert "Bollenwandeling" in html and "Koffie vandaag" not in html
    assert elsewhere.pk


def test_calendar_month_navigation_keeps_the_place(client, listings):
    rebuild_place_names()
    month = Month.of(TODAY)
    soup = BeautifulSoup(
        client.get("/agenda/", {"plaats": "Dordrecht", "maand": str(month)}).content,
        "html.parser",
    )
    next_link = soup.select_one('.month-nav a[rel="next"]')
    assert parse_qs(urlsplit(next_link["href"]).query) == {
        "plaats": ["Dordrecht"], "maand": [str(month.next)],
    }  # fmt: skip
    # The month before lies wholly in the past: the index holds nothing of it.
    assert soup.select_one('.month-nav a[rel="prev"]') is None


@pytest.mark.parametrize(
    ("maand", "message"),
    [
        ("2026-13", "Een maand loopt van 01 tot en met 12"),
        ("dec", "Dit is geen maand"),
        ("1999-01", "Deze maand is al voorbij"),
        ("2099-01", "Zo ver vooruit staat nog niets"),
    ],
)
def test_calendar_bad_month_is_a_dutch_message(client, home, maand, message):
    response = client.get("/agenda/", {"maand": maand, "plaats": "x" * 10})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "<table" not in html
    assert f'value="{maand}"' in html


@pytest.mark.parametrize("wijk", ["nergenswijk", "9" * 30, "-1", "١"])
def test_calendar_unknown_wijk(client, home, wijk):
    response = client.get("/agenda/", {"wijk": wijk})
    assert response.status_code == 200
    assert "Deze wijk kennen we niet" in response.content.decode()


def test_calendar_never_shows_a_safe_address(client, index, area):
    initiative = InitiativePageFactory(parent=index, title="Stichting Veilig Thuis")
    place = MeetingPlacePageFactory(
        parent=initiative, title="De Schuilplaats", street=STREET, house_number="7",
        postcode=POSTCODE, town="Dordrecht", address_on_request=True,
    )  # fmt: skip
    once(initiative, "Praatgroep", TODAY, meeting_place=place)
    get_backend().rebuild(all_documents())
    rebuild_place_names()
    html = client.get("/agenda/", {"plaats": "Dordrecht"}).content.decode()
    assert "Praatgroep" in html
    for secret in (STREET, POSTCODE, POSTCODE.replace(" ", "")):
        assert secret not in html


def test_calendar_queries_are_bounded(client, index, area, django_assert_max_num_queries):
    initiative = InitiativePageFactory(parent=index, title="Buurthuis")
    for n in range(12):
        ActivityPageFactory(parent=initiative, title=f"Elke dag {n}", starts_on=TODAY,
                            recurrence=Recurrence.WEEKLY)  # fmt: skip
    get_backend().rebuild(all_documents())
    client.get("/agenda/", {"wijk": "wielwijk"})  # warm the caches
    with django_assert_max_num_queries(20):
        response = client.get("/agenda/", {"wijk": "wielwijk"})
    assert response.status_code == 200


# -- fixed moments: the evening, the clock change --------------------------------------
def at(monkeypatch, moment: dt.datetime) -> None:
    """Make ``moment`` now for the site (forms, index, calendar)."""
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_evening_an_activity_in_progress_counts_for_today(client, index, area, monkeypatch):
    evening = dt.datetime(2026, 12, 2, 21, 30, tzinfo=timezone.get_current_timezone())
    at(monkeypatch, evening)
    initiative = InitiativePageFactory(parent=index, title="Buurthuis")
    once(initiative, "Avondkoor", evening.date(), start_time=dt.time(19, 0),
         end_time=dt.time(22, 0))  # fmt: skip
    get_backend().rebuild(all_documents())
    response = client.get("/zoeken/", {"wanneer": "vandaag"})
    soup = BeautifulSoup(response.content, "html.parser")
    [hit] = soup.select(".search-result")
    assert hit.select_one(".card__title").get_text(strip=True) == "Avondkoor"
    # Its next time is tonight's, in progress: not a week later.
    assert hit.select_one(".search-result__date time")["datetime"].startswith("2026-12-02T19:00")
    assert search_titles(client, wanneer="morgen") == set()
    soup = BeautifulSoup(client.get("/agenda/", {"wijk": "wielwijk"}).content, "html.parser")
    assert "Avondkoor" in cell(soup, evening.date()).get_text()


@pytest.mark.parametrize(
    ("sunday", "saturday_after"),
    [(dt.date(2026, 3, 29), dt.date(2026, 4, 4)), (dt.date(2026, 10, 25), dt.date(2026, 10, 31))],
)
def test_clock_change_sunday(client, index, area, monkeypatch, sunday, saturday_after):
    # Noon on the Sunday the clocks change: "dit weekend" is only today.
    at(monkeypatch, dt.datetime.combine(sunday, dt.time(11, 0), tzinfo=dt.UTC))
    initiative = InitiativePageFactory(parent=index, title="Buurthuis")
    once(initiative, "Nachtwandeling", sunday, start_time=dt.time(2, 30),
         end_time=dt.time(3, 30))  # fmt: skip
    once(initiative, "Zaterdagmarkt", saturday_after, start_time=dt.time(10, 0),
         end_time=dt.time(12, 0))  # fmt: skip
    get_backend().rebuild(all_documents())
    assert search_titles(client, wanneer="weekend") == {"Nachtwandeling"}
    assert search_titles(client, wanneer="vandaag") == {"Nachtwandeling"}
    assert search_titles(client, wanneer="week") == {"Nachtwandeling"}
    assert search_titles(client, wanneer="morgen") == set()
    assert list_titles(client, wanneer="weekend") == {"Nachtwandeling"}
    month = client.get("/agenda/", {"wijk": "wielwijk", "maand": f"{sunday:%Y-%m}"})
    soup = BeautifulSoup(month.content, "html.parser")
    assert "Nachtwandeling" in cell(soup, sunday).get_text()
    assert cell(soup, sunday)["aria-current"] == "date"


def test_home_agenda_links_to_the_month(client, home):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    assert soup.find("a", string="Bekijk de maand")["href"] == "/agenda/"


def test_calendar_dense_and_sparse_areas_agree(index, area, monkeypatch):
    """The one pass (few activities) and the per-day walks (many) give the
    same cells; the walks stop counting at COUNT_CAP and say so."""
    from search import calendar

    initiative = InitiativePageFactory(parent=index, title="Buurthuis")
    for n in range(7):
        once(initiative, f"Activiteit {n}", TODAY, start_time=dt.time(0, 10 + n))
        once(initiative, f"Morgen {n}", TOMORROW, start_time=dt.time(9, n))
    get_backend().rebuild(all_documents())
    _, wijk = area
    month = Month.of(TODAY)

    def cells():
        weeks = calendar.month_calendar(
            month=month, area=calendar.Area(neighbourhood_id=wijk.pk), today=TODAY
        )
        return {
            d.day: ([page.title for _, page in d.items], d.total, d.capped)
            for week in weeks for d in week if d is not None and d.total
        }  # fmt: skip

    sparse = cells()
    assert sparse[TODAY] == (["Activiteit 0", "Activiteit 1", "Activiteit 2"], 7, False)
    monkeypatch.setattr(calendar, "SPARSE", 0)  # every area is dense
    assert cells() == sparse
    monkeypatch.setattr(calendar, "COUNT_CAP", 5)
    assert cells()[TODAY] == (["Activiteit 0", "Activiteit 1", "Activiteit 2"], 5, True)
