"""The first reply is recorded where it happens: the first offer on a help
request, the initiative's first status change on a response. And the data
migrations fill both from what existed before."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.db import connection
from django.utils import timezone

from helprequests.models import HelpRequest
from helprequests.services import help_offer_create
from tests.factories import (
    HelpOfferFactory,
    HelpRequestFactory,
    InitiativeMemberFactory,
    InitiativePageFactory,
    ResponseFactory,
    UserFactory,
    VacancyPageFactory,
)
from volunteers.models import Response
from volunteers.services import response_set_status

pytestmark = pytest.mark.django_db


def test_the_first_offer_sets_first_offer_at_and_a_second_keeps_it():
    request = HelpRequestFactory()
    assert request.first_offer_at is None
    first = help_offer_create(help_request=request, volunteer=UserFactory(), message="Ik help")
    request.refresh_from_db()
    assert request.first_offer_at == first.created_at
    help_offer_create(help_request=request, volunteer=UserFactory(), message="Ik ook")
    request.refresh_from_db()
    assert request.first_offer_at == first.created_at


@pytest.fixture
def vacancy(index):
    initiative = InitiativePageFactory(parent=index)
    return VacancyPageFactory(parent=initiative), initiative


def test_the_initiatives_first_status_change_sets_first_reply_at(vacancy):
    page, initiative = vacancy
    member = UserFactory()
    InitiativeMemberFactory(user=member, initiative=initiative)
    response = ResponseFactory(vacancy=page)
    assert response.first_reply_at is None
    response_set_status(response=response, status="in_contact", by=member)
    response.refresh_from_db()
    first = response.first_reply_at
    assert first is not None and first == response.status_changed_at
    response_set_status(response=response, status="matched", by=member)
    response.refresh_from_db()
    assert response.first_reply_at == first  # the first, not the last
    assert response.status_changed_at > first


def test_a_withdrawal_by_the_volunteer_is_no_reply(vacancy):
    page, _ = vacancy
    response = ResponseFactory(vacancy=page)
    response_set_status(response=response, status="withdrawn", by=response.volunteer)
    response.refresh_from_db()
    assert response.first_reply_at is None


def _migration_sql(app: str, name: str) -> str:
    module = importlib.import_module(f"{app}.migrations.{name}")
    (sql,) = [op.sql for op in module.Migration.operations if hasattr(op, "sql")]
    return sql


def test_the_help_request_migration_fills_the_first_offer():
    monday = dt.datetime(2026, 11, 2, 10, tzinfo=dt.UTC)
    with_offers = HelpRequestFactory()
    without = HelpRequestFactory()
    for hours in (5, 2, 9):
        offer = HelpOfferFactory(help_request=with_offers)
        type(offer).objects.filter(pk=offer.pk).update(
            created_at=monday + dt.timedelta(hours=hours)
        )
    HelpRequest.objects.update(first_offer_at=None)  # as before the migration
    with connection.cursor() as cursor:
        cursor.execute(_migration_sql("helprequests", "0004_helprequest_first_offer_at"))
    with_offers.refresh_from_db()
    without.refresh_from_db()
    assert with_offers.first_offer_at == monday + dt.timedelta(hours=2)
    assert without.first_offer_at is None


def test_the_response_migration_fills_the_reply_from_the_status_change(vacancy):
    page, _ = vacancy
    changed = timezone.now() - dt.timedelta(days=3)
    answered = ResponseFactory(vacancy=page, status="declined", status_changed_at=changed)
    new = ResponseFactory(vacancy=page)
    withdrawn = ResponseFactory(vacancy=page, status="withdrawn", status_changed_at=changed)
    Response.objects.update(first_reply_at=None)
    with connection.cursor() as cursor:
        cursor.execute(_migration_sql("volunteers", "0015_response_first_reply_at"))
    for response in (answered, new, withdrawn):
        response.refresh_from_db()
    assert answered.first_reply_at == changed
    assert new.first_reply_at is None
    assert withdrawn.first_reply_at is None  # the volunteer's own move
