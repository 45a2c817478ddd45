"""The printed weekly agenda (docs/print.md): one A4 for a notice board in the
buurthuis, the library or the huisarts, per wijk or per initiative.

What is on comes from the search index as for the embed (``embed.upcoming``
with the week as its window): one walk of the occurrences' btree, then only
the pages shown are read and checked against their schedule. Everything the
sheet says is public: for a safe address (``place_is_public`` false) only the
wijk and gemeente, never the street, postcode or the meeting place's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.text import capfirst
from django.utils.translation import gettext

from contactpoints.models import ContactPoint
from contactpoints.services import contact_point_for
from core.site_url import absolute_url
from initiatives.models import ActivityPage, InitiativePage, MeetingPlacePage, Neighbourhood
from initiatives.schedule import Occurrence, aware

from . import embed
from .embed import Selection

# How far ahead a sheet may be printed: the index holds the occurrences of
# the coming half year; a quarter is what a notice board is planned for.
WEEKS_AHEAD = 12
# More than this does not fit on a few sheets; the rest is online.
LIMIT = 40

_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)


class BadWeek(ValueError):
    """A week we cannot print: the message for the visitor."""


@dataclass(frozen=True)
class Week:
    """An ISO week (Monday to Sunday)."""

    year: int
    number: int

    @classmethod
    def of(cls, day: date) -> Week:
        iso = day.isocalendar()
        return cls(iso.year, iso.week)

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def start(self) -> datetime:
        return aware(self.monday, time.min)

    @property
    def end(self) -> datetime:
        return aware(self.monday + timedelta(days=7), time.min)

    @property
    def param(self) -> str:
        """As the URL writes it: ``2026-W49``."""
        return f"{self.year}-W{self.number:02d}"

    @property
    def label(self) -> str:
        """``Week 49 · 30 november – 6 december 2026``, in the interface's language."""
        first, last = self.monday, self.sunday
        if first.year != last.year:
            span = f"{format_date(first, 'j E Y')} – {format_date(last, 'j E Y')}"
        else:
            span = f"{_day_month(first)} – {format_date(last, 'j E Y')}"
        # Translators: the week number and its days: "Week 49 · 30 november – 6 december 2026".
        return gettext("Week %(number)s · %(days)s") % {"number": self.number, "days": span}

    def __add__(self, weeks: int) -> Week:
        return Week.of(self.monday + timedelta(weeks=weeks))


def _day_month(day: date) -> str:
    """``30 november`` (Django's month names; "E": as after a day number)."""
    return format_date(day, "j E")


def day_label(day: date) -> str:
    """``Maandag 30 november``."""
    return capfirst(format_date(day, "l j E"))


def week_parse(value: str, *, today: date) -> Week:
    """The week asked for (``2026-W49``; empty: this week), from this week
    to WEEKS_AHEAD ahead. Raises BadWeek with a message for the visitor."""
    this_week = Week.of(today)
    value = value.strip()
    if not value:
        return this_week
    match = _WEEK.match(value[:20])
    if match is None:
        raise BadWeek(
            gettext("Schrijf de week als jaar en weeknummer, bijvoorbeeld %(week)s.")
            % {"week": this_week.param}
        )
    try:
        week = Week.of(date.fromisocalendar(int(match[1]), int(match[2]), 1))
    except ValueError:
        raise BadWeek(
            gettext("Week %(number)s bestaat niet in %(year)s.")
            % {"number": match[2], "year": match[1]}
        ) from None
    last = this_week + WEEKS_AHEAD
    if week.monday < this_week.monday:
        raise BadWeek(
            gettext("Deze week is al voorbij. Kies %(week)s of later.") % {"week": this_week.param}
        )
    if week.monday > last.monday:
        raise BadWeek(
            gettext(
                "Zo ver vooruit kunnen we nog niet afdrukken. Kies een week tot en met %(week)s."
            )
            % {"week": last.param}
        )
    return week


@dataclass
class AgendaItem:
    """One occurrence as the sheet prints it."""

    occurrence: Occurrence
    page: ActivityPage
    where: str
    cost: str
    phone: str
    short_url: str

    @property
    def times(self) -> str:
        start = timezone.localtime(self.occurrence.start)
        end = timezone.localtime(self.occurrence.end)
        if end <= start:
            # Translators: a time of day: "14:00 uur" (o'clock).
            return gettext("%(start)s uur") % {"start": f"{start:%H:%M}"}
        # Translators: from one time to another: "14:00 – 16:00 uur".
        return gettext("%(start)s – %(end)s uur") % {
            "start": f"{start:%H:%M}",
            "end": f"{end:%H:%M}",
        }


