"""The public pages: detail pages, the three lists with their filters, the home page."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.contrib.gis.geos import Point
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from initiatives.choices import Recurrence, VacancyStatus
from initiatives.geocoding import INVALID, NOT_FOUND
from initiatives.models import ActivityException, OpeningHours, PostcodeCentroid
from initiatives.schedule import MONTHS
from search.indexing import process_outbox
from tests.factories import (
    ActivityPageFactory,
    InitiativePageFactory,
    MeetingPlacePageFactory,
    MunicipalityFactory,
    SkillFactory,
    ThemeFactory,
    VacancyPageFactory,
    square,
)

pytestmark = pytest.mark.django_db

ACTIVITIES = reverse("initiatives:activity_list")
PLACES = reverse("initiatives:meeting_place_list")
VACANCIES = reverse("initiatives:vacancy_list")

# ~1.1 km north of the factories' default point (Dordrecht centre).
NEARBY = Point(4.6901, 51.8233, srid=4326)
FAR_AWAY = Point(5.1214, 52.0907, srid=4326)  # Utrecht


def dutch_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def initiative(index):
    return InitiativePageFactory(
        parent=index,
        title="Buurthuis De Sleutel",
        street="Bosboom Toussaintstraat",
        house_number="3",
        town="Dordrecht",
        contact_name="Fatima el Amrani",
        phone="078 123 45 67",
        email="info@desleutel.nl",
        website="https://desleutel.nl",
        description="<p>Een huiskamer voor de hele wijk.</p>",
    )


@pytest.fixture
def centroids(db):
    PostcodeCentroid.objects.create(
        postcode="3311", point=Point(4.6901, 51.8133, srid=4326), town="Dordrecht"
    )


class TestDetailPages:
    def test_initiative_page(self, initiative):
        ActivityPageFactory(parent=initiative, title="Taalcafé")
        MeetingPlacePageFactory(parent=initiative, title="Huiskamer Wielwijk")
        VacancyPageFactory(parent=initiative, title="Kok gezocht")
        body = html(self.client_get(initiative.url))
        assert '<h1 lang="nl">Buurthuis De Sleutel</h1>' in body
        assert "Een huiskamer voor de hele wijk." in body
        assert 'href="tel:0781234567"' in body
        assert 'href="mailto:info@desleutel.nl"' in body
        assert "Bosboom Toussaintstraat 3" in body
        for title in ("Taalcafé", "Huiskamer Wielwijk", "Kok gezocht"):
            assert title in body
        assert "data-map" in body

    def test_activity_page_when_next_dates_cost_and_place(self, initiative):
        first = timezone.localdate() + dt.timedelta(days=1)
        activity = ActivityPageFactory(
            parent=initiative,
            title="Wandelgroep",
            starts_on=first,
            start_time=dt.time(10, 0),
            end_time=dt.time(11, 30),
            recurrence=Recurrence.WEEKLY,
            is_free=False,
            cost=Decimal("2.50"),
            cost_note="inclusief koffie",
            registration_required=True,
            registration_info="Bel Fatima",
            capacity=12,
            accessibility=["wheelchair", "hearing_loop"],
            street="Spuiboulevard",
            house_number="2",
            town="Dordrecht",
        )
        body = html(self.client_get(activity.url))
        assert activity.when in body  # "Elke <weekday>, 10:00–11:30"
        for week in range(5):
            assert dutch_date(first + dt.timedelta(weeks=week)) in body
        assert dutch_date(first + dt.timedelta(weeks=5)) not in body
        assert "€ 2,50" in body and "inclusief koffie" in body
        assert "Bel Fatima" in body and "maximaal 12" in body
        assert "rolstoeltoegankelijk" in body and "ringleiding" in body
        assert "Spuiboulevard 2" in body
        assert 'href="mailto:info@desleutel.nl"' in body  # the initiative's contact

    def test_free_activity_at_a_meeting_place(self, initiative):
        place = MeetingPlacePageFactory(
            parent=initiative, title="Huiskamer Wielwijk", street="Wielwijkpark", house_number="1"
        )
        activity = ActivityPageFactory(parent=initiative, meeting_place=place)
        body = html(self.client_get(activity.url))
        assert "Gratis" in body
        assert f'href="{place.url}"' in body
        assert "Huiskamer Wielwijk" in body
        assert "Meer van Buurthuis De Sleutel" in body  # other listings

    def test_meeting_place_hours_badge_and_activities(self, initiative):
        place = MeetingPlacePageFactory(
            parent=initiative,
            title="Huiskamer Wielwijk",
            facilities=["coffee", "wifi"],
            accessibility=["toilet"],
        )
        OpeningHours.objects.create(
            page=place, weekday=0, opens=dt.time(9, 30), closes=dt.time(16, 0)
        )
        OpeningHours.objects.create(
            page=place, weekday=5, opens=dt.time(19, 0), closes=dt.time(1, 0)
        )
        ActivityPageFactory(parent=initiative, title="Koffieochtend", meeting_place=place)
        draft = ActivityPageFactory(parent=initiative, title="Nog geheim", meeting_place=place)
        draft.unpublish()
        body = html(self.client_get(place.url))
        assert "Openingstijden" in body
        assert "09:30–16:00" in body and "19:00–01:00" in body
        assert body.count("gesloten</span></td>") == 5  # the other five days
        assert ("Nu open" in body) != ("Nu gesloten" in body)
        assert "koffie en thee" in body and "aangepast toilet" in body
        assert "Koffieochtend" in body
        assert "Nog geheim" not in body

    def test_meeting_place_without_hours(self, initiative):
        place = MeetingPlacePageFactory(parent=initiative)
        body = html(self.client_get(place.url))
        assert "geen vaste openingstijden" in body
        assert "Nu gesloten" not in body

    def test_vacancy_page_with_reply_by_mail(self, initiative):
        vacancy = VacancyPageFactory(
            parent=initiative,
            title="Gastvrouw of gastheer",
            days=[1, 3],
            parts_of_day=["morning"],
            vog_required=True,
            volunteers_wanted=2,
            hours_per_week=Decimal("3"),
        )
        vacancy.skills.set([SkillFactory(name="Gastvrij", slug="gastvrij")])
        vacancy.save()
        body = html(self.client_get(vacancy.url))
        # The saved Decimal('3.0') must read "3", not "3,0".
        assert "3 uur per week · dinsdag, donderdag · ochtend" in body
        assert "je hebt een VOG nodig" in body
        assert "Gratis VOG-regeling" in body  # where to get one, often free (issue 16)
        assert "We zoeken 2 vrijwilligers" in body
        assert "Gastvrij" in body
        assert 'href="mailto:info@desleutel.nl?subject=Gastvrouw%20of%20gastheer"' in body
        assert "data-map" in body

    def test_filled_vacancy_says_so_and_has_no_reply_button(self, initiative):
        vacancy = VacancyPageFactory(parent=initiative, status=VacancyStatus.FILLED)
        body = html(self.client_get(vacancy.url))
        assert "Deze plek is al vervuld" in body
        assert "?subject=" not in body

    def test_vacancy_from_home_has_no_map(self, initiative):
        vacancy = VacancyPageFactory(parent=initiative, from_home=True, location=None)
        body = html(self.client_get(vacancy.url))
        assert "vanuit huis" in body
        assert "data-map" not in body

    def test_initiative_index_paginates(self, index):
        for i in range(3):
            InitiativePageFactory(parent=index, title=f"Initiatief {i}")
        body = html(self.client_get(index.url + "?pagina=99"))
        assert "3 initiatieven" in body and "Initiatief 2" in body

    @pytest.fixture(autouse=True)
    def _client(self, client):
        self.client_get = client.get


def write_index() -> None:
    """The lists read the search index, written after commit: nothing commits
    in a test, so the outbox is written out now, as after a real commit."""
    process_outbox()


class IndexingClient:
    """A test client that writes the search index before each request."""

    def __init__(self, client):
        self._client = client

    def get(self, *args, **kwargs):
        write_index()
        return self._client.get(*args, **kwargs)


class TestLists:
    @pytest.fixture
    def client(self, client):
        return IndexingClient(client)

    @pytest.fixture
    def listings(self, initiative):
        dordrecht = MunicipalityFactory(
            name="Dordrecht", slug="dordrecht", code="GM0505", boundary=square(4.69, 51.81, 0.05)
        )
        utrecht = MunicipalityFactory(
            name="Utrecht", slug="utrecht", code="GM0344", boundary=square(5.12, 52.09, 0.05)
        )
        walking = ThemeFactory(name="Bewegen", slug="bewegen")
        near = ActivityPageFactory(
            parent=initiative, title="Wandelen bij de Biesbosch", location=NEARBY
        )
        near.themes.set([walking])
        near.save()
        far = ActivityPageFactory(parent=initiative, title="Taalcafé Utrecht", location=FAR_AWAY)
        return {"near": near, "far": far, "dordrecht": dordrecht, "utrecht": utrecht}

    def test_each_list_renders_with_initiative_and_place(self, client, initiative):
        ActivityPageFactory(parent=initiative, title="Koffieochtend")
        MeetingPlacePageFactory(parent=initiative, title="Huiskamer")
        VacancyPageFactory(parent=initiative, title="Kok gezocht")
        VacancyPageFactory(parent=initiative, title="Al vervuld", status=VacancyStatus.FILLED)
        for url, title in (
            (ACTIVITIES, "Koffieochtend"),
            (PLACES, "Huiskamer"),
            (VACANCIES, "Kok gezocht"),
        ):
            body = html(client.get(url))
            assert title in body
            assert f'href="{initiative.url}">Buurthuis De Sleutel</a>' in body
            assert 'id="kaart-punten"' in body
        assert "Al vervuld" not in html(client.get(VACANCIES))

    def test_filter_by_theme(self, client, listings):
        body = html(client.get(ACTIVITIES, {"thema": "bewegen"}))
        assert "Wandelen bij de Biesbosch" in body
        assert "Taalcafé Utrecht" not in body

    def test_filter_by_municipality(self, client, listings):
        body = html(client.get(ACTIVITIES, {"gemeente": "utrecht"}))
        assert "Taalcafé Utrecht" in body
        assert "Wandelen bij de Biesbosch" not in body

    def test_filter_by_postcode_shows_distance(self, client, listings, centroids):
        body = html(client.get(ACTIVITIES, {"postcode": "3311 ab", "km": "5"}))
        assert "Wandelen bij de Biesbosch" in body
        assert "Taalcafé Utrecht" not in body
        assert re.search(r"1,1 km", body)
        assert "binnen 5 km van 3311 Dordrecht" in body

    def test_nearest_first(self, client, initiative, centroids):
        ActivityPageFactory(
            parent=initiative, title="Verder weg", location=Point(4.6901, 51.8433, srid=4326)
        )
        ActivityPageFactory(parent=initiative, title="Dichtbij", location=NEARBY)
        body = html(client.get(ACTIVITIES, {"postcode": "3311", "km": "10"}))
        assert body.index("Dichtbij") < body.index("Verder weg")

    @pytest.mark.parametrize("url", [ACTIVITIES, PLACES, VACANCIES])
    def test_unknown_postcode_is_a_dutch_error_and_kept(self, client, url, centroids):
        body = html(client.get(url, {"postcode": "9999 ZZ"}))
        assert NOT_FOUND in body
        assert 'value="9999 ZZ"' in body
        assert 'aria-invalid="true"' in body
        assert 'aria-describedby="id_postcode_fout"' in body

    def test_malformed_postcode_is_a_dutch_error_and_kept(self, client, listings):
        # The field takes a town too, so the malformed postcode has digits.
        body = html(client.get(ACTIVITIES, {"postcode": "33 17 X", "thema": "bewegen"}))
        assert INVALID in body
        assert 'value="33 17 X"' in body
        assert '<option value="bewegen" selected>' in body

    def test_page_out_of_range_shows_the_last_page(self, client, initiative):
        ActivityPageFactory(parent=initiative, title="Enige activiteit")
        for page in ("99", "nul", "-1"):
            body = html(client.get(ACTIVITIES, {"pagina": page}))
            assert "Enige activiteit" in body

    def test_pagination_keeps_the_filters(self, client, initiative):
        theme = ThemeFactory(name="Bewegen", slug="bewegen")
        for i in range(21):
            activity = ActivityPageFactory(parent=initiative, title=f"Wandeling {i:02d}")
            activity.themes.set([theme])
            activity.save()
        body = html(client.get(ACTIVITIES, {"thema": "bewegen"}))
        assert 'href="?thema=bewegen&amp;pagina=2"' in body
        body = html(client.get(ACTIVITIES, {"thema": "bewegen", "pagina": "2"}))
        assert "Wandeling 20" in body and "Wandeling 00" not in body

    def test_empty_state(self, client, index):
        body = html(client.get(VACANCIES))
        assert "We hebben niets gevonden" in body


@pytest.mark.parametrize(
    "params",
    [
        {"postcode": "3311", "km": "5", "thema": "ontmoeten"},  # nearest first
        {"thema": "ontmoeten"},  # title order, from the search index
        {},
    ],
)
@pytest.mark.parametrize(
    ("url", "make"),
    [
        (ACTIVITIES, ActivityPageFactory),
        (PLACES, MeetingPlacePageFactory),
        (VACANCIES, VacancyPageFactory),
    ],
)
def test_list_queries_do_not_grow_with_the_listings(
    client, initiative, centroids, django_assert_max_num_queries, url, make, params
):
    theme = ThemeFactory(name="Ontmoeten", slug="ontmoeten")

    def add(count):
        for _ in range(count):
            listing = make(parent=initiative)
            listing.themes.set([theme])
            listing.save()
            if isinstance(listing, MeetingPlacePageFactory._meta.model):
                OpeningHours.objects.create(
                    page=listing, weekday=0, opens=dt.time(9), closes=dt.time(17)
                )

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, params).status_code == 200
        return len(queries)

    add(3)
    write_index()
    client.get(url, params)  # warm the site and content type caches
    few = count_queries()
    add(12)
    write_index()
    # Geocode, form lookups and choices, count and ids (the search index),
    # the shown pages, one prefetch.
    with django_assert_max_num_queries(11):
        assert "15 resultaten" in client.get(url, params).content.decode()
    assert count_queries() == few, few


class TestHome:
    # The agenda reads the search index, written after commit: the callbacks
    # run at the end of each ``with``, as after a real commit.
    def test_shows_todays_activity(
        self, client, home, initiative, django_capture_on_commit_callbacks
    ):
        today = timezone.localdate()
        with django_capture_on_commit_callbacks(execute=True):
            # 23:00 until 01:00 has not ended at any moment of today.
            ActivityPageFactory(
                parent=initiative,
                title="Nachtcafé",
                starts_on=today,
                start_time=dt.time(23, 0),
                end_time=dt.time(1, 0),
                recurrence=Recurrence.ONCE,
            )
            ActivityPageFactory(
                parent=initiative,
                title="Volgende week",
                starts_on=today + dt.timedelta(days=10),
                recurrence=Recurrence.ONCE,
            )
        response = client.get(home.url)
        body = html(response)
        assert [a.title for _, a in response.context["today"]] == ["Nachtcafé"]
        today_section = body[body.index('id="vandaag-titel"') : body.index('id="week-titel"')]
        assert "Nachtcafé" in today_section and "23:00–01:00" in today_section
        assert "Volgende week" not in body

    def test_themes_and_list_links(self, client, home):
        ThemeFactory(name="Mantelzorg", slug="mantelzorg")
        body = html(client.get(home.url))
        # A theme is a button of the one search form, so it carries the place typed.
        assert 'form="home-zoeken" name="thema" value="mantelzorg"' in body
        for url in (ACTIVITIES, PLACES, VACANCIES):
            assert f'href="{url}"' in body

    def test_postcode_error_in_dutch(self, client, home, centroids):
        body = html(client.get(home.url, {"postcode": "12"}))
        assert INVALID in body
        assert 'value="12"' in body

    def test_near_a_postcode(
        self, client, home, initiative, centroids, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            ActivityPageFactory(
                parent=initiative,
                title="Buurtsoep",
                starts_on=timezone.localdate() + dt.timedelta(days=2),
                recurrence=Recurrence.ONCE,
                location=NEARBY,
            )
        body = html(client.get(home.url, {"postcode": "3311", "km": "3"}))
        assert "3311 Dordrecht" in body
        assert "Buurtsoep" in body and "1,1 km" in body


@pytest.mark.django_db
def test_half_hours_keep_their_comma(index):
    from tests.factories import InitiativePageFactory

    initiative = InitiativePageFactory(parent=index)
    vacancy = VacancyPageFactory(parent=initiative, hours_per_week=Decimal("2.5"))
    vacancy.refresh_from_db()
    assert vacancy.time_summary() == "2,5 uur per week"


@pytest.mark.django_db
def test_page_number_alone_is_not_a_filter(client, index):
    response = client.get("/activiteiten/", {"pagina": "2"})
    assert response.status_code == 200
    assert not response.context["form"].is_bound


def test_an_activity_page_reads_its_exceptions_and_initiative_once(client, index):
    """The page shows the schedule three times (when, next dates, JSON-LD)
    and names its initiative twice (the link, JSON-LD's organizer)."""
    initiative = InitiativePageFactory(parent=index, title="Buurthuis De Hoek")
    activity = ActivityPageFactory(parent=initiative, title="Koffieochtend")
    for days in (7, 14):
        ActivityException.objects.create(
            page=activity, date=activity.starts_on + dt.timedelta(days)
        )
    client.get(activity.url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(activity.url)
    assert response.status_code == 200 and "Buurthuis De Hoek" in response.text
    sql = [q["sql"] for q in queries]
    assert sum('FROM "initiatives_activityexception"' in s for s in sql) == 1
    # Wagtail's routing reads the initiative (its specific row) on the way
    # down; the page's link and its JSON-LD use that one.
    assert sum('FROM "initiatives_initiativepage"' in s for s in sql) == 1
