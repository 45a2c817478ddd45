"""Suggestions as you type for the search form's "Wat?" and "Waar?" fields.

Each field has one source function returning at most ``limit`` suggestions,
best first, from one query. Nothing here is personal or private:

- "wat": theme and target-group names (public taxonomy) and the titles of
  listings in the search index. The index only holds what ``indexable()``
  lets in (live, public pages; open vacancies), so an unpublished, restricted
  or closed listing's title can never be suggested, and every suggested title
  is one that search finds.
- "waar": gemeente and wijk names. ``place_suggestions`` is the one function
  to point at the place resolver's ``suggest_places(text, limit)`` once that
  exists (woonplaatsen, variants such as "Den Bosch").

Matching ignores case, accents and punctuation: a name matches when it starts
with the text, or one of its words does ("sleutel" finds "Buurthuis De
Sleutel"); from four letters on, a close spelling matches too ("dordrect").
Names are folded in SQL with ``translate`` (no ``unaccent`` extension needed);
the tables are small (gemeenten and wijken: a few thousand rows, the index
one row per listing), so no extra index: see docs/benchmarks.md.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from initiatives.models import Municipality, Neighbourhood, TargetGroup, Theme

from .models import SearchDocument
from .sql import fetch

MIN_LENGTH = 2
MAX_RESULTS = 8
MAX_LENGTH = 60  # longer text is cut; no name or title we suggest is that long
# Word similarity (pg_trgm) from which a misspelt name still counts, and the
# shortest text for which that is tried: below it every name is "close".
TYPO_SIMILARITY = 0.6
TYPO_MIN_LENGTH = 4

# Accented letters (lower case) and their plain forms, for SQL's translate().
_ACCENTED = "àáâãäåèéêëìíîïòóôõöùúûüýÿçñ"
_PLAIN = "aaaaaaeeeeiiiiooooouuuuyycn"
_NOT_WORD = re.compile(r"[^a-z0-9]+")
# What a suggested title is, by its index type (one word, as beside a name).
TITLE_KINDS = {
    "activity": "activiteit",
    "meeting_place": "ontmoetingsplek",
    "vacancy": "vrijwilligerswerk",
    "initiative": "initiatief",
}


def fold(text: str) -> str:
    """Lower case, accents off, anything but letters and digits a single
    space: 'Mantelzorgcafé' -> 'mantelzorgcafe', "'s-Hertogenbosch" ->
    's hertogenbosch'. The SQL twin is ``_folded()``."""
    plain = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return _NOT_WORD.sub(" ", plain).strip()


def _folded(column: str) -> str:
    """``fold()`` in SQL, for a trusted column expression."""
    return (
        f"btrim(regexp_replace(translate(lower({column}), '{_ACCENTED}', '{_PLAIN}'), "
        f"'[^a-z0-9]+', ' ', 'g'))"
    )


@dataclass(frozen=True)
class Suggestion:
    value: str  # what goes into the field
    kind: str  # what it is, in Dutch: shown beside it ("wijk in Dordrecht", "thema")


class _Match(NamedTuple):
    value: str
    kind: str
    rank: int


# A name's rank: 0 it starts with the text, 1 one of its words does, 2 it is
# spelt closely (from TYPO_MIN_LENGTH letters); NULL no match. A close
# spelling is asked of pg_trgm's word_similarity: how well the text matches
# the best stretch of the name, so a half-typed word is not held against it.
# Parameters: %(q)s the folded text, %(typo)s whether close spellings count.
def _rank(column: str) -> str:
    folded = _folded(column)
    return f"""CASE
        WHEN {folded} LIKE %(q)s || '%%' THEN 0
        WHEN ' ' || {folded} LIKE '%% ' || %(q)s || '%%' THEN 1
        WHEN %(typo)s AND word_similarity(%(q)s, {folded}) >= {TYPO_SIMILARITY} THEN 2
    END"""


# Matching names only; close spellings only when nothing matches as typed
# (someone halfway through "koffieo" wants Koffieochtend, not Koffie-uurtje).
_BEST = "WHERE rank IS NOT NULL) AS ranked WHERE rank < 2 OR best = 2"


def _params(text: str) -> dict | None:
    q = fold(text[:MAX_LENGTH])
    if len(q) < MIN_LENGTH:
        return None
    return {"q": q, "typo": len(q) >= TYPO_MIN_LENGTH}


def place_suggestions(text: str, limit: int = MAX_RESULTS) -> list[Suggestion]:
    """Gemeenten and wijken whose name matches ``text``. A wijk's value names
    its gemeente too ("Wielwijk, Dordrecht"): wijk names repeat across the
    country ("Centrum", "Noord")."""
    params = _params(text)
    if params is None:
        return []
    municipality = Municipality._meta.db_table
    neighbourhood = Neighbourhood._meta.db_table
    sql = f"""
        SELECT value, kind, rank FROM (SELECT *, min(rank) OVER () AS best FROM (
            SELECT m.name AS value, 'gemeente' AS kind, {_rank("m.name")} AS rank, 0 AS k,
                m.name AS name
            FROM {municipality} m
            UNION ALL
            SELECT n.name || ', ' || m.name, 'wijk in ' || m.name, {_rank("n.name")}, 1, n.name
            FROM {neighbourhood} n JOIN {municipality} m ON m.id = n.municipality_id
        ) AS names
        {_BEST}
        ORDER BY rank, k, length(name), value
        LIMIT %(limit)s
    """  # noqa: S608 - table names and folding are ours; the text is a parameter
    rows = fetch(sql, {**params, "limit": limit}, _Match)
    return [Suggestion(row.value, row.kind) for row in rows]


def topic_suggestions(text: str, limit: int = MAX_RESULTS) -> list[Suggestion]:
    """Themes, target groups and listing titles whose name matches ``text``.
    Titles shared by several listings ("Koffieochtend") come first among
    titles; a title is suggested once, whatever its spelling in each."""
    params = _params(text)
    if params is None:
        return []
    types = " ".join(f"WHEN '{key}' THEN '{label}'" for key, label in TITLE_KINDS.items())
    sql = f"""
        SELECT value, kind, rank FROM (SELECT *, min(rank) OVER () AS best FROM (
            SELECT name AS value, 'thema' AS kind, {_rank("name")} AS rank, 0 AS k, 0 AS n
            FROM {Theme._meta.db_table}
            UNION ALL
            SELECT name, 'voor wie', {_rank("name")}, 1, 0
            FROM {TargetGroup._meta.db_table}
            UNION ALL
            SELECT min(title), CASE min(type) {types} END, min(rank), 2, count(*)
            FROM (SELECT title, type, {_rank("title")} AS rank
                  FROM {SearchDocument._meta.db_table}) AS docs
            WHERE rank IS NOT NULL
            GROUP BY {_folded("title")}
        ) AS names
        {_BEST}
        ORDER BY rank, k, n DESC, length(value), value
        LIMIT %(limit)s
    """  # noqa: S608 - table names, labels and folding are ours; the text is a parameter
    rows = fetch(sql, {**params, "limit": limit}, _Match)
    return [Suggestion(row.value, row.kind) for row in rows]


SOURCES = {"wat": topic_suggestions, "waar": place_suggestions}
