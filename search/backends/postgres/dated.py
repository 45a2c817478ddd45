"""A page of a search in date order: soonest next date first, then by title;
listings without a date from that day on after them, by title.

Computing every match's next date (``text.NEXT_DATE``) and sorting them all
reads every match: at 100,000 listings ~190 ms for the first page of a search
without words. Instead two ordered index walks that stop at the page:

- the dated matches from ``SearchDate`` (one row per activity date, btree on
  (day, title, page_id)): a row counts only on the page's first date from the
  day searched (an anti-join probe of the (page_id, day) index), so the walk
  meets each activity once, at its next date, in title order within the day;
- then, if the page reaches past them, the undated matches in title order
  (the documents' (title, page_id) index), each checked to have no such date.

The page is the same as ``ORDER BY NEXT_DATE NULLS LAST, title, page_id``
(tests/search/test_dated.py). Only when a page lies past every dated match
does the first walk read all their dates to know how many there are.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ...models import SearchDate
from ...query import SearchQuery
from ...sql import Counted, PageId, fetch
from .text import TABLE

DATES = SearchDate._meta.db_table

_DATED = f"""
SELECT s.page_id FROM {DATES} s {{join}}
WHERE s.day >= %s AND {{clause}} AND NOT EXISTS (
    SELECT 1 FROM {DATES} e WHERE e.page_id = s.page_id AND e.day >= %s AND e.day < s.day
)
"""  # noqa: S608

_UNDATED = f"""
SELECT page_id FROM {TABLE} d
WHERE {{clause}} AND (d.type <> 'activity' OR NOT EXISTS (
    SELECT 1 FROM {DATES} e WHERE e.page_id = d.page_id AND e.day >= %s
))
ORDER BY {{order}} LIMIT %s OFFSET %s
"""  # noqa: S608


def page_ids(
    q: SearchQuery,
    clause: str,
    params: list[Any],
    since: date,
    *,
    dated_possible: bool,
    only_type: str | None = None,
) -> list[int]:
    """The page's ids for the WHERE ``clause`` (on the documents, as ``d``)
    with ``params``, next dates counted from ``since``. ``dated_possible``:
    activities can match (else only the title walk). ``only_type``: the one
    type the clause asks for and nothing else (filters.only_type): the title
    walk then walks that type's btree."""
    dated: list[int] = []
    before = 0  # dated matches before this page
    if dated_possible:
        dated = _dated(clause, params, since, limit=q.per_page, offset=q.offset)
        if len(dated) == q.per_page:
            return dated
        before = (
            q.offset + len(dated) if dated or not q.offset else _count_dated(clause, params, since)
        )
    order, undated_params = "d.title, d.page_id", params
    if only_type is not None:
        clause, undated_params = f"{clause} AND d.type = %s", [*params, only_type]
        order = "d.type, d.title, d.page_id"
    undated = fetch(
        _UNDATED.format(clause=clause, order=order),
        [*undated_params, since, q.per_page - len(dated), max(0, q.offset - before)],
        PageId,
    )
    return dated + [row.page_id for row in undated]


def _dated_sql(clause: str) -> str:
    # Without a filter the documents need not be read at all: a date row
    # exists only for an indexed activity.
    join = "" if clause == "TRUE" else f"JOIN {TABLE} d ON d.page_id = s.page_id"
    return _DATED.format(join=join, clause=clause)


def _dated(clause: str, params: list[Any], since: date, *, limit: int, offset: int) -> list[int]:
    sql = _dated_sql(clause) + "ORDER BY s.day, s.title, s.page_id LIMIT %s OFFSET %s"
    rows = fetch(sql, [since, *params, since, limit, offset], PageId)
    return [row.page_id for row in rows]


def _count_dated(clause: str, params: list[Any], since: date) -> int:
    sql = f"SELECT count(*) AS n FROM ({_dated_sql(clause)}) AS dated"  # noqa: S608
    return fetch(sql, [since, *params, since], Counted)[0].n
