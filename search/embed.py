"""What the embed pages and feeds show (docs/embed.md): the coming
activities of a wijk, a theme or an initiative, from the search index.

One walk of the occurrences' btree on the start, joined to the documents for
the wijk and theme, stopped by the LIMIT; then only the few pages shown are
read, and each occurrence is checked against the schedule itself (as the home
page's agenda does, search.agenda). A few queries, however many activities.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import NamedTuple

from django.utils import timezone
from django.utils.translation import gettext

from initiatives.models import ActivityPage, InitiativePage, Neighbourhood, Theme
from initiatives.schedule import Occurrence

from .agenda import confirmed_occurrences
from .models import SearchDocument, SearchOccurrence
from .sql import fetch

DAYS = 14
LIMIT = 20

# Colours a host site may choose (?kleur=): each has at least 7:1 contrast on
# white, for links and headings. Anything else is the default.
COLOURS = {
    "blauw": "Blauw",
    "groen": "Groen",
    "paars": "Paars",
    "rood": "Rood",
    "zwart": "Zwart",
}


class _Row(NamedTuple):
    page_id: int
    day: object
    starts_at: datetime


_SQL = """
SELECT o.page_id, o.day, o.starts_at
FROM {occurrences} AS o JOIN {documents} AS d ON d.page_id = o.page_id
WHERE o.starts_at >= %(after)s AND o.starts_at < %(until)s AND d.type = 'activity'
  {where}
ORDER BY o.starts_at, o.page_id
LIMIT %(limit)s
"""  # noqa: S608


@dataclass
class Selection:
    """A wijk and/or theme, or an initiative: what an embed shows."""

    neighbourhood: Neighbourhood | None = None
    theme: Theme | None = None
    initiative: InitiativePage | None = None
    page_ids: list[int] = field(default_factory=list)

    @property
    def title(self) -> str:
        """ "Activiteiten over sport in Wielwijk", in the interface's language."""
        if self.initiative is not None:
            return gettext("Activiteiten van %(initiative)s") % {
                "initiative": self.initiative.title
            }
        theme = self.theme.localized_name.lower() if self.theme is not None else ""
        wijk = self.neighbourhood.name if self.neighbourhood is not None else ""
        values = {"theme": theme, "wijk": wijk}
        if theme and wijk:
            return gettext("Activiteiten over %(theme)s in %(wijk)s") % values
        if theme:
            return gettext("Activiteiten over %(theme)s") % values
        if wijk:
            return gettext("Activiteiten in %(wijk)s") % values
        return gettext("Activiteiten")

    def query(self) -> str:
        """The selection as a query string (without '?'), for links."""
        params = []
        if self.neighbourhood is not None:
            params.append(f"wijk={self.neighbourhood.pk}")
        if self.theme is not None:
            params.append(f"thema={self.theme.slug}")
        return "&".join(params)


def upcoming(
    selection: Selection,
    *,
    now: datetime | None = None,
    days: int = DAYS,
    limit: int = LIMIT,
    until: datetime | None = None,
) -> list[tuple[Occurrence, ActivityPage]]:
    """The selection's occurrences starting in the next ``days`` days (or
    before ``until``: the printed agenda's week), soonest first, at most
    ``limit``."""
    start = now or timezone.now()
    end = until or start + timedelta(days=days)
    params: dict = {"after": start, "until": end, "limit": limit}
    where = []
    if selection.initiative is not None:
        if not selection.page_ids:
            return []
        where.append("AND o.page_id = ANY(%(ids)s)")
        params["ids"] = selection.page_ids
    if selection.neighbourhood is not None:
        where.append("AND d.neighbourhood_id = %(wijk)s")
        params["wijk"] = selection.neighbourhood.pk
    if selection.theme is not None:
        where.append("AND d.themes @> %(themes)s::varchar[]")
        params["themes"] = [selection.theme.slug]
    sql = _SQL.format(
        occurrences=SearchOccurrence._meta.db_table,
        documents=SearchDocument._meta.db_table,
        where=" ".join(where),
    )
    rows = fetch(sql, params, _Row)
    # The meeting place too: a safe address there keeps the activity's
    # address off the embed.
    return confirmed_occurrences(
        rows, start, end, related=("meeting_place", "neighbourhood", "municipality")
    )
