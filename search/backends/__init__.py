"""Search backends, configured like Django's caches and modelsearch's
backends: ``settings.SEARCH_BACKENDS`` maps an alias to an entry
``{"BACKEND": "<dotted path of the class>", **options}``, and
``get_backend()`` builds the ``"default"`` one, once per process.

Every option but ``BACKEND`` is passed to the class, lower-cased, as a
keyword argument (``"TIMEOUT": 1.0`` -> ``timeout=1.0``). An option that is
itself an entry (a dict with a ``BACKEND``) is built first: that is how a
``FallbackBackend`` gets the two backends it is made of::

    SEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.fallback.FallbackBackend",
            "PRIMARY": {
                "BACKEND": "search.backends.elasticsearch.ElasticsearchBackend",
                "URLS": ["http://127.0.0.1:9200"],
                "INDEX": "meedoen-listings",
                "TIMEOUT": 1.0,
            },
            "FALLBACK": {"BACKEND": "search.backends.postgres.PostgresBackend"},
            "COOLDOWN": 30.0,
        }
    }

Without ``SEARCH_BACKENDS`` the PostgreSQL backend answers. The project's
settings build the entry from ``SEARCH_BACKEND`` and ``ELASTICSEARCH_*``.
Callers use ``get_backend()`` and never ask which backend is active.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from functools import cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from .base import BackendHealth, BackendUnavailable, SearchBackend

DEFAULT_BACKENDS = {"default": {"BACKEND": "search.backends.postgres.PostgresBackend"}}


def load_backend(entry: Mapping[str, Any]) -> SearchBackend:
    """A new backend built from one entry of ``SEARCH_BACKENDS``."""
    options = dict(entry)
    path = options.pop("BACKEND", None)
    if not path:
        raise ImproperlyConfigured(f"A SEARCH_BACKENDS entry needs a BACKEND: {entry!r}")
    try:
        backend_class = import_string(path)
    except ImportError as exc:
        raise ImproperlyConfigured(f"Search backend {path!r} not found: {exc}") from exc
    kwargs = {
        name.lower(): load_backend(value) if _is_entry(value) else value
        for name, value in options.items()
    }
    try:
        inspect.signature(backend_class).bind(**kwargs)
    except TypeError as exc:
        raise ImproperlyConfigured(f"{path} cannot take these options: {exc}") from exc
    return backend_class(**kwargs)


def _is_entry(value: object) -> bool:
    return isinstance(value, Mapping) and "BACKEND" in value


@cache
def get_backend(alias: str = "default") -> SearchBackend:
    """The backend configured under ``alias``, built once per process (so a
    ``FallbackBackend`` keeps one circuit breaker)."""
    backends = getattr(settings, "SEARCH_BACKENDS", DEFAULT_BACKENDS)
    try:
        entry = backends[alias]
    except KeyError:
        raise ImproperlyConfigured(f"SEARCH_BACKENDS has no {alias!r} entry.") from None
    return load_backend(entry)


def reset_backend() -> None:
    """Forget the built backends (tests that change settings)."""
    get_backend.cache_clear()


def backend_health() -> BackendHealth:
    """The default backend's name and circuit-breaker state, for the
    readiness probe (operations): read from memory, no network call."""
    return get_backend().health()


__all__ = [
    "BackendHealth",
    "backend_health",
    "BackendUnavailable",
    "SearchBackend",
    "get_backend",
    "load_backend",
    "reset_backend",
]