@dataclass
class PrintAgenda:
    """A week's sheet for a selection (a wijk, or an initiative)."""

    selection: Selection
    week: Week
    # From when the sheet lists (this week: today; past days are gone).
    shown_from: date
    days: list[tuple[str, list[AgendaItem]]] = field(default_factory=list)
    more: bool = False  # more than LIMIT: the rest is online
    online_url: str = ""  # the QR code's target: the selection online
    contact_point: ContactPoint | None = None

    @property
    def place(self) -> str:
        """The heading: the wijk's name, or the initiative's."""
        if self.selection.initiative is not None:
            return self.selection.initiative.title
        neighbourhood = self.selection.neighbourhood
        return f"{neighbourhood.name}, {neighbourhood.municipality.name}"

    @property
    def count(self) -> int:
        return sum(len(items) for _, items in self.days)


def short_url(page_id: int) -> str:
    """The short link to a page (``/a/<id>/``), to type over from paper."""
    return absolute_url(reverse("initiatives:short_link", args=[page_id]))


def without_scheme(url: str) -> str:
    """``https://meedoen.nl/a/12/`` as printed under a QR code: ``meedoen.nl/a/12/``."""
    return url.split("://", 1)[-1]


def _cost(page: ActivityPage) -> str:
    if page.is_free or page.cost is None or page.cost == Decimal(0):
        return gettext("Gratis")
    amount = f"€ {page.cost:.2f}".replace(".", ",").replace(",00", ",-")
    return f"{amount} ({page.cost_note})" if page.cost_note else amount


def _where(page: ActivityPage, place_names: dict[int, str]) -> str:
    """The public place: the meeting place's name and the address, or for a
    safe address only the wijk and gemeente."""
    if not page.place_is_public:
        area = page.public_area
        if area:
            return gettext("%(area)s (adres op aanvraag)") % {"area": area}
        return gettext("Adres op aanvraag")
    name = place_names.get(page.meeting_place_id or 0, "")
    parts = [p for p in (name, page.address_line) if p]
    return ", ".join(parts) or page.public_area


def agenda_for_wijk(neighbourhood: Neighbourhood, week: Week, *, now: datetime) -> PrintAgenda:
    selection = Selection(neighbourhood=neighbourhood)
    online = absolute_url(reverse("initiatives:activity_list") + f"?wijk={neighbourhood.pk}")
    point = contact_point_for(neighbourhood=neighbourhood)
    return _agenda(selection, week, now=now, online_url=online, contact_point=point)


def agenda_for_initiative(initiative: InitiativePage, week: Week, *, now: datetime) -> PrintAgenda:
    ids = ActivityPage.objects.child_of(initiative).live().public().values_list("pk", flat=True)
    selection = Selection(initiative=initiative, page_ids=list(ids))
    point = contact_point_for(
        neighbourhood=initiative.neighbourhood_id, municipality=initiative.municipality_id
    )
    return _agenda(
        selection, week, now=now, online_url=short_url(initiative.pk), contact_point=point
    )


def _agenda(
    selection: Selection,
    week: Week,
    *,
    now: datetime,
    online_url: str,
    contact_point: ContactPoint | None,
) -> PrintAgenda:
    today = timezone.localtime(now).date()
    shown_from = max(week.monday, today)
    found = embed.upcoming(
        selection, now=aware(shown_from, time.min), until=week.end, limit=LIMIT + 1
    )
    agenda = PrintAgenda(
        selection=selection,
        week=week,
        shown_from=shown_from,
        more=len(found) > LIMIT,
        online_url=online_url,
        contact_point=contact_point,
    )
    found = found[:LIMIT]
    pages = [page for _, page in found]
    # Two queries for the whole sheet: the public names of the meeting places
    # and the initiatives' phone numbers.
    place_names = dict(
        MeetingPlacePage.objects.live()
        .public()
        .filter(pk__in={p.meeting_place_id for p in pages if p.meeting_place_id})
        .values_list("pk", "title")
    )
    if selection.initiative is not None:
        phones = {selection.initiative.url_path: selection.initiative.phone}
    else:
        phones = dict(
            InitiativePage.objects.filter(
                url_path__in={p.initiative_url_path for p in pages}
            ).values_list("url_path", "phone")
        )
    fallback = contact_point.phone if contact_point is not None else ""
    by_day: dict[date, list[AgendaItem]] = {}
    for occurrence, page in found:
        item = AgendaItem(
            occurrence=occurrence,
            page=page,
            where=_where(page, place_names),
            cost=_cost(page),
            phone=phones.get(page.initiative_url_path) or fallback,
            short_url=short_url(page.pk),
        )
        by_day.setdefault(timezone.localtime(occurrence.start).date(), []).append(item)
    agenda.days = [(day_label(day), items) for day, items in sorted(by_day.items())]
    return agenda
