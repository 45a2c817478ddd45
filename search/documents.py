"""What a listing looks like in the search index, the same for every backend."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.html import strip_tags

from initiatives import schedule
from initiatives.models import ActivityPage, InitiativePage, MeetingPlacePage, VacancyPage
from initiatives.models.pages import Accessibility

# Upcoming activity dates are indexed this far ahead; `search_index update`
# (daily from cron) moves the window on.
HORIZON_DAYS = 180
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


def upcoming_dates(activity: ActivityPage, today: date | None = None) -> list[date]:
    today = today or timezone.localdate()
    start = schedule.aware(today, time(0))
    until = schedule.aware(today + timedelta(days=HORIZON_DAYS), time(0))
    days = {occ.date for occ in activity.get_schedule().occurrences(start, until=until)}
    return sorted(days)


def url_for(page, root_path: str) -> str:
    """The public URL from the tree path, without a query per page."""
    path = page.url_path
    return "/" + path[len(root_path) :] if path.startswith(root_path) else path


def document_for(page, root_path: str = "/home/", today: date | None = None) -> Document:
    """Build the document of a specific page. Expects the page to come from
    ``indexable()`` (prefetched taxonomy, annotated initiative title)."""
    kind = TYPE_OF_MODEL[type(page)]
    body = ""
    if kind == "vacancy":
        body = strip_tags(page.tasks or "")
    elif hasattr(page, "description"):
        body = strip_tags(page.description or "")
    neighbourhood = page.neighbourhood
    municipality = page.municipality
    doc = Document(
        id=page.pk,
        type=kind,
        title=page.title,
        summary=page.intro,
        body=body,
        url=url_for(page, root_path),
        initiative_title=getattr(page, "initiative_title", "") or "",
        themes=sorted(t.slug for t in page.themes.all()),
        target_groups=sorted(t.slug for t in page.target_groups.all()),
        neighbourhood_id=neighbourhood.pk if neighbourhood else None,
        neighbourhood=neighbourhood.name if neighbourhood else "",
        municipality_id=municipality.pk if municipality else None,
        municipality=municipality.name if municipality else "",
        lat=page.location.y if page.location else None,
        lon=page.location.x if page.location else None,
        wheelchair=Accessibility.WHEELCHAIR in (getattr(page, "accessibility", None) or []),
    )
    if kind == "activity":
        doc.free = page.is_free
        doc.dates = upcoming_dates(page, today)
    elif kind == "meeting_place":
        doc.open_ranges = open_ranges(page.slots)
    return doc


def indexable(model):
    """The pages of one model that belong in the index: live and public."""
    qs = (
        model.objects.live()
        .public()
        .select_related("neighbourhood", "municipality")
        .prefetch_related("themes", "target_groups")
    )
    if model is not InitiativePage:
        qs = qs.with_initiative()
    if model is ActivityPage:
        qs = qs.prefetch_related("exceptions")
    if model is MeetingPlacePage:
        qs = qs.prefetch_related("opening_hours")
    if model is VacancyPage:
        qs = qs.open()
    return qs


def all_documents(chunk_size: int = 2000, today: date | None = None) -> Iterator[Document]:
    root_path = site_root_path()
    for model in MODELS.values():
        for page in indexable(model).order_by("pk").iterator(chunk_size=chunk_size):
            yield document_for(page, root_path, today)


def documents_for_ids(ids: Iterable[int]) -> tuple[list[Document], set[int]]:
    """Documents for the given page ids that are indexable, and the ids that
    are not (unpublished, deleted, private, closed): those leave the index."""
    ids = set(ids)
    root_path = site_root_path()
    docs = []
    for model in MODELS.values():
        for page in indexable(model).filter(pk__in=ids):
            docs.append(document_for(page, root_path))
    return docs, ids - {d.id for d in docs}


def site_root_path() -> str:
    from wagtail.models import Site

    site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
    return site.root_page.url_path if site else "/home/"
