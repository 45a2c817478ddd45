"""The list pages read their matches from the search index (search.lists):
the same pages, in the same order, as the pages themselves give them
(initiatives.listing.PagesIndex), counted up to a cap."""

import datetime as dt
import itertools

import pytest
from django.contrib.gis.geos import Point
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from core import pagination
from initiatives.choices import VacancyStatus
from initiatives.listing import ListingFilters, PagesIndex, registered
from initiatives.models import ActivityPage, MeetingPlacePage, VacancyPage
from search.indexing import process_outbox
from search.lists import IndexedListings
from tests.factories import (
    ActivityPageFactory,
    InitiativePageFactory,
    MeetingPlacePageFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    ThemeFactory,
    VacancyPageFactory,
    square,
)

pytestmark = pytest.mark.django_db

DORDRECHT = Point(4.6901, 51.8133, srid=4326)
WIELWIJK = Point(4.6560, 51.8070, srid=4326)
UTRECHT = Point(5.1214, 52.0907, srid=4326)
NEAR_WIELWIJK = Point(4.6580, 51.8075, srid=4326)
# Demo-like titles: repeated ones, upper and lower case, accents, digits.
TITLES = [
    "Koffieochtend", "koffieochtend", "Koffieochtend", "Taalcafé", "Taalcafe", "Élan",
    "aardappels schillen", "Buurtmaaltijd 10", "Buurtmaaltijd 9", "Zumba", "'t Hoekje",
    "Wandelen", "Repair Café", "repair cafe", "Moestuin", "Yoga",
]  # fmt: skip
MAKERS = {
    ActivityPage: ActivityPageFactory,
    MeetingPlacePage: MeetingPlacePageFactory,
    VacancyPage: VacancyPageFactory,
}


@pytest.fixture
def listings(index):
    """Each kind of listing under the same titles, spread over two gemeenten,
    a wijk and three themes, with what a list must leave out: a filled and an
    ended vacancy, an unpublished page and a restricted one."""
    dordrecht = MunicipalityFactory(slug="dordrecht", boundary=square(4.69, 51.81, 0.1))
    MunicipalityFactory(slug="utrecht", boundary=square(5.12, 52.09, 0.1))
    NeighbourhoodFactory(municipality=dordrecht, boundary=square(4.656, 51.807, 0.01))
    themes = [ThemeFactory(slug=s) for s in ("bewegen", "ontmoeten", "taal")]
    initiative = InitiativePageFactory(parent=index)
    points = itertools.cycle([DORDRECHT, WIELWIJK, UTRECHT])
    for model, make in MAKERS.items():
        for i, title in enumerate(TITLES):
            slug = f"{model.__name__.lower()}-{i}"
            page = make(parent=initiative, title=title, slug=slug, location=next(points))
            page.themes.set(themes[: i % 4])
            page.save()
        kind = model.__name__.lower()
        make(parent=initiative, title="Concept", slug=f"{kind}-concept", live=False)
        restricted = make(parent=initiative, title="Afgeschermd", slug=f"{kind}-afgeschermd")
        PageViewRestriction.objects.create(
            page=restricted, restriction_type=PageViewRestriction.LOGIN
        )
    VacancyPageFactory(parent=initiative, title="Vervuld", status=VacancyStatus.FILLED)
    VacancyPageFactory(
        parent=initiative, title="Afgelopen", ends_on=timezone.localdate() - dt.timedelta(days=1)
    )
    process_outbox()  # as after commit (nothing commits in a test)
    return dordrecht


def filter_sets(dordrecht):
    wijk = dordrecht.neighbourhoods.get()
    for model in MAKERS:
        yield ListingFilters(model)
        yield ListingFilters(model, theme="bewegen")
        yield ListingFilters(model, theme="taal", municipality_id=dordrecht.pk)
        yield ListingFilters(model, municipality_id=dordrecht.pk)
        yield ListingFilters(model, neighbourhood_id=wijk.pk)
        yield ListingFilters(model, theme="onbekend")
        # Nearest first: within km of a point, or in a named gemeente or wijk.
        yield ListingFilters(model, point=NEAR_WIELWIJK, km=5)
        yield ListingFilters(model, point=NEAR_WIELWIJK, km=50, theme="bewegen")
        yield ListingFilters(model, point=NEAR_WIELWIJK, km=1)
        yield ListingFilters(model, point=NEAR_WIELWIJK, in_municipality_id=dordrecht.pk)
        yield ListingFilters(model, point=NEAR_WIELWIJK, in_neighbourhood_id=wijk.pk)


