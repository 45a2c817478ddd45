"""A page behind a view restriction (login, password or groups) is not listed
anywhere public: not its title, not its existence. The search index, the API,
HSDS and the calendars already leave such pages out; the HTML lists and
matching must too."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from initiatives.agenda import activities_between
from initiatives.choices import Recurrence
from search.indexing import process_outbox
from tests.factories import (
    ActivityPageFactory,
    InitiativePageFactory,
    MeetingPlacePageFactory,
    VacancyPageFactory,
    VolunteerProfileFactory,
)
from volunteers.matching import matches_for

pytestmark = pytest.mark.django_db

SECRET = "Zxqbesloten"


def restrict(page):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


@pytest.fixture
def pages(index):
    """One open initiative with a restricted child of each kind, and a
    wholly restricted initiative with open-looking children."""
    today = timezone.localdate()
    daily = {"starts_on": today - dt.timedelta(days=7), "recurrence": Recurrence.WEEKLY}
    initiative = InitiativePageFactory(parent=index, title="Buurthuis Open")
    place = MeetingPlacePageFactory(parent=initiative, title="Huiskamer Open")
    ActivityPageFactory(parent=initiative, title="Koffie Open", meeting_place=place)
    hidden = [
        ActivityPageFactory(
            parent=initiative, title=f"{SECRET} activiteit", meeting_place=place, **daily
        ),
        MeetingPlacePageFactory(parent=initiative, title=f"{SECRET} plek"),
        VacancyPageFactory(parent=initiative, title=f"{SECRET} vacature"),
    ]
    for page in hidden:
        restrict(page)
    VacancyPageFactory(parent=initiative, title="Gastvrouw Open")
    # An open activity whose place is restricted: its page must not name it.
    ActivityPageFactory(parent=initiative, title="Wandelen Open", meeting_place=hidden[1])
    closed = InitiativePageFactory(parent=index, title=f"{SECRET} initiatief")
    restrict(closed)
    ActivityPageFactory(parent=closed, title=f"{SECRET} kind-activiteit", **daily)
    VacancyPageFactory(parent=closed, title=f"{SECRET} kind-vacature")
    # The lists read the search index, written after commit (nothing commits
    # in a test): written now, as after a real commit.
    process_outbox()
    return {"initiative": initiative, "place": place, "hidden": hidden}


def test_no_public_list_names_a_restricted_page(client, pages):
    urls = [
        "/",
        reverse("initiatives:activity_list"),
        reverse("initiatives:meeting_place_list"),
        reverse("initiatives:vacancy_list"),
        "/initiatieven/",
        pages["initiative"].url,
        pages["place"].url,
        *(
            pages["initiative"].get_children().live().get(title=title).url
            for title in ("Koffie Open", "Wandelen Open", "Gastvrouw Open")
        ),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "Open" in html or url == "/", url  # the open pages are there
        assert SECRET not in html, url


def test_the_home_pages_agenda_leaves_restricted_activities_out(pages):
    # Every activity here is weekly, so eight days hold a date of each.
    now = timezone.now()
    found = activities_between(now, now + dt.timedelta(days=8), limit=100)
    titles = {activity.title for _, activity in found}
    assert "Koffie Open" in titles
    assert not {t for t in titles if SECRET in t}


def test_matching_never_suggests_a_restricted_vacancy(pages):
    profile = VolunteerProfileFactory(location=pages["initiative"].location, travel_km=10)
    titles = {m.object.title for m in matches_for(profile)}
    assert "Gastvrouw Open" in titles
    assert not {t for t in titles if SECRET in t}
