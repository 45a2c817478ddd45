"""The one query model every search backend answers, and what it returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.gis.geos import Point

LISTING_TYPES = {
    "activity": "Activiteiten",
    "meeting_place": "Ontmoetingsplekken",
    "vacancy": "Vrijwilligerswerk",
    "initiative": "Initiatieven",
}
SORTS = {
    "relevance": "Beste match",
    "distance": "Dichtstbij",
    "date": "Eerst volgende datum",
}
MAX_RADIUS_KM = 100
DEFAULT_RADIUS_KM = 10
MAX_PER_PAGE = 100
# Upcoming activity dates are indexed this far ahead; `search_index update`
# (daily from cron) moves the window on.
HORIZON_DAYS = 180


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    near: Point | None = None
    near_label: str = ""
    radius_km: float | None = None
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
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20

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

    @property
    def effective_sort(self) -> str:
        """Relevance needs text; without text a place sorts by distance, else by date."""
        if self.sort == "distance" and self.near is None:
            return "relevance" if self.text else "date"
        if self.sort == "relevance" and not self.text:
            return "distance" if self.near is not None else "date"
        return self.sort

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
    highlight: str = ""  # HTML-escaped text with <mark> around matches
    next_date: date | None = None
    score: float = 0.0

    @property
    def type_label(self) -> str:
        return {
            "activity": "Activiteit",
            "meeting_place": "Ontmoetingsplek",
            "vacancy": "Vrijwilligerswerk",
            "initiative": "Initiatief",
        }[self.type]


@dataclass
class FacetValue:
    key: str
    label: str
    count: int


@dataclass
class SearchResults:
    query: SearchQuery
    hits: list[Hit]
    total: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    backend: str = ""
    fallback: bool = False  # answered by PostgreSQL because Elasticsearch was down
    capped: bool = False  # more matches than were counted: total is a lower bound
    corrected: str = ""  # the query as corrected for typos, when the typed one found nothing

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.per_page))
