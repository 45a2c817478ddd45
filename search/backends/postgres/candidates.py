"""Candidates: the matches a search counts and ranks, collected in one narrow
query (ids, type, themes, wijk, score, distance) before any row is read in
full. See the package's docstring and docs/search.md, "Candidates, counts and
ranking"."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from ...query import MAX_RADIUS_KM, SearchQuery
from ...results import FacetCounts
from ...sql import fetch
from .filters import only_type, where
from .text import NEXT_DATE, RANK, TABLE, from_day, rank_params

COUNT_CAP = 1_000
# With a place: how many of the nearest listings are examined before falling
# back to a search of the whole radius.
PROBE = 1_000
# When the probe holds too few matches: next look this many times as far.
RING = 4
MIN_REACH_M = 250  # listings at one address: still look a kilometre around


@dataclass(slots=True)
class Candidate:
    """One match as the candidates query reads it: enough to count facets
    and rank, not to show."""

    page_id: int
    type: str
    themes: list[str]
    languages: list[str]
    neighbourhood_id: int | None
    neighbourhood: str
    score: float
    distance_m: float | None  # with a place
    next_date: date | None  # for date order only
    title: str | None  # for date order only


COLUMNS = (
    "page_id, type, themes, languages, neighbourhood_id, neighbourhood, {score} AS score, "
    "{distance} AS distance_m, {next_date} AS next_date, {title} AS title"
)


@dataclass(slots=True)
class Probed(Candidate):
    """A row of the probe: a candidate when ``matched``; the farthest listing
    probed comes back too, matching or not."""

    matched: bool
    reach: float  # metres to the farthest listing probed (the same on every row)
    probed: int  # how many listings were probed (the same on every row)


@dataclass
class Candidates:
    """The matches a search ranks and counts: all of them when ``complete``,
    else the nearest (with a place) or the first found, up to COUNT_CAP."""

    rows: list[Candidate]
    complete: bool
    types: list[Candidate] = field(default_factory=list)  # untyped, for the type facet

    @property
    def any_type(self) -> bool:
        return bool(self.rows or self.types)

    def counts(self) -> FacetCounts:
        """Types over every type; themes and wijken over the chosen ones."""
        themes: Counter[str] = Counter()
        spoken: Counter[str] = Counter()
        wijken: Counter[str] = Counter()
        names: dict[str, str] = {}
        for c in self.rows:
            themes.update(c.themes)
            spoken.update(c.languages)
            if c.neighbourhood_id is not None:
                wijken[str(c.neighbourhood_id)] += 1
                names[str(c.neighbourhood_id)] = c.neighbourhood
        types = Counter(c.type for c in self.types)
        return FacetCounts(
            types=types, themes=themes, wijken=wijken, wijk_names=names, languages=spoken
        )


def collect(q: SearchQuery, tsq: str, typed: str = "") -> Candidates:
    """The candidates of ``q`` with the words ``tsq``. Collected without the
    type filter, so the type facet counts the other types too; a separate
    typed search only when the chosen types are too few among the
    candidates to fill the page. The untyped look is then only the probe:
    the other types' counts are lower bounds."""
    if q.possible_types() == set():
        return Candidates([], complete=True)  # e.g. "free" (activities) and only vacancies
    found = _Look(q, tsq, with_types=False, typed=typed).collect(probe_only=bool(q.types))
    found.types = found.rows
    if q.types:
        typed = [c for c in found.rows if c.type in q.types]
        if found.complete or len(typed) >= min(q.offset + q.per_page, COUNT_CAP):
            found.rows = typed
        else:
            only = _Look(q, tsq, with_types=True, typed=typed).collect()
            others = [c for c in found.types if c.type not in q.types]
            found = Candidates(only.rows, only.complete, types=only.rows + others)
    return found


