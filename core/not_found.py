"""The site's own Dutch 404 page, also while DEBUG is on.

With DEBUG off Django answers an unknown address with ``templates/404.html``.
With DEBUG on it shows its technical page instead: English, with the list of
URL patterns. People who click through a development or test server with
DEBUG on (editors, testers, a municipality trying the site) should see what
residents see, so this middleware renders the same page Django's
``handler404`` renders in production. With DEBUG off it does nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.defaults import page_not_found


class NotFoundPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # An address no URL pattern matches fails before any view (and before
        # process_exception): Django has already turned it into its technical
        # page, which is recognisable by the request never being resolved.
        if (
            settings.DEBUG
            and response.status_code == 404
            and getattr(request, "resolver_match", None) is None
        ):
            return page_not_found(request, Http404())
        return response

    def process_exception(self, request: HttpRequest, exception: Exception):
        """A view (Wagtail's page serving too) that raises Http404."""
        if settings.DEBUG and isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None
