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

Many identical misses at once (a popular page whose copy has just gone
stale, or every page after a publish) make the page once: the first takes a
lock in the cache (``add``: Redis ``SET NX`` with a timeout) and makes it;
the others serve the stale copy while it is made or, when there is none (a
new content version or date), wait up to ``PAGE_CACHE_WAIT_SECONDS`` for the
fresh one. A copy is kept ``PAGE_CACHE_STALE_SECONDS`` past its freshness
for that purpose only: a request that finds it stale and the lock free makes
the page itself, so a stale copy is served only while the page is being
made (at most ``PAGE_CACHE_LOCK_SECONDS``, should its maker die).

``PAGE_CACHE_HEADER`` adds ``X-Cache: hit|stale|miss`` for benchmarks and the load
test; off in production, because a hit tells an outsider that someone asked
the same URL within the minute.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import time
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404
from django.utils import timezone
from django.utils.cache import cc_delim_re, patch_cache_control, patch_vary_headers

from .i18n import path_language, resolve_in_its_language
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
        match = resolve_in_its_language(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return False
    return match.view_name in settings.PAGE_CACHE_VIEWS


def request_digest(request: HttpRequest) -> str:
    """What the page depends on besides content and date: the absolute URL
    with its query (links and canonical URLs are absolute), and the language
    the page is shown in (its address's: core/i18n.py)."""
    parts = [request.scheme, request.get_host(), request.get_full_path()]
    if len(settings.LANGUAGES) > 1:
        parts.append(path_language(request.path_info))
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


@dataclass(frozen=True)
class _Entry:
    fresh_until: float  # time.time() after which the copy is stale
    status: int
    headers: list[tuple[str, str]]
    body: bytes  # compressed

    @property
    def fresh(self) -> bool:
        return time.time() < self.fresh_until


def _kept_seconds() -> int:
    """How long a copy stays in the cache: fresh, then stale for as long
    again (``PAGE_CACHE_STALE_SECONDS``), served only while one request
    makes the page anew."""
    return settings.PAGE_CACHE_SECONDS + settings.PAGE_CACHE_STALE_SECONDS


def _pack(response: HttpResponse) -> tuple:
    headers = [(k, v) for k, v in response.items() if k.lower() in KEPT_HEADERS]
    fresh_until = time.time() + settings.PAGE_CACHE_SECONDS
    return (
        fresh_until,
        response.status_code,
        headers,
        zlib.compress(response.content, COMPRESS_LEVEL),
    )


def _read(value) -> _Entry | None:
    # Anything else (a copy in an older layout) is a miss.
    if isinstance(value, tuple) and len(value) == 4:
        return _Entry(*value)
    return None


def _served(entry: _Entry, state: str) -> HttpResponse:
    response = HttpResponse(zlib.decompress(entry.body), status=entry.status)
    for name, value in entry.headers:
        response[name] = value
    _mark(response, state)
    # Served because the request had no session cookie: a shared cache in
    # front must not give this copy to one that has.
    patch_vary_headers(response, ("Cookie",))
    return response


class _Lock:
    """One request makes a page that is missing or stale; the others serve
    the stale copy or wait for the fresh one (``SET NX`` with a timeout in
    Redis: a process that dies holding it blocks nobody for long)."""

    POLL_SECONDS = 0.02

    def __init__(self, pages, key: str):
        self.pages = pages
        self.key = f"{key}:lock"
        self.entry_key = key
        self.token = secrets.token_hex(8)

    def acquire(self) -> bool:
        try:
            return bool(
                self.pages.add(self.key, self.token, timeout=settings.PAGE_CACHE_LOCK_SECONDS)
            )
        except Exception as exc:  # noqa: BLE001 - then everyone makes their own
            logger.warning("Page cache lock unavailable: %r", exc)
            return False

    def wait_for_entry(self) -> _Entry | None:
        """The page the lock's holder stores, or None once it gives up the
        lock without storing one (the page was not storable) or after
        ``PAGE_CACHE_WAIT_SECONDS``."""
        deadline = time.monotonic() + settings.PAGE_CACHE_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(self.POLL_SECONDS)
            try:
                found = self.pages.get_many([self.entry_key, self.key])
            except Exception as exc:  # noqa: BLE001
                logger.warning("Page cache unavailable while waiting: %r", exc)
                return None
            entry = _read(found.get(self.entry_key))
            if entry is not None and entry.fresh:
                return entry
            if self.key not in found:
                return None
        return None

    def stored_entry(self) -> _Entry | None:
        try:
            entry = _read(self.pages.get(self.entry_key))
        except Exception:  # noqa: BLE001
            return None
        return entry if entry is not None and entry.fresh else None

    def release(self) -> None:
        try:
            # Only our own: after a timeout the lock may be someone else's.
            if self.pages.get(self.key) == self.token:
                self.pages.delete(self.key)
        except Exception as exc:  # noqa: BLE001
            logger.warning("Page cache lock not released: %r", exc)


def _mark(response: HttpResponse, state: str) -> None:
    if settings.PAGE_CACHE_HEADER:
        response[HEADER] = state


class PageCacheMiddleware:
    """Between the session middleware (outside) and everything that reads
    the session, the user or the CSRF cookie (inside), so a hit skips them
    and a stored response already holds what they added. See the module
    docstring for the rules, and "Many identical misses at once" for the
    single-flight lock."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not enabled() or not _cacheable_request(request):
            return self.get_response(request)
        digest = request_digest(request)  # a bad Host is a 400, not a cache failure
        try:
            key = cache_key(digest)
            pages = caches[settings.PAGE_CACHE_ALIAS]
            entry = _read(pages.get(key))
        except Exception as exc:  # noqa: BLE001 - a cache that is down is no cache
            logger.warning("Page cache unavailable, serving uncached: %r", exc)
            return self.get_response(request)
        if entry is not None and entry.fresh:
            return _served(entry, "hit")
        # Stored from a GET only: a view or server may leave a HEAD's body out;
        # so only a GET takes the lock to make the page for everyone.
        lock = _Lock(pages, key) if request.method == "GET" else None
        if lock is not None and not lock.acquire():
            if entry is not None:  # someone is refreshing it: the copy of a moment ago
                return _served(entry, "stale")
            waited = lock.wait_for_entry()
            if waited is not None:
                return _served(waited, "hit")
            lock = None  # it was not stored (or took too long): make our own
        elif lock is not None:
            # Made and stored between our read and the lock being given up?
            made = lock.stored_entry()
            if made is not None:
                lock.release()
                return _served(made, "hit")
        try:
            response = self.get_response(request)
            _mark(response, "miss")
            if lock is not None and storable(request, response):
                try:
                    pages.set(key, _pack(response), timeout=_kept_seconds())
                except Exception as exc:  # noqa: BLE001
                    logger.warning("Page cache unavailable, response not stored: %r", exc)
        finally:
            if lock is not None:
                lock.release()
        return response
