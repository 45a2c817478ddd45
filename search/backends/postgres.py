"""The embedded backend: one denormalised table (search.SearchDocument) with a
stored Dutch tsvector (GIN), trigrams on titles (GIN) and a geography point (GiST).

Queries are plain SQL so each part can use its index: ``@@`` the GIN vector,
``<%`` the trigram index, ``ST_DWithin`` and the KNN operator ``<->`` the GiST
index. Counting and facets stop at ``COUNT_CAP`` matches, so a query that
matches half a region costs the same as one that matches a thousand listings.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone
from django.utils.html import escape

from ..documents import Document
from ..models import SearchDocument
from ..query import LISTING_TYPES, FacetValue, Hit, SearchQuery, SearchResults
from .base import SearchBackend

COUNT_CAP = 10_000
# With more matches than COUNT_CAP, relevance ranks at most this many candidates.
RANK_CAP = 5_000
MAX_TERMS = 8
# Relevance is divided by (1 + km / DECAY_KM) when a place is given.
DECAY_KM = 5.0
_WORD = re.compile(r"\w+", re.UNICODE)
START, STOP = "\x02", "\x03"  # highlight markers, replaced after escaping

COLUMNS = [
    "page_id", "type", "title", "summary", "body", "url", "initiative_title", "themes",
    "target_groups", "neighbourhood_id", "neighbourhood", "municipality_id", "municipality",
    "location", "wheelchair", "free", "dates", "open_ranges", "indexed_at",
]  # fmt: skip


def query_words(text: str) -> list[str]:
    """The words of a query (query syntax is dropped), at most MAX_TERMS."""
    words = [w[:40] for w in _WORD.findall(text.lower()) if len(w) > 1 and w != "_"]
    return words[:MAX_TERMS]


def tsquery_text(text: str) -> str:
    """Each word a prefix match, all required: 'wandelen' -> 'wandelen:*',
    which the Dutch stemmer makes 'wandel':*."""
    return " & ".join(f"{w}:*" for w in query_words(text))


def vocabulary(doc: Document) -> set[str]:
    """The words of a document that typos are corrected to."""
    text = f"{doc.title} {doc.summary} {doc.initiative_title}".lower()
    return {w for w in _WORD.findall(text) if 3 <= len(w) <= 40 and not w.isdigit()}


def _pg_array(values) -> str:
    return "{" + ",".join('"' + str(v).replace('"', "") + '"' for v in values) + "}"


def _copy_field(value) -> str:
    """One field in COPY's text format: \\N is NULL; tabs, newlines and
    backslashes are escaped."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
    )


def _row(doc: Document, now) -> list:
    location = f"SRID=4326;POINT({doc.lon} {doc.lat})" if doc.lat is not None else None
    open_ranges = "{" + ",".join(f"[{a},{b})" for a, b in doc.open_ranges) + "}"
    return [
        doc.id, doc.type, doc.title[:255], doc.summary, doc.body, doc.url[:500],
        doc.initiative_title[:255], _pg_array(doc.themes), _pg_array(doc.target_groups),
        doc.neighbourhood_id, doc.neighbourhood, doc.municipality_id, doc.municipality,
        location, doc.wheelchair, doc.free, _pg_array(d.isoformat() for d in doc.dates),
        open_ranges, now.isoformat(),
    ]  # fmt: skip


