"""The events as CSV or JSON rows, for the admin page's download and
``manage.py export_audit_log``. Only the columns of the event: no names,
email addresses or content."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import UTC
from typing import TextIO

from core.spreadsheets import escape_row

from .models import AccessEvent

HEADER = [
    "Tijdstip (UTC)",
    "Account",
    "Rol",
    "Handeling",
    "Soort gegevens",
    "Nummer",
    "Van account",
    "Gemeente",
    "Doel",
    "Verzoek",
]
FIELDS = [
    "at",
    "actor_id",
    "role",
    "action",
    "obj_type",
    "obj_id",
    "subject_id",
    "municipality_id",
    "purpose",
    "request_id",
]


def event_row(event: AccessEvent) -> dict:
    row = {name: getattr(event, name) for name in FIELDS}
    row["at"] = event.at.astimezone(UTC).isoformat()
    return row


def write_csv(events: Iterable[AccessEvent], out: TextIO) -> None:
    """';'-separated for Dutch Excel; every text cell escaped against formulas
    (the purpose and request id come partly from outside)."""
    writer = csv.writer(out, delimiter=";")
    writer.writerow(escape_row(HEADER))
    for event in events:
        row = event_row(event)
        writer.writerow(escape_row(["" if row[f] is None else row[f] for f in FIELDS]))


def write_json(events: Iterable[AccessEvent], out: TextIO) -> None:
    """One JSON array of objects with the model's field names."""
    json.dump([event_row(event) for event in events], out, ensure_ascii=False, indent=1)
    out.write("\n")
