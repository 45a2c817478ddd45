"""A Wagtail admin menu item whose label carries how many things wait for the
person looking (help requests, registrations): moderators start in the admin,
and a count there is what makes waiting work visible."""

from __future__ import annotations

from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent


class CountedMenuItem(MenuItem):
    def waiting(self, request) -> int:
        """How many wait for ``request.user``; only their own share."""
        raise NotImplementedError

    def render_component(self, request):
        waiting = self.waiting(request)
        return LinkMenuItemComponent(
            self.name,
            f"{self.label} ({waiting})" if waiting else self.label,
            self.url,
            icon_name=self.icon_name,
            attrs=self.attrs,
        )
