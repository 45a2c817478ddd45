"""Wagtail's read-only API v2 for pages, images and documents, at /api/v2/
(docs/open-data.md). Only live, public pages are served."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
