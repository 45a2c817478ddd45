"""Which wijk and gemeente a point lies in: for one point (a listing's
``clean()``, a help request) or for a whole table at once (after new
boundaries or a bulk load)."""

from __future__ import annotations

from django.contrib.gis.geos import Point
from django.db import connection
from django.db.models import Model

from .models.geography import Municipality, Neighbourhood


def area_for_point(point: Point | None) -> tuple[Neighbourhood | None, Municipality | None]:
    """The wijk and municipality whose boundary covers ``point``."""
    if point is None:
        return None, None
    point = Point(point.x, point.y, srid=4326)
    wijk = Neighbourhood.objects.containing(point).select_related("municipality").first()
    if wijk:
        return wijk, wijk.municipality
    return None, Municipality.objects.filter(boundary__covers=point).first()


def assign_areas(model: type[Model]) -> int:
    """Recompute wijk and municipality for every row of a listing model in
    two statements (after boundaries change, or after a bulk load)."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {table} AS t SET neighbourhood_id = n.id, municipality_id = n.municipality_id
            FROM initiatives_neighbourhood AS n
            WHERE t.location IS NOT NULL
              AND ST_Covers(n.boundary, t.location::geometry)
              AND t.neighbourhood_id IS DISTINCT FROM n.id
            """
        )
        changed = cursor.rowcount
        cursor.execute(
            f"""
            UPDATE {table} AS t SET municipality_id = m.id
            FROM initiatives_municipality AS m
            WHERE t.location IS NOT NULL AND t.neighbourhood_id IS NULL
              AND ST_Covers(m.boundary, t.location::geometry)
              AND t.municipality_id IS DISTINCT FROM m.id
            """
        )
        return changed + cursor.rowcount


def listing_models() -> list[type[Model]]:
    from .models import ActivityPage, InitiativePage, MeetingPlacePage, VacancyPage

    return [InitiativePage, ActivityPage, MeetingPlacePage, VacancyPage]
