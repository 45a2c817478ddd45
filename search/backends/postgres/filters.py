"""The WHERE clause of a ``SearchQuery``: words, place, and the filters as
GIN keys of the tags column, so one GIN scan intersects them all."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from ... import geohash
from ...query import SearchQuery


def typed_filters(q: SearchQuery) -> list[tuple[str, str, list[Any]]]:
    """Filters that only mean something for one type, as (type, SQL, params):
    dates and "free" are about activities, "open" about meeting places. A
    listing matches one of them, so each also keeps only its type."""
    typed = []
    kinds = q.filter_types
    if "activity" in kinds:
        days = q.window_days(timezone.localdate())
        parts, params = ["type = 'activity'"], []
        if days is not None:
            parts.append("dates && %s::date[]")
            params.append(days)
        if q.free_only:
            parts.append("free")
        typed.append(("activity", " AND ".join(parts), params))
    if "meeting_place" in kinds:
        parts, params = ["type = 'meeting_place'"], []
        if q.open_at_minute is not None:
            parts.append("open_ranges @> %s::int")
            params.append(q.open_at_minute)
        if q.open_on is not None:
            parts.append("open_ranges && int4range(%s, %s)")
            params += [q.open_on * 1440, (q.open_on + 1) * 1440]
        typed.append(("meeting_place", " AND ".join(parts), params))
    return typed


def where(
    q: SearchQuery,
    tsq: str,
    *,
    skip_types: bool = False,
    radius: bool = True,
    cells_m: float | None = None,
) -> tuple[str, list[Any]]:
    """WHERE clause and parameters. ``skip_types``: leave the type filter out
    (the type facet counts every type); ``radius``: check the radius exactly;
    ``cells_m``: the geohash cells to ask for cover this many metres (0:
    none; None: the query's radius)."""
    clauses, params = [], []
    if tsq:
        clauses.append("search_vector @@ search_query(%s)")
        params.append(tsq)
    if radius and q.near is not None and q.radius_km:
        clauses.append("ST_DWithin(location, ST_GeogFromText(%s), %s)")
        params += [q.near.ewkt, q.radius_km * 1000]
    # Filters as GIN keys (the tags column), so one GIN scan intersects
    # them with the words; the radius as the geohash cells covering it.
    if cells_m is None and q.radius_km:
        cells_m = q.radius_km * 1000
    if q.near is not None and cells_m:
        clauses.append("tags && %s::text[]")
        params.append(geohash.cover(q.near.y, q.near.x, cells_m))
    for prefix, values in (
        ("t:", () if skip_types else q.types),
        ("th:", q.themes),
        ("tg:", q.target_groups),
    ):
        if values:
            clauses.append("tags && %s::text[]")
            params.append([prefix + v for v in values])
    if q.neighbourhood_id:
        clauses.append("neighbourhood_id = %s")
        params.append(q.neighbourhood_id)
    if q.municipality_id:
        clauses.append("municipality_id = %s")
        params.append(q.municipality_id)
    if q.wheelchair:
        clauses.append("tags @> '{wc}'::text[]")
    if q.respite:
        clauses.append("respite && %s::varchar[]")
        params.append(list(q.respite))
    if q.languages:
        clauses.append("languages && %s::varchar[]")
        params.append(list(q.languages))
    typed = typed_filters(q)
    if q.free_only and len(typed) == 1:
        # Only activities can match, and only free ones: a GIN key too. (With
        # "open" as well, free is one of two alternatives.)
        clauses.append("tags @> '{free}'::text[]")
    if typed:
        clauses.append("(" + " OR ".join(f"({sql})" for _, sql, _ in typed) + ")")
        for _, _, part_params in typed:
            params += part_params
    return (" AND ".join(clauses) or "TRUE"), params


def only_type(q: SearchQuery, tsq: str) -> str | None:
    """The one type asked for when nothing else narrows the search (no words,
    no other filter). A walk in table or title order then meets every other
    type's documents before the first of this one (a rebuild writes all
    activities first; synthetic titles group by type): 0.2-0.4 s at 1M. The
    type's own (type, title, page_id) btree starts at its first document."""
    if tsq or len(q.types) != 1:
        return None
    others = (
        q.themes, q.target_groups, q.neighbourhood_id, q.municipality_id, q.wheelchair, q.respite,
        q.languages,
    )  # fmt: skip
    if q.near is not None or any(others) or typed_filters(q):
        return None
    return q.types[0]
