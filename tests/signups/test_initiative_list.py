"""The initiative's list per date: its members only (everyone else 404),
marking someone as cancelled, and a print version with what each person
gave and nothing more."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from signups import services
from signups.models import Signup, SignupStatus
from tests.factories import (
    ActivityPageFactory,
    InitiativeMemberFactory,
    InitiativePageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _url(activity, day, suffix=""):
    return f"/aanmeldingen/{activity.pk}/{day:%Y-%m-%d}/{suffix}"


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def people(activity, day):
    by_phone = services.signup_create(
        activity=activity, day=day, name="Meneer Jansen", phone="06 12345678"
    )
    services.signup_create(
        activity=activity, day=day, name="Ongezien", email="ongezien@example.nl"
    )  # email not confirmed yet: not on the list
    return by_phone


def test_the_member_sees_the_list_with_what_each_person_gave(member, activity, day, people):
    text = _as(member).get(_url(activity, day)).content.decode()
    assert "Meneer Jansen" in text and "06 12345678" in text
    assert "Ongezien" not in text
    assert "1 van 5 plekken bezet" in text


def test_everyone_else_gets_a_404(activity, day, people, index):
    other = InitiativeMemberFactory(initiative=InitiativePageFactory(parent=index)).user
    for user in (other, UserFactory()):
        assert _as(user).get(_url(activity, day)).status_code == 404
        assert _as(user).get(_url(activity, day, "?afdrukken=1")).status_code == 404
        assert _as(user).post(f"/aanmeldingen/afmelden/{people.pk}/").status_code == 404
    # The other initiative's member has an overview, without this activity.
    assert "Kookclub" not in _as(other).get("/aanmeldingen/").content.decode()
    assert _as(UserFactory()).get("/aanmeldingen/").status_code == 404
    assert Client().get(_url(activity, day)).status_code == 302  # to the login
    assert Signup.objects.get(pk=people.pk).status == SignupStatus.CONFIRMED


def test_the_print_version(member, activity, day, people):
    response = _as(member).get(_url(activity, day, "?afdrukken=1"))
    text = response.content.decode()
    assert "signups/print.css" in text and "<nav" not in text
    assert "Meneer Jansen" in text and "06 12345678" in text and "aangemeld" in text


def test_the_member_marks_someone_cancelled_and_the_next_moves_up(member, activity, day, people):
    for n in range(5):
        services.signup_create(activity=activity, day=day, name=f"P{n}", phone="0612345678")
    waiting = Signup.objects.filter(status=SignupStatus.WAITING).get()
    response = _as(member).post(f"/aanmeldingen/afmelden/{people.pk}/", follow=True)
    text = response.content.decode()
    assert "Meneer Jansen staat nu als afgemeld" in text
    assert f"{waiting.name} van de wachtlijst heeft de plek gekregen" in text
    assert Signup.objects.get(pk=waiting.pk).status == SignupStatus.CONFIRMED


def test_overview_and_list_do_not_grow_queries_per_person(
    member, activity, day, django_assert_max_num_queries
):
    client = _as(member)
    for n in range(30):
        services.signup_create(activity=activity, day=day, name=f"P{n}", phone="0612345678")
    with django_assert_max_num_queries(25):
        assert client.get(_url(activity, day)).status_code == 200
    with django_assert_max_num_queries(30):
        text = client.get("/aanmeldingen/").content.decode()
    assert "Kookclub" in text and "5 van 5 plekken, 25 op de wachtlijst" in text


def test_the_overview_does_not_grow_queries_per_activity(member, activity, initiative):
    """Places per date for every activity in one query, not one per activity."""
    client = _as(member)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/aanmeldingen/").status_code == 200
        return len(queries)

    one = count()
    for n in range(3):
        ActivityPageFactory(
            parent=initiative, title=f"Koor {n}", registration_required=True, capacity=8
        )
    assert count() == one
