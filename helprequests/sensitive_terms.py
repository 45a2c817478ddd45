"""Words and patterns that suggest health or identity data in a help request's
public text ("Mijn vader (84) heeft beginnende dementie"), for the moderator
to edit out before approving (docs/volunteers.md, "Moderating help requests").

The list is data (``SensitiveTerm``, editable in the Wagtail admin by
moderators); this module only matches it. It never changes the text: a word
on the list may be fine in context ("adres" in "een adres voor
boodschappen"), so the moderator decides.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WORD, PATTERN = "word", "pattern"
PATTERN_MAX = 200

# A group with a repeat inside, itself repeated: "(a+)+", "(\w*)*", "(x|y+){2,}".
# Such a pattern can take minutes on a short text (catastrophic backtracking),
# and Python's re has no timeout.
_NESTED_REPEAT = re.compile(r"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{]")


@dataclass(frozen=True)
class Term:
    """One entry of the list: ``kind`` WORD (the word and words starting with
    it, any case: "dement" finds "Dementie") or PATTERN (a regular expression,
    case-sensitive unless it says ``(?i)``)."""

    text: str
    kind: str
    reason: str


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    text: str
    reason: str


def pattern_problem(pattern: str) -> str | None:
    """Why ``pattern`` cannot be on the list (in Dutch), or None."""
    if len(pattern) > PATTERN_MAX:
        return f"Een patroon mag hooguit {PATTERN_MAX} tekens lang zijn."
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        return f"Dit patroon klopt niet ({exc.msg}, op plaats {exc.pos})."
    if compiled.search("") is not None:
        return "Dit patroon past ook op een lege tekst; maak het preciezer."
    if _NESTED_REPEAT.search(pattern):
        return (
            "Dit patroon herhaalt een groep die zelf al herhaalt, zoals (a+)+. "
            "Dat kan de pagina heel traag maken; schrijf het eenvoudiger."
        )
    return None


def _compile(term: Term) -> re.Pattern | None:
    if term.kind == WORD:
        words = term.text.strip()
        if not words:
            return None
        # From the start of a word to its end; spaces in a phrase match any space.
        body = r"\s+".join(re.escape(w) for w in words.split())
        return re.compile(rf"(?<!\w){body}\w*", re.IGNORECASE)
    if pattern_problem(term.text) is not None:
        return None  # saved before a check existed, or by hand: skipped, not a 500
    return re.compile(term.text)


def find(text: str, terms: Iterable[Term]) -> list[Finding]:
    """Every match of ``terms`` in ``text``, in order, overlaps merged (the
    first reason stays)."""
    found = []
    for term in terms:
        compiled = _compile(term)
        if compiled is None:
            continue
        found += [(m.start(), m.end(), term.reason) for m in compiled.finditer(text) if m.group()]
    merged: list[list] = []
    for start, end, reason in sorted(found):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end, reason])
    return [Finding(s, e, text[s:e], reason) for s, e, reason in merged]


def highlight(text: str, findings: list[Finding]) -> SafeString:
    """``text`` escaped for HTML, with each finding in ``<mark>`` (its reason
    as title) and line breaks as ``<br>``."""
    parts, position = [], 0
    for f in findings:
        parts.append(escape(text[position : f.start]))
        parts.append(f'<mark title="{escape(f.reason)}">{escape(f.text)}</mark>')
        position = f.end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts).replace("\r\n", "\n").replace("\n", "<br>"))  # noqa: S308
