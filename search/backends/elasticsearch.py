"""The Elasticsearch backend: same query model and answers as PostgreSQL, with
Dutch analysis, typo tolerance and scoring done by Elasticsearch.

Readers use an alias (``settings.ELASTICSEARCH_INDEX``); a rebuild fills a new
concrete index ``<alias>-<timestamp>`` and swaps the alias in one atomic call,
so searches keep working during a rebuild. Every connection error, timeout or
5xx becomes ``BackendUnavailable``, so ``FallbackBackend`` answers from
PostgreSQL instead.

The body-building functions (``index_settings``, ``document_body``,
``build_search_body``) are pure, so they are tested without a server.
"""

from __future__ import annotations

import contextlib
import math
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime

import urllib3
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from elastic_transport import TransportError, Urllib3HttpNode
from elastic_transport.client_utils import DEFAULT, DefaultType
from elasticsearch import ApiError, Elasticsearch, dsl, helpers

from ..documents import Document
from ..highlight import START, STOP, marked_html
from ..query import DECAY_KM, LISTING_TYPES, SearchQuery
from ..results import WIJK_FACET_SIZE, FacetCounts, Hit, SearchResults
from .base import BackendUnavailable, SearchBackend

# The gauss decay halves the score at DECAY_KM, as in PostgreSQL, but never
# below this share, so far matches still rank by text.
DECAY_FLOOR = 0.1
THEME_FACET_SIZE = 100
MAX_RESULT_WINDOW = 10_000  # Elasticsearch's index.max_result_window default
EARTH_RADIUS_KM = 6371.0088  # mean radius, as Elasticsearch's arc distance
WRITE_TIMEOUT = 60.0  # rebuilds and scans (commands) take longer than a search may

# -- index definition ---------------------------------------------------------

dutch_stop = dsl.token_filter("dutch_stop", type="stop", stopwords="_dutch_")
dutch_stemmer = dsl.token_filter("dutch_stemmer", type="stemmer", language="dutch")
prefixes = dsl.token_filter("prefixes", type="edge_ngram", min_gram=2, max_gram=20)

# Stop words before folding (the _dutch_ list is unaccented lower case), folding
# before stemming so "café" and "cafe" meet.
dutch = dsl.analyzer(
    "dutch_text",
    tokenizer="standard",
    filter=["lowercase", dutch_stop, "asciifolding", dutch_stemmer],
)
# Word prefixes at index time only: "koffie" finds "Koffieochtend" (Dutch
# writes compounds as one word; the stemmer does not split them).
prefix_index = dsl.analyzer(
    "prefix_index", tokenizer="standard", filter=["lowercase", "asciifolding", prefixes]
)
prefix_search = dsl.analyzer(
    "prefix_search", tokenizer="standard", filter=["lowercase", "asciifolding"]
)
sortable = dsl.normalizer("sortable", filter=["lowercase", "asciifolding"])


class Listing(dsl.Document):
    """One listing, as ``search.documents.Document``. ``all`` gathers the text
    fields so every query word must occur somewhere, as in PostgreSQL's one
    weighted vector."""

    id = dsl.Integer()
    type = dsl.Keyword()
    title = dsl.Text(
        analyzer=dutch,
        copy_to="all",
        fields={
            "prefix": dsl.Text(analyzer=prefix_index, search_analyzer=prefix_search),
            "sort": dsl.Keyword(normalizer=sortable, ignore_above=256),
        },
    )
    summary = dsl.Text(analyzer=dutch, copy_to="all")
    body = dsl.Text(analyzer=dutch, copy_to="all")
    initiative_title = dsl.Text(analyzer=dutch, copy_to="all")
    all = dsl.Text(analyzer=dutch)
    url = dsl.Keyword(index=False)
    themes = dsl.Keyword()
    target_groups = dsl.Keyword()
    neighbourhood_id = dsl.Integer()
    neighbourhood = dsl.Keyword()
    municipality_id = dsl.Integer()
    municipality = dsl.Keyword()
    location = dsl.GeoPoint()
    wheelchair = dsl.Boolean()
    free = dsl.Boolean()
    dates = dsl.Date(format="strict_date")
    open_ranges = dsl.IntegerRange()


