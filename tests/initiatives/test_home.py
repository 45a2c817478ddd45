"""The home page: one search form with the search page's own fields, and
"Deze week" without a place spread over all seven days, in a number of queries
that does not grow with the activities."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from initiatives.agenda import WEEK_PER_DAY
from initiatives.models.pages import Recurrence
from search.indexing import process_outbox
from tests.factories import ActivityPageFactory, InitiativePageFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def fields(form) -> list[tuple[str, str]]:
    """(name, label) of each input, in order."""
    return [
        (i["name"], form.find("label", attrs={"for": i["id"]}).get_text(strip=True))
        for i in form.select("input[name]")
    ]


def test_one_search_form_with_the_search_pages_fields(client, home):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    forms = soup.select("main form")
    assert len(forms) == 1
    assert forms[0]["action"] == "/zoeken/"
    search = BeautifulSoup(client.get("/zoeken/").content, "html.parser")
    box = search.select_one(".search-box")
    assert (
        fields(forms[0])
        == fields(box)
        == [
            ("q", "Wat zoek je?"),
            ("waar", "Waar?"),
            ("straal", "Hoe ver (km)"),
        ]
    )
    # Ids stay unique when a page has the box twice (header and content).
    assert all(i["id"].startswith("home-") for i in forms[0].select("input"))


@pytest.fixture
def week(index):
    """Four activities starting on each of the coming eight days."""
    initiative = InitiativePageFactory(parent=index)
    today = timezone.localdate()
    made = 0

    def add(n):
        nonlocal made
        for i in range(made, made + n):
            for days in range(1, 9):
                ActivityPageFactory(
                    parent=initiative,
                    title=f"Activiteit {days}-{i}",
                    starts_on=today + dt.timedelta(days=days),
                    start_time=dt.time(9 + i % 12),
                    recurrence=Recurrence.ONCE,
                )
        made += n
        process_outbox()

    return add


def this_week(client):
    response = client.get("/")
    assert response.status_code == 200
    return response.context["this_week"]


def test_this_week_without_a_place_spreads_over_seven_days(client, week):
    week(4)
    pairs = this_week(client)
    days = {}
    for occurrence, _ in pairs:
        days[occurrence.date] = days.get(occurrence.date, 0) + 1
    today = timezone.localdate()
    assert sorted(days) == [today + dt.timedelta(days=d) for d in range(1, 8)]
    assert set(days.values()) == {WEEK_PER_DAY}
    # Each day's first ones.
    assert all(o.start.hour < 9 + WEEK_PER_DAY for o, _ in pairs)


def test_home_queries_do_not_grow_with_the_activities(client, week):
    def count():
        with CaptureQueriesContext(connection) as queries:
            this_week(client)
        return len(queries)

    week(1)
    count()  # caches filled on the first request
    few = count()
    week(5)
    assert count() == few


def test_theme_buttons_belong_to_the_search_form(client, home):
    ThemeFactory(name="Bewegen", slug="bewegen")
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    form = soup.select_one("main form")
    button = soup.find("button", string="Bewegen")
    # A submit button of the one form: it sends what was typed there along.
    assert button["form"] == form["id"]
    assert (button["name"], button["value"], button.get("type")) == ("thema", "bewegen", "submit")
    assert soup.select_one(".theme-list a") is None


def test_theme_links_on_detail_pages_are_marked_to_keep_the_place(client, index):
    theme = ThemeFactory(name="Bewegen", slug="bewegen")
    page = ActivityPageFactory(parent=InitiativePageFactory(parent=index))
    page.themes.set([theme])
    page.save_revision().publish()
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    link = soup.find("a", string="Bewegen")
    assert link.has_attr("data-keeps-place")
    assert soup.find("script", src=lambda s: s and s.endswith("js/place.js"))
