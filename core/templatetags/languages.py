"""The language switcher and the alternate addresses of a page
(docs/languages.md)."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode

from core.i18n import alternates, in_page_language
from core.site_url import absolute_url

register = template.Library()


@register.filter
def localized(path: str) -> str:
    """A stored plain path in the language of this page (core/i18n.py)."""
    return in_page_language(path) if path else path


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
    urls = alternates(request) if request is not None else {}
    if not urls:
        return {"alternates": []}
    found = [{"code": code, "url": absolute_url(url)} for code, url in urls.items()]
    found.append({"code": "x-default", "url": absolute_url(urls[settings.LANGUAGE_CODE])})
    return {"alternates": found}
