"""Paging for list views."""

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import QuerySet


def paginate(
    queryset: QuerySet | list, page_number: str | int | None, per_page: int = 20
) -> PaginatorPage:
    """A page of results; a bad or too large page number shows the last page
    rather than an error."""
    return Paginator(queryset, per_page).get_page(page_number)
