"""Where the home page's agenda comes from: the occurrences of live activities
in a window of time, soonest first (nearest first among equals near a point).

initiatives cannot import search (apps import in one direction, see
docs/architecture.md), yet the search index is what answers this without
expanding every schedule. So the answer is a provider that search registers
in its ``AppConfig.ready()``; without one (search not installed) the agenda
is computed from the pages themselves (``services.activities_between``),
which reads every live activity: correct, and fine for a small site only.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from django.contrib.gis.geos import Point

from .schedule import Occurrence

if TYPE_CHECKING:
    from .models import ActivityPage


class AgendaProvider(Protocol):
    def __call__(
        self,
        start: datetime,
        end: datetime,
        *,
        point: Point | None = None,
        km: float = 10,
        limit: int = 12,
        starting_after: datetime | None = None,
    ) -> list[tuple[Occurrence, ActivityPage]]:
        """At most ``limit`` occurrences that have not ended at ``start`` and
        begin before ``end`` (and after ``starting_after``, if given), each with
        its activity (``initiative_title`` and, near a point, ``distance`` set)."""
        ...


_provider: AgendaProvider | None = None


def register(provider: AgendaProvider | None) -> None:
    """Answer the agenda with ``provider`` from now on (None: the pages)."""
    global _provider
    _provider = provider


def registered() -> AgendaProvider | None:
    return _provider
