"""The page: its ids, ranked among the candidates or ordered by PostgreSQL
over every match, and its rows read in full with ``ts_headline`` snippets."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from ...highlight import START, STOP, marked_html
from ...query import DECAY_KM, SearchQuery
from ...results import Hit
from ...sql import PageId, fetch
from . import dated
from .candidates import Candidate
from .filters import only_type, where
from .text import NEXT_DATE, RANK, TABLE, from_day, rank_params

SORT_KEYS = {
    # Relevance is divided by (1 + km / DECAY_KM) when a place is given.
    "relevance": lambda c: (
        -(c.score / (1 + (c.distance_m or 0) / (DECAY_KM * 1000))),
        c.page_id,
    ),
    "distance": lambda c: (
        c.distance_m if c.distance_m is not None else float("inf"),
        c.page_id,
    ),
    "date": lambda c: (c.next_date is None, c.next_date or date.min, c.title, c.page_id),
}
HEADLINE = (
    f"StartSel={START}, StopSel={STOP}, MaxWords=30, "
    "MinWords=12, MaxFragments=2, FragmentDelimiter= … "
)


class HitRow(NamedTuple):
    page_id: int
    type: str
    title: str
    summary: str
    url: str
    initiative_title: str
    neighbourhood: str
    municipality: str
    lat: float | None
    lon: float | None
    distance_m: float | None
    next_date: date | None
    score: float
    headline: str
    open_ranges: list[list[int]] | None  # [[start, end], …] minutes of the week
    respite: list[str]
    place_public: bool
    languages: list[str]


def ranked(q: SearchQuery, candidates: list[Candidate]) -> list[int]:
    """The page's ids ranked among the candidates, in Python."""
    ordered = sorted(candidates, key=SORT_KEYS[q.effective_sort])
    return [c.page_id for c in ordered[q.offset : q.offset + q.per_page]]


def ordered_by_sql(q: SearchQuery, tsq: str, typed: str = "") -> list[int]:
    """The page's ids ordered in SQL over every match: for pages past the
    candidates and for date order when the candidates are not all (two index
    walks, see dated.py)."""
    clause, params = where(q, tsq)
    sort = q.effective_sort
    if sort == "date":
        possible = q.possible_types()
        dated_possible = possible is None or "activity" in possible
        return dated.page_ids(
            q,
            clause,
            params,
            from_day(q),
            dated_possible=dated_possible,
            only_type=only_type(q, tsq),
        )
    point = q.near.ewkt if q.near is not None else None
    score, score_params = "0::float", []
    if tsq:
        score, score_params = RANK, rank_params(tsq, typed)
    if sort == "distance" and point:
        order, order_params = "location <-> ST_GeogFromText(%s)", [point]
    elif point:
        order = (
            f"{score} / (1 + ST_Distance(location, ST_GeogFromText(%s)) / "
            f"{DECAY_KM * 1000}) DESC, page_id"
        )
        order_params = [*score_params, point]
    else:
        order, order_params = f"{score} DESC, page_id", score_params
    sql = (
        f"SELECT page_id FROM {TABLE} WHERE {clause} "  # noqa: S608
        f"ORDER BY {order} LIMIT %s OFFSET %s"
    )
    rows = fetch(sql, params + order_params + [q.per_page, q.offset], PageId)
    return [row.page_id for row in rows]


def hits(ids: list[int], q: SearchQuery, tsq: str, typed: str = "") -> list[Hit]:
    """The page's rows in full, in the order of ``ids``."""
    if not ids:
        return []
    point = q.near.ewkt if q.near is not None else None
    headline, headline_params = "''", []
    if tsq:
        headline = "ts_headline('dutch', summary || ' ' || left(body, 2000), search_query(%s), %s)"
        headline_params = [tsq, HEADLINE]
    distance = "ST_Distance(location, ST_GeogFromText(%s))" if point else "NULL::float"
    sql = f"""
        SELECT page_id, type, title, summary, url, initiative_title, neighbourhood,
               municipality, ST_Y(location::geometry) AS lat,
               ST_X(location::geometry) AS lon, {distance} AS distance_m,
               {NEXT_DATE} AS next_date, {RANK if tsq else "0"} AS score,
               {headline} AS headline,
               (SELECT array_agg(ARRAY[lower(r), upper(r)]) FROM unnest(open_ranges) AS r)
                   AS open_ranges,
               respite, place_public, languages
        FROM {TABLE} WHERE page_id = ANY(%s)
    """  # noqa: S608
    params = ([point] if point else []) + [from_day(q)]
    params += (rank_params(tsq, typed) if tsq else []) + headline_params + [ids]
    rows = {row.page_id: row for row in fetch(sql, params, HitRow)}
    return [_hit(rows[i]) for i in ids if i in rows]


def _hit(row: HitRow) -> Hit:
    return Hit(
        id=row.page_id,
        type=row.type,
        title=row.title,
        summary=row.summary,
        url=row.url,
        initiative_title=row.initiative_title,
        neighbourhood=row.neighbourhood,
        municipality=row.municipality,
        lat=row.lat,
        lon=row.lon,
        distance_km=row.distance_m / 1000 if row.distance_m is not None else None,
        highlight=marked_html(row.headline or ""),
        next_date=row.next_date,
        score=float(row.score or 0),
        open_ranges=tuple((start, end) for start, end in row.open_ranges or ()),
        respite=tuple(row.respite or ()),
        place_public=row.place_public,
        languages=tuple(row.languages or ()),
    )
