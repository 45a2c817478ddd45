"""Limits hold under a burst: many requests at the same moment, each in its own
thread with its own database connection, as several server workers would send
them. Run against the in-process cache and, when one answers on
127.0.0.1:6379, against Redis (the shared cache production uses)."""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from types import SimpleNamespace

import pytest
from django.contrib.gis.geos import Point
from django.core.cache import cache
from django.db import connection
from django.test import Client

from core import ratelimit
from helprequests.models import HelpRequest
from initiatives.models import PostcodeCentroid
from tests.factories import InitiativePageFactory, UserFactory, VacancyPageFactory
from volunteers.models import Response

REDIS_URL = "redis://127.0.0.1:6379/7"


def _redis_up() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping())
    except Exception:  # noqa: BLE001 (any failure means: no Redis here)
        return False


@pytest.fixture(params=["locmem", "redis"])
def shared_cache(request, settings, monkeypatch):
    """The cache the limits count in. Redis keys get a prefix of their own, so
    parallel test runs on one Redis do not count each other's requests. The
    limits' clock stands still: a burst never straddles two windows."""
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: 1_800_000_030.0))
    if request.param == "redis":
        if not _redis_up():
            pytest.skip("no Redis on 127.0.0.1:6379")
        prefix = f"test-burst-{uuid.uuid4().hex}"
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_URL,
                "KEY_PREFIX": prefix,
            }
        }
        yield request.param
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
    else:
        cache.clear()
        yield request.param
        cache.clear()


def burst(clients: list[Client], posts: list[tuple[str, dict]]) -> Counter:
    """POST each (url, data) from its own thread, all released at once; the
    status codes counted."""
    barrier = threading.Barrier(len(posts))
    statuses: list[int] = []
    lock = threading.Lock()

    def post(client, url, data):
        try:
            barrier.wait(timeout=30)
            status = client.post(url, data).status_code
            with lock:
                statuses.append(status)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=post, args=(client, url, data))
        for client, (url, data) in zip(clients, posts, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return Counter(statuses)


def logged_in_clients(user, n: int) -> list[Client]:
    clients = []
    for _ in range(n):
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients


@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_responses_against_ten_per_hour(shared_cache, index, settings):
    settings.VOLUNTEER_RATE_LIMITS = {"respond": "10/h"}
    initiative = InitiativePageFactory(parent=index, email="info@example.org")
    vacancies = [VacancyPageFactory(parent=initiative) for _ in range(20)]
    volunteer = UserFactory()
    statuses = burst(
        logged_in_clients(volunteer, 20),
        [(f"/vacatures/{v.pk}/reageren/", {"message": "Ik help graag."}) for v in vacancies],
    )
    assert Response.objects.filter(volunteer=volunteer).count() == 10
    assert statuses == Counter({302: 10, 429: 10})


@pytest.mark.django_db(transaction=True)
def test_fifteen_parallel_help_requests_against_five_per_hour(shared_cache, settings):
    settings.VOLUNTEER_RATE_LIMITS = {"help_request": "5/h"}
    PostcodeCentroid.objects.create(
        postcode="3311 AB", point=Point(4.6853, 51.8117, srid=4326), town="Dordrecht"
    )
    requester = UserFactory()
    data = {
        "kind": "transport",
        "title": "Rit naar het ziekenhuis",
        "description": "Wie rijdt mijn vader donderdag naar het ziekenhuis?",
        "when_text": "donderdagochtend",
        "postcode": "3311 AB",
    }
    statuses = burst(logged_in_clients(requester, 15), [("/hulpvragen/nieuw/", data)] * 15)
    assert HelpRequest.objects.filter(requester=requester).count() == 5
    assert statuses == Counter({302: 5, 429: 10})