def in_order(found) -> list:
    """Comparable answers: by title, the ids in order; nearest first, the
    distances in order to the metre with the ids at each (listings at one
    address are equally near, in no particular order)."""
    if all(f.distance_m is None for f in found):
        return [f.page_id for f in found]
    distances = [round(f.distance_m) for f in found]
    assert distances == sorted(distances)
    return sorted((round(f.distance_m), f.page_id) for f in found)


def test_the_index_is_registered():
    assert isinstance(registered(), IndexedListings)


def test_same_pages_in_the_same_order_as_the_pages_give_them(listings):
    index, pages = IndexedListings(), PagesIndex()
    for filters in filter_sets(listings):
        expected = in_order(pages.ids(filters, 0, 100))
        found = in_order(index.ids(filters, 0, 100))
        assert found == expected, filters
        # A slice: the same titles, or the same distances (ties may swap).
        part, expected_part = index.ids(filters, 3, 4), pages.ids(filters, 3, 4)
        assert [round(f.distance_m or 0) for f in part] == [
            round(f.distance_m or 0) for f in expected_part
        ], filters
        if filters.point is None:
            assert part == expected_part, filters
        assert index.count(filters, 100) == len(expected), filters
        assert index.count(filters, 2) == min(2, len(expected)), filters
    # Not vacuous: the lists hold what they should and leave out the rest.
    ids = [f.page_id for f in pages.ids(ListingFilters(VacancyPage), 0, 100)]
    titles = set(VacancyPage.objects.filter(pk__in=ids).values_list("title", flat=True))
    assert titles == set(TITLES)


def test_a_list_counts_up_to_the_cap_and_pages_up_to_it(client, listings, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", 12)
    url = reverse("initiatives:activity_list")
    first = client.get(url)
    assert "Meer dan 12 resultaten" in first.content.decode()
    assert [p.title for p in first.context["page_obj"]] == titles_as_the_pages_order_them()[:12]
    # Past the cap, a bad number, a negative one: the last or the first page, never an error.
    for number, shown in (("2", 12), ("999", 12), ("nul", 12), ("-1", 12)):
        response = client.get(url, {"pagina": number})
        assert response.status_code == 200
        assert len(response.context["page_obj"]) == shown


def titles_as_the_pages_order_them() -> list[str]:
    ids = [f.page_id for f in PagesIndex().ids(ListingFilters(ActivityPage), 0, 100)]
    by_id = dict(ActivityPage.objects.filter(pk__in=ids).values_list("pk", "title"))
    return [by_id[i] for i in ids]


def test_a_deep_page_shows_the_rows_there(client, listings):
    url = reverse("initiatives:vacancy_list")
    ids = [f.page_id for f in PagesIndex().ids(ListingFilters(VacancyPage), 0, 100)]
    pagination_size = 20
    assert len(ids) < pagination_size * 2
    response = client.get(url, {"pagina": "1"})
    assert [p.pk for p in response.context["page_obj"]] == ids[:pagination_size]


def test_a_page_the_index_names_but_that_is_gone_is_left_out(client, listings):
    first = ActivityPage.objects.live().get(title="Élan")
    first.unpublish()  # the index is not written again: it is behind
    response = client.get(reverse("initiatives:activity_list"))
    titles = [p.title for p in response.context["page_obj"]]
    assert "Élan" not in titles and "Zumba" in titles


def test_queries_do_not_grow_with_the_listings(client, listings):
    url = reverse("initiatives:meeting_place_list")
    params = {"thema": "bewegen", "gemeente": "dordrecht"}
    client.get(url, params)  # warm the caches

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, params).status_code == 200
        return len(queries)

    few = count()
    initiative = InitiativePageFactory(parent=MeetingPlacePage.objects.first().get_parent())
    for i in range(30):
        page = MeetingPlacePageFactory(parent=initiative, title=f"Plek {i}")
        page.themes.set(ThemeFactory._meta.model.objects.filter(slug="bewegen"))
        page.save()
    process_outbox()
    client.get(url, params)  # the publishes changed the version: keep the form's choices again
    assert count() == few
