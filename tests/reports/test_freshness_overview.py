"""Freshness per wijk in the municipal overview: fresh, asked, stale and taken
offline, each listing in one state, counted with one grouped query per kind
of listing."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.test import TestCase
from django.utils import timezone
from wagtail.models import Page

from initiatives.freshness import freshness_checks_send
from reports.overview import freshness_by_wijk
from tests.factories import (
    ActivityPageFactory,
    InitiativePageFactory,
    MeetingPlacePageFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    UserFactory,
    VacancyPageFactory,
)

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)
URL = "/admin/overzicht/"


@pytest.fixture(autouse=True)
def _periods(settings):
    settings.FRESHNESS_DAYS = {
        "vacancy": 90,
        "activity": 120,
        "meetingplace": 180,
        "initiative": 365,
    }
    settings.FRESHNESS_GRACE_DAYS = 30
    settings.FRESHNESS_OFFLINE_DAYS = 30


def place(page, wijk, published_days_ago):
    type(page).objects.filter(pk=page.pk).update(neighbourhood=wijk, municipality=wijk.municipality)
    Page.objects.filter(pk=page.pk).update(
        last_published_at=timezone.now() - published_days_ago * DAY
    )
    return page


@pytest.fixture
def wijken(index):
    town = MunicipalityFactory(name="Dordrecht")
    other_town = MunicipalityFactory(name="Hilversum")
    wielwijk = NeighbourhoodFactory(municipality=town, name="Wielwijk")
    centrum = NeighbourhoodFactory(municipality=town, name="Centrum")
    elders = NeighbourhoodFactory(municipality=other_town, name="Elders")
    initiative = place(InitiativePageFactory(parent=index), wielwijk, 10)  # fresh
    # Wielwijk: an activity asked (121 days ago, asked today), one stale
    # (155 days, asked 30 days ago) and one taken offline; a fresh vacancy.
    asked = place(ActivityPageFactory(parent=initiative), wielwijk, 121)
    stale = place(ActivityPageFactory(parent=initiative), wielwijk, 155)
    offline = place(ActivityPageFactory(parent=initiative), wielwijk, 300)
    place(VacancyPageFactory(parent=initiative), wielwijk, 5)
    # Centrum: a meeting place confirmed long after its publish (fresh), and
    # a stale vacancy (130 days, asked 30 days ago).
    meeting = place(MeetingPlacePageFactory(parent=initiative), centrum, 400)
    type(meeting).objects.filter(pk=meeting.pk).update(confirmed_at=timezone.now() - 3 * DAY)
    place(VacancyPageFactory(parent=initiative), centrum, 130)
    place(VacancyPageFactory(parent=initiative), elders, 1)
    # The command 61 and 30 days ago and today: it asks, then takes the
    # oldest offline (asked more than grace + offline days ago).
    with TestCase.captureOnCommitCallbacks(execute=True):
        freshness_checks_send(now=timezone.now() - 61 * DAY)  # asks the oldest
    with TestCase.captureOnCommitCallbacks(execute=True):
        freshness_checks_send(now=timezone.now() - 30 * DAY)  # asks the 155 and 130
    type(asked).objects.filter(pk=asked.pk).update(confirm_requested_at=timezone.now())
    with TestCase.captureOnCommitCallbacks(execute=True):
        result = freshness_checks_send(now=timezone.now())
    assert result.taken_offline == [offline.pk]
    assert stale.pk not in result.asked
    return town, wielwijk, centrum


def test_freshness_per_wijk(wijken, django_assert_max_num_queries):
    town, *_ = wijken
    with django_assert_max_num_queries(5):  # one per kind of listing, one for the names
        rows, totals = freshness_by_wijk()
    counts = {r.name: r.values() for r in rows}  # fresh, asked, stale, offline
    assert counts["Wielwijk"] == [2, 1, 1, 1]
    assert counts["Centrum"] == [1, 0, 1, 0]
    assert counts["Elders"] == [1, 0, 0, 0]
    assert totals == [4, 1, 2, 1]
    rows, totals = freshness_by_wijk(municipality_id=town.pk)
    assert {r.name for r in rows} == {"Wielwijk", "Centrum"}
    assert totals == [3, 1, 2, 1]


def test_the_overview_page_shows_it_per_wijk(client, wijken):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    soup = BeautifulSoup(client.get(URL).content, "html.parser")
    section = soup.select_one("section[aria-labelledby=actueel]")
    assert section is not None
    cells = {tr.th.text: [td.text for td in tr.find_all("td")] for tr in section.select("tbody tr")}
    assert cells["Wielwijk"] == ["Dordrecht", "2", "1", "1", "1"]
    # Per theme there are no wijken to show it by.
    soup = BeautifulSoup(client.get(URL + "?per=thema").content, "html.parser")
    assert soup.select_one("section[aria-labelledby=actueel]") is None
