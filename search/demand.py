"""Unmet demand: what residents search for and do not find (docs/search.md,
"What residents look for and do not find").

A search that finds nothing, or at most ``SEARCH_DEMAND_FEW`` results, adds one
to a counter per (ISO week, gemeente, wijk, normalised query, band), after
the response has been sent. Nothing else is kept: no IP address, account,
session id or time finer than the week. The query is stored as a keyed hash;
its text only once it has been searched ``SEARCH_DEMAND_MIN_COUNT`` (k) times,
and the report shows a text only where it counts k times in what is shown.

Counting never fails or slows a search: the decision is a few string
operations in the view, the write (place lookup and upsert) runs when the
response is closed, with a statement timeout, and any error is logged.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial

from django.conf import settings
from django.contrib.gis.geos import Point
from django.db import connection, transaction
from django.db.models import Q, Sum
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy

from core.pagecache import never_share
from core.text import strip_accents
from initiatives.models import Municipality, Neighbourhood

from .models import DemandBand, SearchDemand, SearchDemandQuery
from .results import SearchResults

logger = logging.getLogger(__name__)

MAX_WORDS = 5
MAX_WORD = 30  # letters; longer is no word a resident types
MAX_QUERY = 100  # characters of the normalised query
WRITE_TIMEOUT_MS = 500
# The browser's own note of what it has already counted (see ``note_search``):
# digests only, the newest this many, kept for the retention period.
SEEN_COOKIE = "meedoen_gezocht"
SEEN_SALT = "search.demand.seen"
SEEN_MAX = 40

# Words that carry no demand ("ik zoek een ... in de buurt").
STOPWORDS = frozenset({
    "aan", "al", "alle", "als", "andere", "bij", "ben", "dan", "dat", "de", "deze", "die",
    "dit", "door", "een", "en", "er", "ergens", "geen", "graag", "had", "heb", "hebben",
    "heeft", "het", "hier", "hij", "hoe", "hun", "ik", "in", "is", "je", "jij", "jou", "jouw",
    "kan", "kun", "kunnen", "maar", "me", "meer", "men", "met", "mij", "mijn", "mn", "na",
    "naar", "niet", "nog", "nu", "of", "om", "omdat", "ons", "onze", "ook", "op", "over", "te",
    "tegen", "tot", "u", "uit", "uw", "van", "veel", "voor", "waar", "wanneer", "want", "was",
    "wat", "we", "wel", "welk", "welke", "wie", "wij", "wil", "willen", "wordt", "zal", "ze",
    "zich", "zij", "zijn", "zo", "zoek", "zoeken", "zoekt", "zonder", "buurt", "dichtbij",
})  # fmt: skip
_EMAIL_OR_URL = re.compile(r"\S+@\S+|\S+://\S+|www\.\S+", re.IGNORECASE)
_WORD = re.compile(r"\w+")
# User agents of crawlers, monitors, link previews and scripts. A browser's
# says "Mozilla/5.0 (...)" and none of these.
_AUTOMATED = re.compile(
    r"bot|crawl|spider|slurp|scrap|archiver|fetch|preview|monitor|check|curl|wget|"
    r"python|httpx|aiohttp|okhttp|java/|go-http|libwww|headless|phantom|lighthouse|"
    r"pingdom|uptime|facebookexternalhit|whatsapp|embedly",
    re.IGNORECASE,
)


# -- settings ------------------------------------------------------------------
def few() -> int:
    return settings.SEARCH_DEMAND_FEW


def min_count() -> int:
    """k: below it, no query text is kept or shown (settings refuse k < 5)."""
    return max(5, settings.SEARCH_DEMAND_MIN_COUNT)


def week_of(day: date) -> date:
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


def oldest_week(today: date | None = None) -> date:
    """The first week still held: ``SEARCH_DEMAND_RETENTION_WEEKS`` weeks,
    this one included."""
    this_week = week_of(today or timezone.localdate())
    return this_week - timedelta(weeks=max(settings.SEARCH_DEMAND_RETENTION_WEEKS, 1) - 1)


# -- the query -----------------------------------------------------------------
def normalise_query(text: str) -> str:
    """What a search text counts as: lower case, accents folded (café → cafe),
    e-mail addresses, web addresses and every word with a digit left out
    (postcodes, house and phone numbers are personal, not demand), stopwords
    and single letters out, each word once, at most MAX_WORDS words, sorted,
    so "Koffie drinken" and "drinken, koffie" count as one."""
    folded = strip_accents(_EMAIL_OR_URL.sub(" ", text[:500]).lower())
    words: list[str] = []
    for word in _WORD.findall(folded):
        word = word.strip("_")
        if (
            len(word) < 2
            or len(word) > MAX_WORD
            or any(c.isdigit() for c in word)
            or word in STOPWORDS
            or word in words
        ):
            continue
        words.append(word)
        if len(words) == MAX_WORDS:
            break
    return " ".join(sorted(words))[:MAX_QUERY]


def query_hash(normalised: str) -> str:
    """The key a query is counted under: keyed with SECRET_KEY, so a rare
    query cannot be found by hashing guesses without it."""
    return salted_hmac("search.demand.query", normalised, algorithm="sha256").hexdigest()[:32]


@dataclass(frozen=True)
class DemandEntry:
    """One search to count, as the view knows it (the place is looked up later)."""

    week: date
    query: str
    band: str
    point: Point | None = None
    neighbourhood_id: int | None = None  # a wijk named or chosen: in it
    municipality_id: int | None = None  # a gemeente named: in it
    # A woonplaats named: its gemeente counts, not the wijk at its centre.
    town: bool = False

    def digest(self) -> str:
        """What the browser's cookie holds for this search: nothing readable."""
        if self.neighbourhood_id or self.municipality_id:
            place = f"w{self.neighbourhood_id or ''}m{self.municipality_id or ''}"
        elif self.point is not None:
            place = f"{self.point.x:.3f},{self.point.y:.3f}{'t' if self.town else ''}"
        else:
            place = ""
        key = f"{self.query}|{self.band}|{place}"
        return salted_hmac(SEEN_SALT, key, algorithm="sha256").hexdigest()[:10]