@dataclass
class _Look:
    """One collection of candidates, with or without the type filter."""

    q: SearchQuery
    tsq: str
    with_types: bool
    typed: str = ""  # the typed words alone, for RANK

    @cached_property
    def select(self) -> tuple[str, list[Any]]:
        """The candidate columns and their parameters."""
        score, score_params = "0::float", []
        if self.tsq:
            score, score_params = RANK, rank_params(self.tsq, self.typed)
        distance = "distance_m" if self.q.near is not None else "NULL::float"
        # The next date costs a subquery per row: only for date order.
        next_date, date_params, title = "NULL::date", [], "NULL::text"
        if self.q.effective_sort == "date":
            next_date, date_params, title = NEXT_DATE, [from_day(self.q)], "title"
        columns = COLUMNS.format(score=score, distance=distance, next_date=next_date, title=title)
        return columns, score_params + date_params

    def where(self, *, cells_m: float | None = None) -> tuple[str, list[Any]]:
        return where(
            self.q, self.tsq, skip_types=not self.with_types, radius=False, cells_m=cells_m
        )

    def collect(self, *, probe_only: bool = False) -> Candidates:
        """``probe_only``: with a place, stop after the probe (the untyped look
        when a typed one may follow)."""
        if self.q.near is None:
            return self.first()
        q = self.q
        radius = (q.radius_km or MAX_RADIUS_KM) * 1000
        needed = min(q.offset + q.per_page, COUNT_CAP)
        rows, reach, probed = self.probe(radius)
        if probed < PROBE or reach > radius:
            return Candidates(rows, complete=True)  # the whole radius was seen
        if len(rows) >= needed or probe_only:
            return Candidates(rows, complete=False)
        # Few matches near: the nearest matches within a ring RING times as
        # far as the probe reached (RING² times the area), then, if still too
        # few, within the whole radius.
        ring = max(reach, MIN_REACH_M) * RING
        if ring < radius:
            rows = self.nearest_within(ring)
            if len(rows) >= needed:
                return Candidates(rows[:COUNT_CAP], complete=False)
        rows = self.nearest_within(radius)
        return Candidates(rows[:COUNT_CAP], complete=len(rows) <= COUNT_CAP)

    def first(self) -> Candidates:
        """Without a place: the first COUNT_CAP + 1 matches the planner finds."""
        columns, select_params = self.select
        clause, params = self.where(cells_m=None)
        order = ""
        if self.with_types and (only := only_type(self.q, self.tsq)) is not None:
            clause, params = f"{clause} AND type = %s", [*params, only]
            order = "ORDER BY type, title, page_id"
        sql = f"SELECT {columns} FROM {TABLE} WHERE {clause} {order} LIMIT %s"  # noqa: S608
        rows = fetch(sql, select_params + params + [COUNT_CAP + 1], Candidate)
        return Candidates(rows[:COUNT_CAP], complete=len(rows) <= COUNT_CAP)

    def probe(self, radius: float) -> tuple[list[Candidate], float, int]:
        """The matches among the PROBE nearest listings in the radius's
        bounding box, how far the probe reached and how many it saw: an
        ordered walk of the GiST index that stops after PROBE rows; of the one
        type that can match, through that type's own GiST index."""
        columns, select_params = self.select
        point = self.q.near.ewkt
        clause, params = self.where(cells_m=0)
        types, types_params = "", []
        possible = self.q.possible_types(with_type_filter=self.with_types)
        if possible and len(possible) == 1:  # '=' rather than ANY, or the planner
            types, types_params = "AND type = %s", [*possible]  # ignores the partial index
        elif possible:
            types, types_params = "AND type = ANY(%s)", [sorted(possible)]
        sql = f"""
            SELECT {columns}, matched, reach, probed FROM (
                SELECT *, row_number() OVER (ORDER BY distance_m DESC) AS farthest,
                       max(distance_m) OVER () AS reach, count(*) OVER () AS probed
                FROM (
                    SELECT *, distance_m <= %s AND {clause} AS matched FROM (
                        SELECT *, location <-> ST_GeogFromText(%s) AS distance_m
                        FROM {TABLE}
                        WHERE location && _ST_Expand(ST_GeogFromText(%s), %s) {types}
                        ORDER BY location <-> ST_GeogFromText(%s) LIMIT {PROBE}
                    ) AS nearest
                ) AS flagged
            ) AS probe
            WHERE matched OR farthest = 1
        """  # noqa: S608 - every value is a parameter
        probe_params = [radius, *params, point, point, radius, *types_params, point]
        probed = fetch(sql, select_params + probe_params, Probed)
        if not probed:
            return [], 0.0, 0
        return [row for row in probed if row.matched], probed[0].reach, probed[0].probed

    def nearest_within(self, within: float) -> list[Candidate]:
        """The nearest COUNT_CAP + 1 matches within ``within`` metres. Words,
        filters and the geohash cells around the place meet in one GIN scan;
        the distance is checked per match rather than through a GiST bitmap
        of every listing in it (a 10 km radius costs ~50 ms). Without words,
        the bounding box keeps it to the listings there."""
        columns, select_params = self.select
        point = self.q.near.ewkt
        clause, params = self.where(cells_m=within)
        box, box_params = "", []
        if not self.tsq:
            box = "AND location && _ST_Expand(ST_GeogFromText(%s), %s)"
            box_params = [point, within]
        sql = f"""
            SELECT {columns} FROM (
                SELECT *, location <-> ST_GeogFromText(%s) AS distance_m
                FROM {TABLE} WHERE {clause} {box}
            ) AS m
            WHERE distance_m <= %s ORDER BY distance_m LIMIT %s
        """  # noqa: S608
        all_params = select_params + [point] + params + box_params + [within, COUNT_CAP + 1]
        return fetch(sql, all_params, Candidate)
