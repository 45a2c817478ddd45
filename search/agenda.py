"""The home page's agenda ("Vandaag", "Deze week") from the search index.

The index holds each live activity's occurrences from yesterday to
HORIZON_DAYS ahead as rows of ``SearchOccurrence`` (start and end instants,
the point), written with the documents. So "what is on between two moments"
is two index walks with a LIMIT: what is in progress (GiST on the span) and
what starts next, soonest first (btree on the start), near a point if one is
given. Only the few activities shown are then read as pages, and their
occurrences are checked against ``schedule.py`` itself, so the agenda says
what the detail page says. Registered as the agenda provider in
``SearchConfig.ready()`` (``initiatives.agenda``).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from django.contrib.gis.geos import Point
from django.contrib.gis.measure import D
from django.utils import timezone

from initiatives.agenda import first_per_day
from initiatives.models import ActivityPage
from initiatives.schedule import Occurrence, aware

from .models import SearchOccurrence
from .sql import fetch


class _Candidate(NamedTuple):
    page_id: int
    day: date
    starts_at: datetime
    distance: float | None


# What is in progress at ``after``, soonest start first and then by page id:
# the GiST on (span, start, page id, point) walks it in that order by the
# distances of the start and the id to fixed points (btree_gist's ``<->``)
# and stops at the LIMIT, however many are in progress. Near a point the
# order among equal starts is by distance, which the walk cannot give with
# it: _ONGOING_AT_SQL reads the last start's nearest.
_ONGOING_SQL = """
SELECT page_id, day, starts_at, {distance} AS distance FROM {table}
WHERE tstzrange(starts_at, ends_at) @> %(after)s::timestamptz AND starts_at < %(after)s
  {near} {later}
ORDER BY starts_at <-> '2000-01-01'::timestamptz, page_id <-> 0::bigint
LIMIT %(limit)s
"""
_ONGOING_AT_SQL = """
SELECT page_id, day, starts_at, {distance} AS distance FROM {table}
WHERE starts_at = %(at)s AND ends_at > %(after)s {near} {later}
ORDER BY location <-> ST_GeogFromText(%(point)s) LIMIT %(need)s
"""

# What starts from ``after`` on, soonest first (the btree on the start: the
# scan stops at the LIMIT, however many activities there are).
_SQL = """
SELECT page_id, day, starts_at, {distance} AS distance FROM {table}
WHERE starts_at >= %(after)s AND starts_at < %(until)s {near} {later}
ORDER BY starts_at, distance, page_id LIMIT %(limit)s OFFSET %(offset)s
"""


# Near a point, what starts next is first looked for among the next WALK
# occurrences in start order (the btree, stopped by the LIMIT): where
# activities are dense that holds the page. Left to itself the planner
# misjudges how many rows lie in the radius (it multiplies the bounding box's
# and the distance's selectivity) and reads every occurrence of the window
# in the box instead: 0.7-1.4 s near a town at 1M listings. Where the walk
# finds too few, the radius is sparse, and the plain query (the GiST on start
# and location, then a sort of the few rows in it) is the cheap one.
WALK = 2000

_WALK_SQL = """
SELECT page_id, day, starts_at, {distance} AS distance,
       ST_DWithin(location, ST_GeogFromText(%(point)s), %(metres)s) AS near
FROM {table}
WHERE starts_at >= %(after)s AND starts_at < %(until)s {later}
ORDER BY starts_at LIMIT %(walk)s
"""
# Many activities start at the same instant (09:00): the walk may stop among
# them, so that instant's nearest rows are read from the GiST on (start,
# location), nearest first, as many as the page may still need.
_AT_SQL = """
SELECT * FROM (
    SELECT page_id, day, starts_at, {distance} AS distance FROM {table}
    WHERE starts_at = %(at)s {later}
    ORDER BY location <-> ST_GeogFromText(%(point)s) LIMIT %(need)s
) AS nearest WHERE distance <= %(metres)s
"""


# Without a point, "Deze week" spreads over the days: per day what starts
# first, each day its own walk of the btree on the start with a LIMIT, in one
# statement. Near a point the walk above answers each day (per_day_near).
_DAY_SQL = """
(SELECT page_id, day, starts_at, NULL::float AS distance FROM {table}
 WHERE starts_at >= %(lo{i})s AND starts_at < %(hi{i})s {later}
 ORDER BY starts_at, page_id LIMIT %(limit)s)
