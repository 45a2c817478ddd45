from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable

from django.db import transaction

from ..documents import Document
from ..query import SearchQuery
from ..results import SearchResults
from .base import BackendHealth, BackendUnavailable, SearchBackend, chunked
from .breaker import CircuitBreaker, CircuitOpen, Guarded

log = logging.getLogger(__name__)

__all__ = ["BackendUnavailable", "FallbackBackend"]


class FallbackBackend(SearchBackend):
    """Elasticsearch for reads, PostgreSQL when it is down. Writes go to both:
    PostgreSQL first (always there), so the fallback has current data.
    ``search.indexing`` writes them apart (``parts()``): PostgreSQL in the
    request, Elasticsearch from the outbox worker.

    Elasticsearch sits behind a circuit breaker: after a failure, PostgreSQL
    answers for ``cooldown`` seconds without Elasticsearch being asked, then
    one request probes it again (``search.backends.breaker``).

    Configured with the two backends it is made of, as entries of their own
    (see ``search.backends``)::

        {"BACKEND": "search.backends.fallback.FallbackBackend",
         "PRIMARY": {"BACKEND": "search.backends.elasticsearch.ElasticsearchBackend", ...},
         "FALLBACK": {"BACKEND": "search.backends.postgres.PostgresBackend"},
         "COOLDOWN": 30.0}

    The fallback must be the site's own database (PostgreSQL): it is the
    local index written in the request, rebuilt in one transaction, and the
    one that knows which pages may be listed."""

    def __init__(
        self,
        primary: SearchBackend,
        fallback: SearchBackend,
        *,
        cooldown: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.primary, self.fallback = primary, fallback
        self.name = primary.name
        self.breaker = CircuitBreaker(cooldown, clock=clock)
        self.guarded = Guarded(primary, self.breaker)

    def search(self, query: SearchQuery) -> SearchResults:
        try:
            results = self.guarded.search(query)
        except BackendUnavailable as exc:
            if not isinstance(exc, CircuitOpen):
                log.warning(
                    "search: %s unavailable, answering with %s for the next %g s: %s",
                    self.primary.name,
                    self.fallback.name,
                    self.breaker.cooldown,
                    exc,
                )
            results = self.fallback.search(query)
            results.fallback = True
            return results
        return self._listed_only(results)

    def _listed_only(self, results: SearchResults) -> SearchResults:
        """Elasticsearch is written by the outbox worker, after PostgreSQL: a
        page unpublished a moment ago, or during an outage, can still be in
        it. PostgreSQL knows what may be listed; the rest is left out (the
        total and facets may still count it until the worker has caught up)."""
        if results.hits:
            listed = self.fallback.listed(hit.id for hit in results.hits)
            results.hits = [hit for hit in results.hits if hit.id in listed]
        return results

    def health(self) -> BackendHealth:
        return self.guarded.health()

    def parts(self) -> tuple[SearchBackend, SearchBackend | None]:
        return self.fallback, self.guarded

    def index(self, docs: list[Document]) -> None:
        self.fallback.index(docs)
        self.guarded.index(docs)

    def delete(self, ids: Iterable[int]) -> None:
        ids = list(ids)
        self.fallback.delete(ids)
        self.guarded.delete(ids)

    def rebuild(self, docs: Iterable[Document], chunk_size: int = 5000) -> int:
        """One pass over the documents into both indexes. PostgreSQL is rebuilt
        in one transaction (readers keep the old rows until it commits) even
        when Elasticsearch is down; that is reported after PostgreSQL is done."""
        primary_error = None
        with transaction.atomic():
            self.fallback.start_rebuild()
            try:
                self.primary.start_rebuild()
            except BackendUnavailable as exc:
                primary_error = exc
            written = 0
            for chunk in chunked(docs, chunk_size):
                self.fallback.bulk_load(chunk)
                if primary_error is None:
                    try:
                        self.primary.bulk_load(chunk)
                    except BackendUnavailable as exc:
                        primary_error = exc
                written += len(chunk)
            self.fallback.finish_rebuild()
        if primary_error is not None:
            raise BackendUnavailable(
                f"PostgreSQL index rebuilt; {self.primary.name} not: {primary_error}"
            )
        self.primary.finish_rebuild()
        return written

    def indexed_ids(self) -> set[int]:
        return self.guarded.indexed_ids()