class PostgresBackend(SearchBackend):
    name = "postgres"

    # -- writes ---------------------------------------------------------------
    def _copy(self, docs: list[Document], table: str) -> None:
        now = timezone.now()
        buffer = io.StringIO(
            "".join("\t".join(map(_copy_field, _row(doc, now))) + "\n" for doc in docs)
        )
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

    # A rebuild fills a new table without indexes, builds the indexes once, and
    # swaps it in: much faster than maintaining seven indexes row by row, and
    # readers use the old table until the swap at commit.
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
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [self.TABLE]
            )
            indexes = [(n, d) for n, d in cursor.fetchall() if not n.endswith("_pkey")]
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
                io.StringIO("".join(f"{_copy_field(w)}\n" for w in sorted(self._words))),
            )

    def rebuild(self, docs: Iterable[Document], chunk_size: int = 5000) -> int:
        with transaction.atomic():
            return super().rebuild(docs, chunk_size)

    def indexed_ids(self) -> set[int]:
        return set(SearchDocument.objects.values_list("page_id", flat=True))

    # -- reads ----------------------------------------------------------------
    def _where(self, q: SearchQuery, tsq: str, *, skip_types: bool = False):
        clauses, params = [], []
        if tsq:
            clauses.append("search_vector @@ to_tsquery('dutch', %s)")
            params.append(tsq)
        if q.near is not None and q.radius_km:
            clauses.append("ST_DWithin(location, ST_GeogFromText(%s), %s)")
            params += [q.near.ewkt, q.radius_km * 1000]
        if q.types and not skip_types:
            clauses.append("type = ANY(%s)")
            params.append(list(q.types))
        if q.themes:
            clauses.append("themes && %s::varchar[]")
            params.append(list(q.themes))
        if q.target_groups:
            clauses.append("target_groups && %s::varchar[]")
            params.append(list(q.target_groups))
        if q.neighbourhood_id:
            clauses.append("neighbourhood_id = %s")
            params.append(q.neighbourhood_id)
        if q.wheelchair:
            clauses.append("wheelchair")
        # Filters that only mean something for one type keep only that type.
        typed = []
        days = q.window_days(timezone.localdate())
        if days is not None or q.free_only:
            parts, part_params = ["type = 'activity'"], []
            if days is not None:
                parts.append("dates && %s::date[]")
                part_params.append(days)
            if q.free_only:
                parts.append("free")
            typed.append((" AND ".join(parts), part_params))
        if q.open_at_minute is not None or q.open_on is not None:
            parts, part_params = ["type = 'meeting_place'"], []
            if q.open_at_minute is not None:
                parts.append("open_ranges @> %s::int")
                part_params.append(q.open_at_minute)
            if q.open_on is not None:
                parts.append("open_ranges && int4range(%s, %s)")
                part_params += [q.open_on * 1440, (q.open_on + 1) * 1440]
            typed.append((" AND ".join(parts), part_params))
        if typed:
            clauses.append("(" + " OR ".join(f"({sql})" for sql, _ in typed) + ")")
            for _, part_params in typed:
                params += part_params
        return (" AND ".join(clauses) or "TRUE"), params

    def search(self, q: SearchQuery) -> SearchResults:
        words = query_words(q.text)
        tsq = " & ".join(f"{w}:*" for w in words)
        corrected = ""
        # Exact (stemmed, prefix) first; only when that finds nothing, correct
        # typos against the vocabulary and try again.
        total, facets, capped, matched = self._count_and_facets(q, tsq)
        if tsq and not matched:
            alternatives = self._corrections(words)
            if any(len(a) > 1 for a in alternatives):
                fuzzy_tsq = " & ".join(
                    "(" + " | ".join(f"{w}:*" for w in a) + ")" for a in alternatives
                )
                counted = self._count_and_facets(q, fuzzy_tsq)
                if counted[3]:
                    total, facets, capped, matched = counted
                    tsq = fuzzy_tsq
                    corrected = " ".join(a[1] if len(a) > 1 else a[0] for a in alternatives)
        where, params = self._where(q, tsq)
        sort = q.effective_sort
        if sort == "relevance" and not tsq:
            sort = "distance" if q.near is not None else "date"
        point = q.near.ewkt if q.near is not None else None
        today = q.date_from or timezone.localdate()

        select, select_params = ["0::float AS score"], []
        if tsq:
            select = ["ts_rank_cd(search_vector, to_tsquery('dutch', %s)) AS score"]
            select_params = [tsq]
        if point:
            select.append("ST_Distance(location, ST_GeogFromText(%s)) AS distance_m")
            select_params.append(point)
        else:
            select.append("NULL::float AS distance_m")
        select.append("(SELECT min(d) FROM unnest(dates) AS d WHERE d >= %s) AS next_date")
        select_params.append(today)

        order_params: list = []
        if sort == "distance" and point:
            # No tie-breaker: a second sort key stops PostgreSQL from reading
            # the GiST index in distance order (it would sort every match).
            order = "location <-> ST_GeogFromText(%s)"
            order_params = [point]
        elif sort == "date":
            order = "next_date NULLS LAST, title, page_id"
        elif point:
            order = f"score / (1 + COALESCE(distance_m, 0) / {DECAY_KM * 1000}) DESC, page_id"
        else:
            order = "score DESC, page_id"

        headline = "''"
        headline_params: list = []
        if tsq:
            headline = (
                "ts_headline('dutch', summary || ' ' || left(body, 2000), "
                "to_tsquery('dutch', %s), %s)"
            )
            headline_params = [
                tsq,
                f"StartSel={START}, StopSel={STOP}, MaxWords=30, "
                "MinWords=12, MaxFragments=2, FragmentDelimiter= … ",
            ]
        base = f"""
            SELECT page_id, type, title, summary, url, initiative_title, neighbourhood,
                   municipality, ST_Y(location::geometry) AS lat,
                   ST_X(location::geometry) AS lon, body, {", ".join(select)}
            FROM search_searchdocument
            WHERE {where}
        """  # noqa: S608 - every value is a parameter
        if sort == "distance" and point:
            # Directly on the table, so the KNN order walks the GiST index.
            ordered = f"{base} ORDER BY {order} LIMIT %s OFFSET %s"
        elif capped and sort == "relevance":
            # Too many matches to rank them all within a page view: rank the
            # nearest RANK_CAP when a place is given, else the first RANK_CAP.
            near = "ORDER BY location <-> ST_GeogFromText(%s)" if point else ""
            ordered = (
                f"SELECT * FROM ({base} {near} LIMIT {RANK_CAP}) AS m "
                f"ORDER BY {order} LIMIT %s OFFSET %s"
            )
            if point:
                order_params = [point, *order_params]
        else:
            ordered = f"SELECT * FROM ({base}) AS m ORDER BY {order} LIMIT %s OFFSET %s"
        sql = f"SELECT page.*, {headline} AS headline FROM ({ordered}) AS page"
        all_params = (
            headline_params + select_params + params + order_params + [q.per_page, q.offset]
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, all_params)
            columns = [c.name for c in cursor.description]
            rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        hits = [self._hit(row) for row in rows]
        return SearchResults(
            query=q,
            hits=hits,
            total=total,
            facets=facets,
            backend=self.name,
            capped=capped,
            corrected=corrected,
        )

    @staticmethod
    def _corrections(words: list[str]) -> list[list[str]]:
        """Per query word: the word itself, then up to two vocabulary words
        closest to it by trigrams ('vrijwiliger' -> 'vrijwilliger')."""
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT q.i, t.word
                FROM unnest(%s::varchar[]) WITH ORDINALITY AS q(word, i)
                CROSS JOIN LATERAL (
                    SELECT word FROM search_searchterm
                    WHERE word %% q.word AND word <> q.word
                    ORDER BY word <-> q.word LIMIT 2
                ) AS t
                ORDER BY q.i, t.word <-> q.word
                """,
                [words],
            )
            rows = cursor.fetchall()
        alternatives = [[w] for w in words]
        for i, word in rows:
            alternatives[i - 1].append(word)
        return alternatives

    @staticmethod
    def _hit(row: dict) -> Hit:
        highlight = escape(row["headline"] or "").replace(START, "<mark>").replace(STOP, "</mark>")
        return Hit(
            id=row["page_id"],
            type=row["type"],
            title=row["title"],
            summary=row["summary"],
            url=row["url"],
            initiative_title=row["initiative_title"],
            neighbourhood=row["neighbourhood"],
            municipality=row["municipality"],
            lat=row["lat"],
            lon=row["lon"],
            distance_km=(row["distance_m"] / 1000 if row["distance_m"] is not None else None),
            highlight=highlight if "<mark>" in highlight else "",
            next_date=row["next_date"],
            score=float(row["score"] or 0),
        )

    def _count_and_facets(self, q: SearchQuery, tsq: str):
        """Exact up to COUNT_CAP; beyond that, the counts of the first
        COUNT_CAP matches (the page says 'meer dan 10.000'). Also returns how
        many matched before the type filter."""
        where, params = self._where(q, tsq, skip_types=True)
        sql = f"""
            WITH matched AS MATERIALIZED (
                SELECT type, themes, neighbourhood_id, neighbourhood
                FROM search_searchdocument WHERE {where} LIMIT {COUNT_CAP + 1}
            )
            SELECT 'type', type, NULL, count(*) FROM matched GROUP BY type
            UNION ALL
            SELECT 'theme', theme, NULL, count(*) FROM matched, unnest(themes) AS theme
                WHERE type = ANY(%s) GROUP BY theme
            UNION ALL
            SELECT 'wijk', neighbourhood_id::text, neighbourhood, count(*) FROM matched
                WHERE neighbourhood_id IS NOT NULL AND type = ANY(%s)
                GROUP BY neighbourhood_id, neighbourhood
        """  # noqa: S608
        types = list(q.types or LISTING_TYPES)
        with connection.cursor() as cursor:
            cursor.execute(sql, params + [types, types])
            rows = cursor.fetchall()
        by_type = {key: n for facet, key, _, n in rows if facet == "type"}
        total = sum(n for key, n in by_type.items() if key in types)
        themes = dict(_theme_labels())
        facets = {
            "type": [
                FacetValue(key, label, by_type.get(key, 0)) for key, label in LISTING_TYPES.items()
            ],
            "theme": sorted(
                (
                    FacetValue(key, themes.get(key, key), n)
                    for facet, key, _, n in rows
                    if facet == "theme"
                ),
                key=lambda f: (-f.count, f.label),
            ),
            "wijk": sorted(
                (FacetValue(key, label, n) for facet, key, label, n in rows if facet == "wijk"),
                key=lambda f: (-f.count, f.label),
            )[:25],
        }
        matched = sum(by_type.values())
        return total, facets, matched > COUNT_CAP, matched


def _theme_labels():
    from initiatives.models import Theme

    return Theme.objects.values_list("slug", "name")
