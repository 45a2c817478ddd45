"""The shared COPY encoder: what goes in comes back out of PostgreSQL unchanged."""

import datetime as dt
import io

import pytest
from django.db import connection

from core import pgcopy


@pytest.mark.django_db
def test_values_round_trip_through_copy():
    row = [
        'tab\there, "quoted", back\\slash\nnewline',
        ["a,b", 'say "hi"', "{brace}", "back\\slash", "tab\tin"],
        [dt.date(2026, 11, 23), dt.date(2026, 12, 1)],
        None,
        True,
        42,
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE copy_check (t text, a text[], d date[], n int, b bool, i int)"
        )
        cursor.copy_expert("COPY copy_check FROM STDIN", io.StringIO(pgcopy.line(row)))
        cursor.execute("SELECT t, a, d, n, b, i FROM copy_check")
        assert list(cursor.fetchone()) == row


def test_unknown_types_are_refused():
    with pytest.raises(TypeError, match="cannot COPY"):
        pgcopy.encode(object())
