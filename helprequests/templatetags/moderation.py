"""The site header's link to the moderation screen, for moderators who do
not use the Wagtail admin."""

from django import template

from ..waiting import help_requests_waiting

register = template.Library()


@register.simple_tag
def help_moderation_link(user):
    """How many help requests wait for ``user`` and where; None for anyone
    who does not moderate (no query for them)."""
    if not user.is_authenticated:
        return None
    return help_requests_waiting(user)
