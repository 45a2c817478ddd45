"""``manage.py worker``: run the periodic jobs of ``PERIODIC_JOBS`` when they
are due, until SIGTERM; ``--once`` runs what is due now and exits (for tests
and for cron: ``* * * * * manage.py worker --once``). docs/operations.md."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ...jobs import Outcome
from ...schedule import ScheduleError
from ...worker import Worker


class Command(BaseCommand):
    help = "Voer de periodieke taken uit wanneer ze aan de beurt zijn (PERIODIC_JOBS)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Voer uit wat nu aan de beurt is en stop."
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            help="Seconden tussen twee rondes (standaard WORKER_INTERVAL).",
        )

    def handle(self, *args, once=False, interval=None, **options):
        interval = settings.WORKER_INTERVAL if interval is None else interval
        try:
            worker = Worker(interval=interval)
        except (ScheduleError, KeyError) as exc:
            raise CommandError(f"PERIODIC_JOBS klopt niet: {exc}") from exc
        if once:
            outcomes = worker.run_once()
            for name, outcome in outcomes.items():
                self.stdout.write(f"{name}: {outcome}")
            if Outcome.FAILED in outcomes.values():
                # Cron mails a failing command's output; the exit code says it.
                raise SystemExit(1)
            return
        worker.install_signal_handlers()
        worker.run_forever()
