"""Suggestions as you type for the search form's "Wat?" and "Waar?" fields.

Each field has one source function returning at most ``limit`` suggestions,
best first, from one query (two when nothing matches as typed and close
spellings are tried). Nothing here is personal or private:

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
Names are folded in SQL (``translate`` and ``regexp_replace``: no ``unaccent``
extension needed). Titles are folded once, in the stored generated column
``SearchDocument.title_folded`` with a trigram GIN index; gemeenten, wijken,
themes and target groups are few enough to fold as they are read (see
docs/benchmarks.md for what that costs).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from initiatives.models import Municipality, Neighbourhood, TargetGroup, Theme

from .models import ACCENTED, PLAIN, SearchDocument
from .sql import fetch

MIN_LENGTH = 2
MAX_RESULTS = 8
MAX_LENGTH = 60  # longer text is cut; no name or title we suggest is that long
# Word similarity (pg_trgm) from which a misspelt name still counts, and the
# shortest text for which that is tried: below it every name is "close".
TYPO_SIMILARITY = 0.6
TYPO_MIN_LENGTH = 4

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
    's hertogenbosch'. The SQL twin is ``search.models.folded``."""
    plain = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return _NOT_WORD.sub(" ", plain).strip()


def _folded(column: str) -> str:
    """``fold()`` in SQL for a column of ours (the same SQL as the stored
    ``SearchDocument.title_folded``)."""
    return (
        f"btrim(regexp_replace(translate(lower({column}), '{ACCENTED}', '{PLAIN}'), "
        f"'[^a-z0-9]+', ' ', 'g'))"
    )


@dataclass(frozen=True)
class Suggestion:
    value: str  # what goes into the field
    kind: str  # what it is, in Dutch: shown beside it ("wijk in Dordrecht", "thema")


class _Match(NamedTuple):
    value: str
    kind: str


# Two passes, one query each, over the folded names (column ``f``): first
# the names that start with the text or have a word that does (LIKE, which the
# trigram index on titles serves); only when there are none, and the text has
# TYPO_MIN_LENGTH letters, the names spelt closely. That is pg_trgm's
# word_similarity, how well the text matches the best stretch of a name, so a
# half-typed word is not held against it; its operator ``<%`` (threshold 0.6
# by default, = TYPO_SIMILARITY) can use the index. Someone halfway through
# "koffieo" wants Koffieochtend, not also Koffie-uurtje as a "typo".
_STARTS = "(f LIKE %(q)s || '%%' OR f LIKE '%% ' || %(q)s || '%%')"
_CLOSE = "(%(q)s <%% f AND word_similarity(%(q)s, f) >= %(similarity)s)"
# The order within a pass: the whole name first, then a later word; by closeness.
_WHOLE_FIRST = "CASE WHEN f LIKE %(q)s || '%%' THEN 0 ELSE 1 END"
_CLOSEST_FIRST = "-word_similarity(%(q)s, f)"


def _suggest(sql: str, text: str, limit: int) -> list[Suggestion]:
    """Run ``sql`` for the folded ``text``, with its ``{match}`` and
    ``{rank}`` filled in per pass."""
    q = fold(text[:MAX_LENGTH])
    if len(q) < MIN_LENGTH:
        return []
    params = {"q": q, "limit": limit, "similarity": TYPO_SIMILARITY}
    rows = fetch(sql.format(match=_STARTS, rank=_WHOLE_FIRST), params, _Match)
    if not rows and len(q) >= TYPO_MIN_LENGTH:
        rows = fetch(sql.format(match=_CLOSE, rank=_CLOSEST_FIRST), params, _Match)
    return [Suggestion(row.value, row.kind) for row in rows]


def _small(table: str) -> str:
    """A small table's rows with their ``name`` folded once, as ``f``."""
    return f"(SELECT *, {_folded('name')} AS f FROM {table} OFFSET 0) AS t"


def place_suggestions(text: str, limit: int = MAX_RESULTS) -> list[Suggestion]:
    """Gemeenten and wijken whose name matches ``text``, gemeenten first. A
    wijk's value names its gemeente too ("Wielwijk, Dordrecht"): wijk names
    repeat across the country ("Centrum", "Noord")."""
    municipality, neighbourhood = Municipality._meta.db_table, Neighbourhood._meta.db_table
    wijken = (
        f"(SELECT n.name, m.name AS gemeente FROM {neighbourhood} n "
        f"JOIN {municipality} m ON m.id = n.municipality_id) AS w"
    )
    sql = f"""
        SELECT value, kind FROM (
            SELECT name AS value, 'gemeente' AS kind, 0 AS k, name, {{rank}} AS rank
            FROM {_small(municipality)} WHERE {{match}}
            UNION ALL
            SELECT name || ', ' || gemeente, 'wijk in ' || gemeente, 1, name, {{rank}}
            FROM {_small(wijken)} WHERE {{match}}
        ) AS names
        ORDER BY rank, k, length(name), value
        LIMIT %(limit)s
    """  # noqa: S608 - table names and folding are ours; the text is a parameter
    return _suggest(sql, text, limit)


def topic_suggestions(text: str, limit: int = MAX_RESULTS) -> list[Suggestion]:
    """Themes, target groups and listing titles whose name matches ``text``.
    Titles shared by several listings ("Koffieochtend") come first among
    titles; a title is suggested once, whatever its spelling in each."""
    kinds = " ".join(f"WHEN '{key}' THEN '{label}'" for key, label in TITLE_KINDS.items())
    sql = f"""
        SELECT value, kind FROM (
            SELECT name AS value, 'thema' AS kind, 0 AS k, 0 AS n, {{rank}} AS rank
            FROM {_small(Theme._meta.db_table)} WHERE {{match}}
            UNION ALL
            SELECT name, 'voor wie', 1, 0, {{rank}}
            FROM {_small(TargetGroup._meta.db_table)} WHERE {{match}}
            UNION ALL
            SELECT min(title), CASE min(type) {kinds} END, 2, count(*), min({{rank}})
            FROM (SELECT title, type, title_folded AS f
                  FROM {SearchDocument._meta.db_table}) AS docs
            WHERE {{match}}
            GROUP BY f
        ) AS names
        ORDER BY rank, k, n DESC, length(value), value
        LIMIT %(limit)s
    """  # noqa: S608 - table names, labels and folding are ours; the text is a parameter
    return _suggest(sql, text, limit)


SOURCES = {"wat": topic_suggestions, "waar": place_suggestions}
