from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The public read-only API: Wagtail's API v2 for pages and the OpenAPI
    description (docs/api.md). The search API lives with search."""

    name = "api"
    verbose_name = "API"
