"""A query's words in PostgreSQL's terms, and SQL fragments the queries share."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from ...query import SearchQuery

TABLE = "search_searchdocument"
# A query word is matched as a prefix of at most this many letters: the width
# of the vocabulary's words (typo corrections).
MAX_WORD = 40

# SQL fragments used by more than one query; each takes one parameter.
RANK = "ts_rank_cd(search_vector, search_query(%s))"  # the tsquery
NEXT_DATE = "(SELECT min(d) FROM unnest(dates) AS d WHERE d >= %s)"  # from this day


def prefix_words(q: SearchQuery) -> list[str]:
    """The query's words as PostgreSQL matches them: prefixes of at most
    MAX_WORD letters."""
    return [w[:MAX_WORD] for w in q.words]


def tsquery(alternatives: list[list[str]]) -> str:
    """All positions required, any alternative at a position, each a prefix:
    [['koffie'], ['buurtkamr', 'buurtkamer']] -> 'koffie:* & (buurtkamr:* | buurtkamer:*)'.
    The SQL function search_query() (migration 0005) turns it into a tsquery:
    stemmed, stop words dropped, stems of up to three letters whole words."""
    parts = [" | ".join(f"{w}:*" for w in words) for words in alternatives]
    return " & ".join(
        p if len(w) == 1 else f"({p})" for p, w in zip(parts, alternatives, strict=True)
    )


def tsquery_for(q: SearchQuery) -> str:
    """Each word a prefix match, all required: 'wandelen' -> 'wandelen:*',
    which the Dutch stemmer makes 'wandel':*."""
    return tsquery([[w] for w in prefix_words(q)])


def from_day(q: SearchQuery) -> date:
    """The day from which an activity's next date counts (NEXT_DATE)."""
    return q.next_date_from(timezone.localdate())
