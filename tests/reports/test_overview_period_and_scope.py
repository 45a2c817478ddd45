"""The overview finds its own gemeente and period (issue 16): a period filter
(validated, Dutch errors, never a 500), bars with their labels and numbers,
"(geen wijk)" explained (vacancies from home are a row of their own), and a
moderator tied to a gemeente sees only its figures."""

import csv
import datetime as dt
import io

import pytest
from django.contrib.auth.models import Group
from django.contrib.gis.geos import Point
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from helprequests.models import HelpRequest, HelpRequestStatus
from initiatives.models import VacancyPage
from initiatives.permissions import MODERATORS
from reports.forms import PeriodForm
from reports.overview import FROM_HOME_NAME, NO_WIJK, Period, overview_by_wijk
from tests.factories import (
    ActivityPageFactory,
    HelpRequestFactory,
    InitiativePageFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    ResponseFactory,
    UserFactory,
    VacancyPageFactory,
    square,
)
from volunteers.models import Response

pytestmark = pytest.mark.django_db
URL = "/admin/overzicht/"
TODAY = dt.date(2026, 12, 2)
OUTSIDE_WIJKEN = Point(4.75, 51.85, srid=4326)  # in Dordrecht, in none of its wijken


def days_ago(n: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=n)


@pytest.fixture
def region(index):
    """Dordrecht with one wijk, Hilversum with one; listings, a vacancy from
    home with a response, help requests in both."""
    a = MunicipalityFactory(name="Dordrecht", boundary=square(4.69, 51.81, 0.1))
    b = MunicipalityFactory(name="Hilversum", boundary=square(5.19, 52.21, 0.1))
    reeland = NeighbourhoodFactory(municipality=a, name="Reeland")
    kerkelanden = NeighbourhoodFactory(
        municipality=b, name="Kerkelanden", boundary=square(5.19, 52.21, 0.01)
    )
    initiative = InitiativePageFactory(parent=index)
    ActivityPageFactory(parent=initiative)  # in Reeland
    ActivityPageFactory(parent=initiative, location=OUTSIDE_WIJKEN)  # Dordrecht, no wijk
    ActivityPageFactory(parent=initiative, location=Point(5.1901, 52.2133, srid=4326))
    old = ActivityPageFactory(parent=initiative)
    # Published as the admin does it (the factory leaves the date empty).
    Page.objects.filter(first_published_at__isnull=True).update(first_published_at=days_ago(1))
    Page.objects.filter(pk=old.pk).update(first_published_at=days_ago(200))
    home = VacancyPageFactory(parent=initiative, from_home=True, location=None, postcode="")
    ResponseFactory(vacancy=home)
    HelpRequestFactory(neighbourhood=reeland, title="Vraag uit Reeland")
    HelpRequestFactory(neighbourhood=kerkelanden, title="Vraag uit Kerkelanden")
    HelpRequestFactory(neighbourhood=kerkelanden, title="Nog een uit Kerkelanden")
    outside = HelpRequestFactory(municipality=a, neighbourhood=None)
    HelpRequest.objects.filter(pk=outside.pk).update(created_at=days_ago(45))
    return a, b


def test_no_wijk_is_split_and_vacancies_from_home_are_a_row_of_their_own(region):
    rows = {r.name: r.counts for r in overview_by_wijk()}
    assert rows[FROM_HOME_NAME]["vacancies"] == 1 and rows[FROM_HOME_NAME]["responses"] == 1
    assert VacancyPage.objects.get().neighbourhood is None
    # What is left without a wijk: the activity and the request outside Reeland.
    assert rows[NO_WIJK]["activities"] == 1 and rows[NO_WIJK]["vacancies"] == 0
    assert rows[NO_WIJK]["help_open"] == 1
    assert list(rows)[-2:] == [FROM_HOME_NAME, NO_WIJK]  # after the wijken, not as the top


def test_within_a_gemeente_its_own_rows_without_a_wijk_count(region):
    a, _ = region
    rows = {r.name: r.counts for r in overview_by_wijk(a.pk)}
    assert set(rows) == {"Reeland", NO_WIJK}  # no Kerkelanden, no vacancies from home
    assert rows[NO_WIJK]["activities"] == 1 and rows[NO_WIJK]["help_open"] == 1


def test_the_page_explains_no_wijk(client, region):
    client.force_login(UserFactory(is_superuser=True))
    html = client.get(URL).text
    assert f"{FROM_HOME_NAME}: vacatures die je vanuit huis doet" in html
    assert "in geen enkele bekende wijk" in html


def test_bars_have_visible_labels_and_numbers(client, region):
    client.force_login(UserFactory(is_superuser=True))
    html = client.get(URL).text
    assert '<th scope="row">Reeland (Dordrecht)</th>' in html
    assert '<span class="overview-bar__value">2</span>' in html  # Reeland: 2 activities
    assert 'aria-labelledby="grafiek-titel"' in html


