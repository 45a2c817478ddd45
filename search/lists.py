"""The list pages' matches from the index (``initiatives.listing``).

One narrow table holds type, title, themes (as tags), wijk and gemeente, with
btree indexes on (type, title, page_id) and the same per gemeente and per
wijk, and a GiST index per type on the point: a page of a list is an ordered
walk of one of them (by title, or nearest first) that stops at its LIMIT,
and the count stops at its limit too, whatever the number of listings.
Registered in ``SearchConfig.ready()``. The local (PostgreSQL) table is read
whichever backend answers searches: it is the site's own and always written
first (search.indexing).
"""

from __future__ import annotations

from typing import Any

from initiatives.listing import Found, ListingFilters

from .documents import MODELS
from .models import SearchDocument
from .sql import Counted, fetch

TABLE = SearchDocument._meta.db_table
KINDS = {model: kind for kind, model in MODELS.items()}


def _where(filters: ListingFilters) -> tuple[str, list[Any]]:
    kind = KINDS[filters.model]
    # '=' with the type as a literal-like parameter: the planner then uses the
    # type's own partial GiST index for nearest first.
    clauses, params = ["type = %s"], [kind]
    if filters.theme:
        # The themes column, not the GIN tags: the btree indexes include it.
        clauses.append("themes @> %s::varchar[]")
        params.append([filters.theme])
    if filters.respite:
        clauses.append("respite <> '{}'")
    if filters.days is not None:
        # On the walk in title order (or nearest first): the days are a
        # filter on what it passes, and the LIMIT still stops it.
        clauses.append("dates && %s::date[]")
        params.append(filters.day_list)
    if filters.languages:
        # The index holds Dutch for a listing that chose no language.
        clauses.append("languages && %s::varchar[]")
        params.append(list(filters.languages))
    for municipality in sorted({filters.municipality_id, filters.in_municipality_id} - {None}):
        clauses.append("municipality_id = %s")
        params.append(municipality)
    for neighbourhood in sorted({filters.neighbourhood_id, filters.in_neighbourhood_id} - {None}):
        clauses.append("neighbourhood_id = %s")
        params.append(neighbourhood)
    if filters.point is not None:
        # Nearest first needs a point: a listing worked on from home has none
        # in the index, so it is near nobody, as in a search with a place.
        clauses.append("location IS NOT NULL")
    return " AND ".join(clauses), params


def _radius(filters: ListingFilters) -> float | None:
    """Metres around the point, or None: a named area, or no point."""
    if filters.point is None or filters.in_area:
        return None
    return (filters.km or 5) * 1000


# Nearest first within a radius: the KNN operator walks the type's GiST index
# from the point and stops at the LIMIT; the radius is checked on what the
# walk returns (those within it come first). With ST_DWithin inside, the
# planner instead reads every listing in the radius's box and sorts them.
_NEAREST = f"""
SELECT page_id, ST_Distance(location, ST_GeogFromText(%s)) AS distance_m FROM (
    SELECT page_id, location, location <-> ST_GeogFromText(%s) AS knn
    FROM {TABLE} WHERE {{clause}}
    ORDER BY location <-> ST_GeogFromText(%s) LIMIT %s OFFSET %s
) AS nearest
WHERE {{within}}
ORDER BY knn
"""  # noqa: S608


class IndexedListings:
    """``initiatives.listing.ListingIndex`` on the search index."""

    def count(self, filters: ListingFilters, limit: int) -> int:
        clause, params = _where(filters)
        radius = _radius(filters)
        if radius is None:
            # In title order, so the count walks the same btree as the page.
            # Without it the planner may read the table from the start, where
            # a rebuild wrote every other type first (1 s at 1M listings).
            sql = (
                f"SELECT count(*) AS n FROM (SELECT 1 FROM {TABLE} WHERE {clause} "  # noqa: S608
                "ORDER BY title, page_id LIMIT %s) AS m"
            )
            return fetch(sql, [*params, limit], Counted)[0].n
        sql = f"SELECT count(*) AS n FROM ({_NEAREST.format(clause=clause, within=_WITHIN)}) AS m"  # noqa: S608
        point = filters.point.ewkt
        params = [point, point, *params, point, limit, 0, point, radius]
        return fetch(sql, params, Counted)[0].n

    def ids(self, filters: ListingFilters, offset: int, limit: int) -> list[Found]:
        clause, params = _where(filters)
        if filters.point is None:
            sql = (
                f"SELECT page_id, NULL::float AS distance_m FROM {TABLE} WHERE {clause} "  # noqa: S608
                "ORDER BY title, page_id LIMIT %s OFFSET %s"
            )
            return fetch(sql, [*params, limit, offset], Found)
        point, radius = filters.point.ewkt, _radius(filters)
        within, within_params = (_WITHIN, [point, radius]) if radius is not None else ("TRUE", [])
        sql = _NEAREST.format(clause=clause, within=within)
        return fetch(sql, [point, point, *params, point, limit, offset, *within_params], Found)


# The radius as the page tables check it (ListingQuerySet.near).
_WITHIN = "ST_DWithin(location, ST_GeogFromText(%s), %s)"
