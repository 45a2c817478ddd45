"""The month calendar of activities (/agenda/): per day the first few that
start on it and how many there are, for a gemeente, wijk or town.

Read from the index (``SearchOccurrence``) with one statement per month:
per day a walk of the btree on the start that stops at its LIMIT (the first
``per_day``), and a count that stops at ``COUNT_CAP``. So a month costs the
same at 1,000 or 1,000,000 listings. The few activities shown are then read
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
COUNT_CAP = 99  # "+99 meer" at most: counting stops there

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
    total: int = 0  # counted up to COUNT_CAP
    is_today: bool = False
    known: bool = True  # inside the days the index holds
    search_url: str = ""  # the search for this day (the view sets it)

    @property
    def label(self) -> str:
        return day_label(self.day)

    @property
    def more(self) -> int:
        return max(self.total - len(self.items), 0)

    @property
    def capped(self) -> bool:
        return self.total >= COUNT_CAP


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
   WHERE o.starts_at >= %(lo{i})s AND o.starts_at < %(hi{i})s {where} LIMIT %(cap)s
 ) AS c)
"""


def index_window(today: date) -> tuple[date, date]:
    """The days the index holds activities for, from today on."""
    return today, today + timedelta(days=HORIZON_DAYS)


def month_calendar(
    *, month: Month, area: Area, today: date, per_day: int = PER_DAY
) -> list[list[CalendarDay | None]]:
    """The month as weeks (Monday to Sunday; None outside the month), each
    day with its first ``per_day`` activities and their number. Two index
    statements and one read of the pages shown, whatever the listings."""
    first, last = index_window(today)
    days = [d for week in month.weeks() for d in week if d is not None]
    known = [d for d in days if first <= d <= last]
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
    rows = fetch(" UNION ALL ".join(firsts), params, _Row) if known else []
    totals = (
        {c.day: c.n for c in fetch(" UNION ALL ".join(counts), params, _Count)} if known else {}
    )
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
            total=totals.get(day, 0),
            is_today=day == today,
            known=first <= day <= last,
        )
        for day in days
    }
    return [[by_day.get(d) if d is not None else None for d in week] for week in month.weeks()]
