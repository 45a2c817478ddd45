"""The month calendar of activities (/agenda/): per day the first few that
start on it and how many there are, for a gemeente, wijk or town.

Read from the index (``SearchOccurrence``), in one of two ways (``SPARSE``):
an area with few activities in one pass over their occurrences of the month
(exact counts); a large area or the whole site per day by a walk of the
btree on the start that stops at its LIMIT (the first ``per_day``) and a
count that stops at ``COUNT_CAP``. The few activities shown are then read
as pages and checked against their schedule (``confirmed_occurrences``),
as the home page agenda does, so the calendar says what the detail page says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from django.contrib.gis.geos import Point

from initiatives.models import ActivityPage
from initiatives.schedule import Occurrence, aware
from initiatives.when import Month, day_label

from .agenda import confirmed_occurrences
from .models import SearchDocument, SearchOccurrence
from .query import HORIZON_DAYS
from .sql import fetch

PER_DAY = 3  # activities shown in a day's cell
# Where activities are dense (a large gemeente, the whole site) a day is
# counted no further than this: "+27 of meer" (the link searches the day).
COUNT_CAP = 30

OCC = SearchOccurrence._meta.db_table
DOC = SearchDocument._meta.db_table


@dataclass(frozen=True)
class Area:
    """Where the calendar looks: a gemeente or wijk by its boundary, or a
    point with a radius (a woonplaats); nothing for the whole site."""

    label: str = ""
    municipality_id: int | None = None
    neighbourhood_id: int | None = None
    point: Point | None = None
    km: float | None = None


@dataclass
class CalendarDay:
    day: date
    items: list[tuple[Occurrence, ActivityPage]] = field(default_factory=list)
    total: int = 0
    capped: bool = False  # counting stopped at COUNT_CAP: there may be more
    is_today: bool = False
    known: bool = True  # inside the days the index holds
    search_url: str = ""  # the search for this day (the view sets it)

    @property
    def label(self) -> str:
        return day_label(self.day)

    @property
    def more(self) -> int:
        return max(self.total - len(self.items), 0)


class _Row(NamedTuple):
    page_id: int
    day: date
    starts_at: datetime


class _Count(NamedTuple):
    day: date
    n: int


def _area_sql(area: Area) -> tuple[str, str, dict]:
    """JOIN and WHERE parts for the area."""
    if area.neighbourhood_id or area.municipality_id:
        parts = []
        params: dict = {}
        if area.neighbourhood_id:
            parts.append("d.neighbourhood_id = %(wijk)s")
            params["wijk"] = area.neighbourhood_id
        if area.municipality_id:
            parts.append("d.municipality_id = %(gemeente)s")
            params["gemeente"] = area.municipality_id
        join = f"JOIN {DOC} AS d ON d.page_id = o.page_id"
        return join, "AND " + " AND ".join(parts), params
    if area.point is not None:
        return (
            "",
            "AND ST_DWithin(o.location, ST_GeogFromText(%(point)s), %(metres)s)",
            {"point": area.point.ewkt, "metres": (area.km or 5) * 1000},
        )
    return "", "", {}


_FIRST = """
(SELECT o.page_id, o.day, o.starts_at FROM {occ} AS o {join}
 WHERE o.starts_at >= %(lo{i})s AND o.starts_at < %(hi{i})s {where}
 ORDER BY o.starts_at, o.page_id LIMIT %(limit)s)
"""
_COUNT = """
(SELECT %(day{i})s::date AS day, count(*) AS n FROM (
   SELECT 1 FROM {occ} AS o {join}
   WHERE o.starts_at >= %(lo{i})s AND o.starts_at < %(hi{i})s {where}
   ORDER BY o.starts_at, o.page_id LIMIT %(cap)s
 ) AS c)
