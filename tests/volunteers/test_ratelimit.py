"""Limits per account on what reaches other people."""

from types import SimpleNamespace

import pytest
from django.core.cache import cache

from core import ratelimit
from tests.factories import InitiativePageFactory, UserFactory, VacancyPageFactory
from volunteers.models import Response

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache(monkeypatch):
    # The limits' clock stands still, so a test never straddles two windows.
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: 1_800_000_030.0))
    cache.clear()
    yield
    cache.clear()


def test_parse():
    assert ratelimit.parse("10/h") == (10, 3600)
    assert ratelimit.parse("3/m") == (3, 60)


def test_each_user_has_their_own_count(settings):
    settings.VOLUNTEER_RATE_LIMITS = {"respond": "2/h"}
    one, two = UserFactory(), UserFactory()
    seen = [ratelimit.reserve(one, "respond") is not None for _ in range(3)]
    assert seen == [True, True, False]
    assert ratelimit.reserve(two, "respond") is not None
    assert ratelimit.reserve(one, "unlisted action") is not None


def test_a_released_reservation_frees_its_place(settings):
    settings.VOLUNTEER_RATE_LIMITS = {"respond": "1/h"}
    user = UserFactory()
    first = ratelimit.reserve(user, "respond")
    assert ratelimit.reserve(user, "respond") is None
    first.release()
    assert ratelimit.reserve(user, "respond") is not None


def test_refused_requests_do_not_keep_the_count_up(settings):
    """A refusal gives its count back: after 50 refused tries and one given
    back reservation, there is room for exactly one more."""
    settings.VOLUNTEER_RATE_LIMITS = {"respond": "2/h"}
    user = UserFactory()
    held = [ratelimit.reserve(user, "respond") for _ in range(2)]
    assert all(held)
    assert not any(ratelimit.reserve(user, "respond") for _ in range(50))
    held[0].release()
    assert ratelimit.reserve(user, "respond") is not None
    assert ratelimit.reserve(user, "respond") is None


def test_ipv6_clients_are_counted_per_64(rf):
    one = rf.post("/", REMOTE_ADDR="2001:db8:1:2:aaaa::1")
    same_net = rf.post("/", REMOTE_ADDR="2001:db8:1:2:bbbb::2")
    other = rf.post("/", REMOTE_ADDR="2001:db8:1:3::1")
    assert ratelimit.client_address(one) == ratelimit.client_address(same_net)
    assert ratelimit.client_address(one) != ratelimit.client_address(other)
    assert ratelimit.client_address(rf.post("/", REMOTE_ADDR="192.0.2.7")) == "ip:192.0.2.7"


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


def test_an_unreachable_cache_lets_the_action_through_and_logs_it(
    client, index, settings, monkeypatch, caplog
):
    """Redis down must not turn every response into a server error: the limit
    is skipped (and logged) until the cache is back."""
    settings.VOLUNTEER_RATE_LIMITS = {"respond": "1/h"}

    def unreachable(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(ratelimit.cache, "add", unreachable)
    monkeypatch.setattr(ratelimit.cache, "incr", unreachable)
    initiative = InitiativePageFactory(parent=index, email="info@example.org")
    vacancy = VacancyPageFactory(parent=initiative)
    client.force_login(UserFactory())
    response = client.post(f"/vacatures/{vacancy.pk}/reageren/", {"message": "Ik help graag."})
    assert response.status_code == 302
    assert Response.objects.count() == 1
    assert "cache is unreachable" in caplog.text
