"""Security headers Django does not send itself: Content-Security-Policy and
Permissions-Policy (docs/security.md).

The public site gets a strict policy: scripts and styles only from our own
static files, images from us, ``data:`` URLs and the map tile server. The
Wagtail and Django admin get a looser one, because Wagtail's admin sets
inline styles and runs a few inline scripts; only editors reach it.

A view that sets its own policy keeps it (Wagtail's document view sends
``default-src 'none'``).
"""

from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from django.core.signals import setting_changed

SELF = "'self'"
NONE = "'none'"


def origin_of(url: str) -> str | None:
    """``https://host[:port]`` of an absolute URL; a Leaflet ``{s}``
    subdomain placeholder becomes ``*``. None for a relative URL."""
    parts = urlsplit(url.replace("{s}", "*"))
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def _extra_image_sources() -> list[str]:
    sources = []
    for url in (settings.MAP_TILE_URL, settings.MEDIA_URL):
        origin = origin_of(url)
        if origin and origin not in sources:
            sources.append(origin)
    return sources


def _render(directives: dict[str, list[str]]) -> str:
    return "; ".join(" ".join([name, *values]) for name, values in directives.items())


def _public_directives(frame_ancestors: str) -> dict[str, list[str]]:
    return {
        "default-src": [SELF],
        "img-src": [SELF, "data:", *_extra_image_sources()],
        "script-src": [SELF],
        "style-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [frame_ancestors],
    }


@cache
def public_policy() -> str:
    return _render(_public_directives(NONE))


@cache
def preview_policy() -> str:
    """A page previewed in the admin: the public policy, so the preview shows
    what visitors will get, but the admin may show it in its iframe."""
    return _render(_public_directives(SELF))


def framable_policy(frame_ancestors: str) -> str:
    """The public policy for a page other sites may show in an iframe (the
    embed pages, docs/embed.md): only ``frame-ancestors`` differs."""
    return _render(_public_directives(frame_ancestors))


@cache
def admin_policy() -> str:
    return _render(
        {
            "default-src": [SELF],
            # blob: previews of an image before it is uploaded.
            "img-src": [SELF, "data:", "blob:", *_extra_image_sources()],
            # Wagtail's admin templates still hold inline scripts (the
            # Draftail and chooser setup) and inline styles.
            "script-src": [SELF, "'unsafe-inline'"],
            "style-src": [SELF, "'unsafe-inline'"],
            "object-src": [NONE],
            "base-uri": [SELF],
            "form-action": [SELF],
            # The page preview shows the page in an iframe of the admin.
            "frame-src": [SELF],
            "frame-ancestors": [SELF],
        }
    )


def policy_for(request) -> str:
    # Wagtail renders a preview by sending a made-up request for the page's
    # own URL through the middleware, marked ``is_dummy``.
    if getattr(request, "is_dummy", False):
        return preview_policy()
    if request.path_info.startswith(tuple(settings.CSP_ADMIN_PATHS)):
        return admin_policy()
    return public_policy()


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy_for(request)
        if "Permissions-Policy" not in response:
            response["Permissions-Policy"] = settings.PERMISSIONS_POLICY
        return response


def _clear_cached_policies(*, setting, **kwargs):
    if setting in ("MAP_TILE_URL", "MEDIA_URL"):
        for policy in (public_policy, preview_policy, admin_policy):
            policy.cache_clear()


setting_changed.connect(_clear_cached_policies)
