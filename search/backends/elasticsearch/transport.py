"""The client's failures as ``BackendUnavailable``, and a node that gives up
connecting long before a search's read timeout."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import urllib3
from elastic_transport import ApiResponseMeta, HttpHeaders, TransportError, Urllib3HttpNode
from elastic_transport.client_utils import DEFAULT, DefaultType
from elasticsearch import ApiError

from ..base import BackendUnavailable


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
        headers: HttpHeaders | None = None,
        request_timeout: DefaultType | float | None = DEFAULT,
    ) -> tuple[ApiResponseMeta, bytes]:
        if isinstance(request_timeout, int | float):
            request_timeout = urllib3.Timeout(
                connect=min(self.connect_timeout, request_timeout), read=request_timeout
            )
        return super().perform_request(
            method, target, body=body, headers=headers, request_timeout=request_timeout
        )
