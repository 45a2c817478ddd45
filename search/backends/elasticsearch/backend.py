"""``ElasticsearchBackend``: the client, searches, index writes and rebuilds."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from elasticsearch import ApiError, Elasticsearch, helpers

from ... import synonyms
from ...documents import Document
from ...query import SearchQuery
from ...results import SearchResults, add_next_occurrences, add_open_now
from ..base import BackendUnavailable, SearchBackend
from .body import build_search_body
from .mapping import document_body, index_settings
from .responses import counts_from, hit_from
from .transport import FastConnectNode, unavailable_on_errors

WRITE_TIMEOUT = 60.0  # rebuilds and scans (commands) take longer than a search may


class ElasticsearchBackend(SearchBackend):
    """Configured as ``{"BACKEND": "search.backends.elasticsearch.ElasticsearchBackend",
    "URLS": [...], "INDEX": ..., "TIMEOUT": ..., "CONNECT_TIMEOUT": ...,
    "WRITE_TIMEOUT": ...}`` (see ``search.backends``); in production always
    as the PRIMARY of a ``FallbackBackend``."""

    name = "elasticsearch"

    def __init__(
        self,
        urls: str | Sequence[str],
        *,
        index: str = "meedoen-listings",
        timeout: float = 1.0,
        connect_timeout: float = 0.5,
        write_timeout: float = 10.0,
        refresh: bool | str = False,
    ) -> None:
        """``urls``: the cluster's nodes; ``index``: the alias readers use.
        ``timeout`` is a search's read timeout, ``write_timeout`` that of an
        index or delete (the outbox worker's, never a request's), and
        ``connect_timeout`` caps connecting for both. ``refresh`` is passed to
        bulk writes: tests use True so that a search sees a write at once;
        production leaves it to the refresh interval."""
        self.urls = [urls] if isinstance(urls, str) else list(urls)
        if not self.urls or not all(self.urls):
            raise ImproperlyConfigured("ElasticsearchBackend needs URLS (set ELASTICSEARCH_URL).")
        self.alias = index
        self.timeout = timeout
        self.connect_timeout = connect_timeout
        self.write_timeout = write_timeout
        self.refresh = refresh
        self._client: Elasticsearch | None = None
        self._building: str | None = None  # the index a rebuild is filling
        self._alias_checked = False

    @property
    def client(self) -> Elasticsearch:
        # Lazily: building the backend (at settings load) must not need a server.
        if self._client is None:
            self._client = Elasticsearch(
                self.urls,
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
        table = synonyms.current()
        body = build_search_body(q, today, table)
        with unavailable_on_errors():
            try:
                response = self.client.search(index=self.alias, body=body).body
            except ApiError as exc:
                if exc.meta.status == 404:  # never built: PostgreSQL knows more
                    raise BackendUnavailable(f"no index {self.alias!r}: {exc}") from exc
                raise
        hits = [hit_from(raw, q, today) for raw in response["hits"]["hits"]]
        add_next_occurrences(hits, q, timezone.now())
        add_open_now(hits, timezone.now())
        return SearchResults(
            query=q,
            hits=hits,
            total=response["hits"]["total"]["value"],
            counts=counts_from(response["aggregations"]),
            backend=self.name,
            also_searched=table.expand(q.words).also,
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
