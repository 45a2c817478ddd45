"""What the worker records: per periodic job its last runs, and per worker
process a heartbeat (docs/operations.md). No personal data: a failure keeps
the kind of error and a short, scrubbed first line."""

from django.db import models


class JobState(models.Model):
    """One row per job name of ``PERIODIC_JOBS``, written by the worker. "Due"
    is decided from ``last_started_at`` here, read while holding the job's
    advisory lock, so a second worker that gets the lock afterwards sees the
    job has just run."""

    name = models.CharField("naam", max_length=100, unique=True)
    last_started_at = models.DateTimeField("laatste start", null=True, blank=True)
    last_finished_at = models.DateTimeField("laatst klaar", null=True, blank=True)
    last_success_at = models.DateTimeField("laatst gelukt", null=True, blank=True)
    last_failure_at = models.DateTimeField("laatst mislukt", null=True, blank=True)
    last_error = models.CharField("laatste fout", max_length=300, blank=True)
    last_duration = models.FloatField("duur (seconden)", null=True, blank=True)
    runs = models.PositiveIntegerField("keren gestart", default=0)
    failures = models.PositiveIntegerField("keren mislukt", default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "achtergrondtaak"
        verbose_name_plural = "achtergrondtaken"
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def running(self) -> bool:
        """Started and not finished (or the worker died while running it)."""
        return self.last_started_at is not None and (
            self.last_finished_at is None or self.last_finished_at < self.last_started_at
        )


class WorkerHeartbeat(models.Model):
    """A worker process says it is alive: after every pass, at least every
    ``WORKER_INTERVAL`` seconds. ``worker --once`` (from cron) beats too."""

    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField(auto_now_add=True)
    beat_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "worker"
        verbose_name_plural = "workers"
        constraints = [
            models.UniqueConstraint(fields=["host", "pid"], name="operations_worker_process")
        ]

    def __str__(self):
        return f"{self.host}:{self.pid}"
