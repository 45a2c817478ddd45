""" "Voor jou" ranks plain columns and loads only the page it shows; these
tests hold it to the ranking it had when every candidate was loaded and
scored as a model (tests/volunteers/old_matching.py, the code as it was).

The candidate limits are lowered so that a few dozen factory listings go past
them: more located vacancies and help requests than ``CANDIDATES_NEAR``, more
from-home vacancies than ``CANDIDATES_FROM_HOME``. Distances repeat (ties on
score and distance, decided by the name), some listings lie past the
radius, and vacancies and help requests tie with each other."""

import datetime as dt
import random

import pytest
from django.contrib.gis.geos import Point
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.pagination import paginate
from helprequests.models import HelpRequest, HelpRequestStatus
from initiatives.choices import VacancyStatus
from initiatives.models import VacancyPage
from tests.factories import (
    HelpOfferFactory,
    HelpRequestFactory,
    InitiativePageFactory,
    ResponseFactory,
    SkillFactory,
    ThemeFactory,
    VacancyPageFactory,
    VolunteerProfileFactory,
)
from tests.volunteers import old_matching
from volunteers import matching, services
from volunteers.models import ResponseStatus

HOME = Point(4.6901, 51.8133, srid=4326)
# Few distances, so that many listings share one: ties on the score and the
# distance. 5.2 and 7 lie past the radius of 5 km.
DISTANCES = [0.5, 1.0, 1.0, 2.0, 2.5, 2.5, 3.0, 4.0, 4.9, 5.2, 7.0]
# Titles whose order differs between code points and a collation.
WORDS = ["appel", "Zeilen", "Écht", "boot", "Boodschappen", "koffie"]
EPOCH = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def north(km: float) -> Point:
    return Point(HOME.x, HOME.y + km / 111.2, srid=4326)


@pytest.fixture
def small_limits(monkeypatch):
    monkeypatch.setattr(matching, "CANDIDATES_NEAR", 12)
    monkeypatch.setattr(matching, "CANDIDATES_FROM_HOME", 4)
    # The pool holds every from-home vacancy here, as the old ranking did
    # (its walk reaches the end; the walk's own rule has its own test).
    monkeypatch.setattr(matching, "FROM_HOME_STEP", 100)
    monkeypatch.setattr(matching, "FROM_HOME_POOL", 100)


@pytest.fixture
def taxonomy(db):
    themes = [
        ThemeFactory(name="mantelzorg", slug="mantelzorg"),
        ThemeFactory(name="vervoer", slug="vervoer"),
        ThemeFactory(name="jeugd", slug="jeugd"),
        ThemeFactory(name="cultuur", slug="cultuur"),
    ]
    skills = [SkillFactory(name=name, slug=name) for name in ("koken", "rijbewijs", "taal")]
    return themes, skills


def make_world(index, taxonomy, *, seed=15, vacancies=40, help_requests=20):
    """Vacancies and help requests with seeded, varied features. Returns the
    volunteer whose "Voor jou" is compared."""
    themes, skills = taxonomy
    rng = random.Random(seed)
    initiative = InitiativePageFactory(parent=index, title=f"Buurthuis {seed}")
    profile = VolunteerProfileFactory(
        location=HOME, travel_km=5, availability=["tue-afternoon", "sat-morning"]
    )
    profile.themes.set(themes[:2])
    profile.skills.set(skills[:2])

    for i in range(vacancies):
        from_home = i % 4 == 0
        fields = {
            "title": f"{rng.choice(WORDS)} {i:02d}",
            "location": north(rng.choice(DISTANCES)),
            "from_home": from_home,
            "days": rng.choice([[], [], [1], [1, 5], [3]]),
            "parts_of_day": rng.choice([[], ["afternoon"], ["morning"], ["evening"]]),
            "vog_required": rng.random() < 0.3,
        }
        if from_home:
            # Newest first among them, with ties and never-published ones.
            published = rng.choice([None, EPOCH, EPOCH + dt.timedelta(days=rng.randint(1, 3))])
            fields["first_published_at"] = published
        page = VacancyPageFactory(parent=initiative, **fields)
        page.themes.set(rng.sample(themes, rng.randint(0, 3)))
        page.skills.set(rng.sample(skills, rng.randint(0, 2)))
        page.save()

    # What is never a candidate, near enough to be one otherwise.
    closed = {"status": VacancyStatus.FILLED}, {"ends_on": dt.date(2020, 1, 1)}
    for i, fields in enumerate(closed):
        VacancyPageFactory(parent=initiative, title=f"Dicht {i}", location=north(0.2), **fields)
    responded = VacancyPageFactory(parent=initiative, title="Gereageerd", location=north(0.2))
    ResponseFactory(vacancy=responded, volunteer=profile.user)
    full = VacancyPageFactory(parent=initiative, title="Vol", location=north(0.2))
    ResponseFactory(vacancy=full, status=ResponseStatus.MATCHED)

    # A vacancy and a help request that tie on score and distance: the same
    # point, one shared theme (respite counts as mantelzorg), flexible.
    tie = north(1.5)
    page = VacancyPageFactory(parent=initiative, title="Even vrij", location=tie)
    page.themes.set([themes[0]])
    page.save()
    HelpRequestFactory(title="Even vrij", kind="respite", public_location=tie)

    kinds = ["groceries", "transport", "company", "respite", "other"]
    for i in range(help_requests):
        HelpRequestFactory(
            title=f"{rng.choice(WORDS)} {i:02d}",
            kind=rng.choice(kinds),
            public_location=north(rng.choice(DISTANCES)),
        )
    HelpRequestFactory(title="Eigen", requester=profile.user, public_location=north(0.2))
    offered = HelpRequestFactory(title="Aangeboden", public_location=north(0.2))
    HelpOfferFactory(help_request=offered, volunteer=profile.user)
    HelpRequestFactory(
        title="Wacht", status=HelpRequestStatus.PENDING, published_at=None, public_location=HOME
    )
    return profile


