"""The copy-paste snippet for an embed (docs/embed.md), on an initiative's
page and on the activity list filtered by wijk or theme."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.translation import gettext

from core.site_url import absolute_url

register = template.Library()


def _urls(name: str, query: str, args: tuple = ()) -> dict[str, str]:
    """``name``: the embed page's URL name; its feeds are ``name``_atom and
    ``name``_rss. In the interface's language (/en/embed/…)."""
    suffix = f"?{query}" if query else ""
    return {
        "embed_url": absolute_url(reverse(f"search:{name}", args=args) + suffix),
        "atom_url": absolute_url(reverse(f"search:{name}_atom", args=args) + suffix),
        "rss_url": absolute_url(reverse(f"search:{name}_rss", args=args) + suffix),
    }


def embed_urls(*, initiative=None, wijk=None, thema=None) -> dict[str, str] | None:
    """The embed page's and feeds' absolute URLs, or None without a selection."""
    if initiative is not None:
        return _urls("embed_initiative", "", (initiative.pk,))
    params = []
    if wijk is not None:
        params.append(f"wijk={wijk.pk}")
    if thema is not None:
        params.append(f"thema={thema.slug}")
    if not params:
        return None
    return _urls("embed_activities", "&".join(params))


@register.inclusion_tag("search/embed/snippet.html")
def embed_snippet(*, initiative=None, wijk=None, thema=None, title=""):
    urls = embed_urls(initiative=initiative, wijk=wijk, thema=thema)
    return {"urls": urls, "title": title or gettext("Activiteiten")}


@register.inclusion_tag("search/embed/feed_links.html")
def embed_feed_links(*, initiative=None, wijk=None, thema=None, title=""):
    """``<link rel="alternate">`` for a page's head."""
    urls = embed_urls(initiative=initiative, wijk=wijk, thema=thema)
    return {"urls": urls, "title": title or gettext("Activiteiten")}


@register.inclusion_tag("search/print/link.html")
def print_agenda_link(*, initiative=None, wijk=None):
    """ "Agenda afdrukken": this week's sheet for a wijk or an initiative
    (docs/print.md); nothing without either."""
    if initiative is not None:
        url = reverse("search:print_initiative", args=[initiative.pk])
    elif wijk:  # a Neighbourhood, or its id as the search form's choice
        url = reverse("search:print_agenda") + f"?wijk={getattr(wijk, 'pk', wijk)}"
    else:
        url = ""
    return {"url": url}
