"""Suggestions as you type for the search form's "Wat?" and "Waar?" fields.

Each field has one source function returning at most ``limit`` suggestions,
best first, from one query (two or three when nothing matches as typed and
close spellings are tried). Nothing here is personal or private:

- "wat": theme and target-group names (public taxonomy) and the titles of
  listings in the search index. The index only holds what ``indexable()``
  lets in (live, public pages; open vacancies), so an unpublished, restricted
  or closed listing's title can never be suggested, and every suggested title
  is one that search finds.
- "waar": woonplaatsen, gemeenten and wijken from the place resolver
  (``initiatives.places.suggest_places``: variants such as "Den Bosch", close
  spellings), each as the label that resolves to it alone.

For "wat", matching ignores case, accents and punctuation: a name matches when
it starts with the text, or one of its words does ("sleutel" finds "Buurthuis
De Sleutel"); a misspelt last word of four letters or more is corrected
against the words of the index ("koffieochtent").
Names are folded in SQL (``translate`` and ``regexp_replace``: no ``unaccent``
extension needed). Titles are folded once, in the stored generated column
``SearchDocument.title_folded`` with a prefix btree and a trigram GIN index;
themes and target groups are few enough to fold as they are read.
docs/search.md has the rules, docs/benchmarks.md what they cost.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from django.utils.translation import gettext, pgettext_lazy

from core.text import strip_accents
from initiatives.models import TargetGroup, Theme
from initiatives.models.taxonomy import translated_language
from initiatives.places import suggest_places

from .models import ACCENTED, PLAIN, SearchDocument, SearchTerm
from .sql import fetch

MIN_LENGTH = 2
MAX_RESULTS = 8
MAX_LENGTH = 60  # longer text is cut; no name or title we suggest is that long
# Word similarity (pg_trgm) from which a misspelt word is corrected, and the
# shortest word for which that is tried: below it every word is "close".
TYPO_SIMILARITY = 0.6
TYPO_MIN_LENGTH = 4

_NOT_WORD = re.compile(r"[^a-z0-9]+")
# What a suggested title is, by its index type (one word, as beside a name).
# The query answers these Dutch words; people read KIND_LABELS.
TITLE_KINDS = {
    "activity": "activiteit",
    "meeting_place": "ontmoetingsplek",
    "vacancy": "vrijwilligerswerk",
    "initiative": "initiatief",
}
# The kinds of a "Wat?" suggestion as the query names them -> as people read
# them, in the interface's language.
KIND_LABELS = {
    "thema": pgettext_lazy("soort suggestie", "thema"),
    "voor wie": pgettext_lazy("soort suggestie", "voor wie"),
    "activiteit": pgettext_lazy("soort suggestie", "activiteit"),
    "ontmoetingsplek": pgettext_lazy("soort suggestie", "ontmoetingsplek"),
    "vrijwilligerswerk": pgettext_lazy("soort suggestie", "vrijwilligerswerk"),
    "initiatief": pgettext_lazy("soort suggestie", "initiatief"),
}


def fold(text: str) -> str:
    """Lower case, accents off, anything but letters and digits a single
    space: 'Mantelzorgcafé' -> 'mantelzorgcafe', "'s-Hertogenbosch" ->
    's hertogenbosch'. The SQL twin is ``search.models.folded``."""
    return _NOT_WORD.sub(" ", strip_accents(text.lower())).strip()


def _folded(column: str) -> str:
    """``fold()`` in SQL for a column of ours (the same SQL as the stored
    ``SearchDocument.title_folded``)."""
    return (
        f"btrim(regexp_replace(translate(lower({column}), '{ACCENTED}', '{PLAIN}'), "
        f"'[^a-z0-9]+', ' ', 'g'))"
    )


# Translated names (en, tr, pl, uk, ar) are folded further than Dutch ones:
# ``fold`` keeps only a-z and would fold Arabic or Cyrillic to nothing, and
# leaves Turkish and Polish letters such as ş, ł and ı as spaces. Here every
# name goes through NFKD with its marks dropped (é -> e, ş -> s, й -> и,
# أ -> ا, Arabic vowel signs off), the letters that do not decompose become
# their base letter, and the letters of the Latin, Cyrillic and Arabic
# alphabets stay. The ranges are spelt out, not left to Unicode categories,
# because PostgreSQL's regular expressions have none: Python and SQL use the
# same ones, so a name always matches itself. Dutch names keep ``fold``, so
# Dutch pages and the stored ``title_folded`` stay as they are.
_MARKS = r"\u0300-\u036f\u0483-\u0489\u064b-\u065f\u0670"
_BASE_FROM, _BASE_TO = "łıøđ", "liod"
_LETTERS = r"a-z0-9\u0430-\u045f\u0491\u0621-\u063f\u0641-\u064a\u0660-\u0669"
_MARK = re.compile(f"[{_MARKS}]+")
_NOT_LETTER = re.compile(f"[^{_LETTERS}]+")
_BASE = str.maketrans(_BASE_FROM, _BASE_TO)


def fold_translated(text: str) -> str:
    """``fold`` for a name in any shipped language: 'Опіка' -> 'опика',
    'Yaşlılar' -> 'yaslilar'. The SQL twin is ``_folded_translated``."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return _NOT_LETTER.sub(" ", _MARK.sub("", decomposed).translate(_BASE)).strip()


