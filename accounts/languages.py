"""The language someone chose, remembered (docs/languages.md, "Choosing a
language"): a cookie for everyone, the account's preference for people who
log in, and the language of the mails the site sends them."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models.functions import Lower
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language_from_path
from django.views.decorators.cache import never_cache

from .models import LanguagePreference

SHIPPED = dict(settings.LANGUAGES)


def remember(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def language_of(user) -> str | None:
    """The language ``user`` chose, if any. Read through the relation, so a
    user loaded with ``select_related("language_preference")`` (the login,
    accounts.auth_backends; the match digests) costs no query."""
    try:
        language = user.language_preference.language
    except LanguagePreference.DoesNotExist:
        return None
    return language if language in SHIPPED else None


def save_preference(user, language: str) -> None:
    if language in SHIPPED and user.is_authenticated:
        LanguagePreference.objects.update_or_create(user=user, defaults={"language": language})


@never_cache
def choose_language(request: HttpRequest, language: str) -> HttpResponse:
    """The switcher's links (no form, so the cached pages carry no CSRF token
    and it works without JavaScript): remember the choice and show the same
    page in that language. A language that is not shipped changes nothing."""
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    if language not in SHIPPED:
        return HttpResponseRedirect(target)
    # The page's own language resolves its address (/ar/zoeken/ is only a
    # page while Arabic is active); this view's address has no prefix.
    page_language = get_language_from_path(urlsplit(target).path) or settings.LANGUAGE_CODE
    with translation.override(page_language):
        response = HttpResponseRedirect(translate_url(target, language))
    remember(response, language)
    save_preference(request.user, language)
    return response


class AccountLanguageMiddleware:
    """Someone who logs in on a device that has no choice yet gets the
    account's language from the next page on; a choice made while logged out
    on this device is kept, not overwritten."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return response  # not logged in: nothing to read, and the session stays untouched
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and settings.LANGUAGE_COOKIE_NAME not in response.cookies
        ):
            language = language_of(user)
            if language:
                remember(response, language)
        return response


def languages_for(addresses: Iterable[str]) -> dict[str, str]:
    """The chosen language per (lower-cased) address, for the addresses that
    belong to an account with a preference (core/mail.py sends each its own)."""
    addresses = {a.lower() for a in addresses if a}
    if not addresses:
        return {}
    rows = (
        LanguagePreference.objects.annotate(address=Lower("user__email"))
        .filter(address__in=addresses, language__in=SHIPPED)
        .values_list("address", "language")
    )
    return dict(rows)
