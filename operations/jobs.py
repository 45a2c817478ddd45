"""The periodic jobs, declared once in ``settings.PERIODIC_JOBS``, and running
one that is due under its advisory lock (docs/operations.md).

Each entry is ``{"name": ..., "command": <management command>, "args": [...],
"schedule": "every 5 minutes" | "hourly" | "daily at 03:30"}``. Every command
listed is idempotent: it works out what is left to do from the database (a
reminder sent is marked sent, an archived request is no longer "open"), so a
run that is repeated, or cut off half way, does no harm.
"""

from __future__ import annotations

import io
import logging
import re
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.core.management import call_command
from django.db import close_old_connections
from django.db.models import F
from django.utils import timezone

from .locks import LockConnection
from .models import JobState
from .schedule import Schedule

log = logging.getLogger(__name__)

MAX_ERROR = 300
_EMAIL = re.compile(r"\S+@\S+")
_QUOTED = re.compile(r"\(([^()]*)\)=\(([^()]*)\)")  # PostgreSQL's "Key (email)=(a@b.nl)"


@dataclass(frozen=True)
class Job:
    name: str
    command: str
    schedule: Schedule
    args: tuple[str, ...] = field(default_factory=tuple)

    def describe(self) -> str:
        return " ".join(["manage.py", self.command, *self.args])


def configured_jobs() -> list[Job]:
    """The jobs of ``settings.PERIODIC_JOBS``, in their order."""
    jobs = []
    for entry in settings.PERIODIC_JOBS:
        jobs.append(
            Job(
                name=entry["name"],
                command=entry["command"],
                schedule=Schedule.parse(entry["schedule"]),
                args=tuple(str(arg) for arg in entry.get("args", ())),
            )
        )
    return jobs


def safe_error(exc: BaseException) -> str:
    """The kind of error and its first line, without what could be someone's
    data: no e-mail addresses, no key values of a constraint, no traceback."""
    first = (str(exc).strip().splitlines() or [""])[0]
    first = _QUOTED.sub(r"(\1)=(…)", first)
    first = _EMAIL.sub("…", first)
    return f"{type(exc).__name__}: {first}"[:MAX_ERROR]


class Outcome(StrEnum):
    NOT_DUE = "niet aan de beurt"
    LOCKED = "draait elders"
    SUCCEEDED = "gelukt"
    FAILED = "mislukt"


def job_run_if_due(*, job: Job, locks: LockConnection, now: datetime | None = None) -> Outcome:
    """Run ``job`` when it is due, holding its advisory lock.

    "Due" is decided from the recorded last start, read after the lock was
    taken: a worker that waited for another's run sees it has been done.
    The start is recorded (committed) before the command runs, so a worker
    that dies half way does not make the others run it again at once."""
    with locks.hold(job.name) as taken:
        if not taken:
            return Outcome.LOCKED
        now = now or timezone.now()
        state, _ = JobState.objects.get_or_create(name=job.name)
        if not job.schedule.is_due(state.last_started_at, now):
            return Outcome.NOT_DUE
        JobState.objects.filter(pk=state.pk).update(
            last_started_at=now, runs=F("runs") + 1, updated_at=now
        )
        started = time.monotonic()
        try:
            # The command's own report goes to the log, not to stdout: the
            # worker's output is its log.
            output = io.StringIO()
            call_command(job.command, *job.args, stdout=output, stderr=output)
        # SystemExit too: a command that calls sys.exit() must not end the worker.
        except (Exception, SystemExit) as exc:  # noqa: BLE001 - one failure must not stop the rest
            duration = time.monotonic() - started
            error = safe_error(exc)
            log.error("job %s failed after %.1f s: %s", job.name, duration, error)
            close_old_connections()
            finished = timezone.now()
            JobState.objects.filter(pk=state.pk).update(
                last_finished_at=finished,
                last_failure_at=finished,
                last_error=error,
                last_duration=duration,
                failures=F("failures") + 1,
                updated_at=finished,
            )
            return Outcome.FAILED
        duration = time.monotonic() - started
        finished = timezone.now()
        JobState.objects.filter(pk=state.pk).update(
            last_finished_at=finished,
            last_success_at=finished,
            last_duration=duration,
            updated_at=finished,
        )
        log.info("job %s done in %.1f s: %s", job.name, duration, output.getvalue().strip()[:200])
        return Outcome.SUCCEEDED


@dataclass(frozen=True)
class JobStatus:
    """A job as the admin and the health check show it."""

    job: Job
    state: JobState | None
    next_due: datetime
    overdue: bool

    @property
    def failing(self) -> bool:
        """Its last run failed."""
        state = self.state
        return bool(
            state
            and state.last_failure_at
            and (not state.last_success_at or state.last_failure_at > state.last_success_at)
        )


def overdue_after(job: Job) -> timedelta:
    """How late a job may be before it is called overdue: its usual period
    (a 5-minute job after 5 minutes more, a daily one after a day more)
    capped at ``JOBS_OVERDUE_MINUTES``, never less than 10 minutes."""
    cap = timedelta(minutes=settings.JOBS_OVERDUE_MINUTES)
    return max(timedelta(minutes=10), min(job.schedule.period, cap))


def job_statuses(now: datetime | None = None) -> list[JobStatus]:
    """Every configured job with its recorded state, in one query."""
    now = now or timezone.now()
    jobs = configured_jobs()
    states = {s.name: s for s in JobState.objects.filter(name__in=[j.name for j in jobs])}
    statuses = []
    for job in jobs:
        state = states.get(job.name)
        last_start = state.last_started_at if state else None
        if last_start is None:
            # Never run: due since ... we cannot know; overdue once a worker
            # has been beating for a while without running it is the health
            # check's business. Here: due now, not overdue.
            statuses.append(JobStatus(job, state, now, overdue=False))
            continue
        next_due = job.schedule.next_due(last_start, now)
        overdue = now > next_due + overdue_after(job)
        statuses.append(JobStatus(job, state, next_due, overdue=overdue))
    return statuses
