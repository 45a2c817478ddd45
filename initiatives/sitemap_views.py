"""/sitemap.xml and /robots.txt, so residents find activities, meeting places
and vacancies through the search engines they already use.

The sitemap lists live, public Wagtail pages only (``.public()``: nothing
behind a login, group or password restriction) and no help requests (they
are about a person). It is a sitemap index of sections of SECTION_SIZE
pages each, in tree order, so a large site stays within the protocol's
50,000 URLs per file; each section is one indexed slice of the page table
and a fixed number of queries.
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.http import condition, require_safe
from wagtail.models import Page, Site

from core.site_url import absolute_url
from core.versioning import content_version, count_per_version

SECTION_SIZE = 5000
# Paths no search engine should crawl: admin, logins and accounts, personal
# pages, internal API endpoints and what only makes sense after a form.
DISALLOW = [
    "/admin/",
    "/django-admin/",
    "/account/",
    "/profiel/",
    "/inbox/",
    "/mijn-reacties/",
    "/mijn-gegevens/",
    "/mijn-hulpvragen/",
    "/voor-jou/",
    "/hulpvragen/",
    "/initiatief-aanmelden/",
    "/api/",
    "/zoeken/suggesties/",
    "/documents/",
    "/taal/",
]
# The same personal pages in the other interface languages (docs/languages.md).
UNPREFIXED = ("/admin/", "/django-admin/", "/api/", "/documents/", "/taal/")
DISALLOW += [
    f"/{code}{path}"
    for code, _name in settings.LANGUAGES
    if code != settings.LANGUAGE_CODE
    for path in DISALLOW
    if path not in UNPREFIXED
]


def sitemap_pages():
    return Page.objects.live().public().filter(depth__gt=1).order_by("path")


def _count() -> int:
    return count_per_version("sitemap", sitemap_pages())


def _etag(request, *args, **kwargs) -> str:
    return f"sitemap-{content_version()}"


def _xml(body: str) -> HttpResponse:
    response = HttpResponse(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + body, content_type="application/xml"
    )
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_safe
@condition(etag_func=_etag)
def sitemap_index(request):
    sections = max(1, math.ceil(_count() / SECTION_SIZE))
    entries = "".join(
        f"<sitemap><loc>{escape(absolute_url(reverse('sitemap_section', args=[n])))}</loc>"
        "</sitemap>\n"
        for n in range(1, sections + 1)
    )
    return _xml(
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</sitemapindex>\n"
    )


@require_safe
@condition(etag_func=_etag)
def sitemap_section(request, section: int):
    if section < 1 or (section > 1 and (section - 1) * SECTION_SIZE >= _count()):
        raise Http404("Deze sitemap bestaat niet.")
    site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
    if site is None:
        raise Http404("Er is geen site ingesteld.")
    root = site.root_page.url_path  # "/home/"; a page's address is its path below it
    start = (section - 1) * SECTION_SIZE
    rows = sitemap_pages().values_list("url_path", "last_published_at")[
        start : start + SECTION_SIZE
    ]
    entries = []
    for url_path, published in rows:
        if not url_path.startswith(root):
            continue  # outside the site (another root)
        loc = escape(absolute_url("/" + url_path[len(root) :]))
        lastmod = f"<lastmod>{published.date().isoformat()}</lastmod>" if published else ""
        entries.append(f"<url><loc>{loc}</loc>{lastmod}</url>\n")
    return _xml(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{''.join(entries)}</urlset>\n"
    )


@require_safe
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOW)]
    lines += ["", f"Sitemap: {absolute_url(reverse('sitemap'))}", ""]
    response = HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response
