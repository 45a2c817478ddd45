"""The anonymous page cache: whole public pages, as an anonymous visitor
gets them, kept in the shared cache (Redis in production) for
``PAGE_CACHE_SECONDS`` and served to the next anonymous visitor without
running the view (docs/security.md, "The page cache").

What may be cached is decided on both sides, and everything that is not
clearly public and anonymous is passed through untouched:

- the request: GET or HEAD of a URL kind on the allow-list
  (``PAGE_CACHE_VIEWS``, URL names), with no session cookie, no messages
  cookie and no ``Authorization`` header. A request that carries a session
  cookie neither reads nor writes the cache, whether it is logged in or not;
- the response: a plain 200 that sets no cookie, does not vary on Cookie (or
  on a header the key does not hold), is not private / no-store / no-cache,
  and was made for an anonymous user with an empty, unchanged session.

The key holds the content version (core/versioning.py: bumped on every
publish, unpublish and public content change, so a change is visible on the
next request), today's local date (the home page's "Vandaag", "nu open") and
the scheme, host, path and query. Time-dependent parts are therefore never
older than the timeout, which is why it is short (60 s).

The pages are kept in the cache ``PAGE_CACHE_ALIAS`` (the default cache, or
``PAGE_CACHE_URL``: a Redis database of their own that may evict them without
touching the rate-limit counters); the content version always lives in the
default cache, shared by every process. The cache failing (Redis down) is
logged and the page is made as if there were no cache.

``PAGE_CACHE_HEADER`` adds ``X-Cache: hit|miss`` for benchmarks and the load
test; off in production, because a hit tells an outsider that someone asked
the same URL within the minute.
"""

from __future__ import annotations

import hashlib
import logging
import zlib

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.cache import cc_delim_re, patch_cache_control, patch_vary_headers

from .versioning import content_version

logger = logging.getLogger(__name__)

HEADER = "X-Cache"
# Response headers a cached copy keeps; whatever else an inner layer sets is
# dropped rather than replayed to someone else.
KEPT_HEADERS = frozenset(
    {
        "content-type",
        "content-length",
        "content-language",
        "x-frame-options",
        "x-content-type-options",
        "referrer-policy",
        "cross-origin-opener-policy",
        "content-security-policy",
        "permissions-policy",
        "cache-control",
        "vary",
        "link",
    }
)
# Vary headers the key accounts for. Cookie is not one: the request had no
# session or messages cookie, and a response that varies on any cookie is not
# stored. Accept-Language is keyed by the language chosen from it when there
# is more than one (LocaleMiddleware names it on every response).
KEYED_VARY = frozenset({"accept-language"})
REFUSED_CACHE_CONTROL = frozenset({"private", "no-store", "no-cache"})
# Large pages (a list with a map) shrink about tenfold; level 1 costs a
# fraction of a millisecond and keeps Redis's memory and traffic small.
COMPRESS_LEVEL = 1


def never_share(response: HttpResponse) -> HttpResponse:
    """Mark a response that must not be served to anyone else: it depends on
    the browser in a way the key does not show (the demand counter's cookie).
    Shared HTTP caches in front of the site respect it too."""
    patch_cache_control(response, private=True)
    return response


def do_not_store(request: HttpRequest | None) -> None:
    """Keep this request's page out of the cache: it shows a passing state
    of this client or of an outside service (a geocoder that was throttled
    for this client, or could not be reached), which others must not get
    for the next minute."""
    if request is not None:
        request.page_cache_refused = True


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


def _cacheable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies:
        return False
    if "Authorization" in request.headers:
        return False
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return False
    return match.view_name in settings.PAGE_CACHE_VIEWS


def request_digest(request: HttpRequest) -> str:
    """What the page depends on besides content and date: the absolute URL
    with its query (links and canonical URLs are absolute), and the language
    when the site has more than one."""
    parts = [request.scheme, request.get_host(), request.get_full_path()]
    if len(settings.LANGUAGES) > 1:
        parts.append(translation.get_language_from_request(request))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def cache_key(digest: str) -> str:
    """Asks the cache for the content version: call where its failure is caught."""
    return f"page:{content_version()}:{timezone.localdate():%Y%m%d}:{digest}"


def _vary(response: HttpResponse) -> set[str]:
    return {h.strip().lower() for h in cc_delim_re.split(response.get("Vary", "")) if h.strip()}


def _cache_control(response: HttpResponse) -> set[str]:
    value = response.get("Cache-Control", "")
    return {d.split("=")[0].strip().lower() for d in cc_delim_re.split(value) if d.strip()}


def storable(request: HttpRequest, response: HttpResponse) -> bool:
    """The response rules: a public 200 made for nobody in particular."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if getattr(request, "page_cache_refused", False):
        return False
    if "Set-Cookie" in response:
        return False
    if _vary(response) - KEYED_VARY:  # Cookie, or anything the key does not hold
        return False
    if _cache_control(response) & REFUSED_CACHE_CONTROL:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    session = getattr(request, "session", None)
    return not (session is not None and (session.modified or not session.is_empty()))


def _pack(response: HttpResponse) -> tuple:
    headers = [(k, v) for k, v in response.items() if k.lower() in KEPT_HEADERS]
    return (response.status_code, headers, zlib.compress(response.content, COMPRESS_LEVEL))


def _unpack(entry: tuple) -> HttpResponse:
    status, headers, body = entry
    response = HttpResponse(zlib.decompress(body), status=status)
    for name, value in headers:
        response[name] = value
    return response


def _mark(response: HttpResponse, state: str) -> None:
    if settings.PAGE_CACHE_HEADER:
        response[HEADER] = state


class PageCacheMiddleware:
    """Between the session middleware (outside) and everything that reads
    the session, the user or the CSRF cookie (inside), so a hit skips them
    and a stored response already holds what they added. See the module
    docstring for the rules."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not enabled() or not _cacheable_request(request):
            return self.get_response(request)
        digest = request_digest(request)  # a bad Host is a 400, not a cache failure
        try:
            key = cache_key(digest)
            entry = caches[settings.PAGE_CACHE_ALIAS].get(key)
        except Exception as exc:  # noqa: BLE001 - a cache that is down is no cache
            logger.warning("Page cache unavailable, serving uncached: %r", exc)
            return self.get_response(request)
        if entry is not None:
            response = _unpack(entry)
            _mark(response, "hit")
            # Served because the request had no session cookie: a shared
            # cache in front must not give this copy to one that has.
            patch_vary_headers(response, ("Cookie",))
            return response
        response = self.get_response(request)
        _mark(response, "miss")
        # Stored from a GET only: a view or server may leave a HEAD's body out.
        if request.method == "GET" and storable(request, response):
            try:
                caches[settings.PAGE_CACHE_ALIAS].set(
                    key, _pack(response), timeout=settings.PAGE_CACHE_SECONDS
                )
            except Exception as exc:  # noqa: BLE001
                logger.warning("Page cache unavailable, response not stored: %r", exc)
        return response
