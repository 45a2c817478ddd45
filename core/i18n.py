"""Which language a visitor sees first (docs/languages.md, "Choosing a
language").

Dutch pages have the plain address (/zoeken/), the other languages their
prefix (/en/zoeken/). Someone who chose a language (the cookie the switcher
sets) or, on a first visit, whose browser asks for one (Accept-Language),
and who opens a plain address, is sent to the same page in that language.
An address with a prefix is always shown in its language, so a shared link
shows what its sender saw. Runs before the page cache, so a stored Dutch page
is never given to someone who asked for another language."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import NoReverseMatch, ResolverMatch, resolve, reverse, translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_path, get_language_from_request

# Never sent on by the browser's language: machine formats and the API, which
# programs read, and the embeds, which stand on another site in its language.
NOT_SENT_ON_PREFIXES = ("/api/", "/embed/")
NOT_SENT_ON_SUFFIXES = (
    ".json",
    ".geojson",
    ".atom",
    ".rss",
    ".ics",
    ".pdf",
    ".xml",
    ".txt",
    ".csv",
)


def sent_on(path: str) -> bool:
    return not path.startswith(NOT_SENT_ON_PREFIXES) and not path.endswith(NOT_SENT_ON_SUFFIXES)


class PreferredLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.method in ("GET", "HEAD")
            and not get_language_from_path(request.path_info)
            and sent_on(request.path_info)
        ):
            language = get_language_from_request(request, check_path=False)
            if language != settings.LANGUAGE_CODE:
                here = request.get_full_path()
                # Resolved as the Dutch address it is (the thread may still
                # hold the language of the request it served before).
                with translation.override(settings.LANGUAGE_CODE):
                    there = translate_url(here, language)
                if there != here:
                    response = HttpResponseRedirect(there)
                    patch_vary_headers(response, ("Cookie", "Accept-Language"))
                    return response
        return self.get_response(request)


def path_language(path: str) -> str:
    """The language a path is shown in: its prefix's, or Dutch."""
    return get_language_from_path(path) or settings.LANGUAGE_CODE


def resolve_in_its_language(path: str, urlconf=None) -> ResolverMatch:
    """``resolve`` for middleware that runs before LocaleMiddleware: the
    language prefix only matches while that language is active, and the
    thread may still hold the language of the request it served before."""
    with translation.override(path_language(path)):
        return resolve(path, urlconf)


def in_page_language(path: str) -> str:
    """A stored plain path (a search hit's, a map marker's) in the language
    of this page. Listing pages sit inside the language prefixes, so this is
    the prefix and nothing to resolve: it runs once per hit."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    if not path.startswith("/") or language == settings.LANGUAGE_CODE:
        return path
    if get_language_from_path(path):
        return path
    return f"/{language}{path}"


def alternates(request: HttpRequest) -> dict[str, str]:
    """This page's address in each language (empty when it has one address,
    such as the API): the view Django already resolved, reversed once per
    language."""
    match = getattr(request, "resolver_match", None)
    if match is None or not match.url_name:
        return {}
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    query = request.META.get("QUERY_STRING", "")
    urls = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            try:
                path = reverse(name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                return {}
        urls[code] = f"{path}?{query}" if query else path
    if len(set(urls.values())) < len(urls):
        return {}
    return urls


@contextmanager
def dutch_export() -> Iterator[None]:
    """The municipality's downloads (the overview's CSVs, the audit log) stay
    Dutch whatever the reader's language: they are records, kept and passed on
    beside other Dutch records, and a column named in another language would
    not match last month's file. As the audit purposes (signalling.services)."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


# Who knows the language an account chose: accounts registers its lookup
# (accounts/apps.py), so core needs no import of the apps above it.
account_language_lookups: list[Callable[..., str | None]] = []


def chosen_language(request: HttpRequest) -> str | None:
    """The language chosen on this device (the switcher's cookie), else the
    account's; None when neither was chosen. The same order as the rest of
    the site: a choice made here wins, the account fills in on a new device."""
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if cookie in dict(settings.LANGUAGES):
        return cookie
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        for lookup in account_language_lookups:
            if language := lookup(user):
                return language
    return None


def in_chosen_language(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For the staff pages inside the Wagtail admin (/admin/overzicht/,
    /admin/verwerkingen/, /admin/achtergrondtaken/): their address has no
    language prefix, so Django shows it in Dutch and Wagtail in the editor's
    Wagtail language (Dutch or English only). These pages follow the language
    the staff member chose on the site instead, in all six; without a choice
    they keep Wagtail's. The whole page, Wagtail's menu included, is rendered
    in it, so the menu and the page never disagree."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        language = chosen_language(request)
        if language is None:
            return view(request, *args, **kwargs)
        with translation.override(language):
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        # LocaleMiddleware would otherwise announce the language it activated.
        response.headers.setdefault("Content-Language", language)
        return response

    return wrapped
