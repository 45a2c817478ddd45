"""Which listings the list pages (/activiteiten/, /ontmoetingsplekken/,
/vacatures/) show, a page at a time, in title order.

Counting every match and sorting every match by title reads every row, so a
list would get slower with every listing added. The search index holds what
is needed to do both as index walks with a LIMIT (type, title, themes, wijk,
gemeente in one narrow table), but initiatives cannot import search (apps
import in one direction, see docs/architecture.md). So, as with the agenda
(``initiatives.agenda``), search registers the answer in its
``AppConfig.ready()`` (``register``). Without it (search not installed) the
pages themselves answer (``PagesIndex``): correct, fine for a small site, and
the oracle the index is tested against.

Either way only the ids of one page are found; those few pages are then read
as pages, with the filters that make them listed (live, public, an open
vacancy), so an index that is behind an edit never shows what is gone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple, Protocol

from django.contrib.gis.geos import Point
from django.contrib.gis.measure import D
from django.db.models import FloatField, Q, Value

from core.pagination import Window

from .languages import DUTCH

if TYPE_CHECKING:
    from wagtail.query import PageQuerySet

    from .models.pages import ListingPage


@dataclass(frozen=True)
class ListingFilters:
    """One list's filters, as the list form gives them. With a ``point`` the
    list is nearest first: within ``km`` of it, or, for a named gemeente or
    wijk (``in_municipality_id`` / ``in_neighbourhood_id``), in its boundary."""

    model: type[ListingPage]
    theme: str = ""  # a Theme slug
    municipality_id: int | None = None
    neighbourhood_id: int | None = None
    point: Point | None = None
    km: float | None = None
    in_municipality_id: int | None = None
    in_neighbourhood_id: int | None = None
    respite: bool = False  # only listings offering respite to mantelzorgers
    # Activities on one of these days (first, last; inclusive), as the index
    # holds them: "vandaag", "dit weekend" (initiatives.when).
    days: tuple[date, date] | None = None
    # Only listings where one of these is spoken (initiatives.languages);
    # a listing that chose no language speaks Dutch.
    languages: tuple[str, ...] = ()

    @property
    def day_list(self) -> list[date]:
        if self.days is None:
            return []
        first, last = self.days
        return [first + timedelta(days=i) for i in range((last - first).days + 1)]

    @property
    def in_area(self) -> bool:
        """A named gemeente or wijk, searched in by its boundary, not by km."""
        return bool(self.in_municipality_id or self.in_neighbourhood_id)

    def pages(self) -> PageQuerySet:
        """The listed pages that match, from the page tables."""
        queryset = listed(self.model)
        if self.theme:
            queryset = queryset.filter(themes__slug=self.theme)
        if self.respite:
            queryset = queryset.exclude(respite=[])
        if self.languages:
            spoken = Q(languages__overlap=list(self.languages))
            if DUTCH in self.languages:
                spoken |= Q(languages=[])
            queryset = queryset.filter(spoken)
        for municipality in {self.municipality_id, self.in_municipality_id} - {None}:
            queryset = queryset.in_municipality(municipality)
        for neighbourhood in {self.neighbourhood_id, self.in_neighbourhood_id} - {None}:
            queryset = queryset.in_neighbourhood(neighbourhood)
        if self.days is not None:
            # Only without the search app (a small site): every schedule read.
            first, last = self.days
            on = [
                pk for pk, rule in queryset.schedules().items() if rule.dates_between(first, last)
            ]
            queryset = queryset.filter(pk__in=on)
        if self.point is not None:
            if not self.in_area:
                queryset = queryset.near(self.point, self.km)
            queryset = queryset.with_distance(self.point).nearest_first(self.point)
        return queryset


class Found(NamedTuple):
    page_id: int
    distance_m: float | None  # from the filters' point


class ListingIndex(Protocol):
    def count(self, filters: ListingFilters, limit: int) -> int:
        """How many listings match, counting no further than ``limit``."""
        ...

    def ids(self, filters: ListingFilters, offset: int, limit: int) -> list[Found]:
        """The matches from ``offset``: nearest first from the filters' point,
        else ordered by title, then id."""
        ...


class PagesIndex:
    """The answer from the page tables (every match counted and sorted)."""

    def count(self, filters: ListingFilters, limit: int) -> int:
        return filters.pages()[:limit].count()

    def ids(self, filters: ListingFilters, offset: int, limit: int) -> list[Found]:
        pages = filters.pages()
        if filters.point is None:
            pages = pages.order_by("title", "pk").annotate(
                distance=Value(None, output_field=FloatField())
            )
        rows = pages.values_list("pk", "distance")[offset : offset + limit]
        return [
            Found(pk, distance.m if isinstance(distance, D) else distance) for pk, distance in rows
        ]


_index: ListingIndex | None = None


def register(index: ListingIndex | None) -> None:
    """Answer the lists from ``index`` from now on (None: the pages)."""
    global _index
    _index = index


def registered() -> ListingIndex:
    return _index or PagesIndex()


def listed(model: type[ListingPage]) -> PageQuerySet:
    """The pages of ``model`` that a public list may show."""
    # Not at the top: search imports this module from its AppConfig, before
    # the models are loaded (as initiatives.agenda).
    from .models import VacancyPage

    queryset = model.objects.live().public()
    return queryset.open() if model is VacancyPage else queryset


def window(filters: ListingFilters, shown: PageQuerySet) -> Window:
    """The matches a page at a time: ids from the registered index, then those
    pages read through ``shown`` (the list's queryset: what it selects and
    prefetches), in the index's order."""
    index = registered()

    def rows(offset: int, limit: int) -> list[ListingPage]:
        found = index.ids(filters, offset, limit)
        pages = {page.pk: page for page in shown.filter(pk__in=[f.page_id for f in found])}
        shown_pages = []
        for page_id, distance_m in found:
            page = pages.get(page_id)
            if page is not None:
                page.distance = D(m=distance_m) if distance_m is not None else None
                shown_pages.append(page)
        return shown_pages

    return Window(count=lambda limit: index.count(filters, limit), rows=rows)