def index_settings() -> dict:
    """Settings (with the analyzers) and mappings of a listings index."""
    index = dsl.Index("listings")
    # One shard: a marketplace has thousands to a few hundred thousand
    # listings, and one shard keeps term statistics (scores) exact.
    index.settings(number_of_shards=1, auto_expand_replicas="0-1")
    index.document(Listing)
    return index.to_dict()


def document_body(doc: Document) -> dict:
    """The ``_source`` of a document."""
    return {
        "id": doc.id,
        "type": doc.type,
        "title": doc.title,
        "summary": doc.summary,
        "body": doc.body,
        "url": doc.url,
        "initiative_title": doc.initiative_title,
        "themes": list(doc.themes),
        "target_groups": list(doc.target_groups),
        "neighbourhood_id": doc.neighbourhood_id,
        "neighbourhood": doc.neighbourhood,
        "municipality_id": doc.municipality_id,
        "municipality": doc.municipality,
        "location": (
            {"lat": doc.lat, "lon": doc.lon}
            if doc.lat is not None and doc.lon is not None
            else None
        ),
        "wheelchair": doc.wheelchair,
        "free": doc.free,
        "dates": [d.isoformat() for d in doc.dates],
        "open_ranges": [{"gte": start, "lt": end} for start, end in doc.open_ranges],
    }


# -- query body -----------------------------------------------------------------


def _point(q: SearchQuery) -> dict:
    return {"lat": q.near.y, "lon": q.near.x}


def _filters(q: SearchQuery, today: date) -> list[dsl.Query]:
    """Every filter except the type filter (a post filter, see build_search_body)."""
    filters = []
    if q.near is not None and q.radius_km:
        filters.append(dsl.Q("geo_distance", distance=f"{q.radius_km:g}km", location=_point(q)))
    if q.themes:
        filters.append(dsl.Q("terms", themes=list(q.themes)))
    if q.target_groups:
        filters.append(dsl.Q("terms", target_groups=list(q.target_groups)))
    if q.neighbourhood_id:
        filters.append(dsl.Q("term", neighbourhood_id=q.neighbourhood_id))
    if q.wheelchair:
        filters.append(dsl.Q("term", wheelchair=True))
    # Filters that only mean something for one type keep only that type.
    typed = []
    days = q.window_days(today)
    if days is not None or q.free_only:
        parts = [dsl.Q("term", type="activity")]
        if days is not None:
            if q.weekdays:
                parts.append(dsl.Q("terms", dates=[d.isoformat() for d in days]))
            elif days:  # an unbroken window: one range does it
                parts.append(
                    dsl.Q("range", dates={"gte": days[0].isoformat(), "lte": days[-1].isoformat()})
                )
            else:  # date_to before date_from
                parts.append(dsl.Q("terms", dates=[]))
        if q.free_only:
            parts.append(dsl.Q("term", free=True))
        typed.append(dsl.Q("bool", filter=parts))
    if q.open_at_minute is not None or q.open_on is not None:
        parts = [dsl.Q("term", type="meeting_place")]
        if q.open_at_minute is not None:
            # A term query on a range field matches ranges containing the value.
            parts.append(dsl.Q("term", open_ranges=q.open_at_minute))
        if q.open_on is not None:
            parts.append(
                dsl.Q(
                    "range",
                    open_ranges={
                        "gte": q.open_on * 1440,
                        "lt": (q.open_on + 1) * 1440,
                        "relation": "intersects",
                    },
                )
            )
        typed.append(dsl.Q("bool", filter=parts))
    if typed:
        filters.append(dsl.Q("bool", should=typed, minimum_should_match=1))
    return filters


