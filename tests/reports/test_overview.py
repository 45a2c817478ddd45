"""The municipality's overview per wijk and per theme in the Wagtail admin."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from helprequests.models import HelpKind, HelpRequestStatus
from initiatives.models import Neighbourhood
from reports.overview import overview_by_theme, overview_by_wijk, theme_totals
from tests.factories import (
    ActivityPageFactory,
    HelpRequestFactory,
    InitiativePageFactory,
    MeetingPlacePageFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    ResponseFactory,
    ThemeFactory,
    UserFactory,
    VacancyPageFactory,
)
from volunteers.models import ResponseStatus

pytestmark = pytest.mark.django_db
URL = "/admin/overzicht/"


@pytest.fixture
def wijken(index):
    town = MunicipalityFactory(name="Dordrecht")
    wielwijk = NeighbourhoodFactory(municipality=town, name="Wielwijk")
    centrum = NeighbourhoodFactory(municipality=town, name="Centrum")
    initiative = InitiativePageFactory(parent=index)
    for page in [
        ActivityPageFactory(parent=initiative),
        ActivityPageFactory(parent=initiative),
        VacancyPageFactory(parent=initiative),
    ]:
        # Skip the geo lookup; a wijk always comes with its gemeente (areas.py).
        type(page).objects.filter(pk=page.pk).update(neighbourhood=wielwijk, municipality=town)
    vacancy = VacancyPageFactory(parent=initiative)
    type(vacancy).objects.filter(pk=vacancy.pk).update(neighbourhood=centrum, municipality=town)
    vacancy.refresh_from_db()
    ResponseFactory(vacancy=vacancy)
    ResponseFactory(vacancy=vacancy, status=ResponseStatus.MATCHED)
    HelpRequestFactory(neighbourhood=centrum, status=HelpRequestStatus.PUBLISHED)
    HelpRequestFactory(neighbourhood=centrum, status=HelpRequestStatus.MATCHED)
    HelpRequestFactory(neighbourhood=centrum, status=HelpRequestStatus.PENDING)  # not counted
    return wielwijk, centrum


def test_counts_per_wijk(wijken):
    rows = {r.name: r.counts for r in overview_by_wijk()}
    assert rows["Wielwijk"]["activities"] == 2 and rows["Wielwijk"]["vacancies"] == 1
    assert (rows["Centrum"]["responses"], rows["Centrum"]["matches"]) == (2, 1)
    assert (rows["Centrum"]["help_open"], rows["Centrum"]["help_answered"]) == (1, 1)
    assert list(rows)[0] == "Wielwijk"  # most listings first


def test_only_moderators_and_staff_see_it(client, wijken):
    client.force_login(UserFactory())
    assert client.get(URL).status_code in (302, 403)
    editor = UserFactory()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get(URL).status_code == 403  # admin access alone is not enough
    editor.user_permissions.add(Permission.objects.get(codename="view_overview"))
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Wielwijk" in html and "overview-bar__value" in html and "Download CSV" in html


def test_csv_export_opens_in_dutch_excel(client, wijken):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(URL, {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["Gemeente", "Wijk", "Initiatieven"]
    wielwijk = next(r for r in rows if r[1] == "Wielwijk")
    assert wielwijk[0] == "Dordrecht" and wielwijk[3] == "2"


def test_filter_by_municipality_and_a_bad_value(client, wijken):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    other = NeighbourhoodFactory(name="Elders")
    assert Neighbourhood.objects.count() == 3 and other
    town = wijken[0].municipality_id
    html = client.get(URL, {"gemeente": town}).content.decode()
    assert '<th scope="row">Wielwijk</th>' in html
    assert '<th scope="row">(geen wijk)</th>' not in html
    assert client.get(URL, {"gemeente": "x"}).status_code == 200


# --- per theme ---
def _place(page, municipality, themes=()):
    """Themes, and a gemeente set directly (not derived from the point)."""
    if themes:
        page.themes.set(themes)
        page.save()
    type(page).objects.filter(pk=page.pk).update(municipality=municipality)
    return page


@pytest.fixture
def themed(index):
    town = MunicipalityFactory(name="Dordrecht")
    other = MunicipalityFactory(name="Zwijndrecht")
    care = ThemeFactory(name="Mantelzorg", slug="mantelzorg")  # HelpKind.RESPITE's theme
    sport = ThemeFactory(name="Sport", slug="sport")
    ThemeFactory(name="Natuur", slug="natuur")  # nothing: no row
    initiative = _place(InitiativePageFactory(parent=index), town)
    _place(ActivityPageFactory(parent=initiative), town, [care, sport])
    _place(ActivityPageFactory(parent=initiative), town, [sport])
    _place(MeetingPlacePageFactory(parent=initiative), other, [care])
    cared = _place(VacancyPageFactory(parent=initiative), town, [care])
    plain = _place(VacancyPageFactory(parent=initiative), town)
    draft = _place(VacancyPageFactory(parent=initiative), town, [sport])
    draft.unpublish()  # not live: not counted
    ResponseFactory(vacancy=cared)
    ResponseFactory(vacancy=cared, status=ResponseStatus.MATCHED)
    ResponseFactory(vacancy=plain)
    here = NeighbourhoodFactory(municipality=town, name="Wielwijk")
    there = NeighbourhoodFactory(municipality=other, name="Centrum")
    for kind, status, wijk in [
        (HelpKind.RESPITE, HelpRequestStatus.PUBLISHED, here),  # Mantelzorg
        (HelpKind.RESPITE, HelpRequestStatus.PUBLISHED, there),  # Mantelzorg, elsewhere
        (HelpKind.RESPITE, HelpRequestStatus.PENDING, here),  # not counted
        (HelpKind.COMPANY, HelpRequestStatus.PUBLISHED, here),  # its theme does not exist
        (HelpKind.GROCERIES, HelpRequestStatus.MATCHED, here),  # no theme for groceries
    ]:
        HelpRequestFactory(kind=kind, status=status, neighbourhood=wijk)
    return town, other


def test_counts_per_theme_with_several_themes_and_none(themed):
    rows = {r.name: r.counts for r in overview_by_theme()}
    assert list(rows) == ["Mantelzorg", "Sport", "(geen thema)"]  # most listings first
    assert rows["Mantelzorg"] == {
        "initiatives": 0,
        "activities": 1,
        "meeting_places": 1,
        "vacancies": 1,
        "responses": 2,
        "matches": 1,
        "help_open": 2,
        "help_answered": 0,
    }
    assert rows["Sport"]["activities"] == 2 and rows["Sport"]["vacancies"] == 0
    no_theme = rows["(geen thema)"]
    assert (no_theme["initiatives"], no_theme["vacancies"], no_theme["responses"]) == (1, 1, 1)
    assert (no_theme["matches"], no_theme["help_open"], no_theme["help_answered"]) == (0, 1, 1)
    # The activity with two themes counts under both, but once in the total.
    assert sum(r["activities"] for r in rows.values()) == 3
    assert theme_totals() == [1, 2, 1, 2, 3, 1, 3, 1]


def test_theme_view_filters_by_municipality(themed):
    town, other = themed
    rows = {r.name: r.counts for r in overview_by_theme(town.pk)}
    assert rows["Mantelzorg"]["meeting_places"] == 0 and rows["Mantelzorg"]["help_open"] == 1
    assert rows["Sport"]["activities"] == 2
    elsewhere = {r.name: r.counts for r in overview_by_theme(other.pk)}
    assert list(elsewhere) == ["Mantelzorg"]
    assert elsewhere["Mantelzorg"]["meeting_places"] == 1
    assert elsewhere["Mantelzorg"]["help_open"] == 1
    assert theme_totals(other.pk) == [0, 0, 1, 0, 0, 0, 1, 0]


def test_one_query_per_figure_however_many_themes(themed, index):
    with CaptureQueriesContext(connection) as few:
        overview_by_theme()
    initiative = InitiativePageFactory(parent=index)
    for n in range(4):
        _place(ActivityPageFactory(parent=initiative), None, [ThemeFactory(name=f"Extra {n}")])
    with CaptureQueriesContext(connection) as many:
        rows = overview_by_theme()
    assert len(rows) == 7
    assert len(many) == len(few)


def test_theme_page_renders_for_moderators(client, themed):
    moderator = UserFactory()
    moderator.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "view_overview"])
    )
    for user in [moderator, UserFactory(is_staff=True, is_superuser=True)]:
        client.force_login(user)
        response = client.get(URL, {"per": "thema"})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Mantelzorg" in html and "(geen thema)" in html and "overview-bar__value" in html
        assert "Hulpvragen hebben geen thema" in html
        assert "per=thema&amp;format=csv" in html and "Wielwijk" not in html
    html = client.get(URL, {"per": "wijk"}).content.decode()
    assert "Wielwijk" in html and "Hulpvragen hebben geen thema" not in html
    assert client.get(URL, {"per": "onzin"}).status_code == 200  # falls back to per wijk


def test_csv_export_per_theme(client, themed):
    town, _ = themed
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(URL, {"per": "thema", "format": "csv"})
    assert "meedoen-overzicht-per-thema-" in response["Content-Disposition"]
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Thema",
        "Initiatieven",
        "Activiteiten",
        "Ontmoetingsplekken",
        "Vacatures",
        "Reacties",
        "Gekoppeld",
        "Open hulpvragen",
        "Beantwoorde hulpvragen",
    ]
    by_name = {r[0]: r[1:] for r in rows[1:]}
    assert by_name["Mantelzorg"] == ["0", "1", "1", "1", "2", "1", "2", "0"]
    assert by_name["(geen thema)"] == ["1", "0", "0", "1", "1", "0", "1", "1"]
    filtered = client.get(URL, {"per": "thema", "gemeente": town.pk, "format": "csv"})
    text = filtered.content.decode("utf-8-sig")
    care = next(r for r in csv.reader(io.StringIO(text), delimiter=";") if r[0] == "Mantelzorg")
    assert care[3] == "0" and care[7] == "1"  # the meeting place and request elsewhere
