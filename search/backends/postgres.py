"""The embedded backend: one denormalised table (search.SearchDocument) with a
stored Dutch tsvector and filter/geohash tags in one GIN index, and a geography
point (GiST; one partial GiST per type).

A search first collects its candidates in one narrow query: with a place,
the matches among the PROBE nearest listings (a KNN walk of the GiST index
that stops after PROBE rows, however common the words are), and when those
hold too few, the nearest matches in a ring RING times as far, then in the
whole radius (one GIN scan over words, filters and geohash cells); without a
place, the first COUNT_CAP + 1 matches the planner finds. Totals and facets are
counted over the candidates and exact when they hold every match; otherwise
the total is a lower bound (``capped``). The page is ranked among the
candidates and only its rows are read in full (titles, headline).
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from django.db import connection, transaction
from django.utils import timezone

from marketplace import pgcopy

from .. import geohash
from ..documents import Document
from ..highlight import START, STOP, marked_html
from ..models import SearchDocument
from ..query import DECAY_KM, MAX_RADIUS_KM, SearchQuery
from ..results import FacetCounts, Hit, SearchResults
from ..sql import fetch
from .base import SearchBackend

COUNT_CAP = 1_000
# With a place: how many of the nearest listings are examined before falling
# back to a search of the whole radius.
PROBE = 1_000
# When the probe holds too few matches: next look this many times as far.
RING = 4
MIN_REACH_M = 250  # listings at one address: still look a kilometre around
# A query word is matched as a prefix of at most this many letters: the width
# of the vocabulary's words (typo corrections).
MAX_WORD = 40
_WORD = re.compile(r"\w+")

COLUMNS = [
    "page_id", "type", "title", "summary", "body", "url", "initiative_title", "themes",
    "target_groups", "neighbourhood_id", "neighbourhood", "municipality_id", "municipality",
    "location", "wheelchair", "free", "dates", "open_ranges", "indexed_at",
]  # fmt: skip


def prefix_words(q: SearchQuery) -> list[str]:
    """The query's words as PostgreSQL matches them: prefixes of at most
    MAX_WORD letters."""
    return [w[:MAX_WORD] for w in q.words]


def tsquery_for(q: SearchQuery) -> str:
    """Each word a prefix match, all required: 'wandelen' -> 'wandelen:*',
    which the Dutch stemmer makes 'wandel':*."""
    return tsquery([[w] for w in prefix_words(q)])


def tsquery(alternatives: list[list[str]]) -> str:
    """All positions required, any alternative at a position, each a prefix:
    [['koffie'], ['buurtkamr', 'buurtkamer']] -> 'koffie:* & (buurtkamr:* | buurtkamer:*)'."""
    parts = [" | ".join(f"{w}:*" for w in words) for words in alternatives]
    return " & ".join(
        p if len(w) == 1 else f"({p})" for p, w in zip(parts, alternatives, strict=True)
    )


def vocabulary(doc: Document) -> set[str]:
    """The words of a document that typos are corrected to."""
    text = f"{doc.title} {doc.summary} {doc.initiative_title}".lower()
    return {w for w in _WORD.findall(text) if 3 <= len(w) <= 40 and not w.isdigit()}


def _row(doc: Document, now) -> list:
    location = f"SRID=4326;POINT({doc.lon} {doc.lat})" if doc.lat is not None else None
    open_ranges = "{" + ",".join(f"[{a},{b})" for a, b in doc.open_ranges) + "}"
    return [
        doc.id, doc.type, doc.title[:255], doc.summary, doc.body, doc.url[:500],
        doc.initiative_title[:255], doc.themes, doc.target_groups,
        doc.neighbourhood_id, doc.neighbourhood, doc.municipality_id, doc.municipality,
        location, doc.wheelchair, doc.free, doc.dates, open_ranges, now,
    ]  # fmt: skip


# SQL fragments used by more than one query; each takes one parameter.
RANK = "ts_rank_cd(search_vector, search_query(%s))"  # the tsquery
NEXT_DATE = "(SELECT min(d) FROM unnest(dates) AS d WHERE d >= %s)"  # from this day


@dataclass(slots=True)
class Candidate:
    """One match as the candidates query reads it: enough to count facets
    and rank, not to show."""

    page_id: int
    type: str
    themes: list[str]
    neighbourhood_id: int | None
    neighbourhood: str
    score: float
    distance_m: float | None  # with a place
    next_date: date | None  # for date order only
    title: str | None  # for date order only


CANDIDATE_COLUMNS = (
    "page_id, type, themes, neighbourhood_id, neighbourhood, {score} AS score, "
    "{distance} AS distance_m, {next_date} AS next_date, {title} AS title"
)


@dataclass(slots=True)
class Probed(Candidate):
    """A row of the probe: a candidate when ``matched``; the farthest listing
    probed comes back too, matching or not."""

    matched: bool
    reach: float  # metres to the farthest listing probed
    probed: int  # how many listings were probed


SORT_KEYS = {
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


class PageId(NamedTuple):
    page_id: int


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


class IndexDefinition(NamedTuple):
    indexname: str
    indexdef: str


class Word(NamedTuple):
    word: str


class Correction(NamedTuple):
    typed: str
    correction: str


def _from_day(q: SearchQuery) -> date:
    return q.next_date_from(timezone.localdate())


def _typed_filters(q: SearchQuery) -> list[tuple[str, str, list]]:
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


class PostgresBackend(SearchBackend):
    name = "postgres"

    # -- writes ---------------------------------------------------------------
    def _copy(self, docs: list[Document], table: str) -> None:
        now = timezone.now()
        buffer = io.StringIO("".join(pgcopy.line(_row(doc, now)) for doc in docs))
        with connection.cursor() as cursor:
            cursor.copy_expert(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN", buffer)

    @transaction.atomic
    def index(self, docs: list[Document]) -> None:
        if not docs:
            return
        # Upsert through a temporary table: COPY is the fast way in, and
        # ON CONFLICT keeps it one statement.
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMP TABLE IF NOT EXISTS search_upsert "
                "(LIKE search_searchdocument INCLUDING DEFAULTS) ON COMMIT DELETE ROWS"
            )
        self._copy(docs, "search_upsert")
        updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in COLUMNS if c != "page_id")
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO search_searchdocument ({', '.join(COLUMNS)}) "
                f"SELECT {', '.join(COLUMNS)} FROM search_upsert "
                f"ON CONFLICT (page_id) DO UPDATE SET {updates}"
            )
            cursor.execute("TRUNCATE search_upsert")
            cursor.execute(
                "INSERT INTO search_searchterm (word) SELECT unnest(%s::varchar[]) "
                "ON CONFLICT DO NOTHING",
                [sorted(set().union(*map(vocabulary, docs)))],
            )

    def delete(self, ids: Iterable[int]) -> None:
        SearchDocument.objects.filter(page_id__in=list(ids)).delete()

    # A rebuild fills a new table without indexes, builds the indexes once and
    # swaps it in: much faster than maintaining the indexes row by row, and
    # readers use the old table until the swap at commit. (Rewriting it in
    # geohash order made place searches at 1M ~40% faster but the rebuild
    # 25% slower; see docs/benchmarks.md.)
    TABLE = "search_searchdocument"
    NEW = "search_searchdocument_new"

    def start_rebuild(self) -> None:
        self._words: set[str] = set()
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {self.NEW}")
            cursor.execute(
                f"CREATE TABLE {self.NEW} (LIKE {self.TABLE} "
                "INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING CONSTRAINTS)"
            )

    def bulk_load(self, docs: list[Document]) -> None:
        self._copy(docs, self.NEW)
        for doc in docs:
            self._words |= vocabulary(doc)

    def finish_rebuild(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            indexes = [
                index
                for index in fetch(
                    "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s",
                    [self.TABLE],
                    IndexDefinition,
                )
                if not index.indexname.endswith("_pkey")
            ]
            cursor.execute(
                f"ALTER TABLE {self.NEW} ADD CONSTRAINT {self.NEW}_pkey PRIMARY KEY (page_id)"
            )
            for name, definition in indexes:
                cursor.execute(
                    definition.replace(f"INDEX {name} ON", f"INDEX {name}_new ON").replace(
                        f".{self.TABLE} ", f".{self.NEW} "
                    )
                )
            # The swap: the only moment readers wait.
            cursor.execute(f"DROP TABLE {self.TABLE}")
            cursor.execute(f"ALTER TABLE {self.NEW} RENAME TO {self.TABLE}")
            cursor.execute(
                f"ALTER TABLE {self.TABLE} RENAME CONSTRAINT {self.NEW}_pkey TO {self.TABLE}_pkey"
            )
            for name, _ in indexes:
                cursor.execute(f"ALTER INDEX {name}_new RENAME TO {name}")
            cursor.execute(f"ANALYZE {self.TABLE}")
            # Words of deleted listings linger between rebuilds; harmless, as a
            # correction to a word nothing contains finds nothing.
            cursor.execute("TRUNCATE search_searchterm")
            cursor.copy_expert(
                "COPY search_searchterm (word) FROM STDIN",
                io.StringIO("".join(pgcopy.line([w]) for w in sorted(self._words))),
            )

    def rebuild(self, docs: Iterable[Document], chunk_size: int = 5000) -> int:
        with transaction.atomic():
            return super().rebuild(docs, chunk_size)

    def indexed_ids(self) -> set[int]:
        return set(SearchDocument.objects.values_list("page_id", flat=True))

    # -- reads ----------------------------------------------------------------
    def _where(
        self,
        q: SearchQuery,
        tsq: str,
        *,
        skip_types: bool = False,
        radius: bool = True,
        cells_m: float | None = None,
    ):
        """WHERE clause and parameters. ``radius``: check the radius exactly;
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
        if q.wheelchair:
            clauses.append("tags @> '{wc}'::text[]")
        typed = _typed_filters(q)
        if q.free_only and len(typed) == 1:
            # Only activities can match, and only free ones: a GIN key too. (With
            # "open" as well, free is one of two alternatives.)
            clauses.append("tags @> '{free}'::text[]")
        if typed:
            clauses.append("(" + " OR ".join(f"({sql})" for _, sql, _ in typed) + ")")
            for _, _, part_params in typed:
                params += part_params
        return (" AND ".join(clauses) or "TRUE"), params

    def search(self, q: SearchQuery) -> SearchResults:
        words = prefix_words(q)
        tsq = tsquery([[w] for w in words])
        corrected = ""
        # Exact (stemmed, prefix) first; only when that finds nothing, correct
        # the words no listing contains against the vocabulary and try again.
        # Known words that find nothing together or with filters stay as typed.
        found = self._candidates(q, tsq)
        possible = q.possible_types() != set()
        if tsq and possible and not found.any_type and (unknown := self._unknown(words)):
            alternatives = self._corrections(words, unknown)
            if any(len(a) > 1 for a in alternatives):
                fuzzy_tsq = tsquery(alternatives)
                retry = self._candidates(q, fuzzy_tsq)
                if retry.any_type:
                    found, tsq = retry, fuzzy_tsq
                    corrected = " ".join(a[1] if len(a) > 1 else a[0] for a in alternatives)

        sort = q.effective_sort
        matches = found.rows
        end = q.offset + q.per_page
        if found.complete or (sort != "date" and end <= len(matches)):
            # The page lies among the candidates: rank them here.
            ranked = sorted(matches, key=SORT_KEYS[sort])
            page_ids = [c.page_id for c in ranked[q.offset : end]]
        else:
            page_ids = self._page_ids(q, tsq, sort)
        hits = self._hits(page_ids, q, tsq)
        return SearchResults(
            query=q,
            hits=hits,
            total=len(matches),
            counts=self._counts(found),
            backend=self.name,
            capped=not found.complete,
            corrected=corrected,
        )

    # -- candidates -----------------------------------------------------------
    def _candidates(self, q: SearchQuery, tsq: str) -> Candidates:
        # Collected without the type filter, so the type facet counts the
        # other types too; a separate typed search only when the chosen types
        # are too few among the candidates to fill the page. The untyped look
        # is then only the probe: the other types' counts are lower bounds.
        if q.possible_types() == set():
            return Candidates([], complete=True)  # e.g. "free" (activities) and only vacancies
        found = self._collect(q, tsq, with_types=False, probe_only=bool(q.types))
        found.types = found.rows
        if q.types:
            typed = [c for c in found.rows if c.type in q.types]
            if found.complete or len(typed) >= min(q.offset + q.per_page, COUNT_CAP):
                found.rows = typed
            else:
                only = self._collect(q, tsq, with_types=True)
                others = [c for c in found.types if c.type not in q.types]
                found = Candidates(only.rows, only.complete, types=only.rows + others)
        return found

    def _collect(
        self, q: SearchQuery, tsq: str, *, with_types: bool, probe_only: bool = False
    ) -> Candidates:
        score, score_params = "0::float", []
        if tsq:
            score, score_params = RANK, [tsq]
        distance = "distance_m" if q.near is not None else "NULL::float"
        # The next date costs a subquery per row: only for date order.
        next_date, date_params, title = "NULL::date", [], "NULL::text"
        if q.effective_sort == "date":
            next_date, date_params = NEXT_DATE, [_from_day(q)]
            title = "title"
        select = CANDIDATE_COLUMNS.format(
            score=score, distance=distance, next_date=next_date, title=title
        )
        select_params = score_params + date_params
        skip_types = not with_types
        if q.near is None:
            where, params = self._where(q, tsq, skip_types=skip_types, radius=False)
            sql = f"SELECT {select} FROM search_searchdocument WHERE {where} LIMIT %s"
            rows = fetch(sql, select_params + params + [COUNT_CAP + 1], Candidate)
            return Candidates(rows[:COUNT_CAP], complete=len(rows) <= COUNT_CAP)

        point, radius = q.near.ewkt, (q.radius_km or MAX_RADIUS_KM) * 1000
        needed = min(q.offset + q.per_page, COUNT_CAP)
        # 1. The PROBE nearest listings in the radius's bounding box: an
        # ordered walk of the GiST index that stops after PROBE rows; of the
        # one type that can match, through that type's own GiST index. The
        # farthest of them comes back too, matching or not: its distance
        # (reach) says how far the probe got.
        where, params = self._where(q, tsq, skip_types=skip_types, radius=False, cells_m=0)
        types, types_params = "", []
        allowed = q.possible_types(with_type_filter=with_types)
        if allowed and len(allowed) == 1:  # '=' rather than ANY, or the planner
            types, types_params = "AND type = %s", [*allowed]  # ignores the partial index
        elif allowed:
            types, types_params = "AND type = ANY(%s)", [sorted(allowed)]
        probe = f"""
            SELECT {select}, matched, reach, probed FROM (
                SELECT *, row_number() OVER (ORDER BY distance_m DESC) AS farthest,
                       max(distance_m) OVER () AS reach, count(*) OVER () AS probed
                FROM (
                    SELECT *, distance_m <= %s AND {where} AS matched FROM (
                        SELECT *, location <-> ST_GeogFromText(%s) AS distance_m
                        FROM search_searchdocument
                        WHERE location && _ST_Expand(ST_GeogFromText(%s), %s) {types}
                        ORDER BY location <-> ST_GeogFromText(%s) LIMIT {PROBE}
                    ) AS nearest
                ) AS flagged
            ) AS probe
            WHERE matched OR farthest = 1
        """  # noqa: S608 - every value is a parameter
        probe_params = [radius, *params, point, point, radius, *types_params, point]
        probed_rows = fetch(probe, select_params + probe_params, Probed)
        rows: list[Candidate] = [row for row in probed_rows if row.matched]
        # Windows over every row probed: the same on each.
        reach, probed = (probed_rows[0].reach, probed_rows[0].probed) if probed_rows else (0.0, 0)
        if probed < PROBE or reach > radius:
            return Candidates(rows, complete=True)  # the whole radius was seen
        if len(rows) >= needed or probe_only:
            return Candidates(rows, complete=False)

        # 2. Few matches near: the nearest matches within a ring RING times as
        # far as the probe reached (RING² times the area), then, if still too
        # few, within the whole radius. Words, filters and the geohash cells
        # around the place meet in one GIN scan; the distance is checked per
        # match rather than through a GiST bitmap of every listing in it (a
        # 10 km radius costs ~50 ms). Without words, the bounding box keeps it
        # to the listings there.
        def nearest_within(within: float) -> list[Candidate]:
            where, params = self._where(q, tsq, skip_types=skip_types, radius=False, cells_m=within)
            box, box_params = "", []
            if not tsq:
                box = "AND location && _ST_Expand(ST_GeogFromText(%s), %s)"
                box_params = [point, within]
            sql = f"""
                SELECT {select} FROM (
                    SELECT *, location <-> ST_GeogFromText(%s) AS distance_m
                    FROM search_searchdocument WHERE {where} {box}
                ) AS m
                WHERE distance_m <= %s ORDER BY distance_m LIMIT %s
            """  # noqa: S608
            return fetch(
                sql,
                select_params + [point] + params + box_params + [within, COUNT_CAP + 1],
                Candidate,
            )

        ring = max(reach, MIN_REACH_M) * RING
        if ring < radius:
            rows = nearest_within(ring)
            if len(rows) >= needed:
                return Candidates(rows[:COUNT_CAP], complete=False)
        rows = nearest_within(radius)
        return Candidates(rows[:COUNT_CAP], complete=len(rows) <= COUNT_CAP)

    @staticmethod
    def _counts(found: Candidates) -> FacetCounts:
        by_type = Counter(c.type for c in found.types)
        themes, wijken, names = Counter(), Counter(), {}
        for c in found.rows:
            themes.update(c.themes)
            if c.neighbourhood_id is not None:
                wijken[str(c.neighbourhood_id)] += 1
                names[str(c.neighbourhood_id)] = c.neighbourhood
        return FacetCounts(types=by_type, themes=themes, wijken=wijken, wijk_names=names)

    # -- the page -------------------------------------------------------------
    def _page_ids(self, q: SearchQuery, tsq: str, sort: str) -> list[int]:
        """The page's ids ordered in SQL over every match: for pages past the
        candidates and for date order when the candidates are not all."""
        where, params = self._where(q, tsq)
        point = q.near.ewkt if q.near is not None else None
        score, score_params = "0::float", []
        if tsq:
            score, score_params = RANK, [tsq]
        if sort == "distance" and point:
            order, order_params = "location <-> ST_GeogFromText(%s)", [point]
        elif sort == "date":
            order, order_params = f"{NEXT_DATE} NULLS LAST, title, page_id", [_from_day(q)]
        elif point:
            order = (
                f"{score} / (1 + ST_Distance(location, ST_GeogFromText(%s)) / "
                f"{DECAY_KM * 1000}) DESC, page_id"
            )
            order_params = [*score_params, point]
        else:
            order, order_params = f"{score} DESC, page_id", score_params
        sql = (
            f"SELECT page_id FROM search_searchdocument WHERE {where} "  # noqa: S608
            f"ORDER BY {order} LIMIT %s OFFSET %s"
        )
        rows = fetch(sql, params + order_params + [q.per_page, q.offset], PageId)
        return [row.page_id for row in rows]

    def _hits(self, ids: list[int], q: SearchQuery, tsq: str) -> list[Hit]:
        """The page's rows in full, in the order of ``ids``."""
        if not ids:
            return []
        point = q.near.ewkt if q.near is not None else None
        headline, params = "''", []
        if tsq:
            headline = (
                "ts_headline('dutch', summary || ' ' || left(body, 2000), search_query(%s), %s)"
            )
            params = [
                tsq,
                f"StartSel={START}, StopSel={STOP}, MaxWords=30, "
                "MinWords=12, MaxFragments=2, FragmentDelimiter= … ",
            ]
        distance = "ST_Distance(location, ST_GeogFromText(%s))" if point else "NULL::float"
        sql = f"""
            SELECT page_id, type, title, summary, url, initiative_title, neighbourhood,
                   municipality, ST_Y(location::geometry) AS lat,
                   ST_X(location::geometry) AS lon, {distance} AS distance_m,
                   {NEXT_DATE} AS next_date, {RANK if tsq else "0"} AS score,
                   {headline} AS headline
            FROM search_searchdocument WHERE page_id = ANY(%s)
        """  # noqa: S608
        all_params = ([point] if point else []) + [_from_day(q)]
        all_params += ([tsq] if tsq else []) + params + [ids]
        rows = {row.page_id: row for row in fetch(sql, all_params, HitRow)}
        return [self._hit(rows[i]) for i in ids if i in rows]

    @staticmethod
    def _unknown(words: list[str]) -> set[str]:
        """The query words whose stem starts no word of the vocabulary (stop
        words count as known). Looked up in the vocabulary's trigram index
        rather than the listings: a common word has a long posting list."""
        rows = fetch(
            """
            SELECT w AS word FROM unnest(%s::text[]) AS w
            CROSS JOIN LATERAL (
                -- lexemes hold no LIKE wildcards: the parser splits at '_'
                SELECT min(lexeme) AS stem
                FROM unnest(to_tsvector('dutch', w))
            ) AS s
            WHERE s.stem IS NOT NULL AND NOT EXISTS (
                SELECT FROM search_searchterm WHERE word LIKE s.stem || '%%'
            )
            """,
            [words],
            Word,
        )
        return {row.word for row in rows}

    @staticmethod
    def _corrections(words: list[str], unknown: set[str]) -> list[list[str]]:
        """Per query word: the word itself, then, for the unknown ones, up to
        two vocabulary words closest to it by trigrams ('vrijwiliger' ->
        'vrijwilliger')."""
        rows = fetch(
            """
            SELECT q.word AS typed, t.word AS correction
            FROM unnest(%s::varchar[]) WITH ORDINALITY AS q(word, i)
            CROSS JOIN LATERAL (
                SELECT word FROM search_searchterm
                WHERE word %% q.word AND word <> q.word
                ORDER BY word <-> q.word LIMIT 2
            ) AS t
            ORDER BY q.i, t.word <-> q.word
            """,
            [sorted(unknown)],
            Correction,
        )
        closest: dict[str, list[str]] = {}
        for row in rows:
            closest.setdefault(row.typed, []).append(row.correction)
        return [[w, *closest.get(w, [])] for w in words]

    @staticmethod
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
        )