def _folded_translated(expression: str) -> str:
    """``fold_translated()`` in SQL (PostgreSQL 13+ for ``normalize``)."""
    return (
        f"btrim(regexp_replace(translate(regexp_replace(normalize(lower({expression}), NFKD), "
        f"'[{_MARKS}]+', '', 'g'), '{_BASE_FROM}', '{_BASE_TO}'), '[^{_LETTERS}]+', ' ', 'g'))"
    )


@dataclass(frozen=True)
class Suggestion:
    value: str  # what goes into the field
    kind: str  # what it is, in Dutch: shown beside it ("wijk in Dordrecht", "thema")
    label: str = ""  # what the list shows, when not the value itself
    # "nl" for a Dutch name or title on a page in another language (a theme
    # without a translation, a listing's title, a place), so the list marks it
    # for screen readers; "" when it is in the page's own language.
    lang: str = ""


class _Match(NamedTuple):
    value: str
    label: str
    kind: str


# Names match when they start with the (folded) text or have a word that
# does (LIKE, which the title indexes serve), the whole name first. Only when
# nothing matches, and the last word has TYPO_MIN_LENGTH letters, is it
# corrected against the vocabulary of the index (search_searchterm, KNN on its
# trigram index, pg_trgm word_similarity) and the query run again: someone
# halfway through "koffieo" wants Koffieochtend, not also Koffie-uurtje as a
# "typo"; and a similarity over 100,000 titles is slow, over their words not.
# A theme or target group also matches by its name in the page's language
# (``tf``, NULL on Dutch pages and where staff left it untranslated), against
# the text folded as a translated name is (``t``). A parameter that is NULL
# matches nothing: Arabic text folds to no Dutch ``q`` at all.
_STARTS = (
    "(f LIKE %(q)s || '%%' OR f LIKE '%% ' || %(q)s || '%%'"
    " OR tf LIKE %(t)s || '%%' OR tf LIKE '%% ' || %(t)s || '%%')"
)
_WHOLE_FIRST = "CASE WHEN f LIKE %(q)s || '%%' OR tf LIKE %(t)s || '%%' THEN 0 ELSE 1 END"
# Titles read per kind of match (whole, later word) before they are counted
# and ranked: a common start ("in", "voor") matches thousands of listings, and
# reading them all costs 100+ ms at 100,000 listings. Titles that start with
# the text are read in order from the prefix index (the alphabetically first:
# "koffieochtend" before "koffieochtend warmond"), the others as the trigram
# index finds them; "most shared first" is then among those read.
TITLE_CANDIDATES = 300


class _Word(NamedTuple):
    word: str


def _params(q: str | None, t: str | None, language: str | None, limit: int) -> dict:
    return {
        "q": q,
        "t": t,
        "language": language,
        "limit": limit,
        "similarity": TYPO_SIMILARITY,
        "cap": TITLE_CANDIDATES,
    }


def _query(text: str) -> str | None:
    q = fold(text[:MAX_LENGTH])
    return q if len(q) >= MIN_LENGTH else None


def _translated_query(text: str) -> str | None:
    t = fold_translated(text[:MAX_LENGTH])
    return t if len(t) >= MIN_LENGTH else None


def _corrected(q: str) -> str | None:
    """``q`` with its last word replaced by the closest word of the index's
    vocabulary, if that is close enough (and another word)."""
    *before, last = q.split(" ")
    if len(last) < TYPO_MIN_LENGTH:
        return None
    rows = fetch(
        f"""
        SELECT word FROM (
            SELECT word FROM {SearchTerm._meta.db_table} ORDER BY word <->> %(w)s LIMIT 1
        ) AS nearest
        WHERE word_similarity(%(w)s, word) >= %(similarity)s
        """,  # noqa: S608 - the table name is ours
        {"w": last, "similarity": TYPO_SIMILARITY},
        _Word,
    )
    word = fold(rows[0].word) if rows else ""
    return " ".join([*before, word]) if word and word != last else None


