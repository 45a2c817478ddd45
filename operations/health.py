"""The readiness checks behind ``/health/ready`` (docs/operations.md).

Cheap enough to run every few seconds: one short database transaction with a
statement timeout (``SELECT 1``, the outbox's depth counted up to a cap and
its oldest row by primary key, the newest heartbeat), one cache set/get per
cache, and the search backend's circuit breaker read from memory. No network
call to Elasticsearch or the mail server.

What it says is safe to show anyone: per check a status and a short reason,
numbers (seconds, counts), never a host name, DSN, version or exception text.

Two kinds of check:

- **fail**: this process cannot serve (the database or the cache is away):
  the answer is 503, a load balancer takes the process out;
- **warn**: the site serves, but something needs an operator (search answers
  from PostgreSQL because Elasticsearch failed, the outbox backs up, no
  worker beat recently, mail is not configured to be sent). Still 200: every
  web process shares these, and taking them all out would take the site down
  for something it copes with. ``?strict=1`` makes a warning 503 too, for a
  monitor that should page someone.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection, transaction

from search.backends import backend_health

log = logging.getLogger(__name__)

OK, WARN, FAIL = "ok", "warn", "fail"
STATEMENT_TIMEOUT_MS = 500
OUTBOX_CAP = 10_000  # counted up to here, so the count stays cheap
# Mail backends that send nothing anywhere.
NOT_SENDING = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}


@dataclass
class Check:
    status: str
    reason: str = ""
    data: dict[str, object] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {"status": self.status}
        if self.reason:
            out["reason"] = self.reason
        out.update(self.data)
        return out


@dataclass
class Readiness:
    checks: dict[str, Check]
    milliseconds: float

    @property
    def failed(self) -> list[str]:
        return [name for name, c in self.checks.items() if c.status == FAIL]

    @property
    def warnings(self) -> list[str]:
        return [name for name, c in self.checks.items() if c.status == WARN]

    @property
    def status(self) -> str:
        return "fail" if self.failed else "degraded" if self.warnings else "ok"

    def http_status(self, *, strict: bool = False) -> int:
        return 503 if self.failed or (strict and self.warnings) else 200

    def as_json(self) -> dict[str, object]:
        return {
            "status": self.status,
            "checks": {name: c.as_json() for name, c in self.checks.items()},
            "ms": round(self.milliseconds, 1),
        }


@dataclass
class _DatabaseFacts:
    outbox_depth: int
    outbox_oldest_age: float | None
    heartbeat_age: float | None


def _database_facts() -> _DatabaseFacts:
    """One short transaction: SELECT 1's worth of work, bounded."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL statement_timeout = {STATEMENT_TIMEOUT_MS}")
        cursor.execute(
            "SELECT"
            " (SELECT count(*) FROM (SELECT 1 FROM search_indexoutbox LIMIT %s) AS o),"
            " (SELECT extract(epoch FROM now() - created_at) FROM search_indexoutbox"
            "  ORDER BY id LIMIT 1),"
            " (SELECT extract(epoch FROM now() - max(beat_at)) FROM operations_workerheartbeat)",
            [OUTBOX_CAP],
        )
        depth, oldest, beat = cursor.fetchone()
    return _DatabaseFacts(
        outbox_depth=depth,
        outbox_oldest_age=None if oldest is None else float(oldest),
        heartbeat_age=None if beat is None else float(beat),
    )


def check_cache(alias: str) -> Check:
    key = f"health:{uuid.uuid4().hex}"
    try:
        cache = caches[alias]
        cache.set(key, "1", timeout=10)
        ok = cache.get(key) == "1"
        cache.delete(key)
    except Exception:  # noqa: BLE001 - any failure means: not usable
        log.warning("health: cache %r not usable", alias, exc_info=True)
        return Check(FAIL, "cache niet bereikbaar / cache unreachable")
    if not ok:
        return Check(FAIL, "cache bewaart niets / cache does not keep values")
    return Check(OK)


def check_search() -> Check:
    health = backend_health()
    data = {"backend": health.name, "breaker": health.breaker}
    if health.degraded:
        return Check(
            WARN, "zoekmachine niet bereikbaar, PostgreSQL antwoordt / search falls back", data
        )
    return Check(OK, data=data)


def check_outbox(facts: _DatabaseFacts | None) -> Check:
    if facts is None:
        return Check(WARN, "niet gecontroleerd / not checked")
    depth = facts.outbox_depth
    data: dict[str, object] = {
        "depth": depth if depth < OUTBOX_CAP else f"{OUTBOX_CAP}+",
        "oldest_age_seconds": None
        if facts.outbox_oldest_age is None
        else round(facts.outbox_oldest_age),
    }
    if facts.outbox_oldest_age is not None and (
        facts.outbox_oldest_age > settings.HEALTH_OUTBOX_MAX_AGE
    ):
        return Check(WARN, "zoekindex loopt achter / search index lags", data)
    return Check(OK, data=data)


def check_worker(facts: _DatabaseFacts | None) -> Check:
    if facts is None:
        return Check(WARN, "niet gecontroleerd / not checked")
    if facts.heartbeat_age is None:
        return Check(WARN, "geen worker gezien / no worker seen", {"heartbeat_age_seconds": None})
    data = {"heartbeat_age_seconds": round(facts.heartbeat_age)}
    if facts.heartbeat_age > settings.HEALTH_HEARTBEAT_MAX_AGE:
        return Check(WARN, "worker stil / worker silent", data)
    return Check(OK, data=data)


def check_mail() -> Check:
    backend = settings.EMAIL_BACKEND
    if backend in NOT_SENDING:
        return Check(WARN, "mail wordt niet verstuurd / mail is not sent")
    if backend == "django.core.mail.backends.smtp.EmailBackend" and not settings.EMAIL_HOST:
        return Check(WARN, "geen mailserver ingesteld / no mail server set")
    return Check(OK)


def readiness(*, clock: Callable[[], float] = time.perf_counter) -> Readiness:
    started = clock()
    checks: dict[str, Check] = {}
    facts = None
    try:
        facts = _database_facts()
    except DatabaseError:
        log.warning("health: database not usable", exc_info=True)
        checks["database"] = Check(FAIL, "database niet bereikbaar / database unreachable")
    else:
        checks["database"] = Check(OK)
    for alias in settings.CACHES:
        checks["cache" if alias == "default" else f"cache_{alias}"] = check_cache(alias)
    checks["search"] = check_search()
    checks["outbox"] = check_outbox(facts)
    checks["worker"] = check_worker(facts)
    checks["mail"] = check_mail()
    return Readiness(checks, (clock() - started) * 1000)
