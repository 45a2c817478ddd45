"""A request id for every log line written while a request is handled.

The id is kept in a context variable (safe for threads and for async views),
set by ``RequestIdMiddleware`` and read by ``core.logs.RequestIdFilter``. A
proxy's ``X-Request-ID`` is taken over when it looks like an id (so one id
follows the request from nginx through Django); anything else is replaced,
so a client cannot write arbitrary text into the logs through it."""

from __future__ import annotations

import re
import uuid
from contextvars import ContextVar

# Letters, digits and . _ - only, 8 to 64 long: a uuid, a hex trace id, nginx's
# $request_id. No spaces, quotes or newlines that could forge a log line.
VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
HEADER = "X-Request-ID"

request_id_var: ContextVar[str] = ContextVar("request_id", default="")


def current_request_id() -> str:
    """The id of the request being handled, or "" outside a request."""
    return request_id_var.get()


def accept_request_id(incoming: str | None) -> str:
    """``incoming`` when it is a sane id, else a new uuid4."""
    if incoming and VALID_REQUEST_ID.match(incoming):
        return incoming
    return uuid.uuid4().hex