"""


def index_window(today: date) -> tuple[date, date]:
    """The days the index holds activities for, from today on."""
    return today, today + timedelta(days=HORIZON_DAYS)


# An area with fewer activities than this is counted exactly in one pass over
# its activities' occurrences of the month (the index on the page id); a
# larger one (or the whole site) per day by a walk of the start's btree that
# stops at COUNT_CAP, which is quick where activities are dense. Measured at
# 100,000 listings (docs/search.md): a wijk with 1,077 activities took 1 s
# with the walk and 40 ms with the pass; a gemeente with ~40,000 occurrences
# a month 0.5 s with the pass and ~0.1 s with the walk.
SPARSE = 3000

_AREA_SIZE = """
SELECT count(*) AS n FROM (
    SELECT 1 FROM {doc} AS d WHERE d.type = 'activity' {where} LIMIT %(sparse)s
) AS a
"""
_AREA_MONTH = """
SELECT page_id, day, starts_at, total FROM (
    SELECT o.page_id, o.day, o.starts_at,
           row_number() OVER (PARTITION BY o.day ORDER BY o.starts_at, o.page_id) AS n,
           count(*) OVER (PARTITION BY o.day) AS total
    FROM {occ} AS o
    WHERE o.starts_at >= %(lo)s AND o.starts_at < %(hi)s
      AND o.page_id IN (SELECT d.page_id FROM {doc} AS d WHERE d.type = 'activity' {where})
) AS ranked WHERE n <= %(limit)s
"""


class _Counted(NamedTuple):
    n: int


class _RankedRow(NamedTuple):
    page_id: int
    day: date
    starts_at: datetime
    total: int


def _doc_where(area: Area) -> tuple[str, dict]:
    """The area as a condition on the documents (alias ``d``)."""
    if area.neighbourhood_id:
        return "AND d.neighbourhood_id = %(wijk)s", {"wijk": area.neighbourhood_id}
    if area.municipality_id:
        return "AND d.municipality_id = %(gemeente)s", {"gemeente": area.municipality_id}
    if area.point is not None:
        return (
            "AND ST_DWithin(d.location, ST_GeogFromText(%(point)s), %(metres)s)",
            {"point": area.point.ewkt, "metres": (area.km or 5) * 1000},
        )
    return "", {}


def _sparse(area: Area) -> bool:
    if not (area.neighbourhood_id or area.municipality_id or area.point is not None):
        return False
    where, params = _doc_where(area)
    sql = _AREA_SIZE.format(doc=DOC, where=where)
    return fetch(sql, params | {"sparse": SPARSE}, _Counted)[0].n < SPARSE


def _rows_and_totals(
    known: list[date], area: Area, per_day: int
) -> tuple[list[_Row], dict[date, tuple[int, bool]]]:
    """The first ``per_day`` index rows of each day, and each day's number
    with whether counting stopped at COUNT_CAP."""
    if not known:
        return [], {}
    if _sparse(area):
        where, params = _doc_where(area)
        params |= {"lo": aware(known[0], time.min), "limit": per_day,
                   "hi": aware(known[-1] + timedelta(days=1), time.min)}  # fmt: skip
        ranked = fetch(_AREA_MONTH.format(occ=OCC, doc=DOC, where=where), params, _RankedRow)
        rows = [_Row(r.page_id, r.day, r.starts_at) for r in ranked]
        return rows, {r.day: (r.total, False) for r in ranked}
    join, where, params = _area_sql(area)
    firsts, counts = [], []
    for i, day in enumerate(known):
        params |= {
            f"lo{i}": aware(day, time.min),
            f"hi{i}": aware(day + timedelta(days=1), time.min),
            f"day{i}": day,
        }
        firsts.append(_FIRST.format(occ=OCC, join=join, where=where, i=i))
        counts.append(_COUNT.format(occ=OCC, join=join, where=where, i=i))
    params |= {"limit": per_day, "cap": COUNT_CAP}
    rows = fetch(" UNION ALL ".join(firsts), params, _Row)
    counted = fetch(" UNION ALL ".join(counts), params, _Count)
    totals = {c.day: (c.n, c.n >= COUNT_CAP) for c in counted}
    return rows, totals


def month_calendar(
    *, month: Month, area: Area, today: date, per_day: int = PER_DAY
) -> list[list[CalendarDay | None]]:
    """The month as weeks (Monday to Sunday; None outside the month), each
    day with its first ``per_day`` activities and their number (up to
    COUNT_CAP). A few index statements and one read of the pages shown,
    whatever the number of listings."""
    first, last = index_window(today)
    days = [d for week in month.weeks() for d in week if d is not None]
    known = [d for d in days if first <= d <= last]
    rows, totals = _rows_and_totals(known, area, per_day)
    found: dict[date, list] = {}
    if known:
        start = aware(known[0], time.min)
        end = aware(known[-1] + timedelta(days=1), time.min)
        for occurrence, page in confirmed_occurrences(rows, start, end, related=("neighbourhood",)):
            found.setdefault(occurrence.date, []).append((occurrence, page))
    by_day = {
        day: CalendarDay(
            day=day,
            items=sorted(found.get(day, []), key=lambda pair: (pair[0].start, pair[1].pk)),
            total=totals.get(day, (0, False))[0],
            capped=totals.get(day, (0, False))[1],
            is_today=day == today,
            known=first <= day <= last,
        )
        for day in days
    }
    return [[by_day.get(d) if d is not None else None for d in week] for week in month.weeks()]
