from django.core.management.base import BaseCommand

from followup.models import FollowUpKind
from followup.report import first_reply_report
from initiatives.models import Municipality


class Command(BaseCommand):
    help = (
        "Print the time to a first reply per wijk and kind (the overview's section, "
        "small numbers banded the same way), for a gemeente or all."
    )

    def add_arguments(self, parser):
        parser.add_argument("--gemeente", help="the gemeente's name (default: all)")

    def handle(self, *args, gemeente=None, **options):
        ids = None
        if gemeente:
            ids = list(
                Municipality.objects.filter(name__iexact=gemeente).values_list("pk", flat=True)
            )
        report = first_reply_report(municipality_ids=ids)
        labels = dict(FollowUpKind.choices)
        header = ("wijk", "soort", "aantal", "met reactie", "mediaan u", "p90 u", "nu zonder")
        self.stdout.write(" | ".join(header))
        lines = [("Alle wijken", cell) for cell in report.totals.values()]
        lines += [(row.name, cell) for row in report.rows for cell in row.cells.values()]
        for name, cell in lines:
            self.stdout.write(
                " | ".join(
                    str(value)
                    for value in (
                        name,
                        labels[cell.kind],
                        cell.shown(cell.total),
                        cell.shown(cell.answered),
                        cell.hours(cell.median_hours),
                        cell.hours(cell.p90_hours),
                        cell.shown(cell.unanswered),
                    )
                )
            )
