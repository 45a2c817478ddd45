"""``{% demand_section %}``: the unmet-demand section in the municipal
overview's template. A tag rather than a call from the overview's view, so
volunteers (the overview) need not import search (docs/architecture.md)."""

from django import template

from ..demand_views import can_view_demand, demand_section_context

register = template.Library()


@register.inclusion_tag("search/admin/demand_section.html", takes_context=True)
def demand_section(context):
    request = context["request"]
    if not can_view_demand(request.user):  # the overview checked; this is belt and braces
        return {"demand": None}
    return {"demand": demand_section_context(request), "per": request.GET.get("per", "")}
