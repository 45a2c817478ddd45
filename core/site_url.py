"""One base URL for every absolute link the site hands out: open data (HSDS),
calendars, the API, JSON-LD, the sitemap and e-mails.

``WAGTAILADMIN_BASE_URL`` (environment: ``WAGTAILADMIN_BASE_URL`` or
``BASE_URL``) is the address residents and other systems use, e.g.
``https://meedoen.gemeente.nl``. Without it links would carry the Wagtail
Site's hostname, which the first migration sets to ``localhost``; so the Site
is kept in step with the setting after every migrate (``sync_default_site``),
and ``check --deploy`` refuses a base URL on localhost or plain http.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.urls import reverse
from django.utils.functional import lazy

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "testserver"}


def base_url() -> str:
    """The configured base URL without a trailing slash."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(path: str) -> str:
    """``path`` (starting with /) on the configured base URL."""
    return base_url() + path


def _built(build: Callable[[], str]) -> str:
    return build()


_deferred = lazy(_built, str)


def deferred(build: Callable[[], str]) -> str:
    """An address built when it is rendered, not now. A mail is rendered
    once per recipient language (core/mail.py): an address reversed now
    would carry the language of whoever acted (``/en/…``) to a reader who
    chose another, so mails get their links through this."""
    return _deferred(build)


def link(viewname: str, *args, **kwargs) -> str:
    """``absolute_url(reverse(viewname, args))``, reversed when rendered
    (``deferred``), so in the language the mail is written in."""
    return deferred(
        lambda: absolute_url(reverse(viewname, args=args or None, kwargs=kwargs or None))
    )


def page_link(page) -> str:
    """A page's full address when rendered (``deferred``); '' outside a site."""
    return deferred(lambda: page_full_url(page) or "")


def page_full_url(page, request=None) -> str | None:
    """A page's address on the configured base URL, whatever the Site says
    (None for a page outside any site)."""
    parts = page.get_url_parts(request)
    if parts is None:
        return None
    return absolute_url(parts[2])


def sync_default_site() -> None:
    """Give the default Wagtail Site the base URL's host and port, so what
    Wagtail builds itself (the API's ``html_url``, "view live" in the admin)
    uses the same address."""
    from wagtail.models import Site

    parts = urlsplit(base_url())
    if not parts.hostname:
        return
    port = parts.port or (443 if parts.scheme == "https" else 80)
    Site.objects.filter(is_default_site=True).exclude(hostname=parts.hostname, port=port).update(
        hostname=parts.hostname, port=port
    )
    Site.clear_site_root_paths_cache()


@register(Tags.security, deploy=True)
def check_base_url(app_configs, **kwargs):
    """In production the base URL is the site's public https address."""
    parts = urlsplit(settings.WAGTAILADMIN_BASE_URL or "")
    if parts.scheme != "https" or not parts.hostname or parts.hostname in LOCAL_HOSTS:
        return [
            Error(
                f"WAGTAILADMIN_BASE_URL is {settings.WAGTAILADMIN_BASE_URL!r}.",
                hint="Set WAGTAILADMIN_BASE_URL to the site's public https address, "
                "e.g. https://meedoen.gemeente.nl: every link in open data, "
                "calendars, the API and e-mails is built on it.",
                id="core.E001",
            )
        ]
    return []