def entry_for(results: SearchResults, today: date | None = None) -> DemandEntry | None:
    """The entry to count for these results, or None: only a first page that
    found at most ``few()`` results, for some words or a place."""
    query = results.query
    if not settings.SEARCH_DEMAND_ENABLED or query.page != 1 or results.total > few():
        return None
    normalised = normalise_query(query.text)
    if (
        not normalised
        and query.near is None
        and not query.neighbourhood_id
        and not query.municipality_id
    ):
        return None
    neighbourhood_id = int(query.neighbourhood_id) if query.neighbourhood_id else None
    return DemandEntry(
        week=week_of(today or timezone.localdate()),
        query=normalised,
        band=DemandBand.NONE if results.total == 0 else DemandBand.FEW,
        point=query.near,
        neighbourhood_id=neighbourhood_id,
        municipality_id=query.municipality_id,
        # A named place that is neither a gemeente nor a wijk (``in_label``
        # says one was named): a woonplaats, searched around its centre.
        town=bool(query.in_label) and not neighbourhood_id and not query.municipality_id,
    )


def looks_automated(request: HttpRequest) -> bool:
    """Crawlers, monitors and scripts (no or a known user agent), and browsers
    that ask not to be followed (Do Not Track, Global Privacy Control)."""
    agent = request.headers.get("User-Agent", "")
    if not agent or _AUTOMATED.search(agent):
        return True
    return request.headers.get("DNT") == "1" or request.headers.get("Sec-GPC") == "1"


# -- in the view ---------------------------------------------------------------
def after_response(response: HttpResponse, task: Callable[[], None]) -> None:
    """Run ``task`` when the response is closed: by the WSGI server after the
    body was sent (Django's resource closers, also run by the test client)."""
    response._resource_closers.append(task)


