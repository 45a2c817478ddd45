"""The embed pages and their Atom/RSS feeds (docs/embed.md).

``/embed/activiteiten/?wijk=<id>&thema=<slug>`` and
``/embed/initiatief/<id>/``: a page without the site's header and footer for
an ``<iframe>`` on another site, the only pages that may be framed
(``EMBED_FRAME_ANCESTORS``); ``.atom`` and ``.rss`` beside them. Anonymous and
in the page cache.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from core.security import framable_policy
from core.site_url import absolute_url
from initiatives.models import ActivityPage, InitiativePage, Neighbourhood, Theme

from . import embed
from .embed import Selection


class BadSelection(Exception):
    """A wijk or theme we do not know: the message for the visitor."""


def _selection(request: HttpRequest) -> Selection:
    selection = Selection()
    wijk = request.GET.get("wijk", "").strip()
    if wijk:
        neighbourhood = None
        if wijk.isascii() and wijk.isdigit() and len(wijk) <= 9:
            neighbourhood = Neighbourhood.objects.filter(pk=int(wijk)).first()
        if neighbourhood is None:
            raise BadSelection(
                # Translators: "?wijk=12" is part of an address: keep it as it is.
                gettext(
                    "Deze wijk kennen we niet. Gebruik het nummer van een wijk, "
                    "bijvoorbeeld ?wijk=12."
                )
            )
        selection.neighbourhood = neighbourhood
    thema = request.GET.get("thema", "").strip()
    if thema:
        theme = Theme.objects.filter(slug=thema[:100]).first()
        if theme is None:
            raise BadSelection(
                gettext("Dit thema kennen we niet. Kies een thema uit de lijst op de site.")
            )
        selection.theme = theme
    return selection


def _initiative_selection(page_id: int) -> Selection:
    initiative = get_object_or_404(InitiativePage.objects.live().public(), pk=page_id)
    ids = ActivityPage.objects.child_of(initiative).live().public().values_list("pk", flat=True)
    return Selection(initiative=initiative, page_ids=list(ids))


def _framable(response: HttpResponse) -> HttpResponse:
    response["Content-Security-Policy"] = framable_policy(settings.EMBED_FRAME_ANCESTORS)
    return response


def _page_url(page, request) -> str:
    parts = page.get_url_parts(request)
    return absolute_url(parts[2]) if parts else absolute_url("/")


def _render(
    request, selection: Selection, *, atom_path: str, rss_path: str, more_url: str
) -> HttpResponse:
    colour = request.GET.get("kleur", "")
    items = [
        (occurrence, page, _page_url(page, request))
        for occurrence, page in embed.upcoming(selection)
    ]
    query = selection.query()
    suffix = f"?{query}" if query else ""
    return _framable(
        render(
            request,
            "search/embed/activities.html",
            {
                "selection": selection,
                "title": selection.title,
                "items": items,
                "days": embed.DAYS,
                "colour": colour if colour in embed.COLOURS else "",
                "atom_url": absolute_url(f"{atom_path}{suffix}"),
                "rss_url": absolute_url(f"{rss_path}{suffix}"),
                "more_url": more_url,
            },
        )
    )


def _error(request, message: str) -> HttpResponse:
    return _framable(render(request, "search/embed/error.html", {"message": message}, status=400))


@require_safe
@xframe_options_exempt
def embed_activities(request: HttpRequest) -> HttpResponse:
    try:
        selection = _selection(request)
    except BadSelection as bad:
        return _error(request, str(bad))
    query = selection.query()
    more = reverse("initiatives:activity_list") + (f"?{query}" if query else "")
    return _render(
        request,
        selection,
        atom_path=reverse("search:embed_activities_atom"),
        rss_path=reverse("search:embed_activities_rss"),
        more_url=absolute_url(more),
    )


@require_safe
@xframe_options_exempt
def embed_initiative(request: HttpRequest, page_id: int) -> HttpResponse:
    selection = _initiative_selection(page_id)
    return _render(
        request,
        selection,
        atom_path=reverse("search:embed_initiative_atom", args=[page_id]),
        rss_path=reverse("search:embed_initiative_rss", args=[page_id]),
        more_url=_page_url(selection.initiative, request),
    )


# -- Feeds --------------------------------------------------------------------
def _about() -> str:
    """The feed's description (RSS) and subtitle (Atom)."""
    return gettext("De activiteiten van de komende %(days)s dagen op %(site)s.") % {
        "days": embed.DAYS,
        "site": settings.WAGTAIL_SITE_NAME,
    }


class _ActivitiesFeed(Feed):
    """Atom or RSS of a selection: one entry per coming occurrence, dated by
    its start; absolute links on the configured base URL."""

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, selection):
        return selection

    def title(self, obj: Selection) -> str:
        return f"{obj.title} · {settings.WAGTAIL_SITE_NAME}"

    def link(self, obj: Selection) -> str:
        if obj.initiative is not None:
            return _page_url(obj.initiative, self.request)
        query = obj.query()
        return absolute_url(reverse("initiatives:activity_list") + (f"?{query}" if query else ""))

    def description(self, obj: Selection) -> str:
        return _about()

    def feed_url(self, obj: Selection) -> str:
        return absolute_url(self.request.get_full_path())

    def items(self, obj: Selection):
        return [
            (occurrence, page, _page_url(page, self.request))
            for occurrence, page in embed.upcoming(obj)
        ]

    def item_title(self, item) -> str:
        return item[1].title

    def item_link(self, item) -> str:
        return item[2]

    def item_guid(self, item) -> str:
        occurrence, _, url = item
        return f"{url}#{occurrence.date.isoformat()}"

    def item_pubdate(self, item):
        return item[0].start

    def item_updateddate(self, item):
        return item[0].start

    def item_description(self, item) -> str:
        occurrence, page, _ = item
        when = occurrence.start.strftime("%d-%m-%Y %H:%M")
        where = page.public_area
        if page.place_is_public and page.address_line:
            where = page.address_line
        return " · ".join(part for part in (when, where, page.intro) if part)


class _AtomFeed(_ActivitiesFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: Selection) -> str:
        return _about()


class _RssFeed(_ActivitiesFeed):
    feed_type = Rss201rev2Feed


def _dated(response: HttpResponse) -> HttpResponse:
    """Without the Last-Modified Django takes from the latest item date: here
    that is the last occurrence's start, in the future."""
    if response.has_header("Last-Modified"):
        del response["Last-Modified"]
    return response


def _feed(feed_class):
    @require_safe
    def activities(request: HttpRequest) -> HttpResponse:
        try:
            selection = _selection(request)
        except BadSelection as bad:
            return HttpResponse(bad, status=400, content_type="text/plain; charset=utf-8")
        return _dated(feed_class()(request, selection=selection))

    @require_safe
    def initiative(request: HttpRequest, page_id: int) -> HttpResponse:
        return _dated(feed_class()(request, selection=_initiative_selection(page_id)))

    return activities, initiative


activities_atom, initiative_atom = _feed(_AtomFeed)
activities_rss, initiative_rss = _feed(_RssFeed)
