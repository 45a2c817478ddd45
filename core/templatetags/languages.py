"""The language switcher and the alternate addresses of a page
(docs/languages.md)."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.http import urlencode

from core.site_url import absolute_url

register = template.Library()


def in_language(url: str, language: str) -> str:
    """A site path in ``language``: the plain (Dutch) path with the
    language's prefix. For paths that are not pages (an API, a file) and
    paths already in a language, ``translate_url`` gives them back as they
    are."""
    return translate_url(url, language)


@register.filter
def localized(url: str) -> str:
    """A stored plain path (a search hit's, a map marker's) in the language
    of this page."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    if not url or language == settings.LANGUAGE_CODE or not url.startswith("/"):
        return url
    with translation.override(settings.LANGUAGE_CODE):  # a plain path is a Dutch address
        return in_language(url, language)


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context, next=None):
    """``next``: where the switch leads (default: this page). Error pages pass
    the home page, so they never repeat the address that was asked (an id
    that does not exist must look like one that is not yours)."""
    request = context.get("request")
    here = next or (request.get_full_path() if request else "/")
    current = translation.get_language() or settings.LANGUAGE_CODE
    choices = [
        {
            "code": code,
            "name": name,
            "current": code == current,
            "url": f"{reverse('choose_language', args=[code])}?{urlencode({'next': here})}",
        }
        for code, name in settings.LANGUAGES
    ]
    return {
        "choices": choices,
        "current_name": dict(settings.LANGUAGES).get(current, current),
        "current_code": current,
    }


@register.inclusion_tag("includes/language_alternates.html", takes_context=True)
def language_alternates(context):
    """``<link rel="alternate" hreflang>`` for each language, when this page
    has an address per language (search engines then list each)."""
    request = context.get("request")
    if request is None or getattr(request, "resolver_match", None) is None:
        return {"alternates": []}
    here = request.get_full_path()
    plain = translate_url(here, settings.LANGUAGE_CODE)
    urls = {code: translate_url(plain, code) for code, _name in settings.LANGUAGES}
    if len(set(urls.values())) < len(urls):
        return {"alternates": []}
    alternates = [{"code": code, "url": absolute_url(url)} for code, url in urls.items()]
    alternates.append({"code": "x-default", "url": absolute_url(urls[settings.LANGUAGE_CODE])})
    return {"alternates": alternates}
