"""The search benchmark: a fixed, seeded mix of queries answered by the active
backend and, on the same data, the way one would without the search app
(Wagtail's built-in database search, then a GeoDjango distance filter)."""

from __future__ import annotations

import os
import platform
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.contrib.gis.db.models.functions import Distance
from django.contrib.gis.geos import Point
from django.contrib.gis.measure import D

from initiatives.demo.places import MUNICIPALITIES

from .documents import MODELS
from .query import SearchQuery

WORDS = [
    "koffie", "wandelen", "taalcafé", "mantelzorg", "vrijwilliger", "samen eten",
    "computer", "bewegen", "huiswerk", "klussen", "repair café", "geldzaken", "breien",
    "yoga", "bingo", "voorlezen", "chauffeur", "maatje", "moestuin", "muziek",
    "ontmoeten", "ouderen", "buurthuis", "inloop", "spreekuur",
    # typos people make
    "vrijwiliger", "wandelgroepp", "koffieochtent", "mantelzorgcafe",
]  # fmt: skip
THEMES = ["eenzaamheid", "mantelzorg", "gezondheid-en-bewegen", "ouderen", "armoede-en-schulden"]


@dataclass(frozen=True)
class Case:
    kind: str
    query: SearchQuery


def query_mix(count: int = 200, seed: int = 20261123) -> list[Case]:
    """Four kinds in equal parts: text only, place only (by distance), text +
    place + filters, and text + place sorted by distance."""
    rng = random.Random(seed)
    centres = [Point(w.lon, w.lat, srid=4326) for m in MUNICIPALITIES for w in m.wijken]
    cases = []
    for i in range(count):
        kind = ("text", "place", "text+place+filters", "distance")[i % 4]
        word = rng.choice(WORDS)
        near = rng.choice(centres)
        radius = rng.choice([2, 5, 10, 15])
        if kind == "text":
            q = SearchQuery(text=word)
        elif kind == "place":
            q = SearchQuery(near=near, radius_km=radius, sort="distance")
        elif kind == "text+place+filters":
            q = SearchQuery(
                text=word,
                near=near,
                radius_km=radius,
                themes=(rng.choice(THEMES),) if rng.random() < 0.5 else (),
                types=(rng.choice(list(MODELS)),) if rng.random() < 0.5 else (),
                free_only=rng.random() < 0.3,
            )
        else:
            q = SearchQuery(text=word, near=near, radius_km=radius, sort="distance")
        cases.append(Case(kind, q))
    return cases


def baseline_search(q: SearchQuery) -> tuple[list, int]:
    """What one would write without the search app: Wagtail's database search
    over all pages, then per listing model a GeoDjango distance filter and
    ``order_by(Distance)``, and a count for 'N resultaten'."""
    ids = None
    if q.text:
        from wagtail.models import Page

        # Capped like the search app's own counting (COUNT_CAP), to be fair.
        ids = [page.pk for page in Page.objects.live().search(q.text)[:10_000]]
    hits, total = [], 0
    models = [MODELS[t] for t in q.types] if q.types else list(MODELS.values())
    for model in models:
        qs = model.objects.live()
        if ids is not None:
            qs = qs.filter(pk__in=ids)
        if q.themes:
            qs = qs.filter(themes__slug__in=q.themes).distinct()
        if q.free_only and hasattr(model, "is_free"):
            qs = qs.filter(is_free=True)
        if q.near is not None:
            qs = qs.filter(location__distance_lte=(q.near, D(km=q.radius_km or 10)))
            qs = qs.annotate(distance=Distance("location", q.near)).order_by("distance")
        total += qs.count()
        hits += list(qs[: q.per_page])
    return hits, total


def measure(
    cases: list[Case], run: Callable[[SearchQuery], object], warmup: int = 10
) -> dict[str, list[float]]:
    for case in cases[:warmup]:
        run(case.query)
    timings: dict[str, list[float]] = {}
    for case in cases:
        started = time.perf_counter()
        run(case.query)
        timings.setdefault(case.kind, []).append((time.perf_counter() - started) * 1000)
    return timings


