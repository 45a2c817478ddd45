"""The counters other apps bump, exported by ``/metrics`` (operations;
docs/operations.md). Defined here, at the bottom, so any app may count
without importing the app that exports them.

prometheus_client keeps them per process. With several gunicorn processes
set ``PROMETHEUS_MULTIPROC_DIR`` (an empty directory, the same for the web
processes and the worker on one server) before they start: every process
writes its values to files there and ``/metrics`` adds them up, so any
process answers the totals of all (prometheus_client's multiprocess mode).

Labels never carry what a visitor typed or who they are: the view's URL
name (a fixed list), the method (one of a few), the status code class and
fixed outcome words.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404
from prometheus_client import Counter, Histogram, disable_created_metrics

from .i18n import resolve_in_its_language

# Only the values; the *_created series would double the output for nothing.
disable_created_metrics()

REQUESTS = Counter(
    "meedoen_http_requests",
    "HTTP requests answered, per view (URL name), method and status class.",
    ["view", "method", "status"],
)
LATENCY = Histogram(
    "meedoen_http_request_duration_seconds",
    "Time to answer an HTTP request, per view (URL name).",
    ["view"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
SEARCHES = Counter(
    "meedoen_searches",
    "Searches run (search page and search API), by whether anything was found.",
    ["result"],
)
MAILS = Counter("meedoen_mails", "Mails handed to the mail server, by outcome.", ["outcome"])

# Every series there from the start, at 0: a rate over a missing series is no rate.
for _result in ("found", "none"):
    SEARCHES.labels(_result)
for _outcome in ("sent", "failed"):
    MAILS.labels(_outcome)

METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def search_counted(total: int) -> None:
    SEARCHES.labels("none" if total == 0 else "found").inc()


def mails_counted(*, sent: int = 0, failed: int = 0) -> None:
    if sent:
        MAILS.labels("sent").inc(sent)
    if failed:
        MAILS.labels("failed").inc(failed)


def view_label(request: HttpRequest) -> str:
    """The URL name of the view that answered, never the path (which may
    hold an e-mail address, a postcode or a search)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        # Answered before URL resolution (the page cache, a redirect).
        try:
            match = resolve_in_its_language(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return "not_found"
    return match.view_name or "unnamed"


class RequestMetricsMiddleware:
    """Counts every request and times it, outermost so that answers from the
    page cache and the security middleware count too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        try:
            view = view_label(request)
            method = request.method if request.method in METHODS else "other"
            LATENCY.labels(view).observe(time.perf_counter() - started)
            REQUESTS.labels(view, method, f"{response.status_code // 100}xx").inc()
        except Exception:  # noqa: BLE001, S110 - counting never breaks a request
            pass
        return response
