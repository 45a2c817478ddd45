"""Load the demo sociale kaart: geography, taxonomy, postcodes and pages.

Everything is derived from the data modules with a seeded random generator,
so a load is deterministic (apart from dates, which follow today) and a
second load finds every row already there and changes nothing.
"""

from __future__ import annotations

import calendar
import html
import logging
import math
import random
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.gis.geos import GEOSGeometry, Point
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from organisation.demo import load_demo_settings

from .. import schedule
from ..areas import assign_areas, listing_models
from ..choices import VacancyStatus
from ..models import (
    ActivityException,
    ActivityPage,
    InitiativeIndexPage,
    InitiativePage,
    MeetingPlacePage,
    Municipality,
    Neighbourhood,
    OpeningHours,
    PostcodeCentroid,
    Skill,
    TargetGroup,
    Theme,
    VacancyPage,
    Woonplaats,
)
from ..places import rebuild_place_names
from . import vocabulary as vocab
from .organisations import INITIATIVES
from .places import MUNICIPALITIES, MUNICIPALITY_OF, WIJKEN, WijkSpec

SEED = 20150101  # the Wmo 2015 took effect on 1 January 2015
# The kind of initiative whose first meeting place gets a safe address.
SAFE_PLACE_KIND = "mantelzorg"
# Letters that real PC6 postcodes use; SA, SD and SS are never issued.
PC_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"


# -- geography ---------------------------------------------------------------------
BOUNDARY_SQL = """
WITH centres AS (
    SELECT code, radius, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS geom
    FROM unnest(%s::text[], %s::float8[], %s::float8[], %s::float8[])
         AS c(code, lon, lat, radius)
),
cells AS (
    SELECT (ST_Dump(ST_VoronoiPolygons(ST_Collect(geom ORDER BY code)))).geom AS cell
    FROM centres
),
circles AS (
    SELECT code, ST_Buffer(geom::geography, radius)::geometry AS circle FROM centres
),
faces AS (
    SELECT (ST_Dump(ST_Polygonize(lines))).geom AS face
    FROM (SELECT ST_Union(line) AS lines FROM (
        SELECT ST_Boundary(cell) AS line FROM cells
        UNION ALL SELECT ST_Boundary(circle) FROM circles
    ) AS l) AS noded
),
owned AS (
    SELECT c.code, f.face
    FROM faces AS f
    CROSS JOIN LATERAL ST_PointOnSurface(f.face) AS inside
    JOIN cells ON ST_Contains(cells.cell, inside)
    JOIN centres AS c ON ST_Contains(cells.cell, c.geom)
    JOIN circles ON circles.code = c.code AND ST_Contains(circles.circle, inside)
)
SELECT code, ST_AsHEXEWKB(ST_Multi(ST_Union(face ORDER BY ST_AsBinary(face))))
FROM owned GROUP BY code ORDER BY code
"""


def compute_boundaries() -> dict[str, GEOSGeometry]:
    """Wijk boundaries: the Voronoi cell of each centre among all centres of
    the region, clipped to a circle around it, so wijken never overlap.

    Clipping each cell separately leaves slivers where neighbours overlap by
    rounding, so the cell edges and circles are noded and polygonised once,
    and every face goes to the centre whose cell and circle contain it: two
    neighbours then share exactly the same edge."""
    wijken = sorted(WIJKEN.values(), key=lambda w: w.code)
    with connection.cursor() as cursor:
        cursor.execute(
            BOUNDARY_SQL,
            [
                [w.code for w in wijken],
                [w.lon for w in wijken],
                [w.lat for w in wijken],
                [float(w.radius_m) for w in wijken],
            ],
        )
        rows = cursor.fetchall()
    boundaries = {}
    for code, hexewkb in rows:
        geom = GEOSGeometry(hexewkb)
        geom.srid = 4326
        boundaries[code] = geom
    missing = set(WIJKEN) - set(boundaries)
    if missing:
        raise RuntimeError(f"Geen grens berekend voor {sorted(missing)}")
    return boundaries


