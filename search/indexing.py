"""Keep the search index in step with the pages.

Every change that can alter what is findable writes the page id to the
outbox *in the same transaction as the change*; after commit the outbox is
processed. A failed index write stays in the outbox with its error and is
retried by the next change or by ``manage.py search_index update``, so an edit
is never lost to the index and the index can never roll back an edit.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import partial

from django.db import transaction
from django.db.models import F

from .backends import get_backend
from .documents import documents_for_ids
from .models import IndexOutbox

log = logging.getLogger(__name__)
BATCH = 500


def enqueue(page_ids: Iterable[int], *, process: bool = True) -> None:
    """Queue pages for the index; with ``process`` they are written after the
    current transaction commits (at once outside a transaction)."""
    ids = sorted(set(page_ids))
    if not ids:
        return
    # A page already waiting gets a new updated_at, so a run that read the
    # older version does not remove this request (see _write).
    IndexOutbox.objects.bulk_create(
        [IndexOutbox(page_id=i) for i in ids],
        update_conflicts=True,
        unique_fields=["page_id"],
        update_fields=["updated_at"],
    )
    if process:
        transaction.on_commit(partial(process_outbox, page_ids=ids))


def process_outbox(page_ids: list[int] | None = None) -> tuple[int, int]:
    """Write pending pages (all, or just ``page_ids``) to the index; return
    (done, failed). Failed pages stay queued with their error."""
    done = failed = 0
    backend = get_backend()
    queryset = IndexOutbox.objects.order_by("id")
    if page_ids is not None:
        queryset = queryset.filter(page_id__in=page_ids)
    last_id = 0
    while True:
        batch = list(queryset.filter(id__gt=last_id)[:BATCH])
        if not batch:
            break
        last_id = max(row.id for row in batch)
        if _write(backend, batch):
            done += len(batch)
        elif len(batch) == 1:
            failed += 1
        else:
            # Find the page(s) that fail so they don't hold back the rest.
            for row in batch:
                if _write(backend, [row]):
                    done += 1
                else:
                    failed += 1
    return done, failed


def _write(backend, rows: list[IndexOutbox]) -> bool:
    ids = [row.page_id for row in rows]
    try:
        docs, gone = documents_for_ids(ids)
        backend.index(docs)
        backend.delete(gone)
    except Exception as exc:  # noqa: BLE001 - any backend failure is retried later
        log.warning("search index write failed for pages %s: %s", ids[:10], exc)
        if len(rows) == 1:
            IndexOutbox.objects.filter(id=rows[0].id).update(
                attempts=F("attempts") + 1, last_error=str(exc)[:2000]
            )
        return False
    # Only the versions we read: a row queued again meanwhile has a newer
    # updated_at and stays for the next run.
    for row in rows:
        IndexOutbox.objects.filter(id=row.id, updated_at=row.updated_at).delete()
    return True
