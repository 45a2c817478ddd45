"""Shared data and settings for the fuzz tests (hypothesis and schemathesis).

Budgets are fixed and the example order is derandomised, so a run in CI
tries the same inputs as a run on a laptop; a failure prints the input that
caused it, and hypothesis shrinks it to a small one first."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, settings

from initiatives.models import PostcodeCentroid
from tests.factories import (
    DORDRECHT,
    ActivityPageFactory,
    InitiativePageFactory,
    MeetingPlacePageFactory,
    NeighbourhoodFactory,
    SkillFactory,
    ThemeFactory,
    VacancyPageFactory,
)

# One example = one request through the whole Django stack (and a database
# round trip or more), so the budgets are small. For a longer hunt:
# FUZZ_EXAMPLES=500 FUZZ_PER_FIELD=50 FUZZ_API_EXAMPLES=1000 .venv/bin/pytest tests/fuzz
settings.register_profile(
    "fuzz",
    derandomize=True,
    deadline=None,
    database=None,  # no example database: every run is the same
    print_blob=True,
    # The db fixture is function-scoped: every example of a test shares it.
    # That is what we want here; the form tests check the database themselves.
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)


@pytest.fixture
def listings(index):
    """A few live listings of every kind, a theme, a skill, a neighbourhood and a
    postcode, so searches and filters find something."""
    theme = ThemeFactory(name="Eenzaamheid", slug="eenzaamheid")
    SkillFactory(name="Koken", slug="koken")
    wijk = NeighbourhoodFactory(name="Wielwijk", slug="wielwijk")
    PostcodeCentroid.objects.create(postcode="3317", point=DORDRECHT, town="Dordrecht")
    PostcodeCentroid.objects.create(postcode="3317 AB", point=DORDRECHT, town="Dordrecht")
    initiative = InitiativePageFactory(
        parent=index, title="Buurthuis De Sleutel", postcode="3317 AB"
    )
    activity = ActivityPageFactory(
        parent=initiative,
        title="Koffieochtend",
        starts_on=dt.date.today(),
        is_free=True,
    )
    activity.themes.set([theme])
    activity.save()
    MeetingPlacePageFactory(parent=initiative, title="Huiskamer van de wijk")
    vacancy = VacancyPageFactory(parent=initiative, title="Gastvrouw of gastheer")
    return {"initiative": initiative, "activity": activity, "vacancy": vacancy, "wijk": wijk}