def load_geography() -> bool:
    """Municipalities and wijken with boundaries; PC4 centroids per wijk.
    Returns whether any wijk boundary is new or changed."""
    boundaries = compute_boundaries()
    old = dict(Neighbourhood.objects.filter(code__in=WIJKEN).values_list("code", "boundary"))
    changed = any(old.get(code) != geom for code, geom in boundaries.items())
    for spec in MUNICIPALITIES:
        municipality, _ = Municipality.objects.update_or_create(
            code=spec.code,
            defaults={"name": spec.name, "slug": slugify(spec.name)},
        )
        for w in spec.wijken:
            Neighbourhood.objects.update_or_create(
                code=w.code,
                defaults={
                    "municipality": municipality,
                    "name": w.name,
                    "slug": slugify(w.name),
                    "boundary": boundaries[w.code],
                },
            )
            PostcodeCentroid.objects.update_or_create(
                postcode=w.pc4,
                defaults={"point": Point(w.lon, w.lat, srid=4326), "town": w.town},
            )
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE initiatives_municipality AS m
            SET boundary = (SELECT ST_Multi(ST_Union(n.boundary))
                            FROM initiatives_neighbourhood AS n
                            WHERE n.municipality_id = m.id)
            WHERE m.code = ANY(%s)
            """,
            [[m.code for m in MUNICIPALITIES]],
        )
    return changed


def _metres(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    dy = (lat2 - lat1) * 111_200
    dx = (lon2 - lon1) * 111_200 * math.cos(math.radians((lat1 + lat2) / 2))
    return math.hypot(dx, dy)


def load_woonplaatsen() -> int:
    """Every town of the demo wijken as a woonplaats of its gemeente (Sassenheim
    in Teylingen, De Kwakel in Uithoorn), then the place names the resolver
    reads. The centre is the mean of the town's wijk centres; the radius
    reaches the farthest wijk's edge. Offline, repeatable."""
    for spec in MUNICIPALITIES:
        municipality = Municipality.objects.get(code=spec.code)
        towns: dict[str, list] = {}
        for w in spec.wijken:
            towns.setdefault(w.town, []).append(w)
        for town, wijken in towns.items():
            lon = sum(w.lon for w in wijken) / len(wijken)
            lat = sum(w.lat for w in wijken) / len(wijken)
            reach = max(_metres(lon, lat, w.lon, w.lat) + w.radius_m for w in wijken)
            Woonplaats.objects.update_or_create(
                municipality=municipality,
                name=town,
                defaults={
                    "point": Point(round(lon, 6), round(lat, 6), srid=4326),
                    "radius_km": round(max(reach, 1500) / 1000, 1),
                },
            )
    return rebuild_place_names()


def load_taxonomy() -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for model, names, descriptions in (
        (Theme, vocab.THEMES, vocab.THEME_DESCRIPTIONS),
        (TargetGroup, vocab.TARGET_GROUPS, {}),
        (Skill, vocab.SKILLS, {}),
    ):
        out[model.__name__] = {
            slug: model.objects.update_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "description": descriptions.get(slug, ""),
                    "name_translations": vocab.NAME_TRANSLATIONS[model.__name__].get(slug, {}),
                },
            )[0]
            for slug, name in names.items()
        }
    return out


# -- addresses ---------------------------------------------------------------------
@dataclass(frozen=True)
class Address:
    street: str
    house_number: str
    postcode: str
    town: str
    lon: float
    lat: float
    wijk: WijkSpec

    @property
    def point(self) -> Point:
        return Point(self.lon, self.lat, srid=4326)


