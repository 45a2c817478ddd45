"""Which contact point a place has: the wijk's own first, else the
gemeente's. Reads only (the name follows the other apps' services modules,
which the pages call)."""

from __future__ import annotations

from django.contrib.gis.geos import Point

from initiatives.areas import area_for_point
from initiatives.models import Municipality, Neighbourhood

from .models import ContactPoint, ContactPointKind

# For "someone to talk to" in general, the wijkteam before a loket before a
# specialised point; a caller that knows the question may ask for a kind.
GENERAL_ORDER = [
    ContactPointKind.WIJKTEAM,
    ContactPointKind.WMO_LOKET,
    ContactPointKind.INFORMATIEPUNT,
    ContactPointKind.MANTELZORG,
]


def _first(queryset, kind: str | None) -> ContactPoint | None:
    points = list(queryset.active())
    if not points:
        return None
    order = [kind, *GENERAL_ORDER] if kind else GENERAL_ORDER
    return min(points, key=lambda p: (order.index(p.kind) if p.kind in order else 99, p.name))


def contact_point_for(
    *,
    neighbourhood: Neighbourhood | None = None,
    municipality: Municipality | None = None,
    point: Point | None = None,
    kind: str | None = None,
) -> ContactPoint | None:
    """The contact point for a wijk, a gemeente or a point (whose wijk and
    gemeente are looked up): the wijk's own, else the gemeente's, else None.
    ``kind`` prefers one kind (``mantelzorg`` for a carer's question)."""
    if neighbourhood is None and municipality is None and point is not None:
        neighbourhood, municipality = area_for_point(point)
    if neighbourhood is not None:
        found = _first(ContactPoint.objects.for_neighbourhood(neighbourhood), kind)
        if found is not None:
            return found
        municipality = municipality or neighbourhood.municipality
    if municipality is not None:
        return _first(ContactPoint.objects.for_municipality(municipality), kind)
    return None