"""


def _days(start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
    """The local days between two moments, cut to them."""
    windows, day = [], timezone.localtime(start).date()
    while (lo := max(start, aware(day, time.min))) < end:
        hi = min(end, aware(day + timedelta(days=1), time.min))
        windows.append((lo, hi))
        day += timedelta(days=1)
    return windows


def _candidates_per_day(
    start: datetime, end: datetime, *, starting_after: datetime | None, limit: int
) -> list[_Candidate]:
    params: dict = {"limit": limit}
    later = ""
    if starting_after is not None:
        later = "AND starts_at > %(starting_after)s"
        params["starting_after"] = starting_after
    parts = []
    for i, (lo, hi) in enumerate(_days(start, end)):
        params |= {f"lo{i}": lo, f"hi{i}": hi}
        parts.append(_DAY_SQL.format(table=SearchOccurrence._meta.db_table, later=later, i=i))
    if not parts:
        return []
    return fetch(" UNION ALL ".join(parts), params, _Candidate)


class _Walked(NamedTuple):
    page_id: int
    day: date
    starts_at: datetime
    distance: float | None
    near: bool


def _candidates(
    start: datetime,
    end: datetime,
    *,
    point: Point | None,
    km: float,
    starting_after: datetime | None,
    limit: int,
    offset: int,
) -> list[_Candidate]:
    params = {"after": start, "until": end, "limit": limit, "offset": offset}
    distance, near, later = "NULL::float", "", ""
    if point is not None:
        distance = "ST_Distance(location, ST_GeogFromText(%(point)s))"
        near = "AND ST_DWithin(location, ST_GeogFromText(%(point)s), %(metres)s)"
        params |= {"point": point.ewkt, "metres": km * 1000}
    if starting_after is not None:
        later = "AND starts_at > %(starting_after)s"
        params["starting_after"] = starting_after
    parts = {"table": SearchOccurrence._meta.db_table, "distance": distance, "near": near,
             "later": later}  # fmt: skip
    rows = _in_progress(params, parts, near_point=point is not None)
    starting = _walked(params, parts) if point is not None else None
    if starting is None:
        starting = fetch(_SQL.format(**parts), params, _Candidate)
    rows += starting
    # In progress first, then the rest: the order of activities_between.
    return sorted(rows, key=lambda r: (r.starts_at, r.distance or 0, r.page_id))


def _candidate(row: _Walked) -> _Candidate:
    return _Candidate(row.page_id, row.day, row.starts_at, row.distance)


def _in_progress(params: dict, parts: dict, *, near_point: bool) -> list[_Candidate]:
    """In progress at ``after``: the first ``limit`` by start, distance, id."""
    rows = fetch(_ONGOING_SQL.format(**parts), params, _Candidate)
    if not near_point or len(rows) < params["limit"]:
        return rows  # in order (no point), or all of them (the caller sorts)
    # Those that started before the last start are all here; of the last
    # start, the nearest. <-> measures on the sphere, the distance on the
    # spheroid: a few more than needed, so the order at the edge is the same.
    last = rows[-1].starts_at
    head = [row for row in rows if row.starts_at < last]
    need = params["limit"] - len(head)
    at = fetch(_ONGOING_AT_SQL.format(**parts), params | {"at": last, "need": need + 10},
               _Candidate)  # fmt: skip
    at.sort(key=lambda r: (r.distance or 0, r.page_id))
    return head + at[:need]


def _walked(params: dict, parts: dict) -> list[_Candidate] | None:
    """What starts next near a point, as _SQL gives it, found by a bounded
    walk in start order; None when the walk does not hold the page (few
    occurrences near the point: the plain query is then cheap)."""
    walk = fetch(_WALK_SQL.format(**parts), params | {"walk": WALK}, _Walked)
    found = [_candidate(r) for r in walk if r.near]
    wanted = params["offset"] + params["limit"]
    if len(walk) == WALK:  # the window goes on: the last instant's nearest
        last = walk[-1].starts_at
        found = [row for row in found if row.starts_at < last]
        # <-> measures on the sphere, the distance on the spheroid: a few more
        # than needed, so the order by the latter is the same at the edge.
        need = max(wanted - len(found), 0) + 10
        found += fetch(_AT_SQL.format(**parts), params | {"at": last, "need": need}, _Candidate)
    found.sort(key=lambda r: (r.starts_at, r.distance or 0, r.page_id))
    if len(found) < wanted and len(walk) == WALK:
        return None
    return found[params["offset"] : wanted]


def upcoming(
    start: datetime,
    end: datetime,
    *,
    point: Point | None = None,
    km: float = 10,
    limit: int = 12,
    starting_after: datetime | None = None,
    per_day: int | None = None,
) -> list[tuple[Occurrence, ActivityPage]]:
    """Occurrences that have not ended at ``start`` and begin before ``end``
    (and after ``starting_after``), soonest first, nearest first among equals;
    the same as ``initiatives.agenda.activities_between``, read from the
    index. A few queries, whatever the number of activities."""
    if per_day is not None:
        return _upcoming_per_day(start, end, point=point, km=km, per_day=per_day,
                                 starting_after=starting_after)  # fmt: skip
    found: list[tuple[Occurrence, ActivityPage]] = []
    seen: set[tuple[int, date]] = set()
    offset, batch = 0, limit + 8
    while len(found) < limit:
        rows = _candidates(
            start, end, point=point, km=km, starting_after=starting_after,
            limit=batch, offset=offset,
        )  # fmt: skip
        new = [row for row in rows if (row.page_id, row.day) not in seen]
        seen.update((row.page_id, row.day) for row in new)
        found += _confirmed_first(new, limit - len(found), start, end, starting_after)
        if len(new) < batch:
            break
        # Only when the index was behind the pages (an edit not yet written):
        # what it named and the schedule does not confirm is skipped.
        offset += batch
    found.sort(key=lambda pair: (pair[0].start, _metres(pair[1]), pair[1].pk))
    return found[:limit]


def _upcoming_per_day(
    start: datetime,
    end: datetime,
    *,
    point: Point | None,
    km: float,
    per_day: int,
    starting_after: datetime | None,
) -> list[tuple[Occurrence, ActivityPage]]:
    """``per_day`` of each day: without a point one statement and one read of
    the pages; near one, the bounded walk for each day."""
    if point is not None:
        found = []
        for lo, hi in _days(start, end):
            # Only what starts on the day: one running past midnight is
            # listed on the day it began.
            after = lo - timedelta(microseconds=1)
            found += upcoming(lo, hi, point=point, km=km, limit=per_day,
                              starting_after=max(starting_after or after, after))  # fmt: skip
        return found
    # A few spare per day: a row the schedule does not confirm (the index is
    # behind an edit) leaves the day short rather than empty.
    rows = _candidates_per_day(start, end, starting_after=starting_after, limit=per_day + 4)
    by_day: dict[date, list[_Candidate]] = {}
    for row in rows:
        by_day.setdefault(row.day, []).append(row)
    # The first per_day of each day nearly always hold: read only their
    # pages, and the spares only for a day that came out short.
    found = confirmed_occurrences([row for day in by_day.values() for row in day[:per_day]],
                       start, end, starting_after)  # fmt: skip
    counted: dict[date, int] = {}
    for occurrence, _ in found:
        counted[occurrence.date] = counted.get(occurrence.date, 0) + 1
    spares = [row for day, day_rows in by_day.items()
              if counted.get(day, 0) < per_day for row in day_rows[per_day:]]  # fmt: skip
    found += confirmed_occurrences(spares, start, end, starting_after)
    found.sort(key=lambda pair: (pair[0].start, pair[1].pk))
    return first_per_day(found, per_day)


def _confirmed_first(
    rows: list[_Candidate],
    need: int,
    start: datetime,
    end: datetime,
    starting_after: datetime | None,
) -> list[tuple[Occurrence, ActivityPage]]:
    """The first ``need`` candidates (in their order) that the schedule
    confirms. Reading a page costs far more than a candidate row, and the
    index is rarely behind: read ``need`` pages, and more only for those
    that did not hold."""
    found: list[tuple[Occurrence, ActivityPage]] = []
    taken = 0
    while len(found) < need and taken < len(rows):
        chunk = rows[taken : taken + need - len(found)]
        taken += len(chunk)
        found += confirmed_occurrences(chunk, start, end, starting_after)
    return found


def _metres(page: ActivityPage) -> float:
    distance = getattr(page, "distance", None)
    return distance.m if distance is not None else 0


def confirmed_occurrences(
    rows: list,
    start: datetime,
    end: datetime,
    starting_after: datetime | None = None,
    *,
    related: tuple[str, ...] = (),
) -> list[tuple[Occurrence, ActivityPage]]:
    """Index rows (``page_id``, ``day``, optionally ``distance``) as
    (occurrence, page), each occurrence computed by the schedule from the
    page as it is now; a row that does not hold (the index is behind an
    edit) is left out. ``related``: foreign keys the caller's template
    reads (the embed shows the meeting place's safe address)."""
    if not rows:
        return []
    pages = {
        page.pk: page
        for page in ActivityPage.objects.live()
        .public()
        .filter(pk__in={row.page_id for row in rows})
        .select_related(*related)
        .prefetch_related("exceptions")
        .with_initiative()
    }
    found = []
    for row in rows:
        page = pages.get(row.page_id)
        if page is None:
            continue
        occurrence = next(
            (
                occ
                for occ in page.occurrences_between(start, end)
                if occ.date == row.day and (starting_after is None or occ.start > starting_after)
            ),
            None,
        )
        if occurrence is None:
            continue
        distance = getattr(row, "distance", None)
        if distance is not None:
            page.distance = D(m=distance)
        found.append((occurrence, page))
    return found