def test_a_period_counts_what_was_new_in_it(client, region):
    long_ago = Period(dt.date(2020, 1, 1), dt.date(2020, 12, 31), "2020")
    assert overview_by_wijk(period=long_ago) == []
    month = Period(timezone.localdate() - dt.timedelta(days=29), timezone.localdate(), "30")
    rows = {r.name: r.counts for r in overview_by_wijk(period=month)}
    assert rows["Reeland"]["activities"] == 1  # the one published 200 days ago is not new
    assert NO_WIJK in rows and rows[NO_WIJK]["help_open"] == 0  # asked 45 days ago
    client.force_login(UserFactory(is_superuser=True))
    html = client.get(URL, {"periode": "30"}).text
    assert "de laatste 30 dagen" in html
    assert "Vraag" not in html  # titles never; only counts


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"periode": "eigen"}, "Vul in vanaf welke datum"),
        ({"periode": "eigen", "van": "2026-05-01", "tot": "2026-04-01"}, "vóór de begindatum"),
        ({"periode": "eigen", "van": "2026-05-01", "tot": "2026-05-03"}, "minstens 7 dagen"),
        ({"van": "31-02-2026", "tot": "2026-05-03"}, "Dit is geen datum"),
        ({"van": "0001-01-01", "tot": "9999-12-31"}, "Kies een datum tussen 2000"),
        ({"periode": "onzin"}, "Kies een periode uit de lijst"),
        ({"periode": "eigen", "van": "x" * 5000, "tot": "\x00"}, "Dit is geen datum"),
    ],
)
def test_a_bad_period_is_a_dutch_message_not_a_500(client, region, query, message):
    client.force_login(UserFactory(is_superuser=True))
    for extra in ({}, {"format": "csv"}, {"per": "thema"}):
        response = client.get(URL, {**query, **extra})
        assert response.status_code == 400
        assert message in response.text
        assert "Je ziet nu de cijfers van altijd" in response.text


def test_a_custom_period_and_its_csv(client, region):
    client.force_login(UserFactory(is_superuser=True))
    start = timezone.localdate() - dt.timedelta(days=60)
    query = {"van": f"{start:%d-%m-%Y}", "tot": f"{timezone.localdate():%Y-%m-%d}"}
    response = client.get(URL, query)
    assert response.status_code == 200
    # The page writes the dates in its language's short form (Dutch: 4-10-2026).
    assert f"{start.day}-{start.month}-{start.year} tot en met" in response.text
    response = client.get(URL, {**query, "format": "csv"})
    assert "tot-en-met" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    outside = next(r for r in rows if r[1] == NO_WIJK)
    assert outside[3] == "1" and outside[8] == "1"  # the activity, the request of 45 days ago


def test_period_choices():
    def period(**data):
        return PeriodForm(data, today=TODAY).period()

    assert period() is None
    assert period(periode="30") == Period(dt.date(2026, 11, 3), TODAY, "de laatste 30 dagen")
    assert period(periode="90").start == dt.date(2026, 9, 4)
    assert period(periode="jaar").start == dt.date(2026, 1, 1)
    custom = period(periode="eigen", van="2026-01-01", tot="2026-03-31")
    assert (custom.start, custom.end) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    start, end = custom.bounds()
    assert (end - start).days == 90  # both days included
    assert PeriodForm({"periode": "eigen", "van": "2024-02-29"}, today=dt.date(2024, 2, 29)).errors


def moderator_of(*municipalities):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=MODERATORS))
    for municipality in municipalities:
        municipality.moderators.add(user)
    return user


def test_a_moderator_of_one_gemeente_sees_only_its_figures(client, region):
    a, b = region
    client.force_login(moderator_of(a))
    for query in ({}, {"gemeente": b.pk}, {"gemeente": "x"}, {"per": "thema", "gemeente": b.pk}):
        html = client.get(URL, query).text
        assert "Kerkelanden" not in html and "Hilversum" not in html, query
        assert '<option value="">Alle gemeenten</option>' not in html
        assert "Je ziet alleen de cijfers van de gemeente waarvoor je moderator bent" in html
    response = client.get(URL, {"gemeente": b.pk, "format": "csv"})
    text = response.content.decode("utf-8-sig")
    assert "Kerkelanden" not in text and "Reeland" in text
    totals = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert sum(int(r[8]) for r in totals[1:]) == 2  # A's two open requests, not B's


def test_a_moderator_of_two_gemeenten_chooses_between_them(client, region):
    a, b = region
    client.force_login(moderator_of(a, b))
    html = client.get(URL, {"gemeente": b.pk}).text
    assert "Kerkelanden" in html and '<th scope="row">Reeland</th>' not in html
    assert f'<option value="{a.pk}"' in html
    assert '<option value="">Alle gemeenten</option>' not in html


def test_a_moderator_of_everything_and_a_superuser_see_all(client, region):
    for user in (moderator_of(), UserFactory(is_superuser=True)):
        client.force_login(user)
        html = client.get(URL).text
        assert "Kerkelanden" in html and "Reeland" in html
        assert '<option value="">Alle gemeenten</option>' in html


def test_the_demand_section_follows_the_scope(client, region):
    a, b = region
    client.force_login(moderator_of(a))
    html = client.get(URL, {"gemeente": b.pk, "wijk": 999999}).text
    assert f'<input type="hidden" name="gemeente" value="{a.pk}">' in html


def test_one_query_per_figure_however_many_wijken(region, index):
    with CaptureQueriesContext(connection) as few:
        overview_by_wijk()
    for n in range(5):
        NeighbourhoodFactory(municipality=region[0], name=f"Extra {n}", boundary=square(4.6, 51.7))
    ResponseFactory(vacancy=VacancyPage.objects.get())
    with CaptureQueriesContext(connection) as many:
        overview_by_wijk()
    assert len(many) == len(few)
    assert Response.objects.count() == 2
    assert HelpRequest.objects.filter(status=HelpRequestStatus.PUBLISHED).count() == 4
