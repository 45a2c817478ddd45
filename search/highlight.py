"""The one highlight convention of every backend.

An engine wraps each match in START ... STOP: two control characters, which
page text cannot hold (``search.documents.Document`` replaces every control
character before anything is indexed), so only the engine can place them.
``marked_html`` then escapes the text and turns the markers into ``<mark>``:
the markers survive escaping, the text's own HTML does not.
"""

from __future__ import annotations

from django.utils.html import escape

START, STOP = "\x02", "\x03"


def marked_html(text: str) -> str:
    """Escaped ``text`` with ``<mark>`` around the matches, or "" when
    nothing in it matched (a snippet without a match says nothing)."""
    html = escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    return html if "<mark>" in html else ""
