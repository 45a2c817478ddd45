from __future__ import annotations

import logging
from collections.abc import Iterable

from ..documents import Document
from ..query import SearchQuery, SearchResults
from .base import SearchBackend

log = logging.getLogger(__name__)


class BackendUnavailable(Exception):
    """The backend could not be reached; another may answer instead."""


class FallbackBackend(SearchBackend):
    """Elasticsearch for reads, PostgreSQL when it is down. Writes go to both:
    PostgreSQL first (always there), so the fallback has current data."""

    def __init__(self, primary: SearchBackend, fallback: SearchBackend):
        self.primary, self.fallback = primary, fallback
        self.name = primary.name

    def search(self, query: SearchQuery) -> SearchResults:
        try:
            return self.primary.search(query)
        except BackendUnavailable as exc:
            log.warning(
                "search: %s unavailable, answering with %s: %s",
                self.primary.name,
                self.fallback.name,
                exc,
            )
            results = self.fallback.search(query)
            results.fallback = True
            return results

    def index(self, docs: list[Document]) -> None:
        self.fallback.index(docs)
        self.primary.index(docs)

    def delete(self, ids: Iterable[int]) -> None:
        ids = list(ids)
        self.fallback.delete(ids)
        self.primary.delete(ids)

    def start_rebuild(self) -> None:
        self.fallback.start_rebuild()
        self.primary.start_rebuild()

    def bulk_load(self, docs: list[Document]) -> None:
        self.fallback.bulk_load(docs)
        self.primary.bulk_load(docs)

    def finish_rebuild(self) -> None:
        self.fallback.finish_rebuild()
        self.primary.finish_rebuild()

    def indexed_ids(self) -> set[int]:
        return self.primary.indexed_ids()