def _text_query(words: tuple[str, ...]) -> tuple[dsl.Query, dsl.Query]:
    """(what must match, what scores). As in PostgreSQL every word must occur,
    in any field: stemmed and within AUTO edits (typos), or as a word prefix in
    the title (compounds). Fuzziness stays off the prefix field: fuzzy edge
    n-grams match nearly anything. A stop word ("de") matches everything
    rather than nothing, as PostgreSQL drops stop words from a query."""
    must = dsl.Q(
        "bool",
        must=[
            dsl.Q(
                "bool",
                should=[
                    dsl.Q(
                        "match",
                        all={
                            "query": word,
                            "fuzziness": "AUTO",
                            "prefix_length": 1,
                            "zero_terms_query": "all",
                        },
                    ),
                    dsl.Q("match", **{"title.prefix": {"query": word}}),
                ],
                minimum_should_match=1,
            )
            for word in words
        ],
    )
    text = " ".join(words)
    score = dsl.Q(
        "bool",
        should=[
            dsl.Q(
                "multi_match",
                query=text,
                fields=["title^3", "summary^2", "initiative_title", "body"],
                type="best_fields",
                tie_breaker=0.3,
                fuzziness="AUTO",
                prefix_length=1,
            ),
            dsl.Q("match", **{"title.prefix": {"query": text}}),
        ],
    )
    return must, score


def _date_sort_script(since: date) -> dict:
    """The first indexed date on or after ``since`` (next_date in PostgreSQL).
    A plain array sort with mode min would take past dates too, and a nested
    sort filter needs nested documents: a short script is exact."""
    since_ms = int(datetime(since.year, since.month, since.day, tzinfo=UTC).timestamp() * 1000)
    return {
        "_script": {
            "type": "number",
            "order": "asc",
            "script": {
                "lang": "painless",
                "source": (
                    "long best = Long.MAX_VALUE; "
                    "for (def d : doc['dates']) { "
                    "long t = d.toInstant().toEpochMilli(); "
                    "if (t >= params.since && t < best) { best = t; } } "
                    "return best;"
                ),
                "params": {"since": since_ms},
            },
        }
    }


def build_search_body(q: SearchQuery, today: date | None = None) -> dict:
    """The request body for ``q``; ``today`` is the local date (for tests)."""
    today = today or timezone.localdate()
    sort = q.effective_sort

    filters = _filters(q, today)
    base = dsl.Q("bool", filter=filters)
    if q.words:
        must, score = _text_query(q.words)
        base = dsl.Q("bool", filter=filters, must=[must], should=[score])
    if q.words and q.near is not None and sort == "relevance":
        # Relevance blended with distance: x(gauss + floor), half at DECAY_KM.
        base = dsl.Q(
            "function_score",
            query=base,
            functions=[
                dsl.SF(
                    "gauss",
                    location={"origin": _point(q), "scale": f"{DECAY_KM:g}km", "decay": 0.5},
                ),
                dsl.SF({"weight": DECAY_FLOOR}),
            ],
            score_mode="sum",
            boost_mode="multiply",
        )

    s = dsl.Search().query(base)
    if q.types:
        # A post filter: the hits (and total) respect it, the type facet not.
        s = s.post_filter("terms", type=list(q.types))

    if sort == "distance" and q.near is not None:
        s = s.sort(
            {
                "_geo_distance": {
                    "location": _point(q),
                    "order": "asc",
                    "unit": "km",
                    "distance_type": "arc",
                }
            },
            {"id": {"order": "asc"}},
        )
    elif sort == "date":
        s = s.sort(
            _date_sort_script(q.next_date_from(today)),
            {"title.sort": {"order": "asc"}},
            {"id": {"order": "asc"}},
        )
    else:
        s = s.sort({"_score": {"order": "desc"}}, {"id": {"order": "asc"}})

    s.aggs.bucket("type", "terms", field="type", size=len(LISTING_TYPES))
    # Themes and wijken count within the chosen types, as in PostgreSQL.
    typed = s.aggs.bucket(
        "typed",
        "filter",
        filter=dsl.Q("terms", type=list(q.types)) if q.types else dsl.Q("match_all"),
    )
    typed.bucket("theme", "terms", field="themes", size=THEME_FACET_SIZE)
    typed.bucket(
        "wijk",
        "terms",
        field="neighbourhood_id",
        size=WIJK_FACET_SIZE,
        order=[{"_count": "desc"}, {"_key": "asc"}],
    ).bucket("name", "terms", field="neighbourhood", size=1)

    if q.words:
        s = s.highlight("summary", "body").highlight_options(
            pre_tags=[START],
            post_tags=[STOP],
            fragment_size=150,
            number_of_fragments=2,
            max_analyzed_offset=2000,  # PostgreSQL highlights left(body, 2000) too
        )

    start, size = q.offset, q.per_page
    if start + size > MAX_RESULT_WINDOW:
        start, size = 0, 0  # past the window: counts and facets, no hits
    s = s.source(excludes=["body", "open_ranges"])
    s = s.extra(from_=start, size=size, track_total_hits=True)
    return s.to_dict()


