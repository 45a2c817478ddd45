"""Log lines that answer questions (docs/logging.md).

- ``RequestIdFilter`` puts the current request's id on every record, and
  replaces the path in Django's own "Not Found: /path" lines by the URL
  pattern (paths may hold tokens from the links in mails).
- ``JsonFormatter`` writes one JSON object per line. The standard library is
  enough for that (python-json-logger would be one more dependency for some
  twenty lines), and a formatter of our own decides which fields leave the
  process: the known ones and scalar ``extra`` values, never the request
  object Django attaches.
- ``RequestLogMiddleware`` writes one line per request: method, route pattern
  (never the path or the query string), view name, status, duration and the
  user's id when the request looked the user up.
- ``logging_config`` builds the ``LOGGING`` setting for ``LOG_FORMAT``.
"""

from __future__ import annotations

import json
import logging
import time
from datetime import UTC, datetime

from .requestid import HEADER, accept_request_id, current_request_id, request_id_var

request_logger = logging.getLogger("meedoen.request")

# Attributes every LogRecord has; anything else came in through ``extra``.
_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "request_id"}
# Extras that never leave the process: Django's request object (headers,
# cookies, query string) and the server's socket.
_NEVER = {"request", "server_time", "connection"}


def _route(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "-"
    if match.view_name == "wagtail_serve":
        # Wagtail's catch-all regex says nothing; every page is "a page".
        return "/<page>/"
    return "/" + (match.route or "")


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record; hides paths in Django's lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        # Django logs a 4xx/5xx response after the middleware has returned,
        # so the id comes from the request it names.
        record.request_id = current_request_id() or getattr(request, "request_id", None) or "-"
        path = getattr(request, "path", None)
        if path and isinstance(record.args, tuple) and path in record.args:
            # "Not Found: /aanmelden/<token>/": the pattern says enough.
            record.args = tuple(_route(request) if arg == path else arg for arg in record.args)
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (ISO-8601, UTC), level, logger,
    message, request_id, scalar extras, and the traceback if any."""

    def format(self, record: logging.LogRecord) -> str:
        request_id = getattr(record, "request_id", None)
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            # The filter writes "-" for the text format; JSON says null.
            "request_id": None if request_id in (None, "", "-") else request_id,
        }
        for key, value in record.__dict__.items():
            if key in _STANDARD or key in _NEVER or key.startswith("_"):
                continue
            if value is None or isinstance(value, str | int | float | bool):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class RequestLogMiddleware:
    """Outermost middleware: sets the request id (and the response header)
    and writes one log line when the response is ready."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = accept_request_id(request.headers.get(HEADER))
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[HEADER] = request_id
            self._log(request, response.status_code, started)
            return response
        except Exception:
            self._log(request, 500, started)
            raise
        finally:
            request_id_var.reset(token)

    def _log(self, request, status: int, started: float) -> None:
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        match = getattr(request, "resolver_match", None)
        route = _route(request)
        # Only a user the request already looked up: reading it here would
        # cost a session query on pages that never needed one.
        user = getattr(request, "_cached_user", None)
        user_id = user.pk if user is not None and user.is_authenticated else None
        request_logger.info(
            "%s %s %s %.1fms",
            request.method,
            route,
            status,
            duration_ms,
            extra={
                "method": request.method,
                "route": route,
                "view": match.view_name if match else None,
                "status": status,
                "duration_ms": duration_ms,
                "user_id": user_id,
            },
        )


TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"


def logging_config(*, fmt: str, level: str) -> dict:
    """The ``LOGGING`` setting: ``fmt`` is "json" (production) or "text"."""
    if fmt not in {"json", "text"}:
        raise ValueError(f"LOG_FORMAT must be json or text, not {fmt!r}")
    formatter = {"()": "core.logs.JsonFormatter"} if fmt == "json" else {"format": TEXT_FORMAT}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "core.logs.RequestIdFilter"}},
        "formatters": {"default": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "default",
                "filters": ["request_id"],
            },
            # Without any handler Python prints warnings anyway (lastResort).
            "null": {"class": "logging.NullHandler"},
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # One line per background task is noise in development and tests.
            "django_tasks": {"level": "WARNING"},
            # Seven "Step n" lines per PDF (core/pdf.py); its warnings (a
            # refused fetch, unsupported CSS) still show.
            "weasyprint.progress": {"level": "WARNING"},
            # Django's own lines (errors, "Not Found", security) reach the root
            # handler, with the request id and without the path. Its
            # debug-only console handler would print them twice; there are no
            # ADMINS to mail.
            "django": {"handlers": [], "level": "INFO", "propagate": True},
            # runserver's access line holds the query string; ours does not.
            "django.server": {"handlers": ["null"], "propagate": False},
        },
    }
