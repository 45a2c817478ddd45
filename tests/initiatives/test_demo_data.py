"""``manage.py load_demo_data``: a believable sociale kaart that loads the same
way twice, and fast synthetic listings for benchmarks."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import override_settings
from django.utils.html import escape
from wagtail.models import Page, Site

from initiatives.demo.places import MUNICIPALITIES, WIJKEN
from initiatives.geocoding import geocode_postcode
from initiatives.management.commands.load_demo_data import is_production_settings
from initiatives.models import (
    ActivityException,
    ActivityPage,
    HomePage,
    InitiativeIndexPage,
    InitiativePage,
    MeetingPlacePage,
    Municipality,
    Neighbourhood,
    OpeningHours,
    PostcodeCentroid,
    Skill,
    TargetGroup,
    Theme,
    VacancyPage,
)
from organisation.demo import DEMO_VALUES
from organisation.models import OrganisationSettings

LISTINGS = [InitiativePage, ActivityPage, MeetingPlacePage, VacancyPage]
MINIMUM = {InitiativePage: 50, ActivityPage: 200, MeetingPlacePage: 60, VacancyPage: 150}
COUNTED = [
    Municipality,
    Neighbourhood,
    PostcodeCentroid,
    Theme,
    TargetGroup,
    Skill,
    OpeningHours,
    ActivityException,
    *LISTINGS,
]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


def load(**options) -> str:
    out = io.StringIO()
    call_command("load_demo_data", stdout=out, **options)
    return out.getvalue()


def _ensure_site_structure():
    """The pages the site-structure migration makes (a test that flushed the
    database may have removed them)."""
    if InitiativeIndexPage.objects.exists():
        return
    home = HomePage.objects.first()
    if home is None:
        home = Page.get_first_root_node().add_child(instance=HomePage(title="Meedoen", slug="home"))
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": home},
        )
    home.add_child(instance=InitiativeIndexPage(title="Initiatieven", slug="initiatieven"))


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once for this module (it takes ~20 s), inside a
    transaction that is rolled back afterwards; every test runs in a savepoint."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            _ensure_site_structure()
            output = load()
            yield output
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _sql(query: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchall()


@pytest.mark.django_db
def test_demo_has_the_required_counts(demo):
    for model, minimum in MINIMUM.items():
        assert model.objects.live().count() >= minimum, model.__name__
    assert Municipality.objects.count() >= len(MUNICIPALITIES)
    assert Neighbourhood.objects.filter(code__in=WIJKEN).count() == len(WIJKEN)
    assert set(Municipality.objects.values_list("code", flat=True)) >= {
        "GM0505",
        "GM0451",
        "GM0402",
        "GM0406",
        "GM1942",
        "GM0417",
        "GM0376",
        "GM0317",
        "GM1696",
        "GM0534",
        "GM0553",
        "GM1525",
        "GM0575",
    }
    assert Theme.objects.filter(slug="mantelzorg").exists()
    assert "initiatieven" in demo


@pytest.mark.django_db
def test_loading_twice_changes_nothing(demo):
    before = counts()
    ids = sorted(Page.objects.values_list("id", flat=True))
    output = load()
    assert counts() == before
    assert sorted(Page.objects.values_list("id", flat=True)) == ids
    assert "al geladen" in output


@pytest.mark.django_db
def test_demo_fills_the_organisation_settings(demo):
    """The contact, colofon, privacy and accessibility pages have something to
    show in a demo (organisation/demo.py)."""
    org = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    assert org.name == DEMO_VALUES["name"]
    assert org.dpo_email and org.accessibility_status


@pytest.mark.django_db
def test_wijken_do_not_overlap_and_make_up_their_municipality(demo):
    overlapping = _sql(
        """
        SELECT a.code, b.code FROM initiatives_neighbourhood AS a
        JOIN initiatives_neighbourhood AS b
          ON a.id < b.id AND ST_Relate(a.boundary, b.boundary, '2********')
        """
    )
    assert overlapping == []
    dordrecht = Municipality.objects.get(code="GM0505")
    wielwijk = Neighbourhood.objects.get(code="WK050506")
    assert wielwijk.municipality == dordrecht
    assert dordrecht.boundary.covers(wielwijk.boundary.point_on_surface)


@pytest.mark.django_db
def test_every_listing_lies_in_its_wijk_and_municipality(demo):
    for model in LISTINGS:
        table = model._meta.db_table
        rows = model.objects.all()
        if model is VacancyPage:
            assert rows.filter(from_home=True, location__isnull=True).exists()
            rows = rows.filter(from_home=False)
        assert not rows.filter(neighbourhood__isnull=True).exists(), model.__name__
        assert not rows.filter(municipality__isnull=True).exists(), model.__name__
        outside = _sql(
            f"""
            SELECT t.page_ptr_id FROM {table} AS t
            JOIN initiatives_municipality AS m ON m.id = t.municipality_id
            JOIN initiatives_neighbourhood AS n ON n.id = t.neighbourhood_id
            WHERE NOT ST_Covers(m.boundary, t.location::geometry)
               OR NOT ST_Covers(n.boundary, t.location::geometry)
               OR n.municipality_id <> m.id
            """
        )
        assert outside == [], model.__name__


@pytest.mark.django_db
def test_demo_postcodes_geocode_to_the_listing(demo):
    listings = [
        p
        for model in LISTINGS
        for p in model.objects.exclude(postcode="").only("postcode", "location")
    ]
    assert len(listings) > 400
    for page in listings:
        result = geocode_postcode(page.postcode)
        assert result.postcode == page.postcode  # a PC6 hit, not the PC4 fallback
        assert len(page.postcode) == 7 and page.postcode[4] == " "
        assert abs(result.point.x - page.location.x) < 1e-4
        assert abs(result.point.y - page.location.y) < 1e-4


@pytest.mark.django_db
def test_demo_content_is_varied(demo):
    activities = ActivityPage.objects.all()
    assert set(activities.values_list("recurrence", flat=True)) == {
        "once",
        "weekly",
        "biweekly",
        "monthly",
    }
    assert activities.filter(is_free=False, cost__isnull=False).exclude(cost_note="").exists()
    assert activities.filter(meeting_place__isnull=False).count() >= 40
    assert (
        ActivityException.objects.filter(reason="Koningsdag").exists()
        or ActivityException.objects.filter(reason__icontains="kerstdag").exists()
    )
    two_slots_a_day = _sql(
        """SELECT page_id FROM initiatives_openinghours GROUP BY page_id, weekday
           HAVING count(*) > 1 LIMIT 1"""
    )
    assert two_slots_a_day
    assert OpeningHours.objects.filter(opens__gte="18:00").exists()
    vacancies = VacancyPage.objects.all()
    assert vacancies.filter(vog_required=True).exists()
    assert vacancies.filter(status="filled").exists()
    assert vacancies.filter(status="open").count() > vacancies.count() * 0.8
    titles = set(InitiativePage.objects.values_list("title", flat=True))
    assert {"Buurthuis Wielwijk", "Repair Café Uithoorn", "Taalhuis Noordwijk"} <= titles


def _tree_problems() -> list[tuple]:
    """Pages whose depth, parent, url_path or numchild do not fit the tree
    (treebeard's find_problems does the same but takes seconds)."""
    return _sql(
        """
        WITH children AS (
            SELECT substr(path, 1, length(path) - 4) AS parent, count(*) AS n
            FROM wagtailcore_page WHERE depth > 1 GROUP BY 1
        )
        SELECT p.id, 'numchild' FROM wagtailcore_page AS p
        LEFT JOIN children AS c ON c.parent = p.path
        WHERE p.numchild <> coalesce(c.n, 0)
        UNION ALL
        SELECT p.id, 'depth' FROM wagtailcore_page AS p WHERE length(p.path) <> 4 * p.depth
        UNION ALL
        SELECT c.id, 'parent' FROM wagtailcore_page AS c
        LEFT JOIN wagtailcore_page AS p ON p.path = substr(c.path, 1, length(c.path) - 4)
        WHERE c.depth > 1 AND (p.id IS NULL OR (c.depth > 2
              AND c.url_path <> p.url_path || c.slug || '/'))
        """
    )


def _listing_total() -> int:
    return sum(model.objects.count() for model in LISTINGS)


@pytest.mark.django_db
def test_synthetic_listings(demo, client):
    before = _listing_total()
    last_id = Page.objects.order_by("-id").values_list("id", flat=True).first()

    output = load(synthetic=2000)

    assert _listing_total() == before + 2000
    assert "rijen/s" in output
    new = Page.objects.filter(id__gt=last_id)
    assert new.count() == 2000
    assert not new.filter(live=False).exists()
    for model in LISTINGS:
        rows = model.objects.filter(id__gt=last_id).exclude(location__isnull=True)
        assert rows.exists(), model.__name__
        assert not rows.filter(neighbourhood__isnull=True).exists(), model.__name__
        page = rows.order_by("id").first()
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert escape(page.title) in response.content.decode()
    assert _tree_problems() == []
    duplicates = _sql(
        """SELECT substr(path, 1, length(path) - 4), slug FROM wagtailcore_page
           GROUP BY 1, 2 HAVING count(*) > 1"""
    )
    assert duplicates == []
    assert MeetingPlacePage.objects.filter(id__gt=last_id, opening_hours__isnull=False).exists()
    assert ActivityPage.objects.filter(id__gt=last_id, themes__isnull=False).exists()

    load(synthetic=500)
    assert _listing_total() == before + 2500
    assert _tree_problems() == []


def test_recognises_production_settings():
    assert not is_production_settings()  # the test settings
    with override_settings(SETTINGS_MODULE="marketplace.settings.production", DEBUG=False):
        assert is_production_settings()
    with override_settings(SETTINGS_MODULE="marketplace.settings.dev", DEBUG=True):
        assert not is_production_settings()
    with override_settings(SETTINGS_MODULE="marketplace.settings.dev", DEBUG=False):
        assert is_production_settings()


@pytest.mark.django_db
def test_refuses_production_settings_without_force(demo):
    before = counts()
    with override_settings(SETTINGS_MODULE="marketplace.settings.production", DEBUG=False):
        with pytest.raises(CommandError, match="--force"):
            load()
        assert "al geladen" in load(force=True)
    assert counts() == before


@pytest.mark.django_db
def test_demo_accounts_can_try_every_flow(demo, client, settings, tmp_path):
    from allauth.account.models import EmailAddress

    from helprequests.models import HelpRequest
    from initiatives.models import InitiativeMember
    from volunteers.models import VolunteerProfile

    settings.BASE_DIR = tmp_path  # the logins are written below BASE_DIR/.local
    settings.SETTINGS_MODULE = "marketplace.settings.test"  # lost by the override
    call_command("ensure_admin", stdout=io.StringIO())
    out = io.StringIO()
    for _ in range(2):  # safe to run again
        call_command("ensure_demo_users", stdout=out)
    password = (tmp_path / ".local" / "demo-login.txt").read_text().strip()
    assert password in out.getvalue()
    profile = VolunteerProfile.objects.get(user__email="vrijwilliger@meedoen.local")
    assert profile.location is not None and profile.themes.count() == 2
    assert InitiativeMember.objects.filter(user__email="initiatief@meedoen.local").count() == 1
    assert (
        HelpRequest.objects.published().filter(requester__email="bewoner@meedoen.local").count()
        == 1
    )
    assert EmailAddress.objects.filter(email="admin@meedoen.local", verified=True).exists()
    response = client.post(
        "/account/login/", {"login": "vrijwilliger@meedoen.local", "password": password}
    )
    assert response.status_code == 302
    page = client.get("/voor-jou/")
    assert page.status_code == 200 and "vrijwilliger@meedoen.local" in page.content.decode()
