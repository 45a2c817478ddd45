"""Keep the search index in step with the pages.

Every change that can alter what is findable writes the page id to the
outbox *in the same transaction as the change*, so an edit is never lost to
the index and the index can never roll back an edit. Then:

- right after commit, the request that made the change writes the *local*
  index (PostgreSQL: the site's own database, and the index that answers when
  Elasticsearch cannot) for its pages;
- the *remote* index (Elasticsearch) is written only by the outbox worker
  (``manage.py search_index worker``, and ``search_index drain`` from cron as
  a safety net), never in a request: a slow or hung cluster cannot hold up a
  publish, or the mails sent after it.

The worker drains every row that is due, removals as much as updates. A row
stays until every index has its version; a page that fails by itself waits a
back-off that grows with its attempts; while Elasticsearch is unreachable its
rows wait for the circuit breaker (``search.backends.breaker``) instead, and
are written as soon as a probe gets through.
"""

from __future__ import annotations

import logging
import operator
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from functools import reduce
from typing import NamedTuple

from django.db import connection, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from core.versioning import bump_content_version

from .backends import get_backend
from .backends.base import BackendUnavailable, SearchBackend
from .backends.breaker import CircuitOpen
from .documents import documents_for_ids
from .models import IndexOutbox
from .sql import fetch

log = logging.getLogger(__name__)
BATCH = 500
# The request writes the local index right after commit; a row it never got
# to (the process died) is the worker's after this.
LOCAL_GRACE = timedelta(seconds=60)
BACKOFF = timedelta(seconds=30)  # after a page's first failure; doubles per attempt...
MAX_BACKOFF = timedelta(minutes=5)  # ...up to this, so the worker retries it every 5 minutes
DRAIN_LOCK = 0x5EA7C4  # pg_advisory_lock key: one drain at a time (worker, cron, update)


class _Lock(NamedTuple):
    locked: bool


class Outcome(NamedTuple):
    done: int  # written to every index, gone from the outbox
    failed: int  # failed by themselves; retried after a back-off
    waiting: int  # in the local index, waiting for the remote one


def enqueue(page_ids: Iterable[int], *, process: bool = True) -> None:
    """Queue pages for the index; with ``process`` the local index is written
    after the current transaction commits (at once outside a transaction)."""
    ids = sorted(set(page_ids))
    if not ids:
        return
    retry_at = timezone.now() + (LOCAL_GRACE if process else timedelta(0))
    # A page already waiting gets a new updated_at, so a run that read the
    # older version does not remove this request (see _write); and it needs
    # the local index again.
    IndexOutbox.objects.bulk_create(
        [IndexOutbox(page_id=i, local_done=False, retry_at=retry_at) for i in ids],
        update_conflicts=True,
        unique_fields=["page_id"],
        update_fields=["updated_at", "local_done", "retry_at"],
    )
    if process:

        def write_local_index() -> None:  # not a partial: robust logging needs __qualname__
            index_after_commit(ids)

        # robust: whatever happens here, the rest of the after-commit work
        # (mails) still runs; the worker retries the row.
        transaction.on_commit(write_local_index, robust=True)


def index_after_commit(page_ids: list[int]) -> Outcome:
    """The request's part: the local index for these pages. With a remote
    index, the rows stay for the worker, due at once."""
    local, remote = get_backend().parts()
    rows = IndexOutbox.objects.filter(page_id__in=page_ids, local_done=False)
    return _run(rows, local=local, remote=remote, local_only=True)


def process_outbox(*, due_only: bool = False) -> Outcome:
    """Write pending pages to every index: all of them (``update``), or only
    those due (``due_only``: the worker and ``drain``, which respect back-offs
    and leave the work to a drain that is already running)."""
    local, remote = get_backend().parts()
    rows = IndexOutbox.objects.all()
    if due_only:
        rows = rows.filter(retry_at__lte=timezone.now())
    with _one_drain_at_a_time(wait=not due_only) as running:
        if not running:
            log.info("search index: another drain is running, this one stops")
            return Outcome(0, 0, 0)
        return _run(rows, local=local, remote=remote, local_only=False)


@contextmanager
def _one_drain_at_a_time(*, wait: bool) -> Iterator[bool]:
    """Two drains writing the same page could finish in the wrong order and
    leave an older version in Elasticsearch. A session lock, so it is also
    released when the process dies. Yields whether this drain may run."""
    if wait:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [DRAIN_LOCK])
        locked = True
    else:
        [lock] = fetch("SELECT pg_try_advisory_lock(%s) AS locked", [DRAIN_LOCK], _Lock)
        locked = lock.locked
    try:
        yield locked
    finally:
        if locked:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [DRAIN_LOCK])


