"""The one query every search backend answers (``SearchQuery``), with the rules
that are the same whatever the engine: which words a text holds, which order
the results come in, which types a filter keeps. A backend only translates
these into its engine's terms; what it answers is in ``search.results``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from itertools import islice

from django.contrib.gis.geos import Point
from django.utils.translation import gettext_lazy as _

# Keys are what the index and the API hold; the labels are for people.
LISTING_TYPES = {
    "activity": _("Activiteiten"),
    "meeting_place": _("Ontmoetingsplekken"),
    "vacancy": _("Vrijwilligerswerk"),
    "initiative": _("Initiatieven"),
}
SORTS = {
    "relevance": _("Beste match"),
    "distance": _("Dichtstbij"),
    "date": _("Eerst volgende datum"),
}
MAX_RADIUS_KM = 100
DEFAULT_RADIUS_KM = 10
MAX_PER_PAGE = 100
MAX_TEXT = 200  # characters of search text (the form refuses longer ones)
MAX_TERMS = 8  # words of it that are searched for
# Relevance with a place halves at this distance, in every backend.
DECAY_KM = 5.0
# Upcoming activity dates are indexed this far ahead; `search_index update`
# (daily from cron) moves the window on.
HORIZON_DAYS = 180

_WORD = re.compile(r"\w+")


def phrase_words(text: str) -> tuple[str, ...]:
    """The words of a text as a search sees them: lower case, of two letters
    or more (``SearchQuery.words``, a synonym's words)."""
    return tuple(w for w in _WORD.findall(text.lower()) if len(w) > 1)


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    near: Point | None = None
    near_label: str = ""
    radius_km: float | None = None
    # A named place searched "in" (initiatives.places): a gemeente is its
    # boundary (municipality_id), a wijk too (neighbourhood_id); ``in_label``
    # says what was understood ("Dordrecht (gemeente)").
    municipality_id: int | None = None
    in_label: str = ""
    types: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    neighbourhood_id: int | None = None
    # Activities: a date window, days of the week (0 = Monday), free only.
    date_from: date | None = None
    date_to: date | None = None
    weekdays: tuple[int, ...] = ()
    free_only: bool = False
    # Meeting places: open at a minute of the week (0 = Monday 00:00), or on a weekday.
    open_at_minute: int | None = None
    open_on: int | None = None
    wheelchair: bool = False
    # Respite for mantelzorgers: listings offering any of these kinds
    # (initiatives.choices.Respite values).
    respite: tuple[str, ...] = ()
    # Listings where any of these languages is spoken (initiatives.languages).
    languages: tuple[str, ...] = ()
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20

    @cached_property
    def words(self) -> tuple[str, ...]:
        """The words searched for: lower case, at most MAX_TERMS, from the first
        MAX_TEXT characters. Query syntax (quotes, ``:``, ``*``, brackets) and
        single letters are no words, so a text of only those searches nothing."""
        return tuple(islice(phrase_words(self.text[:MAX_TEXT]), MAX_TERMS))

    @property
    def has_date_filter(self) -> bool:
        return self.date_from is not None or self.date_to is not None or bool(self.weekdays)

    @property
    def filter_types(self) -> set[str]:
        """The types this query's type-only filters keep: dates and "free" are
        about activities, "open" about meeting places (empty: no such filter)."""
        types = set()
        if self.has_date_filter or self.free_only:
            types.add("activity")
        if self.open_at_minute is not None or self.open_on is not None:
            types.add("meeting_place")
        return types

    def possible_types(self, *, with_type_filter: bool = True) -> set[str] | None:
        """The types a listing can have to match (None: any). Empty when the
        filters exclude each other ("free", about activities, with only
        vacancies): then nothing can match."""
        possible = self.filter_types or None
        if with_type_filter and self.types:
            possible = set(self.types) if possible is None else possible & set(self.types)
        return possible

    @property
    def effective_sort(self) -> str:
        """The order the results come in. Relevance needs words: without them
        a place sorts by distance, else by date; distance needs a place."""
        if self.sort == "distance" and self.near is None:
            return "relevance" if self.words else "date"
        if self.sort == "relevance" and not self.words:
            return "distance" if self.near is not None else "date"
        return self.sort

    def next_date_from(self, today: date) -> date:
        """The day from which an activity's next date counts: the start of
        the date window, else today."""
        return self.date_from or today

    def window_days(self, today: date) -> list[date] | None:
        """The days an activity must take place on, or None for no date filter.
        Clamped to what the index holds (today .. today + HORIZON_DAYS), so
        far-away dates give an empty window instead of an overflow."""
        if not self.has_date_filter:
            return None
        horizon = today + timedelta(days=HORIZON_DAYS)
        start = min(max(self.date_from or today, today), horizon)
        end = max(min(self.date_to or horizon, horizon), today)
        days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
        if self.weekdays:
            days = [d for d in days if d.weekday() in self.weekdays]
        return days

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page
