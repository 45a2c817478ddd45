"""The one worker (issue 19): periodic jobs run when due, under a PostgreSQL
advisory lock, so two workers (two servers) never run a job twice; a failing
job is recorded and the next one still runs; SIGTERM lets it finish."""

from __future__ import annotations

import io
import os
import signal
import threading
import time
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.test import override_settings

from operations.checks import check_periodic_jobs
from operations.jobs import Job, Outcome, configured_jobs, safe_error
from operations.locks import LockConnection, lock_key
from operations.models import JobState, WorkerHeartbeat
from operations.schedule import Schedule
from operations.worker import Worker
from search.models import SearchDemand

EVERY_5 = Schedule.parse("every 5 minutes")
PURGE = Job(name="purge-demand", command="purge_search_demand", schedule=EVERY_5)
BROKEN = Job(name="broken", command="search_index", args=("no-such-action",), schedule=EVERY_5)


def _other_connection():
    """A second session on the test database (what another server would have)."""
    base = connections["default"]
    other = base.__class__(dict(base.settings_dict), alias="default")
    other.ensure_connection()
    return other


def test_every_cron_line_of_the_readme_is_a_job():
    commands = {(job.command, job.args) for job in configured_jobs()}
    for command in [
        ("search_index", ("update",)),
        ("search_index", ("drain",)),
        ("send_match_alerts", ()),
        ("archive_help_requests", ()),
        ("send_signup_reminders", ()),
        ("send_followups", ()),
        ("purge_signals", ()),
        ("send_freshness_checks", ()),
        ("delete_unconfirmed_registrations", ()),
        ("purge_search_demand", ()),
    ]:
        assert command in commands
    names = [job.name for job in configured_jobs()]
    assert len(names) == len(set(names))


def test_lock_keys_are_stable_and_distinct():
    # The key must be the same in every process and on every server.
    assert lock_key("search-drain") == lock_key("search-drain")
    assert lock_key("search-drain") != lock_key("search-update")
    assert -(2**63) <= lock_key("x") < 2**63


@pytest.mark.django_db(transaction=True)
def test_two_workers_on_two_connections_run_a_job_once():
    """Worker A runs the job and is held up inside it (a row it must delete is
    locked by a third session). Worker B, with its own connection, finds the
    advisory lock taken and leaves the job; once A is done, B finds it no
    longer due. One run in all."""
    old = SearchDemand.objects.create(week=date(2020, 1, 6), query_hash="x" * 32, band="none")
    blocker = _other_connection()
    blocker.set_autocommit(False)
    with blocker.cursor() as cursor:
        cursor.execute("SELECT id FROM search_searchdemand WHERE id = %s FOR UPDATE", [old.pk])
    outcome_a: list[Outcome] = []

    def worker_a():
        try:
            outcome_a.append(Worker(jobs=[PURGE]).run_once()[PURGE.name])
        finally:
            connection.close()

    thread = threading.Thread(target=worker_a)
    thread.start()
    try:
        for _ in range(200):  # A has recorded its start and is inside the job
            if JobState.objects.filter(name=PURGE.name, last_started_at__isnull=False).exists():
                break
            time.sleep(0.05)
        else:
            pytest.fail("worker A never started the job")
        assert thread.is_alive()
        assert Worker(jobs=[PURGE]).run_once() == {PURGE.name: Outcome.LOCKED}
    finally:
        blocker.rollback()
        blocker.close()
        thread.join(timeout=30)
    assert outcome_a == [Outcome.SUCCEEDED]
    assert Worker(jobs=[PURGE]).run_once() == {PURGE.name: Outcome.NOT_DUE}
    state = JobState.objects.get(name=PURGE.name)
    assert state.runs == 1
    assert state.last_success_at is not None
    assert not SearchDemand.objects.filter(pk=old.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_two_workers_started_at_once_run_each_job_once():
    start = threading.Barrier(2)
    outcomes: list[dict[str, Outcome]] = []
    jobs = [PURGE, Job(name="drain", command="search_index", args=("drain",), schedule=EVERY_5)]

    def run():
        try:
            start.wait(timeout=10)
            outcomes.append(Worker(jobs=jobs).run_once())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(outcomes) == 2
    for job in jobs:
        assert JobState.objects.get(name=job.name).runs == 1
        got = sorted(o[job.name] for o in outcomes)
        assert got.count(Outcome.SUCCEEDED) == 1
        assert set(got) <= {Outcome.SUCCEEDED, Outcome.LOCKED, Outcome.NOT_DUE}


@pytest.mark.django_db(transaction=True)
def test_a_lock_held_by_another_session_keeps_the_job_from_running():
    other = _other_connection()
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [lock_key(PURGE.name)])
        assert Worker(jobs=[PURGE]).run_once() == {PURGE.name: Outcome.LOCKED}
        assert not JobState.objects.filter(name=PURGE.name).exists()
    finally:
        other.close()  # PostgreSQL drops the session's locks with it
    assert Worker(jobs=[PURGE]).run_once() == {PURGE.name: Outcome.SUCCEEDED}


