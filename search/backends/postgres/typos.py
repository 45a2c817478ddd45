"""Typo correction: the vocabulary (search_searchterm, every word of the
indexed titles, summaries and initiative names) and the trigram lookups
against it. Only used when the typed words find nothing at all."""

from __future__ import annotations

import re
from typing import NamedTuple

from ...documents import Document
from ...sql import fetch

_WORD = re.compile(r"\w+")


class Word(NamedTuple):
    word: str


class Correction(NamedTuple):
    typed: str
    correction: str


def vocabulary(doc: Document) -> set[str]:
    """The words of a document that typos are corrected to."""
    text = f"{doc.title} {doc.summary} {doc.initiative_title}".lower()
    return {w for w in _WORD.findall(text) if 3 <= len(w) <= 40 and not w.isdigit()}


def alternatives(words: list[str]) -> list[list[str]] | None:
    """Per query word: the word itself, then, for the words no listing
    contains, up to two vocabulary words closest to it. None when no word
    has a correction: a search for known words that finds nothing stays as
    typed."""
    unknown = unknown_words(words)
    if not unknown:
        return None
    found = corrections(words, unknown)
    return found if any(len(options) > 1 for options in found) else None


def best_guess(alternatives: list[list[str]]) -> str:
    """The query as corrected: each word's nearest correction, if it has one."""
    return " ".join(options[1] if len(options) > 1 else options[0] for options in alternatives)


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


def corrections(words: list[str], unknown: set[str]) -> list[list[str]]:
    """Per query word: the word itself, then, for the unknown ones, up to
    two vocabulary words closest to it by trigrams ('vrijwiliger' ->
    'vrijwilliger')."""
    rows = fetch(
        """
        SELECT q.word AS typed, t.word AS correction
        FROM unnest(%s::varchar[]) WITH ORDINALITY AS q(word, i)
        CROSS JOIN LATERAL (
            SELECT word FROM search_searchterm
            WHERE word %% q.word AND word <> q.word
            ORDER BY word <-> q.word LIMIT 2
        ) AS t
        ORDER BY q.i, t.word <-> q.word
        """,
        [sorted(unknown)],
        Correction,
    )
    closest: dict[str, list[str]] = {}
    for row in rows:
        closest.setdefault(row.typed, []).append(row.correction)
    return [[w, *closest.get(w, [])] for w in words]
