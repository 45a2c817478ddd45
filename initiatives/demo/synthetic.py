"""Many synthetic listings, fast, for benchmarks (``load_demo_data --synthetic N``).

Wagtail pages use multi-table inheritance and a materialised-path tree, so
``bulk_create`` cannot make them. Instead we reserve a block of page ids and
tree paths under a table lock, build the rows of ``wagtailcore_page``, the
listing tables, their many-to-many tables and opening hours in Python, and
stream them in with ``COPY FROM STDIN``. Columns come from
``_meta.local_concrete_fields``, so fields added later get their defaults.

Points are generated inside the demo wijken by PostGIS (``ST_GeneratePoints``),
so the wijk and municipality are known when the row is written;
``assign_areas`` afterwards is a check that normally changes nothing.
The synthetic pages are not added to the search index.
"""

from __future__ import annotations

import io
import random
import time as clock
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import AutoField, BigAutoField, SmallAutoField
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page

from core.pgcopy import NULL, encode

from .. import schedule
from ..areas import assign_areas
from ..models import (
    ActivityPage,
    InitiativePage,
    MeetingPlacePage,
    Neighbourhood,
    OpeningHours,
    Skill,
    TargetGroup,
    Theme,
    VacancyPage,
)
from . import vocabulary as vocab
from .loader import demo_index
from .places import WIJKEN

CHUNK_PAGES = 50_000  # pages per transaction: bounds memory and lock time
CHILDREN_PER_INITIATIVE = 49
STEPLEN = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
MAX_SIBLINGS = len(ALPHABET) ** STEPLEN - 1


def point_ewkt(lon: float, lat: float) -> str:
    return f"SRID=4326;POINT({lon!r} {lat!r})"


class CopyTable:
    """The concrete columns of one model's own table, and a line in COPY text
    format for a row given as ``{attname: encoded value}``. Columns not given
    get their default (``auto_now`` columns get ``now``); a required column
    without default raises."""

    def __init__(self, model, now: datetime, *, skip_auto_pk: bool = False):
        self.model = model
        self.table = model._meta.db_table
        self.fields = [
            f
            for f in model._meta.local_concrete_fields
            if not (skip_auto_pk and isinstance(f, AutoField | BigAutoField | SmallAutoField))
        ]
        self.attnames = [f.attname for f in self.fields]
        self.defaults: dict[str, str | None] = {}
        self.per_row_defaults: dict[str, Callable[[], object]] = {}
        for f in self.fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.defaults[f.attname] = encode(now)
            elif f.has_default() and callable(f.default) and f.default not in (list, dict):
                self.per_row_defaults[f.attname] = f.get_default
            elif f.has_default() or f.null or f.empty_strings_allowed:
                self.defaults[f.attname] = encode(f.get_default())
            else:
                self.defaults[f.attname] = None
        self.buffer = io.StringIO()
        self.rows = 0
        self._checked = False

    def add(self, values: dict[str, str]) -> None:
        if not self._checked:
            missing = [
                a for a in self.attnames if a not in values and self.defaults.get(a, "") is None
            ]
            if missing:
                raise ValueError(f"{self.table}: no value for required column(s) {missing}")
            self._checked = True
        defaults, per_row = self.defaults, self.per_row_defaults
        parts = []
        for a in self.attnames:
            value = values.get(a)
            if value is None:
                value = encode(per_row[a]()) if a in per_row else defaults[a]
            parts.append(value)
        self.buffer.write("\t".join(parts))
        self.buffer.write("\n")
        self.rows += 1

    def flush(self, cursor) -> int:
        rows = self.rows
        if rows:
            self.buffer.seek(0)
            columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
            cursor.copy_expert(f"COPY {self.table} ({columns}) FROM STDIN", self.buffer)
        self.buffer = io.StringIO()
        self.rows = 0
        return rows


def base36(number: int) -> str:
    out = ""
    while number:
        number, rest = divmod(number, 36)
        out = ALPHABET[rest] + out
    return out.rjust(STEPLEN, "0")


# -- content ---------------------------------------------------------------------------
INITIATIVE_PREFIXES = [
    "Buurtinitiatief",
    "Bewonersgroep",
    "Stichting Samen",
    "Buurtnetwerk",
    "Huiskamer",
    "Vrijwilligersgroep",
    "Wijkplatform",
    "Buurtvereniging",
    "Ontmoetingsgroep",
    "Burenhulp",
]


def _paragraphs(texts, context) -> str:
    return "".join(f"<p>{t.format_map(context)}</p>" for t in texts)


