"""A query's words in PostgreSQL's terms, and SQL fragments the queries share."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from ...query import SearchQuery, phrase_words

TABLE = "search_searchdocument"
# A query word is matched as a prefix of at most this many letters: the width
# of the vocabulary's words (typo corrections).
MAX_WORD = 40

# SQL fragments used by more than one query; each takes one parameter.
# The words with their synonyms, plus the words as typed: a listing that
# says what was typed ranks above one that only says a synonym. Two
# parameters: the tsquery, and the typed words' tsquery (see rank_params).
RANK = "(ts_rank_cd(search_vector, search_query(%s)) + ts_rank_cd(search_vector, search_query(%s)))"
NEXT_DATE = "(SELECT min(d) FROM unnest(dates) AS d WHERE d >= %s)"  # from this day


def rank_params(tsq: str, typed: str = "") -> list[str]:
    """RANK's parameters: without a typed-only tsquery, the tsquery twice."""
    return [tsq, typed or tsq]


def prefix_words(q: SearchQuery) -> list[str]:
    """The query's words as PostgreSQL matches them: prefixes of at most
    MAX_WORD letters."""
    return [w[:MAX_WORD] for w in q.words]


def tsquery(alternatives: list[list[str]]) -> str:
    """All positions required, any alternative at a position, each a prefix:
    [['koffie'], ['buurtkamr', 'buurtkamer']] -> 'koffie:* & (buurtkamr:* | buurtkamer:*)'.
    A synonym of several words ('even vrij') is a phrase, 'even:* <-> vrij:*';
    typed words that have a synonym together ('samen eten') are each required,
    as without one: '(samen:* & eten:*) | maaltijd:*'. The SQL function search_query() (migration
    0005) turns it into a tsquery: stemmed, stop words dropped, stems of up to
    three letters whole words."""
    parts = [
        " | ".join(_alternative(a, " & " if i == 0 else " <-> ") for i, a in enumerate(words))
        for words in alternatives
    ]
    return " & ".join(
        p if len(w) == 1 and " " not in w[0] else f"({p})"
        for p, w in zip(parts, alternatives, strict=True)
    )


def _alternative(text: str, joint: str) -> str:
    words = [f"{w[:MAX_WORD]}:*" for w in phrase_words(text)]
    return words[0] if len(words) == 1 else "(" + joint.join(words) + ")"


def tsquery_for(q: SearchQuery) -> str:
    """Each word a prefix match, all required: 'wandelen' -> 'wandelen:*',
    which the Dutch stemmer makes 'wandel':*."""
    return tsquery([[w] for w in prefix_words(q)])


def from_day(q: SearchQuery) -> date:
    """The day from which an activity's next date counts (NEXT_DATE)."""
    return q.next_date_from(timezone.localdate())
