"""Writes: documents into search_searchdocument (COPY, then an upsert), their
words into the vocabulary, and a rebuild that fills a new table and swaps it
in."""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import datetime
from typing import Any, NamedTuple

from django.db import connection, transaction
from django.utils import timezone

from core import pgcopy

from ...documents import Document
from ...models import SearchDate, SearchDocument, SearchOccurrence
from ...sql import fetch
from .text import TABLE
from .typos import vocabulary

NEW = f"{TABLE}_new"
OCCURRENCES = "search_searchoccurrence"
DATES = SearchDate._meta.db_table

# The occurrences of the activity documents (all, or those of some pages), as
# schedule.Schedule.occurrence_on reckons them: a one-off over several days
# ends on its last day, no end time takes no time, an end before the start
# runs past midnight. A one-off has one occurrence, on its first day (every
# day it spans is in ``dates``). Wall-clock times made instants in
# Europe/Amsterdam; search.agenda confirms each shown one with schedule.py.
_OCCURRENCES_SQL = f"""
INSERT INTO {OCCURRENCES} (page_id, day, starts_at, ends_at, location)
SELECT page_id, day, starts_at, greatest(starts_at, ends_at), location FROM (
    SELECT d.page_id, o.day,
           (o.day + a.start_time) AT TIME ZONE 'Europe/Amsterdam' AS starts_at,
           (CASE
               WHEN a.recurrence = 'once' AND a.ends_on > o.day
                   THEN a.ends_on + coalesce(a.end_time, time '23:59')
               WHEN a.end_time IS NULL THEN o.day + a.start_time
               WHEN a.end_time <= a.start_time THEN o.day + 1 + a.end_time
               ELSE o.day + a.end_time
           END) AT TIME ZONE 'Europe/Amsterdam' AS ends_at,
           d.location
    FROM {TABLE} d
    JOIN initiatives_activitypage a ON a.page_ptr_id = d.page_id
    CROSS JOIN LATERAL (
        SELECT x AS day FROM unnest(d.dates) AS x WHERE a.recurrence <> 'once'
        UNION ALL
        SELECT a.starts_on WHERE a.recurrence = 'once' AND cardinality(d.dates) > 0
    ) o
    WHERE d.type = 'activity' {{pages}}
) occurrence
"""


# Every date of the activity documents, with the title (SearchDate).
_DATES_SQL = f"""
INSERT INTO {DATES} (page_id, day, title)
SELECT d.page_id, x.day, d.title FROM {TABLE} d CROSS JOIN LATERAL unnest(d.dates) AS x(day)
WHERE d.type = 'activity' {{pages}}
"""


def write_occurrences(cursor, ids: list[int] | None) -> None:
    """(Re)write the occurrence rows of these pages (None: of all)."""
    _rewrite(cursor, OCCURRENCES, _OCCURRENCES_SQL, ids)


def write_dates(cursor, ids: list[int] | None) -> None:
    """(Re)write the date rows of these pages (None: of all)."""
    _rewrite(cursor, DATES, _DATES_SQL, ids)


def _rewrite(cursor, table: str, sql: str, ids: list[int] | None) -> None:
    if ids is None:
        cursor.execute(f"TRUNCATE {table}")
        cursor.execute(sql.format(pages=""))
        cursor.execute(f"ANALYZE {table}")
        return
    cursor.execute(f"DELETE FROM {table} WHERE page_id = ANY(%s)", [ids])  # noqa: S608
    cursor.execute(sql.format(pages="AND d.page_id = ANY(%s)"), [ids])


def columns(doc: Document, now: datetime) -> dict[str, Any]:
    """The row of a document, by column: the written columns are this dict's
    keys, so a column cannot be written into another's place."""
    return {
        "page_id": doc.id,
        "type": doc.type,
        "title": doc.title[:255],
        "summary": doc.summary,
        "body": doc.body,
        "url": doc.url[:500],
        "initiative_title": doc.initiative_title[:255],
        "themes": doc.themes,
        "target_groups": doc.target_groups,
        "neighbourhood_id": doc.neighbourhood_id,
        "neighbourhood": doc.neighbourhood,
        "municipality_id": doc.municipality_id,
        "municipality": doc.municipality,
        "location": f"SRID=4326;POINT({doc.lon} {doc.lat})" if doc.lat is not None else None,
        "wheelchair": doc.wheelchair,
        "respite": doc.respite,
        "languages": doc.languages,
        "place_public": doc.place_public,
        "free": doc.free,
        "dates": doc.dates,
        "open_ranges": "{" + ",".join(f"[{a},{b})" for a, b in doc.open_ranges) + "}",
        "indexed_at": now,
    }


