"""A local stand-in for an Elasticsearch cluster, for failure-path tests.

No Elasticsearch server can run on these machines. This speaks just enough of
the HTTP API for the backend's writes and searches (alias check, index
creation, ``_bulk``, ``_search``) and can be switched between:

- ``up``: answers, keeping the documents in ``docs``;
- ``hung``: accepts the connection, reads the request and never answers (a
  cluster stuck in garbage collection, or a proxy whose upstream is gone).

A closed port (``closed_port()``) is a cluster that is down; a listening socket
whose accept queue is full (``unaccepting_port()``) is a host that does not
accept connections at all (a firewall that drops packets).
"""

from __future__ import annotations

import json
import socket
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


class FakeElasticsearch:
    def __init__(self, mode: str = "up"):
        self.mode = mode
        self.docs: dict[str, dict] = {}  # _id -> _source, across its indices
        self.requests: list[tuple[str, str]] = []
        self.indices: set[str] = set()
        self.aliases: dict[str, str] = {}  # alias -> index
        self._release = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> FakeElasticsearch:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._release.set()  # let hung handlers go
        self._server.shutdown()
        self._server.server_close()

    # -- the API ------------------------------------------------------------------
    def answer(self, method: str, path: str, body: bytes) -> tuple[int, dict | None]:
        parts = [p for p in urlsplit(path).path.split("/") if p]
        if parts[:1] == ["_alias"] and method == "HEAD":
            return (200 if parts[1] in self.aliases else 404), None
        if parts[-1:] == ["_bulk"]:
            return 200, self._bulk(body)
        if parts[-1:] == ["_search"]:
            return 200, self._search()
        if method == "PUT" and len(parts) == 1:
            spec = json.loads(body or b"{}")
            self.indices.add(parts[0])
            for alias in spec.get("aliases") or {}:
                self.aliases[alias] = parts[0]
            return 200, {"acknowledged": True, "shards_acknowledged": True, "index": parts[0]}
        return 404, {"error": f"fake: no {method} {path}", "status": 404}

    def _bulk(self, body: bytes) -> dict:
        lines = [json.loads(line) for line in body.splitlines() if line.strip()]
        items = []
        while lines:
            [(op, meta)] = lines.pop(0).items()
            doc_id = str(meta["_id"])
            if op == "delete":
                status = 200 if self.docs.pop(doc_id, None) is not None else 404
            else:
                self.docs[doc_id] = lines.pop(0)
                status = 201
            items.append({op: {"_index": meta["_index"], "_id": doc_id, "status": status}})
        return {"took": 1, "errors": False, "items": items}

    def _search(self) -> dict:
        """Every document, as hits (the fake does not match or filter)."""
        hits = [
            {"_id": doc_id, "_score": 1.0, "_source": source}
            for doc_id, source in sorted(self.docs.items())
        ]
        by_type: dict[str, int] = {}
        for source in self.docs.values():
            by_type[source["type"]] = by_type.get(source["type"], 0) + 1
        return {
            "took": 1,
            "timed_out": False,
            "hits": {"total": {"value": len(hits), "relation": "eq"}, "hits": hits},
            "aggregations": {
                "type": {"buckets": [{"key": k, "doc_count": n} for k, n in by_type.items()]},
                "typed": {
                    "doc_count": len(hits),
                    "theme": {"buckets": []},
                    "wijk": {"buckets": []},
                },
            },
        }


def _handler(fake: FakeElasticsearch):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _serve(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            fake.requests.append((self.command, self.path))
            if fake.mode == "hung":
                fake._release.wait()  # never answer (until the fake is stopped)
                self.close_connection = True
                return
            status, payload = fake.answer(self.command, self.path, body)
            data = json.dumps(payload).encode() if payload is not None else b""
            self.send_response(status)
            self.send_header("X-Elastic-Product", "Elasticsearch")
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _serve

        def log_message(self, *args):
            pass

    return Handler


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def unaccepting_port():
    """A port whose connections never complete: the listening socket's accept
    queue (backlog 0) is filled by one connection, so Linux drops the next SYNs
    and ``connect()`` waits, as with a host behind a dropping firewall."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    port = server.getsockname()[1]
    filler = socket.create_connection(("127.0.0.1", port), timeout=1)
    try:
        yield port
    finally:
        filler.close()
        server.close()
