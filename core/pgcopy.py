"""PostgreSQL's COPY text format, for the bulk loads of the demo data and the
search index: one encoder, so escaping is right in both."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal

_ESCAPE = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
NULL = "\\N"


def _element(value) -> str:
    """One array element, quoted so commas, braces and spaces stay inside it."""
    text = value.isoformat() if isinstance(value, date) else str(value)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _array(values) -> str:
    return ("{" + ",".join(map(_element, values)) + "}").translate(_ESCAPE)


ENCODERS: dict[type, Callable[[object], str]] = {
    str: lambda v: v.translate(_ESCAPE),
    bool: lambda v: "t" if v else "f",
    int: str,
    float: repr,
    Decimal: str,
    date: date.isoformat,
    datetime: datetime.isoformat,
    time: time.isoformat,
    uuid.UUID: str,
    list: _array,
    tuple: _array,
    type(None): lambda v: NULL,
}


def encode(value) -> str:
    """One field in COPY's text format (``\\N`` is NULL)."""
    encoder = ENCODERS.get(type(value))
    if encoder is None:
        if hasattr(value, "ewkt"):  # a GEOS geometry
            return value.ewkt
        if hasattr(value, "value"):  # a TextChoices / IntegerChoices member
            return encode(value.value)
        raise TypeError(f"cannot COPY a {type(value).__name__}")
    return encoder(value)


def line(values) -> str:
    """One row: encoded fields separated by tabs, ending in a newline."""
    return "\t".join(map(encode, values)) + "\n"
