"""The date order of a search (backends/postgres/dated.py): two index walks
give the same pages as computing every match's next date and sorting them
all, ``ORDER BY next date NULLS LAST, title, page_id``."""

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from initiatives.choices import Recurrence
from search.backends.postgres import PostgresBackend
from search.backends.postgres.filters import where
from search.backends.postgres.page import ordered_by_sql
from search.backends.postgres.text import NEXT_DATE, TABLE, from_day
from search.documents import all_documents
from search.indexing import process_outbox
from search.models import SearchDate
from search.query import SearchQuery
from search.sql import fetch
from tests.factories import (
    ActivityPageFactory,
    InitiativePageFactory,
    MeetingPlacePageFactory,
    ThemeFactory,
    VacancyPageFactory,
)

pytestmark = pytest.mark.django_db

TITLES = ["Koffie", "koffie", "Taalcafé", "Élan", "Zumba", "aardappels", "Yoga", "Koffie"]


@pytest.fixture
def listings(index):
    """Activities on every kind of schedule (weekly, monthly, once soon, once
    past, a one-off over several days that began yesterday) under repeated
    titles, and meeting places and vacancies, which have no dates."""
    today = timezone.localdate()
    theme = ThemeFactory(slug="ontmoeten")
    club = InitiativePageFactory(parent=index)
    schedules = itertools.cycle(
        [
            {"starts_on": today - dt.timedelta(days=20), "recurrence": Recurrence.WEEKLY},
            {"starts_on": today + dt.timedelta(days=3), "recurrence": Recurrence.MONTHLY},
            {"starts_on": today + dt.timedelta(days=1), "recurrence": Recurrence.ONCE},
            {"starts_on": today - dt.timedelta(days=30), "recurrence": Recurrence.ONCE},
            {
                "starts_on": today - dt.timedelta(days=1),
                "ends_on": today + dt.timedelta(days=2),
                "recurrence": Recurrence.ONCE,
            },
            {"starts_on": today, "recurrence": Recurrence.BIWEEKLY, "is_free": True},
        ]
    )
    for i, title in enumerate(TITLES * 3):
        page = ActivityPageFactory(parent=club, title=title, slug=f"a-{i}", **next(schedules))
        if i % 2:
            page.themes.set([theme])
            page.save()
    for i, title in enumerate(TITLES):
        MeetingPlacePageFactory(parent=club, title=title, slug=f"m-{i}")
        VacancyPageFactory(parent=club, title=title, slug=f"v-{i}")


def old_order(q: SearchQuery) -> list[int]:
    """The page as it was computed: every match's next date, then sorted."""
    clause, params = where(q, "")
    sql = (
        f"SELECT page_id FROM {TABLE} WHERE {clause} "  # noqa: S608
        f"ORDER BY {NEXT_DATE} NULLS LAST, title, page_id LIMIT %s OFFSET %s"
    )
    rows = fetch(sql, [*params, from_day(q), q.per_page, q.offset], PageRow)
    return [row.page_id for row in rows]


class PageRow(tuple):
    _fields = ("page_id",)

    def __new__(cls, page_id):
        return super().__new__(cls, (page_id,))

    @property
    def page_id(self):
        return self[0]


QUERIES = [
    {},
    {"types": ("activity",)},
    {"types": ("vacancy",)},
    {"types": ("meeting_place",)},  # one type alone: its own btree (filters.only_type)
    {"types": ("activity", "meeting_place")},
    {"themes": ("ontmoeten",)},
    {"free_only": True},
    {"date_from": "tomorrow"},
]


def queries():
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    for fields in QUERIES:
        if fields.get("date_from") == "tomorrow":
            fields = {**fields, "date_from": tomorrow}
        for page in range(1, 12):
            yield SearchQuery(sort="date", page=page, per_page=4, **fields)


@pytest.mark.parametrize("written_by", ["rebuild", "edits"])
def test_the_same_pages_as_sorting_every_next_date(listings, written_by):
    if written_by == "rebuild":
        PostgresBackend().rebuild(all_documents())
    else:
        process_outbox()
    assert SearchDate.objects.exists()
    seen = 0
    for q in queries():
        expected = old_order(q)
        assert ordered_by_sql(q, "") == expected, q
        seen += len(expected)
    assert seen > 100  # not vacuous: the pages hold listings


def test_a_search_without_words_pages_through_every_listing_once(listings):
    process_outbox()
    ids = []
    for page in range(1, 20):
        ids += ordered_by_sql(SearchQuery(sort="date", page=page, per_page=5), "")
    assert len(ids) == len(set(ids)) == 3 * len(TITLES) + 2 * len(TITLES) + 1  # + the initiative
