"""Place names offline: woonplaatsen, gemeenten and wijken as residents type them.

``resolve_place("Wielwijk Dordrecht")`` answers from the database alone, never
the network: a ``Resolution`` with the places that match exactly (one: found;
several: the person chooses, "Bedoel je…") or, when none does, close names
(small typos, pg_trgm) to offer, never to use silently. ``PlaceGeocoder`` puts
it behind the geocoder interface (``GEOCODERS``: ``places``), so every form that
calls ``locate()`` accepts a place name. ``suggest_places`` serves the "Waar?"
combobox.

Names are compared by ``place_key``: without accents, case, spaces or
punctuation, with "a/d" and "aan den" as one, so "s-Hertogenbosch",
"'s Hertogenbosch" and "shertogenbosch" are one name. Common other names ("Den
Bosch", "Den Haag") are in ``VARIANTS``; a woonplaats may carry its own
``aliases``. Every name lives in ``PlaceName`` (rebuilt by
``rebuild_place_names``), which has a prefix and a trigram index.

What a place means for a search (docs/places.md): a gemeente or wijk is its
boundary ("in Dordrecht"); a woonplaats is its centre with a radius that covers
it (``Woonplaats.radius_km``), because a town has no boundary of its own in the
data we hold, and its gemeente's may hold other towns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.contrib.gis.db.models.functions import PointOnSurface
from django.contrib.gis.geos import Point
from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection, transaction

from core.text import strip_accents

from .models.geography import (
    Municipality,
    Neighbourhood,
    PlaceKind,
    PlaceName,
    Woonplaats,
    normalise_postcode,
)

# Other names residents use for a place, each group one place. A place whose
# name is in a group is also found by the others.
VARIANTS: tuple[tuple[str, ...], ...] = (
    ("'s-Hertogenbosch", "Den Bosch", "Hertogenbosch"),
    ("'s-Gravenhage", "Den Haag", "The Hague"),
    ("'s-Gravendeel", "Gravendeel"),
    ("'s-Graveland", "Graveland"),
    ("Alphen aan den Rijn", "Alphen"),
    ("Bergen (NH)", "Bergen Noord-Holland"),
    ("Bergen (L)", "Bergen Limburg"),
    ("Súdwest-Fryslân", "Sudwest Friesland", "Zuidwest Friesland"),
    ("Noardeast-Fryslân", "Noordoost Friesland"),
)

# "aan den", "aan de", "a/d", "a.d." all become one token, so "Alphen a/d Rijn"
# is "Alphen aan den Rijn" and "Ouderkerk a/d Amstel" is "… aan de Amstel".
_AAN_DE = re.compile(r"\b(?:aan\s+den?|a\s*/\s*d|a\.\s*d\.)(?=\s|$)")
_SINT = re.compile(r"\b(?:sint|st\.)(?=\s)")
_NON_KEY = re.compile(r"[^0-9a-z]+")
# "Wielwijk (wijk in Dordrecht)": the unambiguous form a choice link sends.
_LABELLED = re.compile(
    r"^(?P<name>.+?)\s*\((?P<kind>woonplaats|gemeente|wijk)(?:\s+in\s+(?P<in>[^)]+))?\)\s*$"
)
_SPLIT = re.compile(r"[\s,]+")

# A typo is offered only when the name is this similar (pg_trgm similarity).
TYPO_SIMILARITY = 0.45
MAX_CHOICES = 6
MAX_WORDS = 6


def _fold(text: str) -> str:
    return strip_accents(text or "").casefold()


def place_key(text: str) -> str:
    """'Alphen a/d Rijn' -> 'alphenadrijn'; accents, case, spaces and
    punctuation do not count."""
    folded = _SINT.sub("st ", _AAN_DE.sub("ad", _fold(text)))
    return _NON_KEY.sub("", folded)


@dataclass(frozen=True)
class Place:
    """A place found by name: where it is and what "in" it means."""

    name: str
    kind: str  # PlaceKind
    municipality_id: int
    municipality: str
    point: Point | None = None
    neighbourhood_id: int | None = None
    woonplaats_id: int | None = None
    radius_km: float | None = None

    @property
    def kind_label(self) -> str:
        return PlaceKind(self.kind).label

    @property
    def label(self) -> str:
        """'Wielwijk (wijk in Dordrecht)', 'Dordrecht (gemeente)': readable and,
        typed back, matches this place alone."""
        if self.kind == PlaceKind.GEMEENTE:
            return f"{self.name} (gemeente)"
        return f"{self.name} ({self.kind_label} in {self.municipality})"

    @property
    def has_boundary(self) -> bool:
        """A gemeente or wijk means *inside its boundary*; a woonplaats (which
        has none here) its centre with ``radius_km`` (docs/places.md)."""
        return self.kind in (PlaceKind.GEMEENTE, PlaceKind.WIJK)

    @property
    def boundary_municipality_id(self) -> int | None:
        return self.municipality_id if self.kind == PlaceKind.GEMEENTE else None

    @property
    def boundary_neighbourhood_id(self) -> int | None:
        return self.neighbourhood_id if self.kind == PlaceKind.WIJK else None

    @property
    def identity(self) -> tuple:
        return (self.kind, self.municipality_id, self.neighbourhood_id, self.woonplaats_id)


@dataclass(frozen=True)
class Resolution:
    places: list[Place] = field(default_factory=list)
    guesses: list[Place] = field(default_factory=list)

    @property
    def place(self) -> Place | None:
        return self.places[0] if len(self.places) == 1 else None

    @property
    def ambiguous(self) -> bool:
        return len(self.places) > 1


_FIELDS = (
    "key",
    "name",
    "kind",
    "municipality_id",
    "gemeente",
    "neighbourhood_id",
    "woonplaats_id",
    "point",
    "radius_km",
)


def _rows(queryset) -> list[dict]:
    return list(queryset.values(*_FIELDS))


def _place(row: dict) -> Place:
    return Place(
        name=row["name"],
        kind=row["kind"],
        municipality_id=row["municipality_id"],
        municipality=row["gemeente"],
        point=row["point"],
        neighbourhood_id=row["neighbourhood_id"],
        woonplaats_id=row["woonplaats_id"],
        radius_km=row["radius_km"],
    )


def _unique(places) -> list[Place]:
    seen, out = set(), []
    for place in places:
        if place.identity not in seen:
            seen.add(place.identity)
            out.append(place)
    return out


def _collapse(places: list[Place]) -> list[Place]:
    """One place where the data has one place twice: a woonplaats or wijk named
    like its own gemeente is the gemeente ("Dordrecht", "Lisse"), and a
    woonplaats named like a wijk of its gemeente is the wijk ("De Kwakel",
    "Muiden"); each time the one with a boundary wins. Places with one name in
    different gemeenten stay a choice."""
    named = {(p.kind, p.municipality_id, place_key(p.name)) for p in places}

    def shadowed(p: Place) -> bool:
        same = (p.municipality_id, place_key(p.name))
        if p.kind != PlaceKind.GEMEENTE and (PlaceKind.GEMEENTE, *same) in named:
            return True
        return p.kind == PlaceKind.WOONPLAATS and (PlaceKind.WIJK, *same) in named

    return [p for p in places if not shadowed(p)]


# Larger first: a wijk lies in a woonplaats, which lies in a gemeente.
_RANK = {PlaceKind.GEMEENTE: 0, PlaceKind.WOONPLAATS: 1, PlaceKind.WIJK: 2}


def _order(places: list[Place]) -> list[Place]:
    return sorted(places, key=lambda p: (_RANK[p.kind], p.municipality, p.name))


def resolve_place(text: str) -> Resolution:
    """The places ``text`` names: one, several (a choice), or none with close
    names to offer. Postcodes are not places here (``PostcodeTableGeocoder``)."""
    text = " ".join((text or "").split())[:200]
    if not text or normalise_postcode(text):
        return Resolution()
    wanted_kind = wanted_in = None
    labelled = _LABELLED.match(text)
    if labelled:
        text, wanted_kind, wanted_in = labelled["name"], labelled["kind"], labelled["in"]
    words = [w for w in _SPLIT.split(text) if w][:MAX_WORDS]
    whole = place_key(text)
    if not whole:
        return Resolution()
    splits = [(place_key(" ".join(words[:i])), place_key(" ".join(words[i:]))) for i in
              range(1, len(words))]  # fmt: skip
    keys = {whole, *(k for pair in splits for k in pair if k)}
    if wanted_in:
        keys.add(place_key(wanted_in))
    by_key: dict[str, list[Place]] = {}
    for row in _rows(PlaceName.objects.filter(key__in=keys)):
        by_key.setdefault(row["key"], []).append(_place(row))

    found = _unique(by_key.get(whole, []))
    if wanted_kind:
        found = [p for p in found if p.kind == wanted_kind]
        if wanted_in:
            container = place_key(wanted_in)
            found = [p for p in found if place_key(p.municipality) == container]
    if not found and not wanted_kind:
        # "Wielwijk Dordrecht", "Dordrecht Wielwijk", "De Kwakel, Uithoorn": a
        # wijk or town inside a gemeente or town of the same gemeente.
        for first, second in splits:
            for a, b in ((first, second), (second, first)):
                for inner in by_key.get(a, []):
                    for outer in by_key.get(b, []):
                        if (
                            _RANK[inner.kind] > _RANK[outer.kind]
                            and inner.municipality_id == outer.municipality_id
                        ):
                            found.append(inner)
        found = _unique(found)
    if found:
        return Resolution(places=_order(_collapse(found))[:MAX_CHOICES])
    return Resolution(guesses=_guesses(whole))


def _guesses(key: str) -> list[Place]:
    """Names close to ``key`` (pg_trgm), for "Bedoel je…?"; short keys have too
    few trigrams to judge, so they get none."""
    if len(key) < 4:
        return []
    rows = _rows(
        PlaceName.objects.annotate(similarity=TrigramSimilarity("key", key))
        .filter(key__trigram_similar=key, similarity__gte=TYPO_SIMILARITY)
        .order_by("-similarity", "name")[: MAX_CHOICES * 2]
    )
    return _order(_collapse(_unique(_place(r) for r in rows)))[:MAX_CHOICES]


@dataclass(frozen=True)
class Suggestion:
    name: str
    kind_label: str
    gemeente: str
    label: str  # what to put in the field: resolves to this place alone


def suggest_places(text: str, limit: int = 8) -> list[Suggestion]:
    """Places whose name starts with ``text`` (the prefix index), then close
    ones (the trigram index), for a "Waar?" combobox. Two queries at most."""
    key = place_key(text)
    limit = max(1, min(limit, 20))
    if not key:
        return []
    rows = _rows(PlaceName.objects.filter(key__startswith=key).order_by("key", "kind")[: limit * 2])
    places = _unique(_place(r) for r in rows)
    if len(places) < limit and len(key) >= 3:
        places = _unique([*places, *_guesses(key)])
    return [
        Suggestion(p.name, p.kind_label, p.municipality, p.label) for p in _collapse(places)[:limit]
    ]


# -- the names table ----------------------------------------------------------------
def _variant_keys(name: str) -> set[str]:
    key = place_key(name)
    keys = {key}
    for group in VARIANTS:
        if key in {place_key(v) for v in group}:
            keys |= {place_key(v) for v in group}
    return keys


@transaction.atomic
def rebuild_place_names() -> int:
    """Fill ``PlaceName`` from gemeenten, wijken and woonplaatsen (with their
    aliases and ``VARIANTS``). Run after importing any of them; a few thousand
    rows take well under a second."""
    rows: list[PlaceName] = []

    def add(names, **fields):
        keys = set()
        for name in names:
            keys |= _variant_keys(name)
        rows.extend(PlaceName(key=k, name=names[0], **fields) for k in sorted(keys) if k)

    gemeenten = Municipality.objects.annotate(centre=PointOnSurface("boundary"))
    names = {}
    for m in gemeenten.only("pk", "name"):
        names[m.pk] = m.name
        add([m.name], kind=PlaceKind.GEMEENTE, municipality_id=m.pk, gemeente=m.name,
            point=m.centre)  # fmt: skip
    wijken = Neighbourhood.objects.annotate(centre=PointOnSurface("boundary"))
    for w in wijken.only("pk", "name", "municipality_id"):
        add([w.name], kind=PlaceKind.WIJK, municipality_id=w.municipality_id,
            gemeente=names[w.municipality_id], neighbourhood_id=w.pk, point=w.centre)  # fmt: skip
    for t in Woonplaats.objects.only("pk", "name", "aliases", "municipality_id", "point",
                                     "radius_km"):  # fmt: skip
        add([t.name, *t.aliases], kind=PlaceKind.WOONPLAATS, municipality_id=t.municipality_id,
            gemeente=names[t.municipality_id], woonplaats_id=t.pk, point=t.point,
            radius_km=t.radius_km)  # fmt: skip
    PlaceName.objects.all().delete()
    PlaceName.objects.bulk_create(rows, batch_size=2000)
    with connection.cursor() as cursor:
        # Fresh statistics, or the planner guesses on an empty table's.
        cursor.execute(f"ANALYZE {PlaceName._meta.db_table}")
    return len(rows)


def choice_links(params, field: str, choices) -> list[tuple[str, str]]:
    """ "Bedoel je…" links: the same query with ``field`` set to each choice's
    label (which resolves to that place alone). ``params``: a QueryDict."""
    links = []
    for place in choices:
        query = params.copy()
        query[field] = place.label
        query.pop("pagina", None)
        links.append((place.label, "?" + query.urlencode()))
    return links
