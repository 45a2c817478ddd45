"""Backends are configured the modelsearch way: SEARCH_BACKENDS entries of
``{"BACKEND": path, **options}``, built by the settings from the same
environment variables as before."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from search.backends import get_backend, load_backend, reset_backend
from search.backends.elasticsearch import ElasticsearchBackend
from search.backends.fallback import FallbackBackend
from search.backends.postgres import PostgresBackend

ROOT = Path(__file__).resolve().parents[2]
PG = {"BACKEND": "search.backends.postgres.PostgresBackend"}
ES = {"BACKEND": "search.backends.elasticsearch.ElasticsearchBackend", "URLS": ["http://es:9200"]}

DESCRIBE = """
import django, json
django.setup()
from django.conf import settings
from search.backends import get_backend
b = get_backend()
out = {"class": type(b).__name__}
if hasattr(b, "primary"):
    p = b.primary
    out.update(primary=type(p).__name__, fallback=type(b.fallback).__name__,
               cooldown=b.breaker.cooldown, urls=p.urls, index=p.alias, timeout=p.timeout,
               connect=p.connect_timeout, write=p.write_timeout)
print(json.dumps(out))
"""


def configured(**environment: str) -> dict:
    """What get_backend() builds in a fresh process with this environment."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ELASTICSEARCH_", "SEARCH_"))
    }
    env.update(environment, DJANGO_SETTINGS_MODULE="marketplace.settings.test")
    done = subprocess.run(
        [sys.executable, "-c", DESCRIBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_the_environment_of_a_deployment_builds_the_same_backends():
    # Empty wins over whatever a local .env says (the shell always does).
    assert configured(ELASTICSEARCH_URL="") == {"class": "PostgresBackend"}
    assert configured(
        ELASTICSEARCH_URL="http://search.internal:9200",
        ELASTICSEARCH_INDEX="listings",
        ELASTICSEARCH_TIMEOUT="1.5",
        ELASTICSEARCH_CONNECT_TIMEOUT="0.2",
        ELASTICSEARCH_WRITE_TIMEOUT="20",
        SEARCH_BREAKER_COOLDOWN="45",
    ) == {
        "class": "FallbackBackend",
        "primary": "ElasticsearchBackend",
        "fallback": "PostgresBackend",
        "cooldown": 45.0,
        "urls": ["http://search.internal:9200"],
        "index": "listings",
        "timeout": 1.5,
        "connect": 0.2,
        "write": 20.0,
    }
    # SEARCH_BACKEND still overrides the choice ELASTICSEARCH_URL makes.
    chosen = configured(ELASTICSEARCH_URL="http://search.internal:9200", SEARCH_BACKEND="postgres")
    assert chosen == {"class": "PostgresBackend"}


def test_a_fallback_is_built_from_the_entries_it_holds():
    backend = load_backend(
        {"BACKEND": "search.backends.fallback.FallbackBackend", "PRIMARY": ES, "FALLBACK": PG,
         "COOLDOWN": 5}
    )  # fmt: skip
    assert isinstance(backend, FallbackBackend)
    assert isinstance(backend.primary, ElasticsearchBackend)
    assert isinstance(backend.fallback, PostgresBackend)
    assert backend.breaker.cooldown == 5
    assert backend.primary.urls == ["http://es:9200"] and backend.primary.timeout == 1.0


@pytest.mark.parametrize(
    "entry",
    [
        {"URLS": ["http://es:9200"]},  # no BACKEND
        {"BACKEND": "search.backends.nowhere.Backend"},
        {**ES, "TIMEOT": 2},  # a misspelt option
        {"BACKEND": "search.backends.elasticsearch.ElasticsearchBackend", "URLS": []},
    ],
)
def test_a_wrong_entry_says_what_is_wrong(entry):
    with pytest.raises(ImproperlyConfigured):
        load_backend(entry)


def test_get_backend_builds_each_alias_once(settings):
    settings.SEARCH_BACKENDS = {"default": PG, "engine": ES}
    reset_backend()
    try:
        assert isinstance(get_backend(), PostgresBackend)
        assert get_backend("engine") is get_backend("engine")
        assert isinstance(get_backend("engine"), ElasticsearchBackend)
        with pytest.raises(ImproperlyConfigured):
            get_backend("other")
    finally:
        reset_backend()


def test_without_search_backends_postgres_answers(settings):
    del settings.SEARCH_BACKENDS
    reset_backend()
    try:
        assert isinstance(get_backend(), PostgresBackend)
    finally:
        reset_backend()
