"""Maintain the search index: rebuild it, bring it up to date, check drift,
and write what the outbox holds (once, or as a long-running worker)."""

import logging
import signal
import time
from threading import Event

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from core.versioning import bump_content_version
from initiatives.models import ActivityPage, VacancyPage
from search.backends import get_backend
from search.backends.base import BackendUnavailable
from search.documents import MODELS, all_documents, indexable, read_ahead
from search.indexing import Outcome, enqueue, process_outbox
from search.models import IndexOutbox

log = logging.getLogger(__name__)
FAILED_PASS_WAIT = 10.0  # seconds before the worker tries again after a failed pass


class Command(BaseCommand):
    help = (
        "rebuild: build the index anew from the live pages. update: refresh dates "
        "and fix drift, then write every queued page (run daily). drain: write the "
        "queued pages that are due (run every 5 minutes). worker: drain every few "
        "seconds until stopped (run as a service when Elasticsearch is used). check: "
        "report drift between the database and the index (exit 1 when there is any)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "update", "drain", "worker", "check"])
        parser.add_argument(
            "--interval",
            type=float,
            default=2.0,
            help="worker: seconds between two drains (default 2)",
        )

    def handle(self, *args, action, interval, **options):
        if action == "worker":
            self.do_worker(interval)
        else:
            getattr(self, f"do_{action}")()

    def do_rebuild(self):
        started = time.perf_counter()
        written = get_backend().rebuild(read_ahead(all_documents))
        bump_content_version()  # cached search pages read the old index
        seconds = time.perf_counter() - started
        rate = written / seconds if seconds else 0
        self.stdout.write(
            f"Index opnieuw opgebouwd: {written} vermeldingen in {seconds:.1f} s "
            f"({rate:,.0f} per seconde)."
        )

    def do_update(self):
        # Dates move on and vacancies close by date: queue those types again.
        for model in (ActivityPage, VacancyPage):
            ids = model.objects.values_list("pk", flat=True).iterator(chunk_size=10_000)
            batch = []
            for page_id in ids:
                batch.append(page_id)
                if len(batch) == 10_000:
                    enqueue(batch, process=False)
                    batch = []
            enqueue(batch, process=False)
        try:
            missing, extra = self._drift()
        except BackendUnavailable as exc:
            # The queue must still reach PostgreSQL, which answers meanwhile.
            self.stdout.write(f"Index niet bereikbaar, afwijkingen niet gecontroleerd: {exc}")
        else:
            enqueue(missing | extra, process=False)
        outcome = process_outbox()
        self._report(outcome)
        if outcome.failed:
            raise CommandError(f"{outcome.failed} vermeldingen konden niet worden geïndexeerd.")

    def do_drain(self):
        outcome = process_outbox(due_only=True)
        self._report(outcome)
        if outcome.failed:
            raise CommandError(f"{outcome.failed} vermeldingen konden niet worden geïndexeerd.")

    def do_worker(self, interval: float):
        """Drain, wait ``interval``, drain again, until SIGTERM or SIGINT
        (the drain under way is finished first)."""
        stop = Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        self.stdout.write(f"Zoekindex-worker: de wachtrij elke {interval:g} s verwerken.")
        failing = False
        while not stop.is_set():
            close_old_connections()  # as between two requests
            try:
                outcome = process_outbox(due_only=True)
            except Exception as exc:  # the database went away, say: try again
                if failing:
                    log.error("search index worker: drain still failing: %s", exc)
                else:
                    log.exception("search index worker: drain failed")
                failing = True
                stop.wait(max(interval, FAILED_PASS_WAIT))
                continue
            failing = False
            if any(outcome):
                self._report(outcome)
            stop.wait(interval)

    def _report(self, outcome: Outcome) -> None:
        self.stdout.write(
            f"Bijgewerkt: {outcome.done} vermeldingen, {outcome.failed} mislukt "
            f"(later opnieuw), {outcome.waiting} wachten op de zoekmachine."
        )

    def do_check(self):
        try:
            missing, extra = self._drift()
        except BackendUnavailable as exc:
            raise CommandError(f"De index is niet bereikbaar: {exc}") from exc
        pending = IndexOutbox.objects.count()
        self.stdout.write(
            f"Ontbreekt in de index: {len(missing)}; staat er ten onrechte in: {len(extra)}; "
            f"wachtrij: {pending}."
        )
        for label, ids in (("ontbreekt", missing), ("te veel", extra)):
            if ids:
                self.stdout.write(f"  {label}: {', '.join(map(str, sorted(ids)[:20]))}")
        if missing or extra:
            raise CommandError("De index loopt niet gelijk met de database.")

    @staticmethod
    def _drift() -> tuple[set[int], set[int]]:
        expected = set()
        for model in MODELS.values():
            expected |= set(indexable(model).values_list("pk", flat=True))
        indexed = get_backend().indexed_ids()
        return expected - indexed, indexed - expected