def listing_count() -> int:
    return sum(m.objects.count() for m in MODELS.values())


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{mem_kb / 1024 / 1024:.0f} GiB"
    except OSError:
        mem = "?"
    return f"{os.cpu_count()} cores, {cpu}, {mem} RAM, Python {platform.python_version()}"


# -- the search page, with and without counting unmet demand (search.demand) ----
# Words no demo listing contains, as residents type them: these searches find
# nothing, so each one is counted (in a new browser every time: a write each).
NOTHING = [
    "geldproblemen", "vluchtelingen", "buddy", "rolstoeltaxi", "schuldhulp",
    "kinderopvang", "eenzame jongeren", "gebarentaal", "rouwverwerking", "fietsmaatje",
]  # fmt: skip
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def view_mix(count: int = 200, seed: int = 20261202) -> list[Case]:
    """Half the query mix, half searches that find nothing near a place."""
    rng = random.Random(seed)
    centres = [Point(w.lon, w.lat, srid=4326) for m in MUNICIPALITIES for w in m.wijken]
    cases = []
    for i, case in enumerate(query_mix(count, seed)):
        if i % 2:
            near = rng.choice(centres)
            case = Case("nothing", SearchQuery(text=rng.choice(NOTHING), near=near, radius_km=5))
        cases.append(case)
    return cases


def view_params(q: SearchQuery) -> dict[str, object]:
    """A ``SearchQuery`` as the search page's GET parameters."""
    params: dict[str, object] = {"q": q.text, "type": list(q.types), "thema": list(q.themes)}
    if q.near is not None:
        params.update(waar=f"{q.near.y:.6f},{q.near.x:.6f}", straal=f"{q.radius_km:g}")
    if q.free_only:
        params["gratis"] = "on"
    if q.sort != "relevance":
        params["sorteer"] = q.sort
    return params


def measure_view(cases: list[Case], *, count_demand: bool) -> dict[str, list[float]]:
    """The search page through Django's test client, each request from a new
    browser; the time includes closing the response, when the demand counter
    is written (a WSGI server sends the page before that). Counts made are
    rolled back."""
    from django.conf import settings
    from django.db import transaction
    from django.test import Client, override_settings

    hosts = [*settings.ALLOWED_HOSTS, "testserver"]
    with (
        override_settings(SEARCH_DEMAND_ENABLED=count_demand, ALLOWED_HOSTS=hosts),
        transaction.atomic(),
    ):

        def run(q: SearchQuery) -> None:
            response = Client(HTTP_USER_AGENT=BROWSER).get("/zoeken/", view_params(q))
            if response.status_code != 200:
                raise RuntimeError(f"/zoeken/ answered {response.status_code} for {q}")

        timings = measure(cases, run)
        transaction.set_rollback(True)
    return timings


# -- suggestions as you type ------------------------------------------------------
# Misspelt places, as typed by hand.
PLACE_TYPOS = ["dordrect", "hilverum", "uithorn", "sasenheim", "wielwyk", "noordwyk"]


def suggestion_mix(count: int = 400, seed: int = 20261202) -> list[tuple[str, str]]:
    """(field, text) pairs as a person typing makes them: every prefix from
    two letters of a seeded choice of words (WORDS) and place names (the demo
    region's gemeenten, wijken and towns, and some misspelt), half each."""
    rng = random.Random(seed)
    places = sorted(
        {m.name for m in MUNICIPALITIES}
        | {w.name for m in MUNICIPALITIES for w in m.wijken}
        | {w.town for m in MUNICIPALITIES for w in m.wijken}
    )
    pairs: list[tuple[str, str]] = []
    while len(pairs) < count:
        field = ("wat", "waar")[len(pairs) % 2]
        word = rng.choice(WORDS) if field == "wat" else rng.choice([*places, *PLACE_TYPOS])
        pairs += [(field, word[:n]) for n in range(2, len(word) + 1)]
    return pairs[:count]
