from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TypeVar

from ..documents import Document
from ..query import SearchQuery
from ..results import SearchResults

T = TypeVar("T")


class BackendUnavailable(Exception):
    """The backend could not be reached; another may answer instead."""


@dataclass(frozen=True)
class BackendHealth:
    """What the readiness probe may know about the search backend, without a
    network call: its name, and whether a circuit breaker stops calls to it
    now (``"closed"``: calls go through; ``"open"``: the fallback answers;
    ``"half-open"``: one probe is out)."""

    name: str
    breaker: str = "closed"

    @property
    def degraded(self) -> bool:
        return self.breaker != "closed"


class SearchBackend(ABC):
    """What every backend does. Writes take documents built by
    ``search.documents``; reads take a ``SearchQuery``.

    A backend only translates: the rules are the query's (its ``words``,
    ``effective_sort``, ``possible_types``, ``window_days``), highlights use
    ``search.highlight``'s markers, and facet labels are added by
    ``SearchResults``. Configured as an entry of ``SEARCH_BACKENDS``: its
    options are the keyword arguments of ``__init__`` (``search.backends``)."""

    name: str = ""

    def health(self) -> BackendHealth:
        """The state the readiness probe reports; never calls the network."""
        return BackendHealth(name=self.name)

    @abstractmethod
    def search(self, query: SearchQuery) -> SearchResults:
        """The page of hits ``query`` asks for, in ``query.effective_sort``
        order, every word of ``query.words`` matched; the total, and the
        facet counts (the type counts ignoring the type filter)."""

    @abstractmethod
    def index(self, docs: list[Document]) -> None:
        """Insert or replace these documents."""

    @abstractmethod
    def delete(self, ids: Iterable[int]) -> None:
        """Remove these page ids (missing ones are fine)."""

    def start_rebuild(self) -> None:  # noqa: B027 - optional hook
        """Prepare an empty index to fill (the live one keeps answering if the
        backend can swap; PostgreSQL does it all in one transaction)."""

    def bulk_load(self, docs: list[Document]) -> None:
        """Write one chunk during a rebuild (a faster path than ``index``)."""
        self.index(docs)

    def finish_rebuild(self) -> None:  # noqa: B027 - optional hook
        """Make the filled index the live one."""

    def rebuild(self, docs: Iterable[Document], chunk_size: int = 5000) -> int:
        """Replace the whole index with ``docs``, streamed in chunks."""
        self.start_rebuild()
        written = 0
        for chunk in chunked(docs, chunk_size):
            self.bulk_load(chunk)
            written += len(chunk)
        self.finish_rebuild()
        return written

    @abstractmethod
    def indexed_ids(self) -> set[int]:
        """Every page id in the index (for drift checks)."""

    def listed(self, ids: Iterable[int]) -> set[int]:
        """Those of ``ids`` that are in the index."""
        return self.indexed_ids() & set(ids)

    def parts(self) -> tuple[SearchBackend, SearchBackend | None]:
        """(local, remote). ``search.indexing`` writes the local part in the
        request that changed a page, right after commit; the remote part (a
        service on the network) only from the outbox worker, so that a slow
        or hung service never holds up a request."""
        return self, None


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