class AddressBook:
    """Hands out demo addresses: a street of the wijk, a unique PC6 and a point
    inside the wijk's computed boundary (rejection sampling)."""

    def __init__(self, rng: random.Random, boundaries: dict[str, GEOSGeometry]):
        self.rng = rng
        self.boundaries = {code: geom.prepared for code, geom in boundaries.items()}
        self.extents = {code: geom.extent for code, geom in boundaries.items()}
        self.used_postcodes: set[str] = set()
        self.addresses: list[Address] = []

    def new(self, wijk: WijkSpec) -> Address:
        rng = self.rng
        xmin, ymin, xmax, ymax = self.extents[wijk.code]
        prepared = self.boundaries[wijk.code]
        for _ in range(1000):
            # Pull towards the centre: listings cluster where people live.
            lon = wijk.lon + (rng.uniform(xmin, xmax) - wijk.lon) * 0.7
            lat = wijk.lat + (rng.uniform(ymin, ymax) - wijk.lat) * 0.7
            lon, lat = round(lon, 6), round(lat, 6)
            if prepared.contains(Point(lon, lat, srid=4326)):
                break
        else:  # pragma: no cover - the centre is always inside its own cell
            lon, lat = wijk.lon, wijk.lat
        while True:
            letters = rng.choice(PC_LETTERS) + rng.choice(PC_LETTERS)
            postcode = f"{wijk.pc4} {letters}"
            if letters not in {"SA", "SD", "SS"} and postcode not in self.used_postcodes:
                break
        self.used_postcodes.add(postcode)
        number = str(rng.randint(1, 160))
        if rng.random() < 0.12:
            number += rng.choice("abc")
        address = Address(rng.choice(wijk.streets), number, postcode, wijk.town, lon, lat, wijk)
        self.addresses.append(address)
        return address


# -- page specifications ----------------------------------------------------------------
@dataclass
class ListingSpec:
    model: type
    title: str
    slug: str
    fields: dict
    themes: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    hours: list[tuple[int, time, time]] = field(default_factory=list)
    exceptions: list[tuple[date, str]] = field(default_factory=list)
    meeting_place_slug: str = ""


@dataclass
class InitiativeSpec:
    page: ListingSpec
    children: list[ListingSpec]


def _html(paragraphs) -> str:
    return "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)


def _fill(text: str, context: dict) -> str:
    return text.format_map(context)


def _t(value: str) -> time:
    return time.fromisoformat(value)


def _unique_slug(title: str, taken: set[str]) -> str:
    base = slugify(title)[:70].strip("-")
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _unique_title(rng, titles: list[str], context: dict, taken: set[str]) -> str:
    options = [_fill(t, context) for t in titles]
    rng.shuffle(options)
    for title in options:
        if title not in taken:
            taken.add(title)
            return title
    title = f"{options[0]} {context['wijk']}"
    taken.add(title)
    return title


def _phone(rng, prefix: str) -> str:
    digits = 10 - len(prefix)
    first = rng.choice("2345678")
    return f"{prefix}-{first}{rng.randint(0, 10 ** (digits - 1) - 1):0{digits - 1}d}"


def _holidays(start: date, end: date) -> dict[date, str]:
    days = {}
    for year in range(start.year, end.year + 1):
        kings = date(year, 4, 27)
        if kings.weekday() == 6:  # on a Sunday Koningsdag moves to Saturday
            kings = date(year, 4, 26)
        days[kings] = "Koningsdag"
        days[date(year, 5, 5)] = "Bevrijdingsdag"
        days[date(year, 12, 25)] = "Eerste kerstdag"
        days[date(year, 12, 26)] = "Tweede kerstdag"
        days[date(year, 1, 1)] = "Nieuwjaarsdag"
        days[date(year, 12, 31)] = "Oudjaarsdag"
    return {d: r for d, r in days.items() if start <= d <= end}


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    days = [
        d
        for d in range(1, calendar.monthrange(year, month)[1] + 1)
        if date(year, month, d).weekday() == weekday
    ]
    return date(year, month, days[n - 1])