class Content:
    """Pre-encoded variants of the non-positional columns of each kind, so a
    row costs a dict merge rather than formatting every field again."""

    def __init__(self, rng: random.Random, today: date):
        self.rng = rng
        self.today = today
        context = {
            "initiative": "ons initiatief",
            "wijk": "de wijk",
            "town": "de stad",
            "place": "onze locatie",
            "day": "",
            "time": "",
            "name": "",
            "street": "",
        }
        self.activities = []
        for kind in vocab.ACTIVITIES.values():
            for _ in range(4):
                weekday = rng.choice(kind["weekdays"])
                start, end = rng.choice(kind["times"])
                ctx = {**context, "day": schedule.WEEKDAYS[weekday], "time": start}
                is_free, cost, note = rng.choice(kind["costs"])
                rule = rng.choice(kind["recurrence"])
                self.activities.append(
                    (
                        kind,
                        weekday,
                        rule,
                        {
                            "intro": encode(rng.choice(kind["intros"]).format_map(ctx)),
                            "description": encode(_paragraphs(kind["paragraphs"], ctx)),
                            "start_time": start + ":00",
                            "end_time": end + ":00",
                            "is_free": encode(is_free),
                            "cost": cost or NULL,
                            "cost_note": encode(note),
                            "registration_required": encode(bool(kind.get("registration"))),
                            "registration_info": encode(kind.get("registration", "")),
                            "accessibility": encode(["wheelchair"] if kind["indoor"] else []),
                            "languages": encode(list(kind.get("languages", []))),
                        },
                    )
                )
        self.places = []
        for kind in vocab.MEETING_PLACES.values():
            self.places.append(
                (
                    kind,
                    {
                        "intro": encode(kind["intros"][0].format_map(context)),
                        "description": encode(_paragraphs(kind["paragraphs"], context)),
                        "facilities": encode(kind["facilities"]),
                        "accessibility": encode(kind["accessibility"]),
                    },
                )
            )
        self.vacancies = []
        for kind in vocab.VACANCIES.values():
            self.vacancies.append(
                (
                    kind,
                    {
                        "intro": encode(kind["intros"][0].format_map(context)),
                        "tasks": encode(_paragraphs(kind["tasks"], context)),
                        "hours_per_week": kind["hours"][0],
                        "parts_of_day": encode(kind["parts"]),
                        "vog_required": encode(kind["vog"]),
                    },
                )
            )
        self.kinds = list(vocab.INITIATIVE_KINDS.values())

    def activity_dates(self, weekday: int, rule: str) -> tuple[str, str, str]:
        """(starts_on, recurrence, repeat_until) for a new activity."""
        rng, today = self.rng, self.today
        if rule in ("once", "course"):
            day = today + timedelta(days=rng.randint(1, 150))
            day += timedelta(days=(weekday - day.weekday()) % 7)
            if rule == "once":
                return day.isoformat(), schedule.ONCE, NULL
            return day.isoformat(), schedule.WEEKLY, (day + timedelta(weeks=5)).isoformat()
        day = today - timedelta(days=rng.randint(7, 500))
        day += timedelta(days=(weekday - day.weekday()) % 7)
        if rule == "monthly" and day.day > 28:
            day -= timedelta(days=7)
        return day.isoformat(), rule, NULL


@dataclass
class SyntheticResult:
    listings: int
    rows: int
    seconds: float
    corrected: int


def _wijken() -> list[tuple[int, int, str, str, tuple[str, ...], str]]:
    """(id, municipality id, name, town, streets, PC4) of the demo wijken."""
    found = Neighbourhood.objects.filter(code__in=WIJKEN, boundary__isnull=False)
    return [
        (
            n.id,
            n.municipality_id,
            n.name,
            WIJKEN[n.code].town,
            WIJKEN[n.code].streets,
            WIJKEN[n.code].pc4,
        )
        for n in found.order_by("code")
    ]


def _points(cursor, counts: dict[int, int], seed: int) -> dict[int, list[tuple[float, float]]]:
    ids = [i for i, c in counts.items() if c > 0]
    cursor.execute(
        """
        SELECT n.id, ST_X(d.geom), ST_Y(d.geom)
        FROM initiatives_neighbourhood AS n
        JOIN unnest(%s::bigint[], %s::int[]) AS k(id, cnt) ON k.id = n.id
        CROSS JOIN LATERAL ST_Dump(ST_GeneratePoints(n.boundary, k.cnt, %s)) AS d
        """,
        [ids, [counts[i] for i in ids], seed],
    )
    points: dict[int, list[tuple[float, float]]] = {i: [] for i in ids}
    for wijk_id, x, y in cursor.fetchall():
        points[wijk_id].append((round(x, 6), round(y, 6)))
    return points


