"""Raw SQL rows, read by name (STYLE 21).

Every raw query whose rows the search app reads goes through ``fetch``, with
a row type (a NamedTuple or a dataclass) per query. The query's column names
must be the row type's fields, in order: a column added to the SELECT and not
to the row type (or the other way round) fails on the first run, instead of
shifting every value after it into the wrong field. Read positions
(``row[5]``) are what this replaces; tests/search/test_structure.py keeps
cursor reads out of every other module.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any, NamedTuple, TypeVar

from django.db import connection

Row = TypeVar("Row")


class PageId(NamedTuple):
    """A row of one column, ``page_id``: the ids of a page of results."""

    page_id: int


class Counted(NamedTuple):
    """A row of one column, ``n``: a count."""

    n: int


class RowMismatch(Exception):
    """A query's columns are not the fields of the row type it is read into."""


@cache
def field_names(row_type: type) -> tuple[str, ...]:
    if dataclasses.is_dataclass(row_type):
        return tuple(f.name for f in dataclasses.fields(row_type))
    return row_type._fields  # a NamedTuple


def fetch(sql: str, params: Sequence[Any] | Mapping[str, Any], row_type: type[Row]) -> list[Row]:
    """Run ``sql`` and return its rows as ``row_type``."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        columns = tuple(column.name for column in cursor.description)
        if columns != field_names(row_type):
            raise RowMismatch(
                f"{row_type.__name__} reads {field_names(row_type)}, the query returns {columns}"
            )
        # In order, now that the names are known to match. Row by row, so
        # each plain tuple is freed as its named row is made: holding both
        # for 1,000 candidates made the garbage collector's full passes
        # (~150 ms each) come round on a busy process.
        return [row_type(*values) for values in cursor]
