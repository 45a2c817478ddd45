"""Time to a first reply in the municipal overview: median and 90th
percentile per wijk and kind computed by PostgreSQL, unanswered now,
referrals made and attended, small numbers banded, and the CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from followup.report import BAND, first_reply_report
from tests.factories import HelpRequestFactory, MunicipalityFactory, NeighbourhoodFactory
from tests.followup.helpers import MONDAY, initiative, moderator, referral

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(index):
    dordrecht = MunicipalityFactory(name="Dordrecht")
    hilversum = MunicipalityFactory(name="Hilversum")
    wielwijk = NeighbourhoodFactory(name="Wielwijk", municipality=dordrecht)
    # A wijk name someone typed as a formula: the CSV must keep it text.
    sterrenburg = NeighbourhoodFactory(name="=1+2 Sterrenburg", municipality=dordrecht)
    kerkelanden = NeighbourhoodFactory(name="Kerkelanden", municipality=hilversum)
    for hours in (1, 2, 3, 4, 5, 6):
        HelpRequestFactory(
            neighbourhood=wielwijk,
            published_at=MONDAY,
            first_offer_at=MONDAY + dt.timedelta(hours=hours),
            status="matched",
        )
    for _ in range(2):
        HelpRequestFactory(neighbourhood=wielwijk, published_at=MONDAY)  # waiting now
    HelpRequestFactory(neighbourhood=wielwijk, published_at=MONDAY, status="closed")
    HelpRequestFactory(neighbourhood=wielwijk, status="pending", published_at=None)
    HelpRequestFactory(
        neighbourhood=kerkelanden, published_at=MONDAY, first_offer_at=MONDAY, status="matched"
    )
    hoek = initiative(index, dordrecht)
    type(hoek).objects.filter(pk=hoek.pk).update(neighbourhood=sterrenburg)
    referral(hoek, neighbourhood=sterrenburg, status="attended", first_contact_at=MONDAY)
    referral(hoek, neighbourhood=sterrenburg)
    return dordrecht, hilversum, wielwijk, sterrenburg


def test_median_p90_and_unanswered_per_wijk_and_kind(data, django_assert_num_queries):
    dordrecht, _, wielwijk, sterrenburg = data
    with django_assert_num_queries(2):  # the figures, and the wijk names
        report = first_reply_report(municipality_ids=[dordrecht.pk])
    rows = {row.name: row for row in report.rows}
    cell = rows["Wielwijk"].cells["help_request"]
    assert (cell.total, cell.answered, cell.unanswered) == (9, 6, 2)
    assert cell.median_hours == pytest.approx(3.5)
    assert cell.p90_hours == pytest.approx(5.5)  # percentile_cont: between 5 and 6
    assert cell.hours(cell.median_hours) == 3.5
    assert "Kerkelanden" not in rows  # Hilversum's

    ref = rows["=1+2 Sterrenburg"].cells["referral"]
    assert (ref.total, ref.attended, ref.unanswered) == (2, 1, 1)
    assert ref.shown(ref.total) == BAND  # a small wijk row is banded
    assert ref.hours(ref.median_hours) == "te weinig"
    assert report.totals["referral"].shown(2) == 2  # totals are exact
    assert report.totals["help_request"].total == 9


def test_a_period_counts_what_came_in_within_it(data):
    dordrecht, *_ = data
    report = first_reply_report(
        municipality_ids=[dordrecht.pk],
        start=MONDAY + dt.timedelta(days=1),
        end=MONDAY + dt.timedelta(days=10),
    )
    assert "help_request" not in report.totals


@pytest.fixture
def mod_dordrecht(data):
    user = moderator(data[0])
    user.is_staff = False
    return user


def test_the_overview_shows_chart_and_table(client, data, mod_dordrecht):
    client.force_login(mod_dordrecht)
    html = client.get("/admin/overzicht/").content.decode()
    assert "Tijd tot een eerste reactie" in html
    assert "Wachttijd per soort" in html  # the chart, with its figures as text
    assert "mediaan 3,5" in html
    assert "Kerkelanden" not in html
    assert BAND in html


def test_the_csv_is_escaped_banded_and_scoped(client, data, mod_dordrecht):
    client.force_login(mod_dordrecht)
    response = client.get("/admin/overzicht/eerste-reactie.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:4] == ["Gemeente", "Wijk", "Soort", "Aantal"]
    by_place = {(r[1], r[2]): r for r in rows[1:]}
    wielwijk = by_place[("Wielwijk", "Hulpvragen zonder aanbod")]
    assert wielwijk[3:8] == ["9", "6", "3,5", "5,5", BAND]  # 2 waiting: banded
    sterrenburg = by_place[("'=1+2 Sterrenburg", "Verwijzingen zonder eerste contact")]
    assert sterrenburg[3] == BAND and sterrenburg[5] == "te weinig"
    assert not any("Kerkelanden" in r[1] for r in rows)


def test_the_csv_is_refused_to_others(client, data):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=False))
    assert client.get("/admin/overzicht/eerste-reactie.csv").status_code in (302, 403)


def test_the_command_prints_the_same_figures(data):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("first_reply_report", gemeente="dordrecht", stdout=out)
    text = out.getvalue()
    assert "Wielwijk | Hulpvragen zonder aanbod | 9 | 6 | 3.5 | 5.5 | 1–4" in text
    assert "Kerkelanden" not in text


def test_responses_waiting_now_leave_out_the_anonymised(index):
    from tests.followup.helpers import response

    town = MunicipalityFactory(name="Zwijndrecht")
    page = initiative(index, town)
    response(page)
    response(page)
    left = response(page)
    type(left).objects.filter(pk=left.pk).update(volunteer=None)
    response(page, status="in_contact", first_reply_at=MONDAY + dt.timedelta(hours=4))
    cell = first_reply_report(municipality_ids=[town.pk]).totals["response"]
    assert (cell.total, cell.answered, cell.unanswered) == (4, 1, 2)
    assert cell.median_hours == pytest.approx(4)
