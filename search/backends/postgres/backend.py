"""``PostgresBackend``: a ``SearchQuery`` answered by the modules beside it."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from ... import synonyms
from ...documents import Document
from ...models import SearchDocument
from ...query import SearchQuery
from ...results import SearchResults, add_next_occurrences, add_open_now
from ..base import SearchBackend
from . import candidates, page, typos, writes
from .text import prefix_words, tsquery


class PostgresBackend(SearchBackend):
    """The embedded backend (see the package's docstring). It takes no
    options: it uses the project's database."""

    name = "postgres"

    def search(self, query: SearchQuery) -> SearchResults:
        """Exact (stemmed, prefix) words, each with its synonyms
        (search.synonyms); only when they find nothing,
        the words no listing contains are corrected against the vocabulary
        and the search runs again. Known words that find nothing together or
        with the filters stay as typed."""
        table = synonyms.current()
        expansion = table.expand(prefix_words(query))
        tsq = tsquery(expansion.groups)
        typed = tsquery([group[:1] for group in expansion.groups]) if expansion.also else ""
        corrected = ""
        found = candidates.collect(query, tsq, typed)
        possible = query.possible_types() != set()
        if tsq and possible and not found.any_type:
            fixed = typos.alternatives(expansion.groups, known=table.known)
            if fixed is not None:
                options, guess = fixed
                fuzzy_tsq = tsquery(options)
                retry = candidates.collect(query, fuzzy_tsq, typed)
                if retry.any_type:
                    found, tsq, corrected = retry, fuzzy_tsq, guess

        end = query.offset + query.per_page
        if found.complete or (query.effective_sort != "date" and end <= len(found.rows)):
            page_ids = page.ranked(query, found.rows)  # the page lies among the candidates
        else:
            page_ids = page.ordered_by_sql(query, tsq, typed)
        hits = page.hits(page_ids, query, tsq, typed)
        add_next_occurrences(hits, query, timezone.now())
        add_open_now(hits, timezone.now())
        return SearchResults(
            query=query,
            hits=hits,
            total=len(found.rows),
            counts=found.counts(),
            backend=self.name,
            capped=not found.complete,
            corrected=corrected,
            also_searched=expansion.also,
        )

    # -- writes ---------------------------------------------------------------
    def index(self, docs: list[Document]) -> None:
        writes.upsert(docs)

    def delete(self, ids: Iterable[int]) -> None:
        writes.delete(ids)

    def start_rebuild(self) -> None:
        self._rebuild = writes.Rebuild()

    def bulk_load(self, docs: list[Document]) -> None:
        self._rebuild.load(docs)

    def finish_rebuild(self) -> None:
        self._rebuild.finish()
        del self._rebuild

    def rebuild(self, docs: Iterable[Document], chunk_size: int = 5000) -> int:
        """In one transaction: readers keep the old table until it commits."""
        with transaction.atomic():
            return super().rebuild(docs, chunk_size)

    def indexed_ids(self) -> set[int]:
        return set(SearchDocument.objects.values_list("page_id", flat=True))

    def listed(self, ids: Iterable[int]) -> set[int]:
        """One primary-key lookup of these ids (the hits of a page that
        Elasticsearch answered), not every id in the index."""
        ids = list(ids)
        if not ids:
            return set()
        return set(SearchDocument.objects.filter(page_id__in=ids).values_list("page_id", flat=True))
