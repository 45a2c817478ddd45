"""The home page's agenda ("Vandaag", "Deze week") from the search index.

The index holds each live activity's dates (from yesterday to HORIZON_DAYS
ahead, see documents.py), with a GIN index on them. So "what is on between
two moments" is one query with a LIMIT: the documents with a date in the
window (GIN), near a point if one is given (GiST), each date turned into the
occurrence's wall-clock start and end with the activity's times, soonest
first. Only the few activities shown are then read as pages, and their
occurrences are checked against ``schedule.py`` itself, so the agenda says
what the detail page says. Registered as the agenda provider in
``SearchConfig.ready()`` (``initiatives.agenda``).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import NamedTuple

from django.contrib.gis.geos import Point
from django.contrib.gis.measure import D

from initiatives import schedule
from initiatives.models import ActivityPage
from initiatives.schedule import Occurrence

from .models import SearchDocument
from .sql import fetch


class _Candidate(NamedTuple):
    page_id: int
    day: date
    starts_at: datetime
    distance: float | None


# Wall-clock times (timestamp without time zone, Europe/Amsterdam) as
# schedule.Schedule.occurrence_on computes them: a one-off over several days
# ends on its last day, no end time takes no time, an end before the start
# runs past midnight. A one-off has one occurrence (on its first day), even
# though every day it spans is in the index.
_SQL = """
SELECT page_id, day, starts_at, distance FROM (
    SELECT d.page_id, o.day, o.day + a.start_time AS starts_at,
           CASE
               WHEN a.recurrence = 'once' AND a.ends_on > o.day
                   THEN a.ends_on + coalesce(a.end_time, time '23:59')
               WHEN a.end_time IS NULL THEN o.day + a.start_time
               WHEN a.end_time <= a.start_time THEN o.day + 1 + a.end_time
               ELSE o.day + a.end_time
           END AS ends_at,
           {distance} AS distance
    FROM {documents} d
    JOIN {activities} a ON a.page_ptr_id = d.page_id
    CROSS JOIN LATERAL (
        SELECT x AS day FROM unnest(d.dates) AS x
        WHERE a.recurrence <> 'once' AND x BETWEEN %(first)s AND %(last)s
        UNION ALL
        SELECT a.starts_on WHERE a.recurrence = 'once'
    ) o
    WHERE d.type = 'activity' AND d.dates && %(days)s::date[] {near}
) occurrence
WHERE starts_at < %(until)s
  AND (ends_at > %(after)s OR (starts_at = ends_at AND starts_at >= %(after)s))
  {starting_after}
ORDER BY starts_at, distance, page_id
LIMIT %(limit)s OFFSET %(offset)s
"""


def _wall_clock(moment: datetime) -> datetime:
    return moment.astimezone(schedule.TZ).replace(tzinfo=None)


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
    after, until = _wall_clock(start), _wall_clock(end)
    # An occurrence in progress at ``start`` may have begun the day before
    # (past midnight); one-offs over several days are found by any day in it.
    first = after.date() - timedelta(days=1)
    days = [first + timedelta(days=i) for i in range((until.date() - first).days + 1)]
    params = {
        "first": first,
        "last": until.date(),
        "days": days,
        "after": after,
        "until": until,
        "limit": limit,
        "offset": offset,
    }
    distance, near, later = "NULL::float", "", ""
    if point is not None:
        distance = "ST_Distance(d.location, ST_GeogFromText(%(point)s))"
        near = "AND ST_DWithin(d.location, ST_GeogFromText(%(point)s), %(metres)s)"
        params |= {"point": point.ewkt, "metres": km * 1000}
    if starting_after is not None:
        later = "AND starts_at > %(starting_after)s"
        params["starting_after"] = _wall_clock(starting_after)
    sql = _SQL.format(
        documents=SearchDocument._meta.db_table,
        activities=ActivityPage._meta.db_table,
        distance=distance,
        near=near,
        starting_after=later,
    )
    return fetch(sql, params, _Candidate)


def upcoming(
    start: datetime,
    end: datetime,
    *,
    point: Point | None = None,
    km: float = 10,
    limit: int = 12,
    starting_after: datetime | None = None,
) -> list[tuple[Occurrence, ActivityPage]]:
    """Occurrences that have not ended at ``start`` and begin before ``end``
    (and after ``starting_after``), soonest first, nearest first among equals;
    the same as ``initiatives.agenda.activities_between``, read from the
    index. A few queries, whatever the number of activities."""
    found: list[tuple[Occurrence, ActivityPage]] = []
    offset, batch = 0, limit + 8
    while len(found) < limit:
        rows = _candidates(
            start, end, point=point, km=km, starting_after=starting_after,
            limit=batch, offset=offset,
        )  # fmt: skip
        found += _confirmed(rows, start, end, starting_after)
        if len(rows) < batch:
            break
        # Only when the index was behind the pages (an edit not yet written):
        # what it named and the schedule does not confirm is skipped.
        offset += batch
    return found[:limit]


def _confirmed(
    rows: list[_Candidate], start: datetime, end: datetime, starting_after: datetime | None
) -> list[tuple[Occurrence, ActivityPage]]:
    """The candidates as (occurrence, page), each occurrence computed by the
    schedule from the page as it is now; a candidate that does not hold
    (the index is behind an edit) is left out."""
    if not rows:
        return []
    pages = {
        page.pk: page
        for page in ActivityPage.objects.live()
        .public()
        .filter(pk__in={row.page_id for row in rows})
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
        if row.distance is not None:
            page.distance = D(m=row.distance)
        found.append((occurrence, page))
    return found
