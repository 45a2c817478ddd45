"""/health/live and /health/ready (issue 19): the right status codes with a
failing database, cache or search engine and a silent worker; cheap; and
nothing sensitive in the answer."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.db import connections
from django.test import override_settings
from django.utils import timezone

from operations.models import WorkerHeartbeat
from search.backends import get_backend, reset_backend
from search.models import IndexOutbox
from tests.search.fake_es import closed_port

LIVE, READY = "/health/live", "/health/ready"


def ready(client, strict: bool = False):
    response = client.get(READY + ("?strict=1" if strict else ""))
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies
    return response, json.loads(response.content)


def beat(age: timedelta = timedelta(0)) -> None:
    pid = WorkerHeartbeat.objects.count() + 100
    WorkerHeartbeat.objects.create(host="worker-1", pid=pid, beat_at=timezone.now() - age)


def test_live_touches_nothing(client):
    # No django_db mark: any query would raise.
    response = client.get(LIVE)
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies


@pytest.mark.django_db
def test_ready_when_all_is_well(client, django_assert_max_num_queries):
    beat()
    # SET LOCAL and the one SELECT; the savepoint and its release only in a test.
    with django_assert_max_num_queries(4):
        response, body = ready(client, strict=True)
    assert response.status_code == 200, body
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "search", "outbox", "worker", "mail"}
    assert all(c["status"] == "ok" for c in body["checks"].values())
    assert body["checks"]["outbox"]["depth"] == 0


@pytest.mark.django_db(transaction=True)
def test_database_away_is_503(client):
    db = connections["default"]
    port = db.settings_dict["PORT"]
    db.close()
    db.settings_dict["PORT"] = str(closed_port())
    try:
        response, body = ready(client)
    finally:
        db.close()
        db.settings_dict["PORT"] = port
    assert response.status_code == 503
    assert body["status"] == "fail"
    assert body["checks"]["database"]["status"] == "fail"
    assert body["checks"]["cache"]["status"] == "ok"
    text = response.content.decode()
    # Nothing about where the database is or what it said.
    for secret in [db.settings_dict["NAME"], "127.0.0.1", "localhost", "5432", "port", "host"]:
        assert secret not in text
    assert "Traceback" not in text and "psycopg" not in text.lower()
    # Back again: ready.
    beat()
    assert client.get(READY).status_code == 200


@pytest.mark.django_db
def test_cache_away_is_503(client):
    caches = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        },
    }
    beat()
    with override_settings(CACHES=caches):
        response, body = ready(client)
    assert response.status_code == 503
    assert body["checks"]["cache_pages"]["status"] == "fail"
    assert body["checks"]["cache"]["status"] == "ok"
    assert "redis" not in response.content.decode().lower()


@pytest.mark.django_db
def test_search_engine_down_is_a_warning(client, settings):
    """Elasticsearch on a closed port: a real search fails over to PostgreSQL
    and opens the breaker; the probe reads the breaker, it calls nobody."""
    settings.SEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.fallback.FallbackBackend",
            "PRIMARY": {
                "BACKEND": "search.backends.elasticsearch.ElasticsearchBackend",
                "URLS": [f"http://127.0.0.1:{closed_port()}"],
                "TIMEOUT": 1.0,
            },
            "FALLBACK": {"BACKEND": "search.backends.postgres.PostgresBackend"},
            "COOLDOWN": 60.0,
        }
    }
    reset_backend()
    beat()
    try:
        response, body = ready(client)
        assert body["checks"]["search"] == {
            "status": "ok",
            "backend": "elasticsearch",
            "breaker": "closed",
        }
        assert client.get("/api/search/", {"q": "koffie"}).status_code == 200
        assert get_backend().breaker.state == "open"
        response, body = ready(client)
        assert response.status_code == 200  # the site still answers searches
        assert body["status"] == "degraded"
        assert body["checks"]["search"]["status"] == "warn"
        assert body["checks"]["search"]["breaker"] == "open"
        response, body = ready(client, strict=True)
        assert response.status_code == 503
    finally:
        reset_backend()


@pytest.mark.django_db
def test_silent_worker_is_a_warning(client, settings):
    settings.HEALTH_HEARTBEAT_MAX_AGE = 300
    response, body = ready(client)
    assert body["checks"]["worker"]["status"] == "warn"  # never seen
    beat(timedelta(minutes=10))
    response, body = ready(client)
    assert response.status_code == 200
    assert body["checks"]["worker"]["status"] == "warn"
    assert body["checks"]["worker"]["heartbeat_age_seconds"] >= 600
    assert ready(client, strict=True)[0].status_code == 503
    beat(timedelta(seconds=5))  # another process that beats
    assert ready(client, strict=True)[0].status_code == 200


@pytest.mark.django_db
def test_outbox_backlog(client, settings):
    settings.HEALTH_OUTBOX_MAX_AGE = 900
    beat()
    IndexOutbox.objects.create(page_id=1)
    IndexOutbox.objects.filter(page_id=1).update(created_at=timezone.now() - timedelta(hours=1))
    IndexOutbox.objects.create(page_id=2)
    response, body = ready(client)
    assert body["checks"]["outbox"]["depth"] == 2
    assert body["checks"]["outbox"]["oldest_age_seconds"] >= 3600
    assert body["checks"]["outbox"]["status"] == "warn"


@pytest.mark.django_db
def test_mail_that_goes_nowhere_is_a_warning(client, settings):
    beat()
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    assert ready(client)[1]["checks"]["mail"]["status"] == "warn"
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "smtp.gemeente.example"
    response, body = ready(client)
    assert body["checks"]["mail"] == {"status": "ok"}
    assert "smtp.gemeente.example" not in response.content.decode()


def test_probes_only_answer_get(client):
    assert client.post(LIVE).status_code == 405
