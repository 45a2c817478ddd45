from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import transaction

from ..documents import Document
from ..query import SearchQuery, SearchResults
from .base import SearchBackend, chunked

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
        return self.primary.indexed_ids()