COLUMNS = list(columns(Document(id=0, type="", title="", summary="", body="", url=""), None))


class IndexDefinition(NamedTuple):
    indexname: str
    indexdef: str


def copy(docs: list[Document], table: str) -> None:
    now = timezone.now()
    buffer = io.StringIO("".join(pgcopy.line(columns(doc, now).values()) for doc in docs))
    with connection.cursor() as cursor:
        cursor.copy_expert(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN", buffer)


@transaction.atomic
def upsert(docs: list[Document]) -> None:
    """Insert or replace ``docs``, and add their words to the vocabulary."""
    if not docs:
        return
    # Through a temporary table: COPY is the fast way in, and ON CONFLICT
    # keeps it one statement.
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE IF NOT EXISTS search_upsert "
            f"(LIKE {TABLE} INCLUDING DEFAULTS) ON COMMIT DELETE ROWS"
        )
    copy(docs, "search_upsert")
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in COLUMNS if c != "page_id")
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) "
            f"SELECT {', '.join(COLUMNS)} FROM search_upsert "
            f"ON CONFLICT (page_id) DO UPDATE SET {updates}"
        )
        cursor.execute("TRUNCATE search_upsert")
        write_occurrences(cursor, [doc.id for doc in docs])
        write_dates(cursor, [doc.id for doc in docs])
        cursor.execute(
            "INSERT INTO search_searchterm (word) SELECT unnest(%s::varchar[]) "
            "ON CONFLICT DO NOTHING",
            [sorted(set().union(*map(vocabulary, docs)))],
        )


def delete(ids: Iterable[int]) -> None:
    ids = list(ids)
    SearchDocument.objects.filter(page_id__in=ids).delete()
    SearchOccurrence.objects.filter(page_id__in=ids).delete()
    SearchDate.objects.filter(page_id__in=ids).delete()


class Rebuild:
    """A rebuild fills a new table without indexes, builds the indexes once
    and swaps it in: much faster than maintaining the indexes row by row, and
    readers use the old table until the swap at commit. (Rewriting it in
    geohash order made place searches at 1M ~40% faster but the rebuild 25%
    slower; see docs/benchmarks.md.) Run inside one transaction."""

    def __init__(self) -> None:
        self.words: set[str] = set()
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {NEW}")
            cursor.execute(
                f"CREATE TABLE {NEW} (LIKE {TABLE} "
                "INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING CONSTRAINTS)"
            )

    def load(self, docs: list[Document]) -> None:
        copy(docs, NEW)
        for doc in docs:
            self.words |= vocabulary(doc)

    def finish(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            indexes = [
                index
                for index in fetch(
                    "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s",
                    [TABLE],
                    IndexDefinition,
                )
                if not index.indexname.endswith("_pkey")
            ]
            cursor.execute(f"ALTER TABLE {NEW} ADD CONSTRAINT {NEW}_pkey PRIMARY KEY (page_id)")
            for index in indexes:
                name = index.indexname
                cursor.execute(
                    index.indexdef.replace(f"INDEX {name} ON", f"INDEX {name}_new ON").replace(
                        f".{TABLE} ", f".{NEW} "
                    )
                )
            # The swap: the only moment readers wait.
            cursor.execute(f"DROP TABLE {TABLE}")
            cursor.execute(f"ALTER TABLE {NEW} RENAME TO {TABLE}")
            cursor.execute(f"ALTER TABLE {TABLE} RENAME CONSTRAINT {NEW}_pkey TO {TABLE}_pkey")
            for index in indexes:
                cursor.execute(f"ALTER INDEX {index.indexname}_new RENAME TO {index.indexname}")
            cursor.execute(f"ANALYZE {TABLE}")
            write_occurrences(cursor, None)
            write_dates(cursor, None)
            # Words of deleted listings linger between rebuilds; harmless, as a
            # correction to a word nothing contains finds nothing.
            cursor.execute("TRUNCATE search_searchterm")
            cursor.copy_expert(
                "COPY search_searchterm (word) FROM STDIN",
                io.StringIO("".join(pgcopy.line([w]) for w in sorted(self.words))),
            )
