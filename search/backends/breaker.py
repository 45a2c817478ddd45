"""A circuit breaker: after a failure, stop calling a service for a while.

A cluster that accepts connections but never answers costs every caller the
full timeout. After one failure the breaker is *open*: calls fail at once
(``BackendUnavailable``) and the fallback answers. When the cool-down has
passed, one call is let through as a probe (*half-open*); its success closes
the breaker, its failure opens it for another cool-down.

The state is per process (``get_backend()`` is cached per process), kept in
memory behind a lock. Sharing it through the cache would save each other
process at most one slow call per cool-down, at the price of a cache round
trip on every search and the cache as one more thing that can fail on the
request path (and the default cache is per process anyway).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import TypeVar

from ..documents import Document
from ..query import SearchQuery
from ..results import SearchResults
from .base import BackendHealth, BackendUnavailable, SearchBackend

log = logging.getLogger(__name__)
T = TypeVar("T")


class CircuitOpen(BackendUnavailable):
    """Not tried: the service failed less than a cool-down ago."""


class CircuitBreaker:
    def __init__(self, cooldown: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.cooldown = cooldown
        self._clock = clock
        self._lock = threading.Lock()
        self._open_until: float | None = None  # None: closed
        self._probe_until: float | None = None  # a probe is out until then

    @property
    def available(self) -> bool:
        """Would ``allow()`` say yes now? (Without taking the probe.)"""
        with self._lock:
            return self._may_call(self._clock())

    @property
    def state(self) -> str:
        """ "closed", "open" or "half-open" (a probe may go, or is out)."""
        with self._lock:
            if self._open_until is None:
                return "closed"
            return "half-open" if self._clock() >= self._open_until else "open"

    def allow(self) -> bool:
        """May a call go to the service now? Half-open, only one caller gets
        True until it reports back; a probe that never does (a thread that
        died) is given up on after another cool-down."""
        with self._lock:
            now = self._clock()
            if not self._may_call(now):
                return False
            if self._open_until is not None:
                self._probe_until = now + self.cooldown
            return True

    def _may_call(self, now: float) -> bool:
        if self._open_until is None:
            return True
        probe_out = self._probe_until is not None and now < self._probe_until
        return now >= self._open_until and not probe_out

    def success(self) -> None:
        with self._lock:
            was_open = self._open_until is not None
            self._open_until = self._probe_until = None
        if was_open:
            log.info("search: the service answers again, circuit closed")

    def failure(self) -> None:
        with self._lock:
            self._open_until = self._clock() + self.cooldown
            self._probe_until = None


class Guarded(SearchBackend):
    """``backend`` behind ``breaker``: while the breaker is open every call
    raises ``BackendUnavailable`` at once, without touching the network."""

    def __init__(self, backend: SearchBackend, breaker: CircuitBreaker) -> None:
        self.backend, self.breaker = backend, breaker
        self.name = backend.name

    @property
    def available(self) -> bool:
        return self.breaker.available

    def health(self) -> BackendHealth:
        return BackendHealth(name=self.name, breaker=self.breaker.state)

    def _call(self, func: Callable[..., T], *args: object) -> T:
        if not self.breaker.allow():
            raise CircuitOpen(
                f"{self.name} not tried: it failed less than {self.breaker.cooldown:g} s ago"
            )
        try:
            result = func(*args)
        except BackendUnavailable:
            self.breaker.failure()
            raise
        except Exception:
            self.breaker.success()  # it answered, with an error of ours
            raise
        self.breaker.success()
        return result

    def search(self, query: SearchQuery) -> SearchResults:
        return self._call(self.backend.search, query)

    # Nothing to write is no call: it must not close the breaker as a probe.
    def index(self, docs: list[Document]) -> None:
        if docs:
            self._call(self.backend.index, docs)

    def delete(self, ids: Iterable[int]) -> None:
        if ids := list(ids):
            self._call(self.backend.delete, ids)

    def indexed_ids(self) -> set[int]:
        return self._call(self.backend.indexed_ids)
