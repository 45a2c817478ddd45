"""What every search backend answers: the hits of one page, the total and the
facet counts. Facet labels are added here, once for every backend."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cached_property

from django.utils.translation import pgettext

from initiatives import languages as spoken
from initiatives.models import ActivityPage, Theme
from initiatives.models.taxonomy import localized
from initiatives.schedule import aware

from .documents import minute_of_week
from .query import LISTING_TYPES, SearchQuery

WIJK_FACET_SIZE = 25  # the wijken with the most matches; the rest are not offered


@dataclass
class Hit:
    id: int
    type: str
    title: str
    summary: str
    url: str
    initiative_title: str = ""
    neighbourhood: str = ""
    municipality: str = ""
    lat: float | None = None
    lon: float | None = None
    distance_km: float | None = None
    highlight: str = ""  # HTML-escaped text with <mark> around matches (search.highlight)
    next_date: date | None = None
    # The start of the next occurrence (activities), as on the activity's page.
    next_start: datetime | None = None
    score: float = 0.0
    # A meeting place's opening hours as the index holds them (half-open
    # minute-of-week ranges, search.documents.open_ranges) and, from them,
    # whether it is open now (None: no opening hours known).
    open_ranges: tuple[tuple[int, int], ...] = ()
    open_now: bool | None = None
    # Respite kinds offered (initiatives.choices.Respite); whether lat/lon
    # is the place itself (False: a safe address's coarse point, no marker).
    respite: tuple[str, ...] = ()
    place_public: bool = True
    # Languages spoken (initiatives.languages), ("nl",) for Dutch only.
    languages: tuple[str, ...] = ()

    @property
    def languages_summary(self) -> str:
        """ "Ook in het Arabisch" for the card; "" for Dutch only."""
        return spoken.summary(self.languages)

    @property
    def spoken_languages(self) -> list[spoken.Language]:
        return spoken.languages_for(self.languages)

    @property
    def type_label(self) -> str:
        if self.type == "activity":
            return pgettext("soort", "Activiteit")
        if self.type == "meeting_place":
            return pgettext("soort", "Ontmoetingsplek")
        if self.type == "vacancy":
            return pgettext("soort", "Vrijwilligerswerk")
        if self.type == "initiative":
            return pgettext("soort", "Initiatief")
        raise KeyError(self.type)


@dataclass
class FacetValue:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class FacetCounts:
    """How many matches a backend counted per facet value, by key. The type
    counts ignore the type filter; themes and wijken count within it. A
    wijk's name comes along with its count: the index holds it."""

    types: Mapping[str, int] = field(default_factory=dict)
    themes: Mapping[str, int] = field(default_factory=dict)
    wijken: Mapping[str, int] = field(default_factory=dict)
    wijk_names: Mapping[str, str] = field(default_factory=dict)
    languages: Mapping[str, int] = field(default_factory=dict)


@dataclass
class SearchResults:
    query: SearchQuery
    hits: list[Hit]
    total: int
    counts: FacetCounts = field(default_factory=FacetCounts)
    backend: str = ""
    fallback: bool = False  # answered by PostgreSQL because Elasticsearch was down
    capped: bool = False  # more matches than were counted: total is a lower bound
    corrected: str = ""  # the query as corrected for typos, when the typed one found nothing
    # Synonyms searched along with the typed words ("ook gezocht op: schulden").
    also_searched: list[str] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.per_page))

    @cached_property
    def facets(self) -> dict[str, list[FacetValue]]:
        """The counts with their labels, most first: every type (zero or
        not), the themes, and the WIJK_FACET_SIZE wijken with most matches.
        Theme names are read when the facets are first asked for, so an
        answer that shows none (GeoJSON) costs no query; they are in the
        active language (a ``LocalizedName``, Dutch when not translated)."""
        counts = self.counts
        names = _theme_names(counts.themes) if counts.themes else {}
        return {
            "type": [
                FacetValue(key, label, counts.types.get(key, 0))
                for key, label in LISTING_TYPES.items()
            ],
            "theme": _most_first(
                FacetValue(key, names.get(key, key), n) for key, n in counts.themes.items()
            ),
            "wijk": _most_first(
                FacetValue(key, counts.wijk_names.get(key, ""), n)
                for key, n in counts.wijken.items()
            )[:WIJK_FACET_SIZE],
            # Known codes only, labelled from the fixed list (no query).
            "language": _most_first(
                FacetValue(key, spoken.BY_CODE[key].label, n)
                for key, n in counts.languages.items()
                if key in spoken.BY_CODE
            ),
        }


def add_next_occurrences(hits: list[Hit], q: SearchQuery, now: datetime) -> None:
    """Give the activities among ``hits`` their next occurrence that has not
    ended at ``now`` (from the start of the date window, when there is one):
    the rule of the activity's own page and cards, in one query. The index
    knows only days, so at 22:00 it would still say "today" for an activity
    that ended that morning."""
    ids = [hit.id for hit in hits if hit.type == "activity"]
    if not ids:
        return
    after = now
    if q.date_from is not None:
        after = max(now, aware(q.date_from, time.min))
    schedules = ActivityPage.objects.filter(pk__in=ids).schedules()
    for hit in hits:
        # A page gone since it was indexed keeps the index's day.
        if hit.type == "activity" and (schedule := schedules.get(hit.id)) is not None:
            occurrence = schedule.next_occurrence(after)
            hit.next_start = occurrence.start if occurrence else None
            hit.next_date = occurrence.start.date() if occurrence else None
    if q.effective_sort == "date":
        # The index orders by day: an activity whose session today is over
        # came first, labelled with next week. Within the page, by the date
        # shown (stable, so the index's title order holds within a day).
        hits.sort(key=lambda hit: (hit.next_date is None, hit.next_date or date.min))


def add_open_now(hits: list[Hit], now: datetime) -> None:
    """Say of each meeting place among ``hits`` whether it is open at ``now``,
    from the opening hours the index returned with the hit: no query, the
    rule of the detail page's badge (an overnight slot runs past midnight)."""
    minute = minute_of_week(now)
    for hit in hits:
        if hit.type == "meeting_place" and hit.open_ranges:
            hit.open_now = any(start <= minute < end for start, end in hit.open_ranges)


def _most_first(values: Iterable[FacetValue]) -> list[FacetValue]:
    return sorted(values, key=lambda f: (-f.count, f.label))


def _theme_names(slugs: Iterable[str]) -> dict[str, str]:
    """{slug: name in the active language}, one query for all themes."""
    rows = Theme.objects.filter(slug__in=list(slugs)).values_list(
        "slug", "name", "name_translations"
    )
    return {slug: localized(name, translations) for slug, name, translations in rows}
