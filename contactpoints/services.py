"""Which contact point a place has: the wijk's own first, else the
gemeente's. Reads only (the name follows the other apps' services modules,
which the pages call)."""

from __future__ import annotations

from django.contrib.gis.geos import Point
from django.db.models import Exists, OuterRef, Q

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

WIJKEN = ContactPoint.neighbourhoods.through
GEMEENTEN = ContactPoint.municipalities.through


def _pk(area: Neighbourhood | Municipality | int | None) -> int | None:
    return area if area is None or isinstance(area, int) else area.pk


def _best(points: list[ContactPoint], kind: str | None) -> ContactPoint | None:
    order = [kind, *GENERAL_ORDER] if kind else GENERAL_ORDER

    def rank(p: ContactPoint) -> tuple:
        # The wijk's own before the gemeente's, then the kind, then the name.
        return (not p.serves_wijk, order.index(p.kind) if p.kind in order else 99, p.name)

    return min(points, key=rank, default=None)


def contact_point_for(
    *,
    neighbourhood: Neighbourhood | int | None = None,
    municipality: Municipality | int | None = None,
    point: Point | None = None,
    kind: str | None = None,
) -> ContactPoint | None:
    """The contact point for a wijk, a gemeente or a point (whose wijk and
    gemeente are looked up): the wijk's own, else the gemeente's, else None.
    A wijk without a gemeente given falls back to its own gemeente's. Areas
    may be given as objects or ids. ``kind`` prefers one kind (``mantelzorg``
    for a carer's question). One query (two with a point)."""
    if neighbourhood is None and municipality is None and point is not None:
        neighbourhood, municipality = area_for_point(point)
    wijk_id, gemeente_id = _pk(neighbourhood), _pk(municipality)
    if wijk_id is None and gemeente_id is None:
        return None
    if gemeente_id is not None:
        gemeente = GEMEENTEN.objects.filter(municipality_id=gemeente_id)
    else:
        gemeente = GEMEENTEN.objects.filter(municipality__neighbourhoods=wijk_id)
    wijk = WIJKEN.objects.filter(neighbourhood_id=wijk_id)
    points = (
        ContactPoint.objects.active()
        .filter(
            Q(pk__in=wijk.values("contactpoint_id")) | Q(pk__in=gemeente.values("contactpoint_id"))
        )
        .annotate(serves_wijk=Exists(wijk.filter(contactpoint_id=OuterRef("pk"))))
    )
    return _best(list(points), kind)


def site_contact_point(*, kind: str | None = None) -> ContactPoint | None:
    """The contact point for a visitor whose place is unknown (the 404, the
    help form of someone we know nothing about): the gemeente-wide one when
    the site has exactly one gemeente with a gemeente-wide contact point;
    with several gemeenten a guess would send people to the wrong desk."""
    gemeenten = list(
        GEMEENTEN.objects.filter(contactpoint__active=True)
        .values_list("municipality_id", flat=True)
        .distinct()[:2]
    )
    if len(gemeenten) != 1:
        return None
    return contact_point_for(municipality=gemeenten[0], kind=kind)
