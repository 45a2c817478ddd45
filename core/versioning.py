"""A number that goes up whenever public content changes (a page is published
or unpublished): caches and ETags of feeds, open data and the API key on it,
so nothing waits for a timeout and nothing is recomputed to answer "not
modified". One cache key; in production the shared cache (Redis), so every
server process sees the same number."""

from __future__ import annotations

from django.core.cache import cache
from django.utils import timezone

VERSION_KEY = "content:version"


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # A fresh start (or an evicted key) begins above any earlier number.
        cache.add(VERSION_KEY, int(timezone.now().timestamp() * 1000), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump_content_version(**kwargs) -> None:
    """Signal handler (page_published, page_unpublished): one cache
    increment, no query, no network."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not there: start a new, higher series
        cache.set(VERSION_KEY, int(timezone.now().timestamp() * 1000), timeout=None)


def count_per_version(name: str, queryset) -> int:
    """``queryset.count()``, counted once per content version: a count reads
    every row, and the answer only changes when content is published."""
    key = f"{name}:{content_version()}:count"
    total = cache.get(key)
    if total is None:
        total = queryset.count()
        cache.set(key, total, timeout=24 * 3600)
    return total
