"""'Wacht te lang' (/wacht-te-lang/) and its panel on the admin dashboard:
each viewer sees only what they may follow up, with ages in working days and
nothing about the people concerned."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from followup.services import followups_send
from followup.views import sections_for
from tests.factories import MunicipalityFactory, UserFactory
from tests.followup.helpers import (
    SECRET,
    contact_point,
    help_request,
    initiative,
    moderator,
    referral,
    registration,
    response,
    signal,
)

pytestmark = pytest.mark.django_db
URL = "/wacht-te-lang/"


@pytest.fixture
def long_ago():
    return timezone.now() - dt.timedelta(days=21)  # 15 working days at least


@pytest.fixture
def world(index, long_ago):
    dordrecht = MunicipalityFactory(name="Dordrecht")
    hilversum = MunicipalityFactory(name="Hilversum")
    member, staff, other_staff = UserFactory(), UserFactory(), UserFactory()
    hoek = initiative(index, dordrecht, members=[member], title="Buurthuis De Hoek")
    gooi = initiative(index, hilversum, title="Gooise Soos")
    wielwijk = contact_point(dordrecht, staff=[staff])
    loket = contact_point(hilversum, staff=[other_staff], name="Wmo-loket Hilversum")
    help_request(dordrecht, published=long_ago)
    help_request(hilversum, published=long_ago)
    help_request(dordrecht, published=timezone.now())  # not overdue
    response(hoek, created=long_ago)
    response(gooi, created=long_ago)
    referral(hoek, created=long_ago)
    signal(wielwijk, dordrecht, created=long_ago)
    signal(loket, hilversum, created=long_ago)
    registration(gooi, created=long_ago)
    return {
        "dordrecht": dordrecht,
        "member": member,
        "staff": staff,
        "mod": moderator(dordrecht),
    }


def counts(user) -> dict[str, int]:
    return {s.kind: len(s.rows) for s in sections_for(user)}


def test_a_moderator_sees_every_kind_of_their_own_gemeente_only(world):
    assert counts(world["mod"]) == {
        "help_moderation": 0,  # the world's requests are published
        "help_request": 1,
        "response": 1,
        "referral": 1,
        "signal": 1,
        "registration": 0,  # Hilversum's
    }


def test_a_moderator_of_every_gemeente_sees_all(world):
    assert counts(moderator()) == {
        "help_moderation": 0,
        "help_request": 2,
        "response": 2,
        "referral": 1,
        "signal": 2,
        "registration": 1,
    }


def test_staff_see_their_contact_points_signals_and_members_their_initiatives(world):
    assert counts(world["staff"]) == {"signal": 1}
    assert counts(world["member"]) == {"response": 1, "referral": 1}
    assert counts(UserFactory()) == {}


def test_the_page_shows_age_and_place_and_nobody(client, world, django_assert_max_num_queries):
    client.force_login(world["mod"])
    with django_assert_max_num_queries(40):
        page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Wacht te lang" in html
    assert "werkdagen" in html
    # Past the second deadline, but the command has not run yet:
    assert "gaat naar de coördinator" in html and "coördinator ingelicht" not in html
    assert "Boodschappen voor" in html  # a published help request's public title
    assert "Buurthuis De Hoek" in html and "Sociaal wijkteam Wielwijk" in html
    assert "Gooise Soos" not in html and "Wmo-loket Hilversum" not in html
    assert "/contactpunt/signalen/" not in html  # moderators cannot read signals
    assert "Dorpsstraat" not in html  # the description


def test_the_coordinator_mailed_is_shown_once_the_command_ran(client, world):
    followups_send()
    client.force_login(world["mod"])
    html = client.get(URL).content.decode()
    assert "coördinator ingelicht" in html and "gaat naar de coördinator" not in html


def test_the_page_costs_the_same_with_more_rows(client, world, long_ago):
    client.force_login(world["mod"])
    client.get(URL)  # the session's first request reads a little more
    with CaptureQueriesContext(connection) as before:
        client.get(URL)
    for _ in range(5):
        help_request(world["dordrecht"], published=long_ago)
    with CaptureQueriesContext(connection) as after:
        client.get(URL)
    assert len(after) == len(before)


def test_staff_see_only_their_signals_on_the_page(client, world):
    client.force_login(world["staff"])
    html = client.get(URL).content.decode()
    assert "Signalen zonder eerste contact" in html
    assert "Hulpvragen zonder aanbod" not in html
    assert 'href="/contactpunt/signalen/"' in html
    assert SECRET not in html


def test_others_get_a_404_and_visitors_the_login(client, world):
    assert client.get(URL).status_code == 302
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 404


def test_the_dashboard_panel_for_moderators(client, world):
    client.force_login(world["mod"])
    world["mod"].is_staff = True
    world["mod"].save()
    html = client.get("/admin/").content.decode()
    assert 'id="wacht-te-lang-section"' in html
    assert "Hulpvragen zonder aanbod" in html
    assert 'href="/wacht-te-lang/"' in html  # the menu item
    assert SECRET not in html


def test_no_panel_or_menu_item_for_an_initiatives_editor(client, world):
    world["member"].user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(world["member"])
    page = client.get("/admin/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "wacht-te-lang-section" not in html and 'href="/wacht-te-lang/"' not in html
