"""What a listing looks like in the search index, the same for every backend."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from html import unescape

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import CharField, OuterRef, Value
from django.db.models.functions import Concat
from django.utils import timezone

from initiatives import schedule
from initiatives.models import (
    ActivityException,
    ActivityPage,
    InitiativePage,
    MeetingPlacePage,
    OpeningHours,
    TargetGroup,
    Theme,
    VacancyPage,
)
from initiatives.models.pages import Accessibility

from .query import HORIZON_DAYS

MINUTES_PER_WEEK = 7 * 24 * 60

MODELS = {
    "activity": ActivityPage,
    "meeting_place": MeetingPlacePage,
    "vacancy": VacancyPage,
    "initiative": InitiativePage,
}
TYPE_OF_MODEL = {model: key for key, model in MODELS.items()}


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
    free: bool | None = None
    dates: list[date] = field(default_factory=list)
    # Half-open minute-of-week ranges [start, end) when a meeting place is open.
    open_ranges: list[tuple[int, int]] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


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


def indexable(model):
    """The pages of one model that belong in the index: live and public."""
    qs = model.objects.live().public()
    if model is VacancyPage:
        qs = qs.open()
    return qs


def _rows(model, queryset):
    """Plain rows with everything a document needs, in one query: building
    page instances (and modelcluster managers) costs ~6 ms a page."""
    name = model._meta.model_name
    fields = [
        "pk", "title", "intro", "url_path", "location", "neighbourhood_id",
        "neighbourhood__name", "municipality_id", "municipality__name",
    ]  # fmt: skip
    annotations = {
        "theme_slugs": ArraySubquery(Theme.objects.filter(**{name: OuterRef("pk")}).values("slug")),
        "group_slugs": ArraySubquery(
            TargetGroup.objects.filter(**{name: OuterRef("pk")}).values("slug")
        ),
    }
    if model is VacancyPage:
        fields += ["tasks", "from_home"]
    else:
        fields.append("description")
    if model is not InitiativePage:
        queryset = queryset.with_initiative()
        fields.append("initiative_title")
    if model is ActivityPage:
        fields += [
            "is_free", "starts_on", "start_time", "end_time", "recurrence", "ends_on",
            "repeat_until", "accessibility",
        ]  # fmt: skip
        annotations["exception_dates"] = ArraySubquery(
            ActivityException.objects.filter(page=OuterRef("pk")).values("date")
        )
    if model is MeetingPlacePage:
        fields.append("accessibility")
        annotations["slots"] = ArraySubquery(
            OpeningHours.objects.filter(page=OuterRef("pk"))
            .annotate(
                slot=Concat(
                    "weekday", Value("|"), "opens", Value("|"), "closes", output_field=CharField()
                )
            )
            .values("slot")
        )
    return queryset.annotate(**annotations).values(*fields, *annotations)


def _document(kind: str, row: dict, root_path: str, today: date) -> Document:
    # Work from home has no public place, even if an address was filled in.
    location = None if row.get("from_home") else row["location"]
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
        lat=location.y if location else None,
        lon=location.x if location else None,
        wheelchair=Accessibility.WHEELCHAIR in (row.get("accessibility") or []),
    )
    if kind == "activity":
        doc.free = row["is_free"]
        rule = schedule.Schedule(
            starts_on=row["starts_on"], start_time=row["start_time"],
            end_time=row["end_time"], recurrence=row["recurrence"], ends_on=row["ends_on"],
            repeat_until=row["repeat_until"], exceptions=frozenset(row["exception_dates"]),
        )  # fmt: skip
        doc.dates = rule.dates_between(today, today + timedelta(days=HORIZON_DAYS))
    elif kind == "meeting_place":
        slots = []
        for text in row["slots"]:
            weekday, opens, closes = text.split("|")
            slots.append(
                schedule.Slot(int(weekday), time.fromisoformat(opens), time.fromisoformat(closes))
            )
        doc.open_ranges = open_ranges(slots)
    return doc


def all_documents(chunk_size: int = 5000, today: date | None = None) -> Iterator[Document]:
    root_path = site_root_path()
    today = today or timezone.localdate()
    for kind, model in MODELS.items():
        rows = _rows(model, indexable(model).order_by("pk"))
        for row in rows.iterator(chunk_size=chunk_size):
            yield _document(kind, row, root_path, today)


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
