from django.conf import settings

from core import themes


def site(request):
    return {
        "SITE_NAME": settings.WAGTAIL_SITE_NAME,
        "MAP_TILE_URL": settings.MAP_TILE_URL,
        "MAP_TILE_ATTRIBUTION": settings.MAP_TILE_ATTRIBUTION,
        "THEME": themes.current(),
    }
