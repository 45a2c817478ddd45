"""The page benchmark: server time of every public URL kind, in process.

Each URL is asked through Django's test ``Client`` (the whole middleware,
view and template stack, no network), a few times to warm up, then N times;
p50 and p95 of the wall-clock time per request, and the queries one request
makes.

It measures what a page costs to *make*: the anonymous page cache
(core/pagecache.py) is switched off for the run (``PAGE_CACHE_SECONDS=0``),
or every anonymous URL after the warm-up would be a cache hit. With
``cached=True`` (``--cached``) it measures the opposite, a hit: the cache on,
the warm-up storing the page, every timed request answered from it.

A streamed response (a feed) is timed to its first chunk, as a
calendar app waits for it. A URL that answers 404 (a sitemap that does not
exist yet) is skipped, not counted.

Run on the demo and on a database with many synthetic listings, and compare:

    manage.py page_benchmark --json /tmp/demo.json
    DATABASE_URL=…/meedoen_big manage.py page_benchmark --compare /tmp/demo.json
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from itertools import islice
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import Resolver404, resolve, reverse
from django.utils import translation

from initiatives.models import (
    ActivityPage,
    InitiativePage,
    MeetingPlacePage,
    PostcodeCentroid,
    VacancyPage,
)
from search.benchmark import machine
from volunteers.models import VolunteerProfile
from volunteers.services import profile_update

BENCHMARK_EMAIL = "page-benchmark@example.invalid"


@dataclass(frozen=True)
class Target:
    kind: str
    url: str
    logged_in: bool = False
    chunks: int = 1  # of a streamed response: timed until this many have come


@dataclass
class Timing:
    kind: str
    url: str
    status: int
    p50_ms: float
    p95_ms: float
    queries: int
    size: int  # bytes of the (first chunk of the) response


def _deep_page(count: int, per_page: int = 20) -> int:
    """A page far into a list: the 50th, or the last if there are fewer."""
    return max(1, min(50, -(-count // per_page)))


def targets() -> list[Target]:
    """One URL per public kind, chosen from what is in the database."""
    postcode = PostcodeCentroid.objects.order_by("postcode").values_list("postcode", flat=True)
    postcode = postcode[len(postcode) // 2] if postcode else "3311"
    found = [
        Target("home", "/"),
        Target("home + postcode", f"/?postcode={postcode}&km=5"),
    ]
    lists = [
        ("activities", "initiatives:activity_list", ActivityPage),
        ("meeting places", "initiatives:meeting_place_list", MeetingPlacePage),
        ("vacancies", "initiatives:vacancy_list", VacancyPage),
    ]
    for name, url_name, model in lists:
        url = reverse(url_name)
        deep = _deep_page(model.objects.live().count())
        found.append(Target(f"{name} list", url))
        found.append(Target(f"{name} list, deep", f"{url}?pagina={deep}"))
    search = reverse("search:page")
    found += [
        Target("search, no words", search),
        Target("search, words", f"{search}?q=koffie"),
        Target("search, words + place", f"{search}?q=koffie&waar={postcode}"),
    ]
    for name, model in (
        ("activity", ActivityPage),
        ("meeting place", MeetingPlacePage),
        ("vacancy", VacancyPage),
        ("initiative", InitiativePage),
    ):
        # A page from the middle of the table: not the first one cached anywhere.
        ids = model.objects.live().public().order_by("pk").values_list("pk", flat=True)
        total = ids.count()
        if total:
            page = model.objects.get(pk=ids[total // 2])
            found.append(Target(f"{name} page", page.url))
    # The same pages in other interface languages (issue 20): the language
    # prefix, the catalogue and right-to-left must not cost more.
    ids = ActivityPage.objects.live().public().order_by("pk").values_list("pk", flat=True)
    activity = ActivityPage.objects.get(pk=ids[ids.count() // 2]) if ids.count() else None
    for code, name in (("en", "English"), ("ar", "Arabic"), ("uk", "Ukrainian")):
        with translation.override(code):
            found += [
                Target(f"home, {name}", f"/{code}/"),
                Target(f"search, words, {name}", f"{reverse('search:page')}?q=koffie"),
                Target(f"activities list, {name}", reverse("initiatives:activity_list")),
            ]
            if activity is not None:
                found.append(Target(f"activity page, {name}", activity.url))
    found.append(Target("voor jou", reverse("volunteers:for_you"), logged_in=True))
    feed = reverse("initiatives:activities_calendar")
    found.append(Target("feed, all activities", feed))
    # The head comes before any query; the second chunk holds the first 500 events.
    found.append(Target("feed, all activities, first events", feed, chunks=2))
    initiative = InitiativePage.objects.live().public().order_by("pk").first()
    if initiative:
        url = reverse("initiatives:initiative_calendar", args=[initiative.pk])
        found.append(Target("feed, one initiative", url))
    # The pages a public service must have (docs/organisation.md).
    found += [
        Target(name, reverse(url_name))
        for name, url_name in (
            ("privacy", "volunteers:privacy"),
            ("contact", "organisation:contact"),
            ("colofon", "organisation:colofon"),
            ("toegankelijkheid", "organisation:accessibility"),
        )
    ]
    found += [
        Target("sitemap", "/sitemap.xml"),
        Target("api search", "/api/search/?q=koffie"),
    ]
    # Open data, paged as the Open Referral API: the first page and a deep one.
    services = reverse("initiatives:hsds_services")
    deep = _deep_page(ActivityPage.objects.live().count(), per_page=50)
    found += [
        Target("hsds services", f"{services}?per_page=50"),
        Target("hsds services, deep", f"{services}?per_page=50&page={deep}"),
        Target("hsds locations", reverse("initiatives:hsds_locations") + "?per_page=50"),
    ]
    return found


def benchmark_user(postcode: str | None = None):
    """A volunteer with a profile near the middle of the demo, for "Voor jou"
    (made once; an address that cannot receive mail)."""
    user, _ = get_user_model().objects.get_or_create(
        email=BENCHMARK_EMAIL, defaults={"username": BENCHMARK_EMAIL}
    )
    if not VolunteerProfile.objects.filter(user=user).exists():
        known = PostcodeCentroid.objects.order_by("postcode").first()
        postcode = postcode or (known.postcode if known else "")
        profile_update(user=user, display_name="Meting", postcode=postcode, travel_km=10)
    return user


def _first_chunk(response, chunks: int = 1) -> tuple[bytes, Callable[[], None]]:
    """The body, or a streamed body's first ``chunks`` chunks, and what ends
    the request outside the timing. The stream is closed, not read to its
    end: the test client wraps it in a generator that finishes the request
    (``request_finished``, without closing the database connection) when it
    is closed, as a WSGI server does when a client goes away."""
    if not response.streaming:
        return response.content, lambda: None
    stream = response._iterator  # the test client's closing wrapper around the view's
    first = b"".join(islice(stream, chunks))
    return first, stream.close


def measure(
    target: Target, client: Client, *, runs: int, warmup: int, now: Callable[[], float]
) -> Timing | None:
    for _ in range(warmup):
        response = client.get(target.url)
        _first_chunk(response, target.chunks)[1]()
        if response.status_code == 404:
            return None
    times, queries, size, status = [], 0, 0, 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = now()
            response = client.get(target.url)
            body, rest = _first_chunk(response, target.chunks)
            times.append((now() - started) * 1000)
            rest()
        queries, size, status = len(captured), len(body), response.status_code
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return Timing(target.kind, target.url, status, statistics.median(times), p95, queries, size)


def run(
    *, runs: int = 20, warmup: int = 3, only: str = "", cached: bool = False, out=print
) -> list[Timing]:
    seconds = 300 if cached else 0
    with override_settings(PAGE_CACHE_SECONDS=seconds, PAGE_CACHE_HEADER=True):
        return _run(runs=runs, warmup=warmup, only=only, cached=cached, out=out)


def _served_from_cache(url: str, client: Client) -> bool:
    """Whether the page cache answers this URL: a kind it may keep (not a
    feed, the sitemap or a personal page), and kept after one request."""
    path = urlsplit(url).path
    try:
        if resolve(path).view_name not in settings.PAGE_CACHE_VIEWS:
            return False
    except Resolver404:
        return False
    client.get(url)
    return client.get(url).get("X-Cache") == "hit"


def _run(*, runs: int, warmup: int, only: str, cached: bool, out) -> list[Timing]:
    anonymous = Client(SERVER_NAME="localhost")
    member = Client(SERVER_NAME="localhost")
    member.force_login(benchmark_user())
    results = []
    for target in targets():
        if only and only not in target.kind:
            continue
        if cached and target.logged_in:
            continue  # never cached
        client = member if target.logged_in else anonymous
        if cached and not _served_from_cache(target.url, client):
            out(f"  {target.kind:<28} overgeslagen (niet uit de paginacache)")
            continue
        timing = measure(target, client, runs=runs, warmup=warmup, now=time.perf_counter)
        if timing is None:
            out(f"  {target.kind:<28} overgeslagen (404: {target.url})")
            continue
        results.append(timing)
        out(
            f"  {timing.kind:<28} p50 {timing.p50_ms:8.1f} ms  p95 {timing.p95_ms:8.1f} ms"
            f"  {timing.queries:3d} queries  {timing.status}"
        )
    return results


def table(results: list[Timing], baseline: list[Timing] | None = None) -> str:
    """A Markdown table; with a baseline, the growth of p95 against it."""
    before = {t.kind: t for t in baseline or []}
    head = "| URL kind | p50 ms | p95 ms | queries |"
    rule = "| --- | ---: | ---: | ---: |"
    if baseline:
        head += " demo p95 ms | growth (p95) |"
        rule += " ---: | ---: |"
    lines = [head, rule]
    for t in results:
        line = f"| {t.kind} | {t.p50_ms:.1f} | {t.p95_ms:.1f} | {t.queries} |"
        if baseline:
            b = before.get(t.kind)
            line += (
                f" {b.p95_ms:.1f} | {t.p95_ms / b.p95_ms:.1f}× |" if b and b.p95_ms else " – | – |"
            )
        lines.append(line)
    return "\n".join(lines)


def save(results: list[Timing], path: Path, *, listings: int) -> None:
    data = {"machine": machine(), "listings": listings, "results": [asdict(t) for t in results]}
    path.write_text(json.dumps(data, indent=1))


def load(path: Path) -> list[Timing]:
    return [Timing(**row) for row in json.loads(path.read_text())["results"]]
