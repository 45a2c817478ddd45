"""A number that goes up whenever public content changes (a page is published,
unpublished, moved or deleted; a theme, wijk or search synonym changes; the
search index is written): the page cache (core/pagecache.py) and the caches and
ETags of feeds, open data and the API key on it, so nothing waits for a timeout
and nothing is recomputed to answer "not modified". One cache key; in
production the shared cache (Redis), so every server process sees the same
number."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

VERSION_KEY = "content:version"
T = TypeVar("T")


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # A fresh start (or an evicted key) begins above any earlier number.
        cache.add(VERSION_KEY, int(timezone.now().timestamp() * 1000), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def _bump() -> None:
    try:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:  # not there: start a new, higher series
            cache.set(VERSION_KEY, int(timezone.now().timestamp() * 1000), timeout=None)
    except Exception:  # noqa: BLE001 - a cache that is down holds nothing stale
        logger.warning("Could not bump the content version", exc_info=True)


def bump_content_version(**kwargs) -> None:
    """Signal handler (page_published, page_unpublished, a snippet saved...):
    one cache increment now and one after commit, no query. The second one
    matters: a request between the first and the commit still reads the old
    rows, and would keep them under the new version until the timeout."""
    _bump()
    transaction.on_commit(_bump, robust=True)


def cached_per_version(name: str, compute: Callable[[], T], timeout: int = 24 * 3600) -> T:
    """``compute()``, kept until public content changes. When the cache
    cannot be reached the value is computed, never an error."""
    try:
        key = f"{name}:{content_version()}"
        value = cache.get(key)
    except Exception:  # noqa: BLE001
        logger.warning("Cache unavailable for %s", name, exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, timeout=timeout)
        except Exception:  # noqa: BLE001
            logger.warning("Cache unavailable for %s", name, exc_info=True)
    return value


def count_per_version(name: str, queryset) -> int:
    """``queryset.count()``, counted once per content version: a count reads
    every row, and the answer only changes when content is published."""
    return cached_per_version(f"{name}:count", queryset.count)