# -- responses --------------------------------------------------------------------


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine), as Elasticsearch's ``arc``."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def highlight_html(fragments: dict) -> str:
    """The first two fragments, of the summary then the body, as marked HTML."""
    parts = (fragments.get("summary") or []) + (fragments.get("body") or [])
    return marked_html(" … ".join(parts[:2]))


def hit_from(raw: dict, q: SearchQuery, today: date) -> Hit:
    src = raw["_source"]
    location = src.get("location") or {}
    lat, lon = location.get("lat"), location.get("lon")
    since = q.next_date_from(today)
    upcoming = [d for d in (date.fromisoformat(s) for s in src.get("dates") or []) if d >= since]
    return Hit(
        id=int(src["id"]),
        type=src["type"],
        title=src["title"],
        summary=src.get("summary") or "",
        url=src.get("url") or "",
        initiative_title=src.get("initiative_title") or "",
        neighbourhood=src.get("neighbourhood") or "",
        municipality=src.get("municipality") or "",
        lat=lat,
        lon=lon,
        distance_km=(
            distance_km(q.near.y, q.near.x, lat, lon)
            if q.near is not None and lat is not None
            else None
        ),
        highlight=highlight_html(raw.get("highlight") or {}),
        next_date=min(upcoming) if upcoming else None,
        score=float(raw.get("_score") or 0),
    )


def counts_from(aggs: dict) -> FacetCounts:
    typed = aggs["typed"]
    wijken = typed["wijk"]["buckets"]
    return FacetCounts(
        types={b["key"]: b["doc_count"] for b in aggs["type"]["buckets"]},
        themes={b["key"]: b["doc_count"] for b in typed["theme"]["buckets"]},
        wijken={str(b["key"]): b["doc_count"] for b in wijken},
        wijk_names={
            str(b["key"]): b["name"]["buckets"][0]["key"] for b in wijken if b["name"]["buckets"]
        },
    )


# -- the backend ------------------------------------------------------------------


@contextlib.contextmanager
def unavailable_on_errors() -> Iterator[None]:
    """Connection errors, timeouts, 5xx and 429 mean "ask someone else"; other
    API errors (a bad request) are bugs and stay as they are."""
    try:
        yield
    except ApiError as exc:
        if exc.meta.status >= 500 or exc.meta.status == 429:
            raise BackendUnavailable(f"Elasticsearch answered {exc.meta.status}: {exc}") from exc
        raise
    except TransportError as exc:  # connection refused, timeout, TLS
        raise BackendUnavailable(f"Elasticsearch unreachable: {exc}") from exc