def _run(
    rows: QuerySet[IndexOutbox],
    *,
    local: SearchBackend,
    remote: SearchBackend | None,
    local_only: bool,
) -> Outcome:
    """Write ``rows`` in batches, to the local index where a row still needs
    it and to the remote one unless ``local_only`` or it is unreachable."""
    done = failed = waiting = 0
    # An open circuit: don't even try, but keep the local index current.
    remote_down = remote is not None and not getattr(remote, "available", True)

    def attempt(chunk: list[IndexOutbox]) -> str:
        nonlocal remote_down
        target = None if local_only or remote_down else remote
        result = _attempt(chunk, local=local, remote=target, keep=remote is not None and not target)
        remote_down = remote_down or result == "down"
        return result

    last_id = 0
    while True:
        queryset = rows.filter(id__gt=last_id)
        if remote_down:
            queryset = queryset.filter(local_done=False)
        batch = list(queryset.order_by("id")[:BATCH])
        if not batch:
            break
        last_id = batch[-1].id
        results = [attempt(batch)]
        if results == ["failed"] and len(batch) > 1:
            # Find the page(s) that fail so they don't hold back the rest.
            results = [attempt([row]) for row in batch]
        sizes = [len(batch)] if len(results) == 1 else [1] * len(batch)
        for result, size in zip(results, sizes, strict=True):
            if result == "done":
                done += size
            elif result == "failed":
                failed += size
            else:
                waiting += size
    if done or waiting:
        # Search pages read the index, which can follow an edit by seconds
        # (the worker writes Elasticsearch): a search page cached in between
        # would hide the change until it expires.
        bump_content_version()
    return Outcome(done, failed, waiting)


def _attempt(
    rows: list[IndexOutbox], *, local: SearchBackend, remote: SearchBackend | None, keep: bool
) -> str:
    """One write: "done" (gone from the outbox), "kept" (the local index is
    written, the remote one waits), "down" (the remote index is unreachable)
    or "failed" (kept with its error and a back-off if it is one page)."""
    try:
        _write(rows, local=local, remote=remote, keep=keep)
    except CircuitOpen:
        return "down"  # not even tried: no attempt to count
    except BackendUnavailable as exc:
        # Not the pages' fault: no back-off, the circuit breaker paces retries.
        log.warning("search index: %d page(s) wait for the remote index: %s", len(rows), exc)
        _note_failure(rows, exc)
        return "down"
    except Exception as exc:  # noqa: BLE001 - any failure is kept and retried
        log.warning("search index write failed for pages %s: %s", _ids(rows)[:10], exc)
        if len(rows) == 1:
            _note_failure(rows, exc, backoff=True)
        return "failed"
    return "kept" if keep else "done"


def _write(
    rows: list[IndexOutbox], *, local: SearchBackend, remote: SearchBackend | None, keep: bool
) -> None:
    docs, gone = documents_for_ids(_ids(rows))
    todo = [row for row in rows if not row.local_done]
    if todo:
        todo_ids = set(_ids(todo))
        local.index([doc for doc in docs if doc.id in todo_ids])
        local.delete(gone & todo_ids)
        if remote is not None or keep:
            # Remembered before the remote write, which may fail: the next
            # attempt need not write the local index again. A row queued
            # again meanwhile has a newer updated_at and keeps local_done off.
            changes = {"retry_at": timezone.now()} if keep else {}
            IndexOutbox.objects.filter(_versions(todo)).update(local_done=True, **changes)
            for row in todo:
                row.local_done = True
    if remote is not None:
        remote.index(docs)
        remote.delete(gone)
    if not keep:
        # Only the versions we read: a row queued again meanwhile stays.
        IndexOutbox.objects.filter(_versions(rows)).delete()


def _note_failure(rows: list[IndexOutbox], exc: Exception, *, backoff: bool = False) -> None:
    changes = {"attempts": F("attempts") + 1, "last_error": str(exc)[:2000]}
    if backoff:
        [row] = rows
        doublings = min(row.attempts, 10)  # 2**attempts overflows a timedelta at last
        changes["retry_at"] = timezone.now() + min(BACKOFF * 2**doublings, MAX_BACKOFF)
    IndexOutbox.objects.filter(id__in=[row.id for row in rows]).update(**changes)


def _versions(rows: Iterable[IndexOutbox]) -> Q:
    return reduce(
        operator.or_, (Q(id=row.id, updated_at=row.updated_at) for row in rows), Q(pk__in=[])
    )


def _ids(rows: Iterable[IndexOutbox]) -> list[int]:
    return [row.page_id for row in rows]