class DemoBuilder:
    """Turns the data modules into page specifications (no database writes)."""

    def __init__(self, boundaries: dict[str, GEOSGeometry], today: date):
        self.rng = random.Random(SEED)
        self.addresses = AddressBook(self.rng, boundaries)
        self.today = today

    def build(self) -> list[InitiativeSpec]:
        taken_slugs: set[str] = set()
        specs = [
            self.initiative(name, WIJKEN[code], kind, taken_slugs)
            for name, code, kind in INITIATIVES
        ]
        # One safe address (issue 18): the first mantelzorg meeting place, a
        # quiet place for carers, shows only its wijk; the activities held
        # there take it over (ActivityPage.clean). No draw from the random
        # generator, so every other demo listing stays as it was.
        safe = next(
            (
                child
                for spec, (_, _, kind) in zip(specs, INITIATIVES, strict=True)
                if kind == SAFE_PLACE_KIND
                for child in spec.children
                if child.model is MeetingPlacePage
            ),
            None,
        )
        if safe is not None:
            safe.fields["address_on_request"] = True
        return specs

    # -- initiative ---------------------------------------------------------------
    def initiative(self, name, wijk, kind_key, taken_slugs) -> InitiativeSpec:
        rng = self.rng
        kind = vocab.INITIATIVE_KINDS[kind_key]
        municipality = MUNICIPALITY_OF[wijk.code]
        address = self.addresses.new(wijk)
        slug = _unique_slug(name, taken_slugs)
        context = {
            "initiative": name,
            "wijk": wijk.name,
            "town": wijk.town,
            "place": name,
            "day": "",
            "time": "",
            "name": name,
            "street": address.street,
        }
        contact = f"{rng.choice(vocab.FIRST_NAMES)} {rng.choice(vocab.LAST_NAMES)}"
        page = ListingSpec(
            InitiativePage,
            name,
            slug,
            {
                "intro": _fill(kind["intro"], context),
                "description": _html(_fill(p, context) for p in kind["paragraphs"]),
                "contact_name": contact,
                "phone": _phone(rng, municipality.phone_prefix),
                "email": f"info@{slug}.example.nl",
                "website": f"https://www.{slug}.example.nl/",
                "respite": list(kind.get("respite", [])),
                "languages": list(kind.get("languages", [])),
                **self._address_fields(address),
            },
            themes=list(kind["themes"]),
            targets=list(kind["targets"]),
        )
        children: list[ListingSpec] = []
        child_slugs: set[str] = set()
        titles: set[str] = set()
        siblings = [w for w in municipality.wijken if w.code != wijk.code]

        places: list[tuple[ListingSpec, Address]] = []
        if kind["places"]:
            n_places = 2 if rng.random() < 0.3 else 1
            for i in range(n_places):
                place_wijk = wijk if i == 0 or not siblings else rng.choice(siblings)
                place_kind = kind["places"][min(i, len(kind["places"]) - 1)]
                places.append(self.meeting_place(place_kind, name, place_wijk, child_slugs, titles))
            children.extend(spec for spec, _ in places)

        n_activities = rng.choice([3, 4, 4, 5])
        activity_keys = list(kind["activities"])
        chosen = activity_keys[:2] + rng.sample(
            activity_keys[2:], min(len(activity_keys) - 2, n_activities - 2)
        )
        for key in chosen:
            children.append(
                self.activity(key, name, wijk, siblings, places, address, child_slugs, titles)
            )

        n_vacancies = rng.choice([2, 3, 3, 4])
        vacancy_keys = list(kind["vacancies"])
        chosen = vacancy_keys[:1] + rng.sample(
            vacancy_keys[1:], min(len(vacancy_keys) - 1, n_vacancies - 1)
        )
        for key in chosen:
            children.append(self.vacancy(key, name, wijk, places, address, child_slugs, titles))
        return InitiativeSpec(page, children)

    @staticmethod
    def _address_fields(address: Address | None) -> dict:
        if address is None:
            return {"street": "", "house_number": "", "postcode": "", "location": None}
        return {
            "street": address.street,
            "house_number": address.house_number,
            "postcode": address.postcode,
            "town": address.town,
            "location": address.point,
        }

    # -- meeting place ----------------------------------------------------------------
    def meeting_place(self, key, initiative, wijk, slugs, titles):
        rng = self.rng
        kind = vocab.MEETING_PLACES[key]
        address = self.addresses.new(wijk)
        context = {
            "initiative": initiative,
            "wijk": wijk.name,
            "town": wijk.town,
            "name": rng.choice(vocab.MEETING_PLACE_NAMES),
            "street": address.street,
            "day": "",
            "time": "",
        }
        title = _unique_title(rng, kind["titles"], context, titles)
        context["place"] = title
        hours = []
        for days, opens, closes in kind["hours"]:
            kept = [d for d in days if rng.random() < 0.8] or [days[0]]
            shift = timedelta(minutes=rng.choice([0, 0, 30, -30]))
            o = (datetime.combine(self.today, _t(opens)) + shift).time()
            c = (datetime.combine(self.today, _t(closes)) + shift).time()
            hours.extend((d, o, c) for d in kept)
        hours.sort()
        facilities = [f for f in kind["facilities"] if rng.random() < 0.8]
        accessibility = [a for a in kind["accessibility"] if rng.random() < 0.75]
        spec = ListingSpec(
            MeetingPlacePage,
            title,
            _unique_slug(title, slugs),
            {
                "intro": _fill(rng.choice(kind["intros"]), context),
                "description": _html(_fill(p, context) for p in kind["paragraphs"]),
                "facilities": facilities,
                "accessibility": accessibility,
                "respite": list(kind.get("respite", [])),
                "languages": list(kind.get("languages", [])),
                **self._address_fields(address),
            },
            themes=list(kind["themes"]),
            targets=list(kind["targets"]),
            hours=hours,
        )
        return spec, address

    # -- activity ------------------------------------------------------------------------
    def activity(self, key, initiative, wijk, siblings, places, home, slugs, titles):
        rng = self.rng
        kind = vocab.ACTIVITIES[key]
        place_spec, address = None, home
        if places and kind["indoor"] and rng.random() < 0.6:
            place_spec, address = rng.choice(places)
        elif not kind["indoor"] or rng.random() < 0.5:
            where = rng.choice(siblings) if siblings and rng.random() < 0.3 else wijk
            address = self.addresses.new(where)
        where_name = place_spec.title if place_spec else f"{address.street} {address.house_number}"
        weekday = rng.choice(kind["weekdays"])
        start, end = rng.choice(kind["times"])
        context = {
            "initiative": initiative,
            "wijk": address.wijk.name,
            "town": address.wijk.town,
            "place": where_name,
            "day": schedule.WEEKDAYS[weekday],
            "time": start.replace(":", "."),
            "name": where_name,
            "street": address.street,
        }
        title = kind["titles"][0] if rng.random() < 0.4 else rng.choice(kind["titles"])
        if title in titles or rng.random() < 0.35:
            title = f"{title} {address.wijk.name}"
        title = _unique_title(rng, [title], context, titles)
        starts_on, recurrence, repeat_until = self._when(rng.choice(kind["recurrence"]), weekday)
        is_free, cost, note = rng.choice(kind["costs"])
        registration = kind.get("registration", "")
        fields = {
            "intro": _fill(rng.choice(kind["intros"]), context),
            "description": _html(_fill(p, context) for p in kind["paragraphs"]),
            "starts_on": starts_on,
            "start_time": _t(start),
            "end_time": _t(end),
            "recurrence": recurrence,
            "repeat_until": repeat_until,
            "is_free": is_free,
            "cost": Decimal(cost) if cost else None,
            "cost_note": note,
            "registration_required": bool(registration),
            "registration_info": registration,
            "capacity": rng.choice(kind["capacity"]) if kind.get("capacity") else None,
            "accessibility": [
                a for a in ("wheelchair", "toilet", "hearing_loop") if rng.random() < 0.5
            ]
            if kind["indoor"]
            else [],
            "respite": list(kind.get("respite", [])),
            "languages": list(kind.get("languages", [])),
            **self._address_fields(address),
        }
        spec = ListingSpec(
            ActivityPage,
            title,
            _unique_slug(title, slugs),
            fields,
            themes=list(kind["themes"]),
            targets=list(kind["targets"]),
            meeting_place_slug=place_spec.slug if place_spec else "",
        )
        if recurrence != schedule.ONCE and rng.random() < 0.35:
            spec.exceptions = self._exceptions(fields)
        return spec

    def _when(self, rule: str, weekday: int) -> tuple[date, str, date | None]:
        rng, today = self.rng, self.today
        if rule == "once":
            day = today + timedelta(days=rng.randint(3, 120))
            day += timedelta(days=(weekday - day.weekday()) % 7)
            return day, schedule.ONCE, None
        if rule == "course":
            day = today + timedelta(days=rng.randint(7, 60))
            day += timedelta(days=(weekday - day.weekday()) % 7)
            return day, schedule.WEEKLY, day + timedelta(weeks=rng.choice([3, 5]))
        if rule == "monthly":
            months_back = rng.randint(1, 18)
            year, month = today.year, today.month - months_back
            while month < 1:
                year, month = year - 1, month + 12
            day = _nth_weekday(year, month, weekday, rng.choice([1, 1, 2, 3, 4]))
            return day, schedule.MONTHLY, None
        day = today - timedelta(days=rng.randint(14, 400))
        day += timedelta(days=(weekday - day.weekday()) % 7)
        until = None
        if rng.random() < 0.1:  # a season that ends, e.g. before the summer
            until = today + timedelta(days=rng.randint(30, 200))
        return day, rule, until

    def _exceptions(self, fields) -> list[tuple[date, str]]:
        """Holidays on which the activity would fall, or a summer break."""
        rule = schedule.Schedule(
            starts_on=fields["starts_on"],
            start_time=fields["start_time"],
            end_time=fields["end_time"],
            recurrence=fields["recurrence"],
            repeat_until=fields["repeat_until"],
        )
        start = datetime.combine(self.today, time(0), tzinfo=schedule.TZ)
        dates = [o.date for o in rule.occurrences(start, until=start + timedelta(days=365))]
        holidays = _holidays(self.today, self.today + timedelta(days=365))
        found = [(d, holidays[d]) for d in dates if d in holidays]
        if not found:
            summer = [d for d in dates if (d.month, d.day) >= (7, 20) and d.month <= 8]
            found = [(d, "Zomerstop") for d in summer[:3]]
        return found

    # -- vacancy ---------------------------------------------------------------------------
    def vacancy(self, key, initiative, wijk, places, home, slugs, titles):
        rng = self.rng
        kind = vocab.VACANCIES[key]
        from_home = kind["from_home"] and rng.random() < 0.7
        address = None
        if not from_home:
            address = rng.choice(places)[1] if places and rng.random() < 0.4 else home
        context = {
            "initiative": initiative,
            "wijk": wijk.name,
            "town": wijk.town,
            "place": initiative,
            "day": "",
            "time": "",
            "name": initiative,
            "street": home.street,
        }
        title = rng.choice(kind["titles"])
        if title in titles or rng.random() < 0.3:
            title = f"{title} bij {initiative}"
        title = _unique_title(rng, [title], context, titles)
        roll = rng.random()
        status = (
            VacancyStatus.FILLED
            if roll < 0.08
            else VacancyStatus.CLOSED
            if roll < 0.1
            else VacancyStatus.OPEN
        )
        n_days = rng.choice([0, 1, 1, 2, 3])
        fields = {
            "intro": _fill(rng.choice(kind["intros"]), context),
            "tasks": _html(_fill(p, context) for p in kind["tasks"]),
            "hours_per_week": Decimal(rng.choice(kind["hours"])),
            "days": sorted(rng.sample(range(6), n_days)),
            "parts_of_day": list(kind["parts"]),
            "from_home": from_home,
            "languages": list(kind.get("languages", [])),
            "vog_required": kind["vog"],
            "volunteers_wanted": rng.choice([1, 1, 2, 2, 3, 5]),
            "status": status,
            "starts_on": self.today + timedelta(days=rng.randint(7, 60))
            if rng.random() < 0.2
            else None,
            "ends_on": None,
            "town": wijk.town,
            **self._address_fields(address),
        }
        return ListingSpec(
            VacancyPage,
            title,
            _unique_slug(title, slugs),
            fields,
            themes=list(kind["themes"]),
            targets=list(kind["targets"]),
            skills=list(kind["skills"]),
        )