def load_synthetic(
    n: int, *, progress: Callable[[str], object] | None = None, seed: int | None = None
) -> SyntheticResult:
    """Add ``n`` live listings (about one initiative per 50, the rest
    activities, meeting places and vacancies under them)."""
    started = clock.perf_counter()
    index = demo_index()
    wijken = _wijken()
    if not wijken:
        raise RuntimeError("Geen demowijken gevonden; laad eerst de demodata.")
    rng = random.Random(seed)
    now = timezone.now()
    content = Content(rng, timezone.localdate())
    tax = {
        "themes": list(Theme.objects.values_list("id", flat=True)),
        "target_groups": list(TargetGroup.objects.values_list("id", flat=True)),
        "skills": list(Skill.objects.values_list("id", flat=True)),
    }
    n_initiatives = max(1, n // (CHILDREN_PER_INITIATIVE + 1))
    n_children = n - n_initiatives
    per, extra = divmod(n_children, n_initiatives)
    sizes = [per + (1 if i < extra else 0) for i in range(n_initiatives)]

    rows = 0
    done = 0
    start = 0
    while start < n_initiatives:
        # Take whole initiatives until the chunk is full.
        end, pages = start, 0
        while end < n_initiatives and (pages == 0 or pages + sizes[end] + 1 <= CHUNK_PAGES):
            pages += sizes[end] + 1
            end += 1
        rows += _load_chunk(index, sizes[start:end], wijken, content, tax, rng, now)
        done += pages
        start = end
        if progress and n > CHUNK_PAGES:
            elapsed = clock.perf_counter() - started
            progress(f"  {done:,} / {n:,} vermeldingen ({elapsed:.0f} s)".replace(",", "."))

    corrected = 0
    with connection.cursor() as cursor:
        for model in (InitiativePage, ActivityPage, MeetingPlacePage, VacancyPage):
            corrected += assign_areas(model)
        for model in (
            Page,
            InitiativePage,
            ActivityPage,
            MeetingPlacePage,
            VacancyPage,
            OpeningHours,
        ):
            cursor.execute(f"ANALYZE {model._meta.db_table}")
    return SyntheticResult(n, rows, clock.perf_counter() - started, corrected)


def _load_chunk(index, sizes, wijken, content: Content, tax, rng, now) -> int:
    """One transaction: lock, reserve ids and paths, build rows, COPY."""
    n_pages = len(sizes) + sum(sizes)
    page_table = CopyTable(Page, now)
    tables = {
        m: CopyTable(m, now) for m in (InitiativePage, ActivityPage, MeetingPlacePage, VacancyPage)
    }
    m2m = {}
    for model in tables:
        for f in model._meta.many_to_many:
            m2m[(model, f.name)] = CopyTable(f.remote_field.through, now, skip_auto_pk=True)
    hours_table = CopyTable(OpeningHours, now, skip_auto_pk=True)
    content_types = {m: ContentType.objects.get_for_model(m).id for m in tables}

    with transaction.atomic(), connection.cursor() as cursor:
        # Other writers wait while we take ids and paths; readers are not blocked.
        cursor.execute("LOCK TABLE wagtailcore_page IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute("SELECT pg_get_serial_sequence('wagtailcore_page', 'id')")
        (sequence,) = cursor.fetchone()
        cursor.execute("SELECT nextval(%s)", [sequence])
        (first_id,) = cursor.fetchone()
        cursor.execute("SELECT setval(%s, %s)", [sequence, first_id + n_pages - 1])
        cursor.execute(
            "SELECT max(path) FROM wagtailcore_page WHERE path LIKE %s AND depth = %s",
            [index.path + "%", index.depth + 1],
        )
        (last,) = cursor.fetchone()
        step = int(last[-STEPLEN:], 36) + 1 if last else 1
        if step + len(sizes) > MAX_SIBLINGS:
            raise RuntimeError("Geen ruimte meer onder de pagina 'initiatieven'.")

        # Where each initiative lives; its listings share its wijk.
        homes = [wijken[rng.randrange(len(wijken))] for _ in sizes]
        counts: dict[int, int] = {}
        for home, size in zip(homes, sizes, strict=True):
            counts[home[0]] = counts.get(home[0], 0) + size + 1
        points = _points(cursor, counts, seed=first_id % 2_000_000_000 + 1)

        next_id = first_id
        common = {
            "live": "t",
            "has_unpublished_changes": "f",
            "locale_id": str(index.locale_id),
            "first_published_at": encode(now),
            "last_published_at": encode(now),
        }

        def add_page(
            model, title, parent_path, step_no, depth, url_parent, numchild, wijk, values, themes
        ):
            nonlocal next_id
            page_id = next_id
            next_id += 1
            slug = f"{slugify(title)[:60]}-{page_id}"
            enc_title = encode(title)
            page_table.add(
                {
                    **common,
                    "id": str(page_id),
                    "path": parent_path + base36(step_no),
                    "depth": str(depth),
                    "numchild": str(numchild),
                    "translation_key": str(uuid.uuid4()),
                    "title": enc_title,
                    "draft_title": enc_title,
                    "slug": slug,
                    "content_type_id": str(content_types[model]),
                    "url_path": encode(f"{url_parent}{slug}/"),
                }
            )
            lon, lat = points[wijk[0]].pop()
            row = {
                "page_ptr_id": str(page_id),
                "neighbourhood_id": str(wijk[0]),
                "municipality_id": str(wijk[1]),
                "town": encode(wijk[3]),
                "street": encode(rng.choice(wijk[4])),
                "house_number": str(rng.randint(1, 200)),
                "postcode": wijk[5],
                "location": point_ewkt(lon, lat),
                **values,
            }
            if values.get("from_home") == "t":
                row.update(
                    location=NULL,
                    neighbourhood_id=NULL,
                    municipality_id=NULL,
                    street="",
                    house_number="",
                    postcode="",
                )
            tables[model].add(row)
            column = f"{model._meta.model_name}_id"
            for name, ids in themes.items():
                table = m2m[(model, name)]
                target = table.fields[-1].attname
                for target_id in ids:
                    table.add({column: str(page_id), target: str(target_id)})
            return page_id, slug

        def pick(name, k):
            return rng.sample(tax[name], min(k, len(tax[name])))

        for home, size, i in zip(homes, sizes, range(len(sizes)), strict=True):
            kind = rng.choice(content.kinds)
            title = f"{rng.choice(INITIATIVE_PREFIXES)} {home[2]}"
            path = index.path + base36(step + i)
            _, slug = add_page(
                InitiativePage,
                title,
                index.path,
                step + i,
                index.depth + 1,
                index.url_path,
                size,
                home,
                {
                    "intro": encode(kind["intro"].format(wijk=home[2], town=home[3])),
                    "description": encode(
                        _paragraphs(
                            kind["paragraphs"][:2],
                            {"initiative": title, "wijk": home[2], "town": home[3]},
                        )
                    ),
                    "contact_name": encode(
                        f"{rng.choice(vocab.FIRST_NAMES)} {rng.choice(vocab.LAST_NAMES)}"
                    ),
                },
                {"themes": pick("themes", 2), "target_groups": pick("target_groups", 1)},
            )
            url_path = f"{index.url_path}{slug}/"
            for child in range(1, size + 1):
                roll = rng.random()
                if roll < 0.45:
                    kind_, weekday, rule, values = rng.choice(content.activities)
                    starts_on, recurrence, until = content.activity_dates(weekday, rule)
                    title = f"{rng.choice(kind_['titles'])} {home[2]}"
                    model = ActivityPage
                    values = {
                        **values,
                        "starts_on": starts_on,
                        "recurrence": recurrence,
                        "repeat_until": until,
                    }
                    themes = {
                        "themes": pick("themes", 2),
                        "target_groups": pick("target_groups", 1),
                    }
                elif roll < 0.6:
                    kind_, values = rng.choice(content.places)
                    name = rng.choice(vocab.MEETING_PLACE_NAMES)
                    title = rng.choice(kind_["titles"]).format(
                        name=name, wijk=home[2], town=home[3], initiative=name, street=name
                    )
                    model = MeetingPlacePage
                    themes = {
                        "themes": pick("themes", 1),
                        "target_groups": pick("target_groups", 1),
                    }
                else:
                    kind_, values = rng.choice(content.vacancies)
                    title = f"{rng.choice(kind_['titles'])} in {home[2]}"
                    model = VacancyPage
                    from_home = kind_["from_home"] and rng.random() < 0.5
                    values = {
                        **values,
                        "from_home": "t" if from_home else "f",
                        "days": encode(sorted(rng.sample(range(6), rng.randint(0, 2)))),
                        "volunteers_wanted": str(rng.randint(1, 4)),
                        "status": "open" if rng.random() < 0.9 else "filled",
                    }
                    themes = {
                        "themes": pick("themes", 1),
                        "target_groups": pick("target_groups", 1),
                        "skills": pick("skills", 2),
                    }
                page_id, _ = add_page(
                    model, title, path, child, index.depth + 2, url_path, 0, home, values, themes
                )
                if model is MeetingPlacePage:
                    for weekday in sorted(rng.sample(range(6), 3)):
                        opens = rng.choice(["09:00:00", "10:00:00", "13:30:00"])
                        closes = "12:00:00" if opens < "12" else "17:00:00"
                        hours_table.add(
                            {
                                "sort_order": str(weekday),
                                "page_id": str(page_id),
                                "weekday": str(weekday),
                                "opens": opens,
                                "closes": closes,
                            }
                        )

        rows = page_table.flush(cursor)
        for table in (*tables.values(), *m2m.values(), hours_table):
            rows += table.flush(cursor)
        cursor.execute(
            "UPDATE wagtailcore_page SET numchild = numchild + %s WHERE id = %s",
            [len(sizes), index.id],
        )
    return rows
