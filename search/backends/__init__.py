"""Search backends, chosen by settings like Django's cache framework.

Callers use ``get_backend()`` and never ask which backend is active.
"""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from .base import SearchBackend

BACKENDS = {
    "postgres": "search.backends.postgres.PostgresBackend",
    "elasticsearch": "search.backends.elasticsearch.ElasticsearchBackend",
}


@cache
def get_backend() -> SearchBackend:
    name = settings.SEARCH_BACKEND
    postgres = import_string(BACKENDS["postgres"])()
    if name == "postgres":
        return postgres
    from .fallback import FallbackBackend

    primary = import_string(BACKENDS[name])(url=settings.ELASTICSEARCH_URL)
    return FallbackBackend(primary, postgres)


def reset_backend() -> None:
    """Forget the cached backend (tests that change settings)."""
    get_backend.cache_clear()


__all__ = ["SearchBackend", "get_backend", "reset_backend"]
