"""``{% contact_point ... %}``: the "Liever iemand spreken?" block for a
place, resolved here so that pages of apps below contactpoints (the home
page in initiatives, the 404) show it by loading this library in their
template, without importing this app (docs/architecture.md)."""

from __future__ import annotations

from django import template

from ..services import contact_point_for, site_contact_point

register = template.Library()

INCLUDE = "contactpoints/includes/contact_point.html"


@register.inclusion_tag(INCLUDE)
def contact_point(
    *,
    point=None,
    neighbourhood=None,
    municipality=None,
    kind=None,
    site_wide: bool = False,
    heading: str = "",
):
    """The contact point of a point, a wijk or a gemeente (objects or ids);
    with ``site_wide`` and no place, the one gemeente's (``site_contact_point``).
    Renders nothing when there is none."""
    found = None
    if point is not None or neighbourhood is not None or municipality is not None:
        found = contact_point_for(
            point=point, neighbourhood=neighbourhood, municipality=municipality, kind=kind
        )
    elif site_wide:
        found = site_contact_point(kind=kind)
    return {"contact_point": found, "heading": heading}
