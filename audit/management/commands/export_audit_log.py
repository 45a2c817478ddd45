"""Write the audit events of a period as CSV or JSON, for the municipality
(docs/security.md, "Audit log")."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from audit.exports import write_csv, write_json
from audit.models import AccessEvent


def _day(value: str) -> dt.datetime:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Geen datum (JJJJ-MM-DD): {value!r}") from exc
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


class Command(BaseCommand):
    help = (
        "Schrijft de verwerkingen (inzagelog) van een periode als CSV of JSON naar "
        "standaarduitvoer: --since en --until (JJJJ-MM-DD, de einddag telt mee)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--since", help="eerste dag (JJJJ-MM-DD)")
        parser.add_argument("--until", help="laatste dag (JJJJ-MM-DD), telt mee")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")

    def handle(self, *args, since=None, until=None, format="csv", **options):
        start = _day(since) if since else None
        end = _day(until) + dt.timedelta(days=1) if until else None
        if start and end and start >= end:
            raise CommandError("--since ligt na --until.")
        events = AccessEvent.objects.between(start, end).order_by("at", "pk").iterator()
        (write_csv if format == "csv" else write_json)(events, _Raw(self.stdout))


class _Raw:
    """``self.stdout`` without the newline it adds to every write (json.dump
    writes in pieces)."""

    def __init__(self, out):
        self.out = out

    def write(self, text: str) -> None:
        self.out.write(text, ending="")