def _small(table: str) -> str:
    """A small table of names (themes, target groups) with its ``name``
    folded once, as ``f``; its name in the page's language (``%(language)s``)
    as ``label``, the Dutch name where there is none; and that translation
    folded, as ``tf``."""
    translated = "name_translations ->> %(language)s"
    return (
        f"(SELECT *, {_folded('name')} AS f,"
        f" coalesce(nullif({translated}, ''), name) AS label,"
        f" {_folded_translated(translated)} AS tf"
        f" FROM {table} OFFSET 0) AS t"
    )


def _dutch_here() -> str:
    """ "nl" when Dutch text on this page needs marking (a page in another
    language), else ""."""
    return "nl" if translated_language() else ""


def place_suggestions(text: str, limit: int = MAX_RESULTS) -> list[Suggestion]:
    """Woonplaatsen, gemeenten and wijken from the place resolver
    (initiatives.places, with its variants and close spellings). The value is
    the resolver's label, "Wielwijk (wijk in Dordrecht)", which the "Waar?"
    field resolves to that place alone; the list shows the name."""
    if _query(text) is None:
        return []
    return [
        Suggestion(
            value=place.label,
            kind=place.kind_label
            if place.kind_label == "gemeente"
            # Translators: what a suggested place is: "wijk in Dordrecht".
            else gettext("%(kind)s in %(gemeente)s")
            % {"kind": place.kind_label, "gemeente": place.gemeente},
            label=place.name,
            lang=_dutch_here(),
        )
        for place in suggest_places(text[:MAX_LENGTH], limit)
    ]


def topic_suggestions(text: str, limit: int = MAX_RESULTS) -> list[Suggestion]:
    """Themes, target groups and listing titles whose name matches ``text``.
    Titles shared by several listings ("Koffieochtend") come first among
    titles; a title is suggested once, whatever its spelling in each.

    On a page in another language a theme or target group also matches by
    its name in that language, and shows it ("Informal care"), while its
    value, what goes into the "Wat?" field, stays the Dutch name
    ("Mantelzorg"): the search is Dutch full text and understands that name,
    as it does on Dutch pages, so choosing the suggestion finds the same
    listings in every language. This is the value/label split the places
    already use, so the answer and suggest.js stay as they are; a theme
    filter instead would need the slug in the answer and the script to send
    the form, which the "Wat?" field on its own cannot do."""
    kinds = " ".join(f"WHEN '{key}' THEN '{label}'" for key, label in TITLE_KINDS.items())
    docs = SearchDocument._meta.db_table
    sql = f"""
        SELECT value, label, kind FROM (
            SELECT name AS value, label, 'thema' AS kind, 0 AS k, 0 AS n,
                   {_WHOLE_FIRST} AS rank
            FROM {_small(Theme._meta.db_table)} WHERE {_STARTS}
            UNION ALL
            SELECT name, label, 'voor wie', 1, 0, {_WHOLE_FIRST}
            FROM {_small(TargetGroup._meta.db_table)} WHERE {_STARTS}
            UNION ALL
            SELECT min(title), min(title), CASE min(type) {kinds} END, 2, count(*), min(rank)
            FROM (
                (SELECT title, type, title_folded AS f, 0 AS rank FROM {docs}
                 WHERE title_folded LIKE %(q)s || '%%'
                 ORDER BY title_folded USING ~<~ LIMIT %(cap)s)
                UNION ALL
                (SELECT title, type, title_folded, 1 FROM {docs}
                 WHERE title_folded LIKE '%% ' || %(q)s || '%%'
                   AND title_folded NOT LIKE %(q)s || '%%' LIMIT %(cap)s)
            ) AS titles
            GROUP BY f
        ) AS names
        ORDER BY rank, k, n DESC, length(label), label
        LIMIT %(limit)s
    """  # noqa: S608 - table names, labels and folding are ours; text and language are parameters
    q = _query(text)
    # None on Dutch pages: the Dutch names only, as they always were.
    language = translated_language()
    t = _translated_query(text) if language else None
    if q is None and t is None:
        return []
    rows = fetch(sql, _params(q, t, language, limit), _Match)
    if not rows and q is not None and (corrected := _corrected(q)):
        rows = fetch(sql, _params(corrected, t, language, limit), _Match)
    return [
        Suggestion(
            row.value,
            str(KIND_LABELS.get(row.kind, row.kind)),
            label=row.label if row.label != row.value else "",
            # A translated theme name is in the page's language; the rest is Dutch.
            lang="" if row.label != row.value else _dutch_here(),
        )
        for row in rows
    ]


SOURCES = {"wat": topic_suggestions, "waar": place_suggestions}
