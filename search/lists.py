"""The list pages' matches from the index (``initiatives.listing``).

One narrow table holds type, title, themes (as tags), wijk and gemeente, with
btree indexes on (type, title, page_id) and the same per gemeente and per
wijk: a page of a list is an ordered walk of one of them that stops at its
LIMIT, and the count stops at its limit too, whatever the number of
listings. Registered in ``SearchConfig.ready()``. The local (PostgreSQL)
table is read whichever backend answers searches: it is the site's own and
always written first (search.indexing).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from initiatives.listing import ListingFilters

from .documents import MODELS
from .models import SearchDocument
from .sql import fetch

TABLE = SearchDocument._meta.db_table
KINDS = {model: kind for kind, model in MODELS.items()}


class Counted(NamedTuple):
    n: int


class PageId(NamedTuple):
    page_id: int


def _where(filters: ListingFilters) -> tuple[str, list[Any]]:
    clauses, params = ["type = %s"], [KINDS[filters.model]]
    if filters.theme:
        # The themes column, not the GIN tags: the btree indexes include it.
        clauses.append("themes @> %s::varchar[]")
        params.append([filters.theme])
    if filters.municipality_id:
        clauses.append("municipality_id = %s")
        params.append(filters.municipality_id)
    if filters.neighbourhood_id:
        clauses.append("neighbourhood_id = %s")
        params.append(filters.neighbourhood_id)
    return " AND ".join(clauses), params


class IndexedListings:
    """``initiatives.listing.ListingIndex`` on the search index."""

    def count(self, filters: ListingFilters, limit: int) -> int:
        clause, params = _where(filters)
        sql = f"SELECT count(*) AS n FROM (SELECT 1 FROM {TABLE} WHERE {clause} LIMIT %s) AS m"  # noqa: S608
        return fetch(sql, [*params, limit], Counted)[0].n

    def ids(self, filters: ListingFilters, offset: int, limit: int) -> list[int]:
        clause, params = _where(filters)
        sql = (
            f"SELECT page_id FROM {TABLE} WHERE {clause} "  # noqa: S608
            "ORDER BY title, page_id LIMIT %s OFFSET %s"
        )
        return [row.page_id for row in fetch(sql, [*params, limit, offset], PageId)]