@pytest.mark.django_db(transaction=True)
def test_the_lock_is_given_back_after_the_job():
    locks = LockConnection()
    try:
        with locks.hold("a-job") as taken:
            assert taken
        other = _other_connection()
        try:
            with other.cursor() as cursor:
                cursor.execute("SELECT pg_try_advisory_lock(%s)", [lock_key("a-job")])
                assert cursor.fetchone()[0] is True
        finally:
            other.close()
    finally:
        locks.close()


@pytest.mark.django_db(transaction=True)
def test_a_failing_job_is_recorded_and_the_next_job_still_runs():
    outcomes = Worker(jobs=[BROKEN, PURGE]).run_once()
    assert outcomes == {BROKEN.name: Outcome.FAILED, PURGE.name: Outcome.SUCCEEDED}
    broken = JobState.objects.get(name=BROKEN.name)
    assert broken.failures == 1
    assert broken.last_failure_at is not None
    assert broken.last_success_at is None
    assert broken.last_error.startswith("CommandError")
    assert broken.last_duration is not None
    assert not broken.running
    assert JobState.objects.get(name=PURGE.name).last_success_at is not None


def test_errors_keep_no_personal_data():
    class IntegrityError(Exception):
        pass

    exc = IntegrityError(
        'duplicate key value violates unique constraint "x"\n'
        "DETAIL:  Key (email)=(jan@example.nl) already exists."
    )
    assert safe_error(exc) == ('IntegrityError: duplicate key value violates unique constraint "x"')
    text = safe_error(ValueError("no mail to piet@example.nl; Key (phone)=(0612345678)"))
    assert "piet@example.nl" not in text
    assert "0612345678" not in text
    assert len(safe_error(ValueError("x" * 1000))) <= 300


JOBS_SETTING = [
    {"name": "purge-demand", "command": "purge_search_demand", "schedule": "every 5 minutes"},
    {"name": "broken", "command": "search_index", "args": ["nope"], "schedule": "hourly"},
]


@pytest.mark.django_db(transaction=True)
@override_settings(PERIODIC_JOBS=JOBS_SETTING[:1])
def test_worker_once_runs_what_is_due_and_beats():
    call_command("worker", "--once", stdout=(out := io.StringIO()))
    assert "purge-demand: gelukt" in out.getvalue()
    assert WorkerHeartbeat.objects.filter(pid=os.getpid()).exists()
    call_command("worker", "--once", stdout=(out := io.StringIO()))
    assert "purge-demand: niet aan de beurt" in out.getvalue()
    assert JobState.objects.get(name="purge-demand").runs == 1


@pytest.mark.django_db(transaction=True)
@override_settings(PERIODIC_JOBS=JOBS_SETTING)
def test_worker_once_exits_1_when_a_job_failed():
    with pytest.raises(SystemExit) as exited:
        call_command("worker", "--once", stdout=io.StringIO())
    assert exited.value.code == 1
    assert JobState.objects.get(name="purge-demand").last_success_at is not None


@pytest.mark.django_db(transaction=True)
def test_sigterm_lets_the_pass_finish_and_stops_the_worker():
    """SIGTERM arrives while the worker is busy (here: right after its first
    job): the job's result is recorded, no further job starts, the loop ends
    and the heartbeat is removed."""
    second = Job(name="second", command="search_index", args=("drain",), schedule=EVERY_5)
    previous = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    worker = Worker(jobs=[PURGE, second], interval=60)
    ran: list[str] = []
    real_run = worker.jobs

    class SignalAfterFirst(list):
        def __iter__(self):
            for job in real_run:
                yield job
                ran.append(job.name)
                if len(ran) == 1:
                    os.kill(os.getpid(), signal.SIGTERM)

    worker.jobs = SignalAfterFirst(real_run)
    worker.install_signal_handlers()
    try:
        started = time.monotonic()
        worker.run_forever()  # returns: without the signal it would loop for good
        assert time.monotonic() - started < 30
    finally:
        signal.signal(signal.SIGTERM, previous[0])
        signal.signal(signal.SIGINT, previous[1])
    assert JobState.objects.get(name=PURGE.name).last_success_at is not None
    assert not JobState.objects.filter(name="second").exists()
    assert not WorkerHeartbeat.objects.filter(pid=os.getpid()).exists()


def test_check_refuses_jobs_the_worker_cannot_run(settings):
    assert check_periodic_jobs() == []
    settings.PERIODIC_JOBS = [
        {"name": "a", "command": "no_such_command", "schedule": "hourly"},
        {"name": "a", "command": "purge_signals", "schedule": "weekly"},
    ]
    ids = sorted(error.id for error in check_periodic_jobs())
    assert ids == ["operations.E002", "operations.E003", "operations.E004"]