def fresh(profile):
    """The profile as the view reads it (themes and skills prefetched)."""
    return type(profile).objects.prefetch_related("themes", "skills").get(pk=profile.pk)


def summary(matches):
    return [(m.kind, m.object.pk, m.score, m.reasons, m.warnings, m.distance_km) for m in matches]


@pytest.mark.django_db
def test_for_you_ranks_as_the_loaded_models_did(index, taxonomy, small_limits):
    profile = fresh(make_world(index, taxonomy))

    new = matching.for_you_matches(profile)
    old = old_matching.for_you_matches(profile)

    assert summary(new) == summary(old)
    # The data went past every limit, so the comparison covers them.
    kinds = [m.kind for m in old]
    located = [m for m in old if m.kind == matching.VACANCY and m.distance_km is not None]
    from_home = [m for m in old if m.kind == matching.VACANCY and m.distance_km is None]
    assert len(from_home) == matching.CANDIDATES_FROM_HOME
    assert VacancyPage.objects.filter(from_home=True).count() > len(from_home)
    assert VacancyPage.objects.filter(from_home=False).count() > matching.CANDIDATES_NEAR
    assert len(located) == matching.CANDIDATES_NEAR  # more were in reach
    assert kinds.count(matching.HELP_REQUEST) > 0
    # Ties on score and distance were there to be decided.
    keys = [(m.score, m.distance_km) for m in old]
    assert len(set(keys)) < len(keys)
    tie = [m.kind for m in old if m.object.title == "Even vrij"]
    assert tie == [matching.VACANCY, matching.HELP_REQUEST]


@pytest.mark.django_db
def test_every_page_is_the_same_page(index, taxonomy, small_limits):
    profile = fresh(make_world(index, taxonomy))
    new, old = matching.for_you_matches(profile), old_matching.for_you_matches(profile)
    pages = paginate(old, 1, per_page=5).paginator.num_pages
    assert pages > 3
    for number in range(1, pages + 2):  # one past the end: the last page
        new_page = paginate(new, number, per_page=5)
        old_page = paginate(old, number, per_page=5)
        assert new_page.number == old_page.number
        assert summary(new_page.object_list) == summary(old_page.object_list)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    ["no themes or skills", "far", "close", "no location", "has a VOG", "every day"],
)
def test_other_volunteers_rank_the_same(index, taxonomy, small_limits, change):
    profile = make_world(index, taxonomy, seed=len(change))
    if change == "no themes or skills":
        profile.themes.set([])
        profile.skills.set([])
    elif change == "far":
        profile.travel_km = 25
    elif change == "close":  # the radius, not the number, cuts the nearest
        profile.travel_km = 2
    elif change == "no location":
        services.profile_set_location(profile=profile, point=None)
    elif change == "has a VOG":
        profile.has_vog = True
    else:
        days, parts = ("mon", "tue", "wed"), ("morning", "afternoon", "evening")
        profile.availability = [f"{day}-{part}" for day in days for part in parts]
    profile.save()
    profile = fresh(profile)
    assert summary(matching.for_you_matches(profile)) == summary(
        old_matching.for_you_matches(profile)
    )


@pytest.mark.django_db
def test_vacancies_only_and_the_digest_rank_the_same(index, taxonomy, small_limits):
    profile = fresh(make_world(index, taxonomy))
    assert summary(matching.matches_for(profile)) == summary(old_matching.matches_for(profile))
    assert summary(matching.help_request_matches_for(profile)) == summary(
        old_matching.help_request_matches_for(profile)
    )
    since = VacancyPage.objects.filter(first_published_at__gt=EPOCH)
    assert summary(matching.matches_for(profile, vacancies=since)) == summary(
        old_matching.matches_for(profile, vacancies=since)
    )
    digest = matching.digest_matches(profile)
    assert summary(digest) == summary(old_matching.matches_for(profile)[: matching.DIGEST_MAX])


