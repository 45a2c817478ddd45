"""Typo correction: the vocabulary (search_searchterm, every word of the
indexed titles, summaries and initiative names) and the trigram lookups
against it. Only used when the typed words find nothing at all."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from ...documents import Document
from ...sql import fetch
from ...synonyms import inflected_bases

_WORD = re.compile(r"\w+")
# Trigram neighbours looked at per unknown word; the plausible ones count.
CANDIDATES = 8


class Word(NamedTuple):
    word: str


class Correction(NamedTuple):
    typed: str
    correction: str


def vocabulary(doc: Document) -> set[str]:
    """The words of a document that typos are corrected to."""
    text = f"{doc.title} {doc.summary} {doc.initiative_title}".lower()
    return {w for w in _WORD.findall(text) if 3 <= len(w) <= 40 and not w.isdigit()}


def alternatives(
    groups: list[list[str]], *, known: Callable[[str], bool]
) -> tuple[list[list[str]], str] | None:
    """Per position, its alternatives with up to two corrections added for a
    word no listing contains, and the query as corrected; None when no word
    has a correction. A word with synonyms, or one ``known`` says is a word
    (the synonym table), is never corrected: a search for known words that
    finds nothing stays as typed."""
    typed = [g[0] for g in groups if len(g) == 1 and " " not in g[0] and not known(g[0])]
    unknown = unknown_words(typed) if typed else set()
    if not unknown:
        return None
    found = corrections(sorted(unknown))
    if not found:
        return None
    fixed = [[g[0], *found[g[0]]] if len(g) == 1 and g[0] in found else g for g in groups]
    guess = " ".join(found[g[0]][0] if len(g) == 1 and g[0] in found else g[0] for g in groups)
    return fixed, guess


def plausible(typed: str, correction: str) -> bool:
    """Whether ``correction`` can be what was meant by ``typed``: the same
    first letter, at most one edit for a word of up to five letters and two
    for a longer one (or within one edit once a plural or diminutive ending is
    off), and not the tail of the typed word ("statushouders" is no typo of
    "ouders": a compound is another word)."""
    if not correction or correction[0] != typed[0] or typed.find(correction) > 0:
        return False
    if edit_distance(typed, correction) <= (1 if len(typed) <= 5 else 2):
        return True
    # A plural or diminutive of the word ("buurthuizen" -> buurthuis, "kopje" -> kop).
    return any(edit_distance(base, correction) <= 1 for base in inflected_bases(typed))


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, with a swap of two letters as one edit."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def unknown_words(words: list[str]) -> set[str]:
    """The query words whose stem starts no word of the vocabulary (stop
    words count as known). Looked up in the vocabulary's trigram index
    rather than the listings: a common word has a long posting list."""
    rows = fetch(
        """
        SELECT w AS word FROM unnest(%s::text[]) AS w
        CROSS JOIN LATERAL (
            -- lexemes hold no LIKE wildcards: the parser splits at '_'
            SELECT min(lexeme) AS stem
            FROM unnest(to_tsvector('dutch', w))
        ) AS s
        WHERE s.stem IS NOT NULL AND NOT EXISTS (
            SELECT FROM search_searchterm WHERE word LIKE s.stem || '%%'
        )
        """,
        [words],
        Word,
    )
    return {row.word for row in rows}


def corrections(unknown: list[str]) -> dict[str, list[str]]:
    """Per unknown word, up to two plausible vocabulary words closest to it
    by trigrams ('vrijwiliger' -> 'vrijwilliger'); words without one are
    left out. Of the CANDIDATES nearest by trigrams only the plausible ones
    count."""
    rows = fetch(
        f"""
        SELECT q.word AS typed, t.word AS correction
        FROM unnest(%s::varchar[]) WITH ORDINALITY AS q(word, i)
        CROSS JOIN LATERAL (
            SELECT word FROM search_searchterm
            WHERE word %% q.word AND word <> q.word
            ORDER BY word <-> q.word LIMIT {CANDIDATES}
        ) AS t
        ORDER BY q.i, t.word <-> q.word
        """,  # noqa: S608 - CANDIDATES is a constant
        [unknown],
        Correction,
    )
    closest: dict[str, list[str]] = {}
    for row in rows:
        options = closest.setdefault(row.typed, [])
        if len(options) < 2 and plausible(row.typed, row.correction):
            options.append(row.correction)
    return {typed: options for typed, options in closest.items() if options}
