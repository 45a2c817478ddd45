"""Paging for list views."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import QuerySet

# Lists count this far and no further: "meer dan 1.000". Counting every match
# reads every row, at any size of the site; nobody pages past the 50th page.
COUNT_CAP = 1_000


def paginate(
    queryset: QuerySet | list, page_number: str | int | None, per_page: int = 20
) -> PaginatorPage:
    """A page of results; a bad or too large page number shows the last page
    rather than an error."""
    return Paginator(queryset, per_page).get_page(page_number)


class Window:
    """Rows read a page at a time from a source that can count up to a limit
    (``count(limit)``) and read a slice (``rows(offset, limit)``): for lists
    answered by an index rather than a queryset."""

    def __init__(self, count: Callable[[int], int], rows: Callable[[int, int], Sequence]) -> None:
        self._count, self._rows = count, rows

    def count_up_to(self, limit: int) -> int:
        return self._count(limit)

    def __getitem__(self, window: slice) -> Sequence:
        return self._rows(window.start, window.stop - window.start)


class CappedPaginator(Paginator):
    """A paginator that counts at most ``cap`` rows (one more tells it there
    are more): the count and every page read only the rows up to the page
    shown, whether the list holds a thousand or a million."""

    def __init__(self, object_list: QuerySet | Window, per_page: int, cap: int | None = None):
        super().__init__(object_list, per_page)
        self.cap = COUNT_CAP if cap is None else cap

    @cached_property
    def _counted(self) -> int:
        if isinstance(self.object_list, Window):
            return self.object_list.count_up_to(self.cap + 1)
        return self.object_list[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.cap)

    @property
    def capped(self) -> bool:
        """There are more rows than counted (and shown on the pages)."""
        return self._counted > self.cap


def paginate_capped(
    rows: QuerySet | Window, page_number: str | int | None, per_page: int = 20
) -> PaginatorPage:
    """As ``paginate``, counting at most COUNT_CAP rows: the last page is the
    one holding the COUNT_CAP-th row."""
    return CappedPaginator(rows, per_page).get_page(page_number)
