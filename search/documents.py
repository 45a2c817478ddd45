"""What a listing looks like in the search index, the same for every backend."""

from __future__ import annotations

import queue
import re
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from html import unescape
from typing import Any, NamedTuple, Protocol, TypeVar

from django.db import connection, connections
from django.db.models import F, FloatField, Func
from django.utils import timezone
from wagtail.models import Page
from wagtail.query import PageQuerySet

from initiatives import schedule
from initiatives.choices import Accessibility
from initiatives.languages import spoken_codes
from initiatives.models import (
    ActivityException,
    ActivityPage,
    InitiativePage,
    MeetingPlacePage,
    OpeningHours,
    VacancyPage,
)

from .query import HORIZON_DAYS
from .sql import fetch

T = TypeVar("T")


class _PageRow(Protocol):
    @property
    def page_id(self) -> int: ...


Row = TypeVar("Row", bound=_PageRow)

MINUTES_PER_WEEK = 7 * 24 * 60

MODELS = {
    "activity": ActivityPage,
    "meeting_place": MeetingPlacePage,
    "vacancy": VacancyPage,
    "initiative": InitiativePage,
}


# Control characters other than tab and newline never belong in page text,
# and two of them (\x02, \x03) are the highlight markers (search.highlight): left in,
# a title could open or close a <mark> in every highlight.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
TEXT_FIELDS = ("title", "summary", "body", "initiative_title", "neighbourhood", "municipality")


