"""/contactpunten/: every active contact point, per gemeente."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_safe

from initiatives.models import Municipality

from .models import ContactPoint


@dataclass(frozen=True)
class Entry:
    point: ContactPoint
    scope: str  # whom it serves here: "Voor de wijk Wielwijk"
    anchor: str  # unique on the page, also when listed under two gemeenten


@dataclass
class Gemeente:
    municipality: Municipality
    # Points for the whole gemeente first, then those of its wijken, each
    # with whom it serves here.
    whole: list[Entry] = field(default_factory=list)
    wijken: list[Entry] = field(default_factory=list)

    @property
    def points(self) -> list[Entry]:
        return self.whole + self.wijken


def per_gemeente(points: list[ContactPoint]) -> list[Gemeente]:
    """A point serving two gemeenten is listed under both."""
    groups: dict[int, Gemeente] = {}

    def group(municipality: Municipality) -> Gemeente:
        return groups.setdefault(municipality.pk, Gemeente(municipality))

    for point in points:
        for municipality in point.municipalities.all():
            group(municipality).whole.append(
                Entry(
                    point,
                    gettext("Voor heel %(gemeente)s") % {"gemeente": municipality.name},
                    f"{municipality.slug}-{point.pk}",
                )
            )
        wijken: dict[int, list[str]] = {}
        for wijk in point.neighbourhoods.all():
            wijken.setdefault(wijk.municipality_id, []).append(wijk.name)
            group(wijk.municipality)
        for municipality_id, names in wijken.items():
            gemeente = groups[municipality_id]
            gemeente.wijken.append(
                Entry(
                    point,
                    ngettext("Voor de wijk %(wijken)s", "Voor de wijken %(wijken)s", len(names))
                    % {"wijken": ", ".join(names)},
                    f"{gemeente.municipality.slug}-wijk-{point.pk}",
                )
            )
    return sorted(groups.values(), key=lambda g: g.municipality.name)


@require_safe
def contact_point_list(request: HttpRequest) -> HttpResponse:
    points = list(ContactPoint.objects.active().with_areas().order_by("name"))
    return render(request, "contactpoints/list.html", {"gemeenten": per_gemeente(points)})
