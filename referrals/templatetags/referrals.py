"""Whether the visitor may refer someone from a listing's page."""

from django import template

from professionals.querysets import is_approved_professional

register = template.Library()


@register.simple_tag(takes_context=True)
def can_refer(context) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None)
    return bool(user is not None and is_approved_professional(user))