class FastConnectNode(Urllib3HttpNode):
    """elastic-transport gives urllib3 one number for connecting and for
    reading (``urllib3.Timeout(total=...)``, or the per-request float as both).
    Connecting takes a millisecond on a working network, so a host that does
    not accept the connection is given up on after ``connect_timeout``, while
    a search may still take its full read timeout."""

    connect_timeout = 0.5

    def perform_request(
        self,
        method: str,
        target: str,
        body: bytes | None = None,
        headers=None,
        request_timeout: DefaultType | float | None = DEFAULT,
    ):
        if isinstance(request_timeout, int | float):
            request_timeout = urllib3.Timeout(
                connect=min(self.connect_timeout, request_timeout), read=request_timeout
            )
        return super().perform_request(
            method, target, body=body, headers=headers, request_timeout=request_timeout
        )


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(
        self,
        url: str,
        *,
        index: str | None = None,
        timeout: float | None = None,
        connect_timeout: float | None = None,
        write_timeout: float | None = None,
        refresh: bool | str = False,
    ):
        """``timeout`` is a search's read timeout, ``write_timeout`` that of an
        index or delete (the outbox worker's, never a request's), and
        ``connect_timeout`` caps connecting for both. ``refresh`` is passed to
        bulk writes: tests use True so that a search sees a write at once;
        production leaves it to the refresh interval."""
        if not url:
            raise ImproperlyConfigured("ElasticsearchBackend needs ELASTICSEARCH_URL.")
        self.url = url
        self.alias = index or settings.ELASTICSEARCH_INDEX
        self.timeout = timeout if timeout is not None else settings.ELASTICSEARCH_TIMEOUT
        self.connect_timeout = (
            connect_timeout
            if connect_timeout is not None
            else settings.ELASTICSEARCH_CONNECT_TIMEOUT
        )
        self.write_timeout = (
            write_timeout if write_timeout is not None else settings.ELASTICSEARCH_WRITE_TIMEOUT
        )
        self.refresh = refresh
        self._client: Elasticsearch | None = None
        self._building: str | None = None  # the index a rebuild is filling
        self._alias_checked = False

    @property
    def client(self) -> Elasticsearch:
        # Lazily: building the backend (at settings load) must not need a server.
        if self._client is None:
            self._client = Elasticsearch(
                self.url,
                request_timeout=self.timeout,
                node_class=type(
                    "Node", (FastConnectNode,), {"connect_timeout": self.connect_timeout}
                ),
                # One quick retry for a dropped connection; a timeout is not
                # retried, so a slow cluster falls back to PostgreSQL in time.
                max_retries=1,
                retry_on_timeout=False,
            )
        return self._client

    @property
    def writer(self) -> Elasticsearch:
        """For rebuilds, scans and tear-down (commands)."""
        return self.client.options(request_timeout=WRITE_TIMEOUT)

    @property
    def indexer(self) -> Elasticsearch:
        """For index and delete: the outbox worker's writes of a few pages."""
        return self.client.options(request_timeout=self.write_timeout)

    # -- reads ------------------------------------------------------------------
    def search(self, q: SearchQuery) -> SearchResults:
        today = timezone.localdate()
        body = build_search_body(q, today)
        with unavailable_on_errors():
            try:
                response = self.client.search(index=self.alias, body=body).body
            except ApiError as exc:
                if exc.meta.status == 404:  # never built: PostgreSQL knows more
                    raise BackendUnavailable(f"no index {self.alias!r}: {exc}") from exc
                raise
        return SearchResults(
            query=q,
            hits=[hit_from(raw, q, today) for raw in response["hits"]["hits"]],
            total=response["hits"]["total"]["value"],
            counts=counts_from(response["aggregations"]),
            backend=self.name,
        )

    def indexed_ids(self) -> set[int]:
        with unavailable_on_errors():
            try:
                return {
                    int(hit["_id"])
                    for hit in helpers.scan(
                        self.writer,
                        index=self.alias,
                        query={"query": {"match_all": {}}, "_source": False},
                        size=5000,
                        scroll="2m",
                    )
                }
            except ApiError as exc:
                if exc.meta.status == 404:
                    return set()
                raise

    # -- writes -----------------------------------------------------------------
    def _new_index_name(self) -> str:
        return f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"

    def _ensure_alias(self) -> None:
        """Writes before any rebuild must not auto-create an index with guessed
        mappings under the alias's name."""
        if self._alias_checked:
            return
        client = self.indexer
        if not client.indices.exists_alias(name=self.alias):
            name = self._new_index_name()
            client.indices.create(index=name, aliases={self.alias: {}}, **index_settings())
        self._alias_checked = True

    def _bulk(self, actions: Iterable[dict]) -> None:
        helpers.bulk(
            self.indexer,
            actions,
            chunk_size=500,
            refresh=self.refresh,
            ignore_status=(404,),  # deleting what is not there is fine
        )

    def _targets(self) -> list[str]:
        # During a rebuild in this process, changes go to the new index too.
        return [self.alias] + ([self._building] if self._building else [])

    def index(self, docs: list[Document]) -> None:
        if not docs:
            return
        with unavailable_on_errors():
            self._ensure_alias()
            self._bulk(
                {
                    "_op_type": "index",
                    "_index": target,
                    "_id": doc.id,
                    "_source": document_body(doc),
                }
                for target in self._targets()
                for doc in docs
            )

    def delete(self, ids: Iterable[int]) -> None:
        ids = list(ids)
        if not ids:
            return
        with unavailable_on_errors():
            self._bulk(
                {"_op_type": "delete", "_index": target, "_id": page_id}
                for target in self._targets()
                for page_id in ids
            )

    def start_rebuild(self) -> None:
        name = self._new_index_name()
        body = index_settings()
        body["settings"]["refresh_interval"] = "-1"  # no refreshes while loading
        with unavailable_on_errors():
            self.writer.indices.create(index=name, **body)
        self._building = name

    def bulk_load(self, docs: list[Document]) -> None:
        if self._building is None:
            raise RuntimeError("bulk_load() outside start_rebuild()/finish_rebuild()")
        with unavailable_on_errors():
            helpers.bulk(
                self.writer,
                (
                    {"_index": self._building, "_id": d.id, "_source": document_body(d)}
                    for d in docs
                ),
                chunk_size=1000,
            )

    def finish_rebuild(self) -> None:
        """Point the alias at the new index in one call, then drop the old ones
        (and those left by rebuilds that failed half-way)."""
        name, self._building = self._building, None
        if name is None:
            raise RuntimeError("finish_rebuild() without start_rebuild()")
        client = self.writer
        with unavailable_on_errors():
            client.indices.put_settings(index=name, settings={"index": {"refresh_interval": None}})
            client.indices.refresh(index=name)
            actions: list[dict] = []
            current: list[str] = []
            if client.indices.exists_alias(name=self.alias):
                current = list(client.indices.get_alias(name=self.alias).body)
            elif client.indices.exists(index=self.alias):
                # A concrete index under the alias's name (auto-created).
                actions.append({"remove_index": {"index": self.alias}})
            actions += [{"remove": {"index": old, "alias": self.alias}} for old in current]
            actions.append({"add": {"index": name, "alias": self.alias}})
            client.indices.update_aliases(actions=actions)
            self._alias_checked = True
            ours = re.compile(rf"^{re.escape(self.alias)}-\d{{20}}$")
            existing = client.indices.get(index=f"{self.alias}-*", expand_wildcards="all").body
            # Older names only: a rebuild started later (elsewhere) is left alone.
            stale = sorted(i for i in set(existing) | set(current) if ours.match(i) and i < name)
            if stale:
                client.indices.delete(index=",".join(stale), ignore_unavailable=True)

    def drop(self) -> None:
        """Delete the alias and every index of this backend (tests, tear-down)."""
        client = self.writer
        with unavailable_on_errors():
            # By name: clusters refuse wildcard deletes (destructive_requires_name).
            names = list(client.indices.get(index=f"{self.alias}-*", expand_wildcards="all").body)
            if names:
                client.indices.delete(index=",".join(names), ignore_unavailable=True)
