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
from typing import TYPE_CHECKING, Protocol

from core.pagination import Window

if TYPE_CHECKING:
    from wagtail.query import PageQuerySet

    from .models.pages import ListingPage


@dataclass(frozen=True)
class ListingFilters:
    """One list's filters, as the list form gives them."""

    model: type[ListingPage]
    theme: str = ""  # a Theme slug
    municipality_id: int | None = None
    neighbourhood_id: int | None = None

    def pages(self) -> PageQuerySet:
        """The listed pages that match, from the page tables."""
        return self.apply(listed(self.model))

    def apply(self, queryset: PageQuerySet) -> PageQuerySet:
        """``queryset`` with these filters."""
        if self.theme:
            queryset = queryset.filter(themes__slug=self.theme)
        if self.municipality_id:
            queryset = queryset.in_municipality(self.municipality_id)
        if self.neighbourhood_id:
            queryset = queryset.in_neighbourhood(self.neighbourhood_id)
        return queryset


class ListingIndex(Protocol):
    def count(self, filters: ListingFilters, limit: int) -> int:
        """How many listings match, counting no further than ``limit``."""
        ...

    def ids(self, filters: ListingFilters, offset: int, limit: int) -> list[int]:
        """The page ids of the matches from ``offset``, ordered by title, then id."""
        ...


class PagesIndex:
    """The answer from the page tables (every match counted and sorted)."""

    def count(self, filters: ListingFilters, limit: int) -> int:
        return filters.pages()[:limit].count()

    def ids(self, filters: ListingFilters, offset: int, limit: int) -> list[int]:
        ordered = filters.pages().order_by("title", "pk").values_list("pk", flat=True)
        return list(ordered[offset : offset + limit])


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
        ids = index.ids(filters, offset, limit)
        pages = {page.pk: page for page in shown.filter(pk__in=ids)}
        return [pages[pk] for pk in ids if pk in pages]

    return Window(count=lambda limit: index.count(filters, limit), rows=rows)