@pytest.fixture
def from_home(index, taxonomy):
    """Six open from-home vacancies, Thuis 0 (lowest id) to Thuis 5; 0, 1 and
    3 share the volunteer's theme; the older the id, the later it was
    published (as a draft published long after it was made would be)."""
    themes, _ = taxonomy
    initiative = InitiativePageFactory(parent=index)
    for i, shares in enumerate([True, True, False, True, False, False]):
        page = VacancyPageFactory(
            parent=initiative,
            title=f"Thuis {i}",
            from_home=True,
            first_published_at=EPOCH + dt.timedelta(days=10 - i),
        )
        if shares:
            page.themes.set([themes[0]])
            page.save()
    VacancyPageFactory(parent=initiative, from_home=True, status=VacancyStatus.CLOSED)
    profile = VolunteerProfileFactory(location=None)
    profile.themes.set([themes[0]])
    return fresh(profile)


def from_home_titles(profile) -> list[str]:
    return [m.object.title for m in matching.matches_for(profile)]


@pytest.mark.django_db
def test_from_home_pool_stops_at_its_size(from_home, monkeypatch):
    """Past ``FROM_HOME_POOL`` from-home vacancies the older ones are not
    candidates, even when they share a theme: choosing among every one would
    read them all."""
    monkeypatch.setattr(matching, "CANDIDATES_FROM_HOME", 2)
    monkeypatch.setattr(matching, "FROM_HOME_STEP", 2)
    monkeypatch.setattr(matching, "FROM_HOME_POOL", 4)

    # The pool: Thuis 5, 4, 3, 2 (two steps, then full); the one sharing a
    # theme first, then the newest published other one.
    assert from_home_titles(from_home) == ["Thuis 3", "Thuis 2"]


@pytest.mark.django_db
def test_from_home_pool_stops_once_enough_share_a_theme(from_home, monkeypatch):
    monkeypatch.setattr(matching, "CANDIDATES_FROM_HOME", 1)
    monkeypatch.setattr(matching, "FROM_HOME_STEP", 2)
    monkeypatch.setattr(matching, "FROM_HOME_POOL", 100)

    # The second step (Thuis 3, 2) holds one that shares a theme: enough. Thuis
    # 0 also shares one and was published later, but lies past the walk; the
    # old ranking, reading every one, chose it.
    assert from_home_titles(from_home) == ["Thuis 3"]
    assert [m.object.title for m in old_matching.matches_for(from_home)] == ["Thuis 0"]

    # Read to the end (a step larger than the table), the walk agrees.
    monkeypatch.setattr(matching, "FROM_HOME_STEP", 100)
    assert from_home_titles(from_home) == ["Thuis 0"]


@pytest.fixture
def built(monkeypatch):
    """Counts the vacancy and help request models built from query rows."""
    counts = {VacancyPage: 0, HelpRequest: 0}
    for model in counts:
        original = model.from_db.__func__

        def from_db(cls, *args, _original=original, **kwargs):
            counts[cls] += 1
            return _original(cls, *args, **kwargs)

        monkeypatch.setattr(model, "from_db", classmethod(from_db))
    return counts


@pytest.mark.django_db
def test_only_the_shown_page_is_loaded(client, index, taxonomy, small_limits, built):
    """The page shows 20 and builds 20 models, whatever the number of
    candidates; the old ranking built one for every candidate."""
    profile = fresh(make_world(index, taxonomy))
    built.update(dict.fromkeys(built, 0))  # making the world built some
    ranked = matching.for_you_matches(profile)
    assert len(ranked) > 20
    assert built == {VacancyPage: 0, HelpRequest: 0}  # ranked, nothing built yet

    client.force_login(profile.user)
    response = client.get("/voor-jou/")

    assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == 20
    assert built[VacancyPage] + built[HelpRequest] == 20


@pytest.mark.django_db
def test_a_page_costs_the_same_queries_at_any_size(client, index, taxonomy, small_limits):
    def queries_for_page(profile) -> int:
        client.force_login(profile.user)
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/voor-jou/")
        assert response.status_code == 200
        return len(captured)

    small = make_world(index, taxonomy, seed=1, vacancies=4, help_requests=2)
    queries_for_page(small)  # the first request also fills caches (the site's root paths)
    small_queries = queries_for_page(small)
    big = make_world(index, taxonomy, seed=2, vacancies=40, help_requests=20)
    assert queries_for_page(big) == small_queries
