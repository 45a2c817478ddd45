"""The one worker: runs every periodic job that is due, beats, sleeps, again
(``manage.py worker``; docs/operations.md).

Stopping: SIGTERM or SIGINT sets a flag. The job under way finishes, the
worker records it and exits; no job is cut off half way by the signal.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
from collections.abc import Callable
from datetime import timedelta

from django.db import close_old_connections
from django.utils import timezone

from .jobs import Job, Outcome, configured_jobs, job_run_if_due
from .locks import LockConnection
from .models import WorkerHeartbeat

log = logging.getLogger(__name__)

# Heartbeats of processes that have not beaten for this long are removed
# (from cron, `worker --once` is a new process every minute).
FORGET_AFTER = timedelta(hours=1)


def heartbeat_beat(*, host: str, pid: int) -> None:
    """Say this worker process is alive (one upsert)."""
    WorkerHeartbeat.objects.update_or_create(
        host=host, pid=pid, defaults={"beat_at": timezone.now()}
    )


def heartbeats_forget_old() -> int:
    deleted, _ = WorkerHeartbeat.objects.filter(beat_at__lt=timezone.now() - FORGET_AFTER).delete()
    return deleted


class Worker:
    def __init__(
        self,
        *,
        jobs: list[Job] | None = None,
        interval: float = 30.0,
        on_pass: Callable[[dict[str, Outcome]], None] | None = None,
    ) -> None:
        self.jobs = configured_jobs() if jobs is None else jobs
        self.interval = interval
        self.locks = LockConnection()
        self.stopping = threading.Event()
        self.host = socket.gethostname()[:255]
        self.pid = os.getpid()
        self.on_pass = on_pass

    def stop(self, *_args) -> None:
        """Finish the job under way, then exit (a signal handler)."""
        if not self.stopping.is_set():
            log.info("worker: stopping after the job under way")
        self.stopping.set()

    def install_signal_handlers(self) -> None:
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)

    def run_pass(self) -> dict[str, Outcome]:
        """Every job once: run it when due. One failing job never stops the
        next; a database that went away ends the pass (tried again next time)."""
        outcomes: dict[str, Outcome] = {}
        heartbeat_beat(host=self.host, pid=self.pid)
        for job in self.jobs:
            if self.stopping.is_set():
                break
            close_old_connections()
            outcomes[job.name] = job_run_if_due(job=job, locks=self.locks)
        heartbeat_beat(host=self.host, pid=self.pid)
        if self.on_pass:
            self.on_pass(outcomes)
        return outcomes

    def run_once(self) -> dict[str, Outcome]:
        """One pass. Its heartbeat stays (the health check reads it); from
        cron, a new process each minute, the old rows are cleared here."""
        try:
            heartbeats_forget_old()
            return self.run_pass()
        finally:
            self.locks.close()

    def run_forever(self) -> None:
        log.info("worker %s:%s started, %d jobs", self.host, self.pid, len(self.jobs))
        try:
            heartbeats_forget_old()
            while not self.stopping.is_set():
                try:
                    self.run_pass()
                except Exception:
                    # The database away, say: log it, close what broke and
                    # try again after the interval.
                    log.exception("worker: pass failed, trying again in %g s", self.interval)
                    self.locks.close()
                    close_old_connections()
                self.stopping.wait(self.interval)
        finally:
            self.locks.close()
            WorkerHeartbeat.objects.filter(host=self.host, pid=self.pid).delete()
            log.info("worker %s:%s stopped", self.host, self.pid)
