"""Maintain the search index: rebuild it, bring it up to date, or check drift."""

import time

from django.core.management.base import BaseCommand, CommandError

from search.backends import get_backend
from search.documents import MODELS, all_documents, indexable, read_ahead
from search.indexing import enqueue, process_outbox
from search.models import IndexOutbox


class Command(BaseCommand):
    help = (
        "rebuild: build the index anew from the live pages. update: retry failed "
        "writes and refresh dates (run daily). check: report drift between the "
        "database and the index (exit 1 when there is any)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "update", "check"])

    def handle(self, *args, action, **options):
        getattr(self, f"do_{action}")()

    def do_rebuild(self):
        started = time.perf_counter()
        written = get_backend().rebuild(read_ahead(all_documents))
        seconds = time.perf_counter() - started
        rate = written / seconds if seconds else 0
        self.stdout.write(
            f"Index opnieuw opgebouwd: {written} vermeldingen in {seconds:.1f} s "
            f"({rate:,.0f} per seconde)."
        )

    def do_update(self):
        # Dates move on and vacancies close by date: queue those types again.
        from initiatives.models import ActivityPage, VacancyPage

        for model in (ActivityPage, VacancyPage):
            ids = model.objects.values_list("pk", flat=True).iterator(chunk_size=10_000)
            batch = []
            for page_id in ids:
                batch.append(page_id)
                if len(batch) == 10_000:
                    enqueue(batch, process=False)
                    batch = []
            enqueue(batch, process=False)
        missing, extra = self._drift()
        enqueue(missing | extra, process=False)
        done, failed = process_outbox()
        self.stdout.write(f"Bijgewerkt: {done} vermeldingen, {failed} mislukt (blijven staan).")
        if failed:
            raise CommandError(f"{failed} vermeldingen konden niet worden geïndexeerd.")

    def do_check(self):
        missing, extra = self._drift()
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
