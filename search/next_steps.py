"""What to offer when a search finds nothing: an honest "niets gevonden" with
steps that can find something (a wider area, the whole gemeente, a theme, the
wijk's contact point), rather than a guess at what was meant."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.contrib.gis.geos import Point
from django.db.models import Q
from django.http import QueryDict
from django.utils.translation import gettext

from contactpoints import services as contactpoints
from contactpoints.models import ContactPoint
from initiatives.models import Municipality, Theme
from initiatives.models.taxonomy import by_display_name, translated_language

from .geohash import distance_km
from .query import MAX_RADIUS_KM, SearchQuery
from .results import SearchResults

WIDER_KM = (5, 10, 25, 50, MAX_RADIUS_KM)
MAX_THEMES = 3


@dataclass(frozen=True)
class NextStep:
    text: str
    url: str  # a query string, "?…"


def contact_point_for(q: SearchQuery, *, site_wide: bool = False) -> ContactPoint | None:
    """The contact point of the wijk or gemeente searched in, or of the wijk
    around the point searched near. Without a place, with ``site_wide``, the
    one gemeente's (an empty result still gets a person to ask)."""
    if q.neighbourhood_id is not None or q.municipality_id is not None:
        return contactpoints.contact_point_for(
            neighbourhood=q.neighbourhood_id, municipality=q.municipality_id
        )
    if q.near is not None:
        return contactpoints.contact_point_for(point=q.near)
    return contactpoints.site_contact_point() if site_wide else None


def next_steps(results: SearchResults, params: QueryDict) -> list[NextStep]:
    """Links that keep the other parameters and widen one thing."""
    q = results.query
    steps: list[NextStep] = []
    if q.near is not None and q.radius_km is not None:
        wider = next((km for km in WIDER_KM if km > q.radius_km), None)
        if wider is not None:
            steps.append(
                NextStep(
                    gettext("Zoek verder weg: binnen %(km)s km") % {"km": wider},
                    _with(params, straal=wider),
                )
            )
        gemeente = Municipality.objects.filter(boundary__covers=q.near).first()
        if gemeente is not None:
            km = _covering_km(q.near, gemeente.boundary.extent)
            if q.radius_km < km <= MAX_RADIUS_KM and km != wider:
                steps.append(
                    NextStep(
                        gettext("Zoek in heel %(gemeente)s (binnen %(km)s km)")
                        % {"gemeente": gemeente.name, "km": km},
                        _with(params, straal=km),
                    )
                )
    for theme in _themes(q.words, results.also_searched):
        steps.append(
            NextStep(
                gettext("Bekijk alles over %(theme)s") % {"theme": theme.localized_name},
                _theme_link(params, theme.slug),
            )
        )
    return steps


def _with(params: QueryDict, **values: object) -> str:
    query = params.copy()
    query.pop("pagina", None)
    for name, value in values.items():
        query[name] = str(value)
    return "?" + query.urlencode()


def _theme_link(params: QueryDict, slug: str) -> str:
    """The theme instead of the words, within the same place."""
    query = QueryDict(mutable=True)
    for name in ("waar", "straal"):
        if params.get(name):
            query[name] = params[name]
    query["thema"] = slug
    return "?" + query.urlencode()


def _themes(words: tuple[str, ...], also: list[str]) -> list[Theme]:
    """Themes whose name holds a searched word or one of its synonyms
    ("mantelzorger" -> Mantelzorg), or whose name in the page's language
    does ("carers" -> Support for carers), in the order of the names shown.
    Themes are few: the matching ones are read, then the first shown."""
    stems = {w[:6] for w in (*words, *also) if len(w) >= 4}
    if not stems:
        return []
    language = translated_language()
    match = reduce(or_, (_theme_match(s, language) for s in sorted(stems)))
    return by_display_name(Theme.objects.filter(match).order_by("name"))[:MAX_THEMES]


def _theme_match(stem: str, language: str | None) -> Q:
    match = Q(name__icontains=stem) | Q(slug__icontains=stem)
    if language is not None:
        # A key lookup: the language is a query parameter, as is the stem.
        match |= Q(**{f"name_translations__{language}__icontains": stem})
    return match


def _covering_km(point: Point, extent: tuple[float, float, float, float]) -> int:
    """A radius from ``point`` that covers the box ``extent`` (its farthest
    corner), in whole km."""
    xmin, ymin, xmax, ymax = extent
    corners = [(xmin, ymin), (xmin, ymax), (xmax, ymin), (xmax, ymax)]
    return math.ceil(max(distance_km(point.y, point.x, y, x) for x, y in corners))