# -- writing ----------------------------------------------------------------------------
class DemoWriter:
    """Creates the pages that do not exist yet, through Wagtail's API (so model
    validation runs: full_clean, clean, clean_location, area assignment)."""

    def __init__(self, index: InitiativeIndexPage, taxonomy: dict, now: datetime):
        self.index = index
        self.themes = taxonomy["Theme"]
        self.targets = taxonomy["TargetGroup"]
        self.skills = taxonomy["Skill"]
        self.now = now
        self.created: Counter = Counter()

    def write(self, specs: list[InitiativeSpec]) -> None:
        existing = {p.slug: p for p in InitiativePage.objects.child_of(self.index)}
        for spec in specs:
            initiative = existing.get(spec.page.slug)
            if initiative is None:
                initiative = self._create(self.index, spec.page)
            children = {p.slug: p for p in MeetingPlacePage.objects.child_of(initiative)}
            taken = set(initiative.get_children().values_list("slug", flat=True))
            for child in spec.children:
                if child.slug in taken:
                    continue
                if child.meeting_place_slug:
                    child.fields["meeting_place"] = children[child.meeting_place_slug]
                page = self._create(initiative, child)
                taken.add(child.slug)
                if isinstance(page, MeetingPlacePage):
                    children[page.slug] = page

    def _create(self, parent, spec: ListingSpec):
        page = spec.model(
            title=spec.title,
            slug=spec.slug,
            live=True,
            first_published_at=self.now,
            last_published_at=self.now,
            **spec.fields,
        )
        page.themes = [self.themes[s] for s in spec.themes]
        page.target_groups = [self.targets[s] for s in spec.targets]
        if spec.skills:
            page.skills = [self.skills[s] for s in spec.skills]
        if spec.hours:
            page.opening_hours = [
                OpeningHours(weekday=d, opens=o, closes=c) for d, o, c in spec.hours
            ]
        if spec.exceptions:
            page.exceptions = [ActivityException(date=d, reason=r) for d, r in spec.exceptions]
        parent.add_child(instance=page)
        self.created[spec.model.__name__] += 1
        return page