@dataclass
class Document:
    id: int
    type: str
    title: str
    summary: str
    body: str
    url: str
    initiative_title: str = ""
    themes: list[str] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    neighbourhood_id: int | None = None
    neighbourhood: str = ""
    municipality_id: int | None = None
    municipality: str = ""
    lat: float | None = None
    lon: float | None = None
    wheelchair: bool = False
    # What respite a listing offers mantelzorgers (initiatives.choices.Respite).
    respite: list[str] = field(default_factory=list)
    # Languages spoken (initiatives.languages.spoken_codes): never empty once
    # built from a page, ["nl"] for a listing that chose none.
    languages: list[str] = field(default_factory=list)
    # False for a safe address: lat/lon are then a coarse point, for
    # distances only, never a marker on a map.
    place_public: bool = True
    free: bool | None = None
    dates: list[date] = field(default_factory=list)
    # Half-open minute-of-week ranges [start, end) when a meeting place is open.
    open_ranges: list[tuple[int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        for name in TEXT_FIELDS:
            setattr(self, name, _CONTROL.sub(" ", getattr(self, name) or ""))


def minute_of_week(moment: datetime) -> int:
    local = moment.astimezone(schedule.TZ)
    return local.weekday() * 1440 + local.hour * 60 + local.minute


def open_ranges(slots: Iterable[schedule.Slot]) -> list[tuple[int, int]]:
    """Opening slots as minute-of-week ranges; a slot past Sunday midnight
    wraps to Monday morning."""
    ranges = []
    for slot in slots:
        start = slot.weekday * 1440 + slot.opens.hour * 60 + slot.opens.minute
        end = slot.weekday * 1440 + slot.closes.hour * 60 + slot.closes.minute
        if slot.overnight:
            end += 1440
        if end > MINUTES_PER_WEEK:
            ranges.append((start, MINUTES_PER_WEEK))
            ranges.append((0, end - MINUTES_PER_WEEK))
        else:
            ranges.append((start, end))
    return sorted(ranges)


def url_for(url_path: str, root_path: str) -> str:
    """The public URL from the tree path, without a query per page."""
    return "/" + url_path[len(root_path) :] if url_path.startswith(root_path) else url_path


_TAG = re.compile(r"<[^>]+>")


def _text(html: str | None) -> str:
    # Only for matching; never rendered (highlights are escaped), so a regex will do.
    return unescape(_TAG.sub(" ", html or "")).strip()


def indexable(model: type[Page]) -> PageQuerySet:
    """The pages of one model that belong in the index: live and public."""
    qs = model.objects.live().public()
    if model is VacancyPage:
        qs = qs.open()
    return qs


def _rows(model: type[Page], queryset: PageQuerySet) -> list[dict[str, Any]]:
    """Plain rows with everything a document needs. Related lists (themes,
    target groups, exceptions, opening hours) and the initiative's title come
    from one query each for the whole batch: a subquery per row costs more
    than the rest of a rebuild, and building page instances ~6 ms a page."""
    fields = ["pk", "title", "intro", "url_path", "path", "neighbourhood_id",
              "neighbourhood__name", "municipality_id", "municipality__name",
              "address_on_request", "respite", "languages"]  # fmt: skip
    if model is VacancyPage:
        fields += ["tasks", "from_home"]
    else:
        fields.append("description")
    if model is ActivityPage:
        fields += ["is_free", "starts_on", "start_time", "end_time", "recurrence", "ends_on",
                   "repeat_until", "accessibility",
                   "meeting_place__address_on_request"]  # fmt: skip
    if model is MeetingPlacePage:
        fields.append("accessibility")
    rows = list(queryset.annotate(lat=_LAT, lon=_LON).values(*fields, "lat", "lon"))
    ids = [row["pk"] for row in rows]
    if not ids:
        return rows
    themes = _related(model, "themes", "slug", ids)
    groups = _related(model, "target_groups", "slug", ids)
    extra: dict[int, list] = {}
    if model is ActivityPage:
        extra = {
            page_id: [row.date for row in rows]
            for page_id, rows in _grouped(
                f"SELECT page_id, date FROM {ActivityException._meta.db_table} "  # noqa: S608
                "WHERE page_id = ANY(%s)",
                ids,
                _Exception,
            ).items()
        }
    if model is MeetingPlacePage:
        extra = {
            page_id: [schedule.Slot(row.weekday, row.opens, row.closes) for row in rows]
            for page_id, rows in _grouped(
                f"SELECT page_id, weekday, opens, closes FROM {OpeningHours._meta.db_table} "  # noqa: S608
                "WHERE page_id = ANY(%s)",
                ids,
                _Opening,
            ).items()
        }
    initiatives = {}
    if model is not InitiativePage:
        # The parent initiative's tree path is the page's path minus one step.
        parents = {row["path"][: -Page.steplen] for row in rows}
        initiatives = dict(
            InitiativePage.objects.filter(path__in=parents).values_list("path", "title")
        )
    for row in rows:
        row["theme_slugs"] = themes.get(row["pk"], [])
        row["group_slugs"] = groups.get(row["pk"], [])
        row["extra"] = extra.get(row["pk"], [])
        row["initiative_title"] = initiatives.get(row["path"][: -Page.steplen], "")
    return rows


_LAT = Func(F("location"), function="ST_Y", template="ST_Y(%(expressions)s::geometry)",
            output_field=FloatField())  # fmt: skip
_LON = Func(F("location"), function="ST_X", template="ST_X(%(expressions)s::geometry)",
            output_field=FloatField())  # fmt: skip


class _Related(NamedTuple):
    page_id: int
    value: str


class _Exception(NamedTuple):
    page_id: int
    date: date


class _Opening(NamedTuple):
    page_id: int
    weekday: int
    opens: time
    closes: time


def _related(model: type[Page], name: str, attribute: str, ids: list[int]) -> dict[int, list]:
    """{page id: [attribute of each related object]} for a many-to-many field."""
    field = model._meta.get_field(name)
    through = field.remote_field.through._meta
    source = through.get_field(field.m2m_field_name()).column
    target = through.get_field(field.m2m_reverse_field_name()).column
    related_table = field.related_model._meta.db_table
    grouped = _grouped(
        f"SELECT t.{source} AS page_id, r.{attribute} AS value FROM {through.db_table} t "  # noqa: S608 - names from _meta
        f"JOIN {related_table} r ON r.id = t.{target} WHERE t.{source} = ANY(%s)",
        ids,
        _Related,
    )
    return {page_id: [row.value for row in rows] for page_id, rows in grouped.items()}


def _grouped(sql: str, ids: list[int], row_type: type[Row]) -> dict[int, list[Row]]:
    """Rows with a ``page_id``, grouped by it. Raw SQL with an array:
    Django's ``__in`` prepares each of 5,000 ids in Python (~0.15 s a batch)."""
    grouped: dict[int, list[Row]] = defaultdict(list)
    for row in fetch(sql, [ids], row_type):
        grouped[row.page_id].append(row)
    return grouped


# A safe address (``address_on_request``) is indexed on a coarse point: its
# exact point snapped to a grid of about 1 km (0.01 degree of latitude, 0.015
# of longitude at 52 degrees north), so a search by distance or nearest first
# can never home in on it.
COARSE_LAT = 0.01
COARSE_LON = 0.015


def coarse(lat: float, lon: float) -> tuple[float, float]:
    """The centre of the ~1 km grid cell that (lat, lon) lies in."""
    return (
        round((lat // COARSE_LAT + 0.5) * COARSE_LAT, 6),
        round((lon // COARSE_LON + 0.5) * COARSE_LON, 6),
    )


def _document(kind: str, row: dict, root_path: str, today: date) -> Document:
    # Work from home has no public place, even if an address was filled in.
    located = row["lat"] is not None and not row.get("from_home")
    lat, lon = (row["lat"], row["lon"]) if located else (None, None)
    # An activity held at a meeting place with a safe address is safe too.
    safe = bool(row["address_on_request"] or row.get("meeting_place__address_on_request"))
    if located and safe:
        lat, lon = coarse(lat, lon)
    doc = Document(
        id=row["pk"],
        type=kind,
        title=row["title"],
        summary=row["intro"],
        body=_text(row.get("tasks") if kind == "vacancy" else row.get("description")),
        url=url_for(row["url_path"], root_path),
        initiative_title=row.get("initiative_title") or "",
        themes=sorted(row["theme_slugs"]),
        target_groups=sorted(row["group_slugs"]),
        neighbourhood_id=row["neighbourhood_id"],
        neighbourhood=row["neighbourhood__name"] or "",
        municipality_id=row["municipality_id"],
        municipality=row["municipality__name"] or "",
        lat=lat,
        lon=lon,
        wheelchair=Accessibility.WHEELCHAIR in (row.get("accessibility") or []),
        respite=sorted(row.get("respite") or []),
        languages=spoken_codes(row.get("languages") or ()),
        place_public=not safe,
    )
    if kind == "activity":
        doc.free = row["is_free"]
        rule = schedule.Schedule(
            starts_on=row["starts_on"], start_time=row["start_time"],
            end_time=row["end_time"], recurrence=row["recurrence"], ends_on=row["ends_on"],
            repeat_until=row["repeat_until"], exceptions=frozenset(row["extra"]),
        )  # fmt: skip
        # From yesterday: an evening that runs past midnight is still on
        # today's agenda (search.agenda); searches ask for today onwards.
        doc.dates = rule.dates_between(
            today - timedelta(days=1), today + timedelta(days=HORIZON_DAYS)
        )
    elif kind == "meeting_place":
        doc.open_ranges = open_ranges(row["extra"])
    return doc


def all_documents(chunk_size: int = 5000, today: date | None = None) -> Iterator[Document]:
    root_path = site_root_path()
    today = today or timezone.localdate()
    for kind, model in MODELS.items():
        last = 0
        # Batches by primary key (keyset), so each is an index range scan.
        pages = indexable(model).order_by("pk")
        while rows := _rows(model, pages.filter(pk__gt=last)[:chunk_size]):
            for row in rows:
                yield _document(kind, row, root_path, today)
            last = rows[-1]["pk"]


def documents_for_ids(ids: Iterable[int]) -> tuple[list[Document], set[int]]:
    """Documents for the given page ids that are indexable, and the ids that
    are not (unpublished, deleted, private, closed): those leave the index."""
    ids = set(ids)
    root_path = site_root_path()
    today = timezone.localdate()
    docs = [
        _document(kind, row, root_path, today)
        for kind, model in MODELS.items()
        for row in _rows(model, indexable(model).filter(pk__in=ids))
    ]
    return docs, ids - {d.id for d in docs}


def site_root_path() -> str:
    from wagtail.models import Site

    site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
    return site.root_page.url_path if site else "/home/"


def read_ahead(make: Callable[[], Iterable[T]], batch: int = 1000, depth: int = 4) -> Iterator[T]:
    """Iterate ``make()`` in a background thread with its own database
    connection, so reading and building the next documents overlaps with
    writing these (a rebuild then uses both cores).

    Another connection cannot see rows that are not committed yet, so inside
    a transaction (a caller's atomic block, a test) this iterates in place."""
    # Decided now, not at the first next(): the caller's rebuild opens its own
    # transaction before it starts iterating.
    if connection.in_atomic_block:
        return iter(make())
    return _in_thread(make, batch, depth)


def _in_thread(make: Callable[[], Iterable[T]], batch: int, depth: int) -> Iterator[T]:
    handover: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(item: object) -> bool:
        while not stop.is_set():
            try:
                handover.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            items: list = []
            for item in make():
                items.append(item)
                if len(items) >= batch:
                    if not put(items):
                        return
                    items = []
            put(items)
            put(_DONE)
        except BaseException as exc:  # handed to the consumer, raised there
            put(exc)
        finally:
            connections.close_all()  # this thread's connections only

    worker = threading.Thread(target=produce, name="read-ahead", daemon=True)
    worker.start()
    try:
        while (items := handover.get()) is not _DONE:
            if isinstance(items, BaseException):
                raise items
            yield from items
    finally:
        stop.set()
        worker.join(timeout=10)


_DONE = object()
