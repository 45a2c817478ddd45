"""``/metrics`` in Prometheus' text format (docs/operations.md).

Two sources, written one after the other:

- the process counters of ``core.metrics`` (requests and latency per view,
  searches, mails): summed over all processes of this server when
  ``PROMETHEUS_MULTIPROC_DIR`` is set, else this process's own;
- what the database knows, read at scrape time, so the same on every
  server: the jobs' last success and failure times, runs and failures (the
  worker's records), the search outbox, the newest worker heartbeat. Those
  queries are bounded and run under a statement timeout.

Who may read it: ``METRICS_TOKEN`` (``Authorization: Bearer <token>``) and/or
``METRICS_ALLOWED_IPS`` (the client address as the server sees it,
``REMOTE_ADDR``; never X-Forwarded-For, which a client can write). Both set:
both must match. Neither set: 404, as if there were no such page.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import os

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.http import HttpRequest
from prometheus_client import REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from search.backends import backend_health

from .health import OUTBOX_CAP, STATEMENT_TIMEOUT_MS
from .jobs import job_statuses

log = logging.getLogger(__name__)

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


class Access:
    ALLOWED, UNAUTHORISED, HIDDEN = "allowed", "unauthorised", "hidden"


def metrics_access(request: HttpRequest) -> str:
    token = settings.METRICS_TOKEN
    networks = settings.METRICS_ALLOWED_IPS
    if not token and not networks:
        return Access.HIDDEN
    if networks and not _address_allowed(request.META.get("REMOTE_ADDR", ""), networks):
        return Access.HIDDEN
    if token:
        given = request.headers.get("Authorization", "")
        scheme, _, value = given.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            value.strip().encode(), token.encode()
        ):
            return Access.UNAUTHORISED
    return Access.ALLOWED


def _address_allowed(address: str, networks: list[str]) -> bool:
    try:
        client = ipaddress.ip_address(address)
    except ValueError:
        return False
    for network in networks:
        try:
            if client in ipaddress.ip_network(network.strip(), strict=False):
                return True
        except ValueError:
            log.warning("METRICS_ALLOWED_IPS: %r is no address or network", network)
    return False


class DatabaseCollector:
    """The worker's records and the search outbox, read at scrape time."""

    def collect(self):
        up = GaugeMetricFamily("meedoen_database_up", "Whether the database answered.")
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL statement_timeout = {STATEMENT_TIMEOUT_MS}")
                cursor.execute(
                    "SELECT"
                    " (SELECT count(*) FROM (SELECT 1 FROM search_indexoutbox LIMIT %s) AS o),"
                    " (SELECT extract(epoch FROM now() - created_at) FROM search_indexoutbox"
                    "  ORDER BY id LIMIT 1),"
                    " (SELECT extract(epoch FROM now() - max(beat_at))"
                    "  FROM operations_workerheartbeat)",
                    [OUTBOX_CAP],
                )
                depth, oldest, beat = cursor.fetchone()
                statuses = job_statuses()
        except DatabaseError:
            log.warning("metrics: database not usable", exc_info=True)
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        yield GaugeMetricFamily(
            "meedoen_search_outbox_depth",
            f"Pages waiting to be (re)indexed (counted up to {OUTBOX_CAP}).",
            value=depth,
        )
        yield GaugeMetricFamily(
            "meedoen_search_outbox_oldest_age_seconds",
            "Age of the oldest page waiting to be indexed (0: none waits).",
            value=float(oldest or 0),
        )
        if beat is not None:
            yield GaugeMetricFamily(
                "meedoen_worker_heartbeat_age_seconds",
                "Seconds since a worker last said it is alive.",
                value=float(beat),
            )
        success = GaugeMetricFamily(
            "meedoen_job_last_success_timestamp_seconds",
            "When the job last succeeded (Unix time).",
            labels=["job"],
        )
        failure = GaugeMetricFamily(
            "meedoen_job_last_failure_timestamp_seconds",
            "When the job last failed (Unix time).",
            labels=["job"],
        )
        duration = GaugeMetricFamily(
            "meedoen_job_last_duration_seconds", "How long the last run took.", labels=["job"]
        )
        overdue = GaugeMetricFamily(
            "meedoen_job_overdue", "1 when the job is overdue, else 0.", labels=["job"]
        )
        runs = CounterMetricFamily("meedoen_job_runs", "Runs started.", labels=["job"])
        failures = CounterMetricFamily("meedoen_job_failures", "Runs failed.", labels=["job"])
        for status in statuses:
            name, state = status.job.name, status.state
            overdue.add_metric([name], 1 if status.overdue else 0)
            runs.add_metric([name], state.runs if state else 0)
            failures.add_metric([name], state.failures if state else 0)
            if state and state.last_success_at:
                success.add_metric([name], state.last_success_at.timestamp())
            if state and state.last_failure_at:
                failure.add_metric([name], state.last_failure_at.timestamp())
            if state and state.last_duration is not None:
                duration.add_metric([name], state.last_duration)
        yield from (success, failure, duration, overdue, runs, failures)


class SearchCollector:
    """This process's circuit breaker (a per-process state)."""

    def collect(self):
        health = backend_health()
        gauge = GaugeMetricFamily(
            "meedoen_search_breaker_open",
            "1 when this process answers searches from the fallback (breaker not closed).",
            labels=["backend"],
        )
        gauge.add_metric([health.name], 1 if health.degraded else 0)
        yield gauge


def process_metrics() -> bytes:
    """The counters of ``core.metrics``: of every process on this server in
    multiprocess mode, else of this one."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        processes = CollectorRegistry()
        MultiProcessCollector(processes)
        return generate_latest(processes)
    return generate_latest(REGISTRY)


def render_metrics() -> bytes:
    ours = CollectorRegistry()
    ours.register(DatabaseCollector())
    ours.register(SearchCollector())
    return process_metrics() + generate_latest(ours)