def note_search(request: HttpRequest, response: HttpResponse, results: SearchResults) -> None:
    """Count this search as unmet demand if it is one, after the response.

    The same search (query, band, place) from the same browser counts once in
    the retention period, so k counts askers rather than one person's repeats:
    a signed cookie holds keyed digests of what it has already counted; no
    session or id is stored anywhere. Never raises."""
    try:
        entry = entry_for(results)
        if entry is None:
            return
        # Every search that may count is made afresh: a copy from the page
        # cache would neither count nor set the cookie.
        never_share(response)
        if looks_automated(request):
            return
        seen = _seen(request)
        digest = entry.digest()
        if digest in seen:
            return
        _remember(response, [*seen, digest][-SEEN_MAX:])
        after_response(response, partial(record_safely, entry))
    except Exception:  # noqa: BLE001 - counting must never break a search
        logger.exception("Could not note a search for the demand report")


def _seen(request: HttpRequest) -> list[str]:
    value = request.get_signed_cookie(SEEN_COOKIE, default="", salt=SEEN_SALT)
    return [d for d in value.split(".") if d]


def _remember(response: HttpResponse, digests: list[str]) -> None:
    response.set_signed_cookie(
        SEEN_COOKIE,
        ".".join(digests),
        salt=SEEN_SALT,
        max_age=max(settings.SEARCH_DEMAND_RETENTION_WEEKS, 1) * 7 * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


# -- the write -----------------------------------------------------------------
def place_of(entry: DemandEntry) -> tuple[int | None, int | None]:
    """(gemeente id, wijk id) of where was searched: a wijk named or chosen
    as a filter (the results are in it); a gemeente named; else the wijk whose
    boundary covers the point (postcode, address, map), or only the gemeente
    for a woonplaats, whose centre says nothing about a wijk."""
    if entry.neighbourhood_id:
        municipality = (
            Neighbourhood.objects.filter(pk=entry.neighbourhood_id)
            .values_list("municipality_id", flat=True)
            .first()
        )
        if municipality:
            return municipality, entry.neighbourhood_id
    if entry.municipality_id:
        return entry.municipality_id, None
    if entry.point is None:
        return None, None
    if not entry.town:
        wijk = (
            Neighbourhood.objects.containing(entry.point)
            .values("pk", "municipality_id")
            .order_by("pk")
            .first()
        )
        if wijk:
            return wijk["municipality_id"], wijk["pk"]
    municipality = (
        Municipality.objects.filter(boundary__covers=entry.point)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    return municipality, None


@transaction.atomic
def search_demand_record(*, entry: DemandEntry) -> None:
    """Add one to the entry's counter, and keep the query's text once it has
    been counted k times. Two statements, with a short timeout: a locked table
    makes this fail, never wait."""
    municipality_id, neighbourhood_id = place_of(entry)
    key = query_hash(entry.query)
    table = SearchDemand._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('statement_timeout', %s, true)", [f"{WRITE_TIMEOUT_MS}ms"]
        )
        cursor.execute(
            f"""
            INSERT INTO {table} (week, municipality_id, neighbourhood_id, query_hash, band, count)
            VALUES (%s, %s, %s, %s, %s, 1)
            ON CONFLICT ON CONSTRAINT search_demand_cell
            DO UPDATE SET count = {table}.count + 1
            """,
            [entry.week, municipality_id, neighbourhood_id, key, entry.band],
        )
        cursor.execute(
            f"""
            INSERT INTO {SearchDemandQuery._meta.db_table} (query_hash, text)
            SELECT %s, %s
            WHERE (SELECT sum(count) FROM {table} WHERE query_hash = %s) >= %s
            ON CONFLICT (query_hash) DO NOTHING
            """,
            [key, entry.query, key, min_count()],
        )
        cursor.execute("SET LOCAL statement_timeout TO DEFAULT")


def record_safely(entry: DemandEntry) -> None:
    """``search_demand_record``, logging instead of raising: it runs after
    the response, where an error has no one to go to."""
    try:
        search_demand_record(entry=entry)
    except Exception:  # noqa: BLE001 - a lost count is fine, a broken search is not
        logger.warning("Could not count a search for the demand report", exc_info=True)


def search_demand_purge(*, today: date | None = None) -> tuple[int, int]:
    """Delete the weeks past the retention period, and the texts of queries
    that no longer count k times in what is left. Returns (counters, texts)."""
    with transaction.atomic():
        counters, _ = SearchDemand.objects.filter(week__lt=oldest_week(today)).delete()
        still_common = (
            SearchDemand.objects.values("query_hash")
            .annotate(n=Sum("count"))
            .filter(n__gte=min_count())
            .values("query_hash")
        )
        texts, _ = SearchDemandQuery.objects.exclude(query_hash__in=still_common).delete()
    return counters, texts


# -- the report ----------------------------------------------------------------
# Lazy: the overview shows them in the reader's language, its CSV in Dutch.
PLACE_ONLY = gettext_lazy("(alleen een plek, zonder zoekwoorden)")
OTHER = gettext_lazy("overige zoekvragen")


@dataclass(frozen=True)
class DemandLine:
    text: str
    none: int
    few: int

    @property
    def total(self) -> int:
        return self.none + self.few


@dataclass(frozen=True)
class DemandWeek:
    week: date
    none: int
    few: int

    @property
    def total(self) -> int:
        return self.none + self.few

    @property
    def label(self) -> str:
        sunday = self.week + timedelta(days=6)
        return gettext("week %(number)s (%(monday)s t/m %(sunday)s)") % {
            "number": f"{self.week:%V}",
            "monday": date_format(self.week, "SHORT_DATE_FORMAT"),
            "sunday": date_format(sunday, "SHORT_DATE_FORMAT"),
        }


@dataclass
class DemandReport:
    """Unmet demand in one scope (a week or all held, a gemeente, a wijk).
    ``lines`` are the queries counted at least k times in this scope, most
    first; everything else is only a number (``other``). When the scope
    holds fewer than k searches in all, nothing but that is shown
    (``too_few``): a count of 1 in a small wijk points at a person."""

    k: int
    few: int
    lines: list[DemandLine]
    other: DemandLine
    weeks: list[DemandWeek]

    @property
    def total(self) -> int:
        return sum(line.total for line in self.lines) + self.other.total

    @property
    def too_few(self) -> bool:
        return self.total < self.k


def demand_weeks(today: date | None = None) -> list[date]:
    """The weeks held that have counts, newest first (for the week filter)."""
    return list(
        SearchDemand.objects.filter(week__gte=oldest_week(today))
        .order_by("-week")
        .values_list("week", flat=True)
        .distinct()
    )


def demand_report(
    *,
    week: date | None = None,
    municipality_id: int | None = None,
    neighbourhood_id: int | None = None,
    today: date | None = None,
) -> DemandReport:
    """The report for one scope; k applied to every text and every number
    (see ``DemandReport``). Two grouped queries and one for the texts."""
    k = min_count()
    counters = SearchDemand.objects.filter(week__gte=oldest_week(today))
    if week is not None:
        counters = counters.filter(week=week)
    if municipality_id:
        counters = counters.filter(municipality_id=municipality_id)
    if neighbourhood_id:
        counters = counters.filter(neighbourhood_id=neighbourhood_id)
    counts = {
        "none": Sum("count", filter=Q(band=DemandBand.NONE), default=0),
        "few": Sum("count", filter=Q(band=DemandBand.FEW), default=0),
    }
    per_query = list(counters.order_by().values("query_hash").annotate(**counts))
    known = dict(
        SearchDemandQuery.objects.filter(
            query_hash__in=[q["query_hash"] for q in per_query if q["none"] + q["few"] >= k]
        ).values_list("query_hash", "text")
    )
    lines, other_none, other_few = [], 0, 0
    for q in per_query:
        if q["none"] + q["few"] >= k and q["query_hash"] in known:
            lines.append(DemandLine(known[q["query_hash"]] or PLACE_ONLY, q["none"], q["few"]))
        else:
            other_none += q["none"]
            other_few += q["few"]
    lines.sort(key=lambda line: (-line.total, line.text))
    weeks = [
        DemandWeek(w["week"], w["none"], w["few"])
        for w in counters.order_by("-week").values("week").annotate(**counts)
    ]
    return DemandReport(k, few(), lines, DemandLine(OTHER, other_none, other_few), weeks)
