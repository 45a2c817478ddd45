"""Cards ask every listing for what only some kinds have (`distance`,
`from_home`, `is_open`, `initiative_title`). When a page lacks the attribute,
Django's template engine calls dir() on it to tell a missing attribute from a
failing property: about a millisecond for a Wagtail page, so 20 cards cost
20 ms per list page (issue 15, "less Python per page")."""

import datetime as dt

import django.template.base
import pytest
from django.utils import timezone
from wagtail.models import Page

from search.indexing import process_outbox
from tests.factories import (
    ActivityPageFactory,
    InitiativePageFactory,
    MeetingPlacePageFactory,
    VacancyPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def listings(index):
    initiative = InitiativePageFactory(parent=index)
    today = timezone.localdate()
    for n in range(3):
        ActivityPageFactory(parent=initiative, starts_on=today + dt.timedelta(days=n))
        MeetingPlacePageFactory(parent=initiative)
        VacancyPageFactory(parent=initiative)
    process_outbox()
    return initiative


@pytest.fixture
def pages_given_to_dir(monkeypatch):
    seen: list[str] = []

    def counting_dir(obj):
        if isinstance(obj, Page):
            seen.append(type(obj).__name__)
        return dir(obj)

    # base.py calls the builtin by name; a module global shadows it.
    monkeypatch.setattr(django.template.base, "dir", counting_dir, raising=False)
    return seen


@pytest.mark.parametrize(
    "url",
    ["/", "/?waar=3317", "/activiteiten/", "/ontmoetingsplekken/", "/vacatures/", "/zoeken/"],
)
def test_list_pages_ask_no_page_for_a_missing_attribute(client, listings, pages_given_to_dir, url):
    response = client.get(url)
    assert response.status_code == 200
    assert pages_given_to_dir == []


def test_an_initiative_page_asks_its_listings_nothing_missing(client, listings, pages_given_to_dir):
    response = client.get(listings.url)
    assert response.status_code == 200
    assert pages_given_to_dir == []
