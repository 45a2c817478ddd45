"""The municipality's overview per wijk in the Wagtail admin."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission

from initiatives.models import Neighbourhood
from tests.factories import (
    ActivityPageFactory,
    HelpRequestFactory,
    InitiativePageFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    ResponseFactory,
    UserFactory,
    VacancyPageFactory,
)
from volunteers.models import HelpRequestStatus, ResponseStatus
from volunteers.reports import overview_by_wijk

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
        type(page).objects.filter(pk=page.pk).update(neighbourhood=wielwijk)  # skip geo lookup
    vacancy = VacancyPageFactory(parent=initiative)
    type(vacancy).objects.filter(pk=vacancy.pk).update(neighbourhood=centrum)
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


def test_only_admin_users_see_it(client, wijken):
    client.force_login(UserFactory())
    assert client.get(URL).status_code in (302, 403)
    editor = UserFactory()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Wielwijk" in html and "<svg" in html and "Download CSV" in html


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
    assert "Wielwijk" in html and "(geen wijk)" not in html
    assert client.get(URL, {"gemeente": "x"}).status_code == 200
