"""Limits per account on what reaches other people."""

import pytest
from django.core.cache import cache

from tests.factories import InitiativePageFactory, UserFactory, VacancyPageFactory
from volunteers import ratelimit
from volunteers.models import Response

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_parse():
    assert ratelimit.parse("10/h") == (10, 3600)
    assert ratelimit.parse("3/m") == (3, 60)


def test_each_user_has_their_own_count(settings):
    settings.VOLUNTEER_RATE_LIMITS = {"respond": "2/h"}
    one, two = UserFactory(), UserFactory()
    seen = []
    for _ in range(3):
        seen.append(ratelimit.allowed(one, "respond"))
        ratelimit.consume(one, "respond")
    assert seen == [True, True, False]
    assert ratelimit.allowed(two, "respond")
    assert ratelimit.allowed(one, "unlisted action")


def test_responding_too_often_gets_the_wait_page_and_saves_nothing(client, index, settings):
    settings.VOLUNTEER_RATE_LIMITS = {"respond": "2/h"}
    initiative = InitiativePageFactory(parent=index, email="info@example.org")
    vacancies = [VacancyPageFactory(parent=initiative) for _ in range(3)]
    client.force_login(UserFactory())
    statuses = [
        client.post(f"/vacatures/{v.pk}/reageren/", {"message": "Ik help graag."}).status_code
        for v in vacancies
    ]
    assert statuses == [302, 302, 429]
    assert Response.objects.count() == 2
    assert (
        "Even wachten"
        in client.post(f"/vacatures/{vacancies[2].pk}/reageren/", {"message": "x"}).content.decode()
    )


def test_a_form_with_errors_does_not_count(client, settings):
    settings.VOLUNTEER_RATE_LIMITS = {"help_request": "1/h"}
    client.force_login(UserFactory())
    statuses = [client.post("/hulpvragen/nieuw/", {}).status_code for _ in range(3)]
    assert 429 not in statuses and len(set(statuses)) == 1