def load_postcodes(addresses: list[Address]) -> None:
    """A PC6 centroid at every demo address, so the offline geocoder knows them."""
    for address in addresses:
        PostcodeCentroid.objects.update_or_create(
            postcode=address.postcode,
            defaults={"point": address.point, "town": address.town},
        )


def demo_index() -> InitiativeIndexPage:
    index = InitiativeIndexPage.objects.filter(slug="initiatieven").first()
    if index is None:
        raise RuntimeError("De pagina 'initiatieven' ontbreekt; draai eerst `manage.py migrate`.")
    return index


@contextmanager
def _quiet(logger_name: str):
    """Wagtail logs every created page at INFO; five hundred lines help no one."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


@transaction.atomic
def load_demo(*, today: date | None = None) -> Counter:
    """Load (or complete) the demo data; returns how many pages were created."""
    today = today or timezone.localdate()
    index = demo_index()
    if load_geography():
        # Listings placed under older boundaries may now lie in another wijk.
        for model in listing_models():
            assign_areas(model)
    load_woonplaatsen()
    taxonomy = load_taxonomy()
    boundaries = {n.code: n.boundary for n in Neighbourhood.objects.filter(code__in=WIJKEN)}
    builder = DemoBuilder(boundaries, today)
    specs = builder.build()
    # Postcodes first: the model looks every new address up in this table.
    load_postcodes(builder.addresses.addresses)
    writer = DemoWriter(index, taxonomy, timezone.now())
    with _quiet("wagtail"):
        writer.write(specs)
    if load_demo_settings(today=today):
        writer.created["OrganisationSettings"] += 1
    return writer.created
