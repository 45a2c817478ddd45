"""The sociale kaart as Open Referral HSDS 3.0 data (organisations, services,
locations), so other sociale kaarten and municipal systems can take it over.

Initiatives are organisations; activities and meeting places are services
(what a resident can go to), each at the location of its address; vacancies
are left out (they are asks, not services). Ids are UUIDs, as HSDS 3.0 requires,
derived from the page ids so they stay the same between exports. Optional fields
without a value are left out rather than sent as null or "" (the official schemas
type them as string or number, with formats such as email and uri); tests validate
the export against those schemas (tests/initiatives/hsds_schema/).

Two ways out (docs/open-data.md): paged endpoints in the shape of the Open
Referral API (``services_page`` and friends: one page of rows per request, a
constant number of queries) and a full dump written by ``manage.py
export_hsds`` (``write_dump``: streamed in chunks, memory stays flat).
"""

from __future__ import annotations

import json
import math
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, time
from typing import IO, Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Page

from core.site_url import absolute_url, page_full_url
from core.versioning import count_per_version

from .choices import Accessibility, Recurrence
from .models import (
    ActivityPage,
    InitiativePage,
    MeetingPlacePage,
    OpeningHours,
    Theme,
)
from .schedule import RFC5545_DAYS, aware

NAMESPACE = uuid.UUID("6f0d9d5e-3c51-4a8e-9a55-6d2b8f3f0a41")  # Meedoen's, fixed
MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 50
LICENSES = {
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
}
THEMES_TAXONOMY = "Meedoen thema's"
ACCESSIBILITY_TEXT = dict(Accessibility.choices)


def _id(kind: str, pk: int) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{pk}"))


def _text(value: str) -> str:
    return strip_tags(value or "").strip()


def _filled(item: dict[str, Any], *keep: str) -> dict[str, Any]:
    """``item`` without its empty fields: null is not a string or a number, and ""
    is no e-mail address or URI. The fields in ``keep`` (the required ones) stay."""
    return {k: v for k, v in item.items() if k in keep or v not in (None, "", [])}


def license_info() -> dict[str, str]:
    name = settings.OPEN_DATA_LICENSE
    return {"name": name, "url": LICENSES[name]}


# -- rows ----------------------------------------------------------------------------------
def taxonomy() -> dict[str, Any]:
    return {
        "id": _id("taxonomy", 1),
        "name": THEMES_TAXONOMY,
        "description": "De thema's waarmee Meedoen activiteiten en plekken indeelt.",
    }


def taxonomy_term(theme: Theme) -> dict[str, Any]:
    return _filled(
        {
            "id": _id("taxonomy_term", theme.pk),
            "code": theme.slug,
            "name": theme.name,
            "description": theme.description or theme.name,
            "taxonomy": THEMES_TAXONOMY,
            "taxonomy_id": _id("taxonomy", 1),
        },
        "id",
        "name",
        "description",
    )


def organization(initiative: InitiativePage, request=None) -> dict[str, Any]:
    return _filled(
        {
            "id": _id("organization", initiative.pk),
            "name": initiative.title,
            "description": _text(initiative.intro) or initiative.title,
            "email": initiative.email,
            "website": page_full_url(initiative, request),
            "phones": [{"id": _id("phone", initiative.pk), "number": initiative.phone}]
            if initiative.phone
            else [],
        },
        "id",
        "name",
        "description",
        "phones",
    )


def _hhmm(day: date, at: time | None) -> str | None:
    """A wall-clock time with its offset from UTC on ``day`` (HSDS asks for
    the offset: 10:00+01:00 in winter, 10:00+02:00 in summer)."""
    if at is None:
        return None
    moment = aware(day, at)
    offset = moment.strftime("%z")  # +0100
    return f"{moment:%H:%M}{offset[:3]}:{offset[3:]}"


def activity_schedule(page: ActivityPage, service_id: str) -> dict[str, Any]:
    """The activity's rule in HSDS's RFC 5545 terms: weekly and every other
    week as WEEKLY with interval 1 or 2, "every first Tuesday" as MONTHLY
    with byday 1TU and "every last Tuesday" as -1TU. Dates it does not take
    place are only in the description (HSDS has no exception dates)."""
    first = page.starts_on
    weekday = RFC5545_DAYS[first.weekday()]
    item: dict[str, Any] = {
        "id": _id("schedule", page.pk),
        "service_id": service_id,
        "valid_from": first.isoformat(),
        "dtstart": first.isoformat(),
        "opens_at": _hhmm(first, page.start_time),
        "closes_at": _hhmm(first, page.end_time),
        "description": page.when,
    }
    if page.recurrence == Recurrence.ONCE:
        item["valid_to"] = (page.ends_on or first).isoformat()
    else:
        item["wkst"] = "MO"
        if page.recurrence in (Recurrence.WEEKLY, Recurrence.BIWEEKLY):
            item["freq"] = "WEEKLY"
            item["interval"] = 1 if page.recurrence == Recurrence.WEEKLY else 2
            item["byday"] = weekday
        else:
            nth = page.get_schedule().month_nth()  # 5 means the last
            item["freq"] = "MONTHLY"
            item["interval"] = 1
            item["byday"] = f"{-1 if nth == 5 else nth}{weekday}"
        if page.repeat_until:
            item["valid_to"] = item["until"] = page.repeat_until.isoformat()
    return _filled(item, "id")


def opening_hours_schedules(page: MeetingPlacePage, service_id: str) -> list[dict[str, Any]]:
    today = timezone.localdate()
    return [
        {
            "id": _id(f"schedule-{h.pk}", page.pk),
            "service_id": service_id,
            "freq": "WEEKLY",
            "interval": 1,
            "wkst": "MO",
            "byday": RFC5545_DAYS[h.weekday],
            "opens_at": _hhmm(today, h.opens),
            "closes_at": _hhmm(today, h.closes),
        }
        for h in page.opening_hours.all()
    ]


def _languages(page, link: str, link_id: str) -> list[dict[str, Any]]:
    """The languages spoken (HSDS ``language``: a name and an ISO 639-1 or
    639-3 code), for a service or a location (``link``: ``service_id`` or
    ``location_id``). Dutch when the listing chose none (docs/languages.md)."""
    return [
        {
            "id": _id(f"{link}-language-{language.code}", page.pk),
            link: link_id,
            "name": language.name,
            "code": language.code,
        }
        for language in page.spoken_languages
    ]


def _cost(page, service_id: str) -> tuple[str | None, list[dict[str, Any]]]:
    if not isinstance(page, ActivityPage):
        return None, []
    if page.is_free or page.cost is None:
        text = "Gratis" + (f" ({page.cost_note})" if page.cost_note else "")
        amount = 0
    else:
        text = f"€ {page.cost:.2f}".replace(".", ",") + (
            f" ({page.cost_note})" if page.cost_note else ""
        )
        amount = float(page.cost)
    option = _filled(
        {
            "id": _id("cost_option", page.pk),
            "service_id": service_id,
            "amount": amount,
            "currency": "EUR",
            "amount_description": page.cost_note,
        },
        "id",
        "amount",
    )
    return text, [option]


def _assured_date(page) -> str | None:
    confirmed = page.last_confirmed
    return timezone.localdate(confirmed).isoformat() if confirmed else None


def service(page, initiative_pk: int, request=None) -> dict[str, Any]:
    """An activity or meeting place (prefetch ``themes``, and ``exceptions``
    or ``opening_hours``)."""
    service_id = _id("service", page.pk)
    fees, cost_options = _cost(page, service_id)
    item = _filled(
        {
            "id": service_id,
            "organization_id": _id("organization", initiative_pk),
            "name": page.title,
            "description": _text(page.intro),
            "url": page_full_url(page, request),
            "status": "active",
            "fees_description": fees,
            "cost_options": cost_options,
            # Changed: the last publish. Checked ("Klopt dit nog?", or a
            # publish): the assured date (docs/freshness.md).
            "last_modified": page.last_published_at.isoformat() if page.last_published_at else None,
            "assured_date": _assured_date(page),
            "attributes": [
                {
                    "id": _id(f"attribute-{theme.pk}", page.pk),
                    "link_id": service_id,
                    "link_type": "theme",
                    "link_entity": "service",
                    "taxonomy_term_id": _id("taxonomy_term", theme.pk),
                    "taxonomy_term": taxonomy_term(theme),
                }
                for theme in page.themes.all()
            ],
            "schedules": opening_hours_schedules(page, service_id)
            if isinstance(page, MeetingPlacePage)
            else [activity_schedule(page, service_id)],
            "languages": _languages(page, "service_id", service_id),
        },
        "id",
        "name",
        "status",
        "description",  # "" rather than absent, as before
        "schedules",
    )
    return item


def location(page, request=None) -> dict[str, Any] | None:
    if not page.place_is_public:
        return None
    if page.location is None and not (page.street or page.town):
        return None
    location_id = _id("location", page.pk)
    item: dict[str, Any] = _filled(
        {
            "id": location_id,
            "location_type": "physical",
            "name": page.title,
            "url": page_full_url(page, request),
            "latitude": round(page.location.y, 6) if page.location else None,
            "longitude": round(page.location.x, 6) if page.location else None,
            "accessibility": [
                {
                    "id": _id(f"accessibility-{code}", page.pk),
                    "location_id": location_id,
                    "description": str(ACCESSIBILITY_TEXT.get(code, code)),
                }
                for code in page.accessibility or []
            ],
            "languages": _languages(page, "location_id", location_id),
            "addresses": [],
        },
        "id",
        "location_type",
        "addresses",
    )
    if page.street or page.town:
        item["addresses"].append(
            {
                "id": _id("address", page.pk),
                "location_id": location_id,
                # All of these are required, so "" where we do not know one
                # (the Netherlands has no states or provinces in addresses).
                "address_1": f"{page.street} {page.house_number}".strip(),
                "city": page.town,
                "state_province": "",
                "postal_code": page.postcode,
                "country": "NL",
                "address_type": "physical",
            }
        )
    return item


def service_at_location(page, location_id: str) -> dict[str, Any]:
    return {
        "id": _id("service_at_location", page.pk),
        "service_id": _id("service", page.pk),
        "location_id": location_id,
    }


# -- querysets -----------------------------------------------------------------------------
def initiatives():
    return InitiativePage.objects.live().public().order_by("path")


def service_pages():
    """Live, public activities and meeting places whose initiative is live,
    in tree order (the path index pages them)."""
    parent_live = Exists(
        Page.objects.filter(
            live=True,
            path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen),
        )
    )
    return (
        Page.objects.live()
        .public()
        .type(ActivityPage, MeetingPlacePage)
        .filter(parent_live)
        .order_by("path")
    )


def located_pages():
    """``service_pages`` that have a public place (a point or an address):
    not a safe address, nor an activity held at one (``place_is_public``),
    so the count does not tell that they exist either."""
    placed = (Q(location__isnull=False) | ~Q(street="") | ~Q(town="")) & Q(address_on_request=False)
    return service_pages().filter(
        Exists(
            ActivityPage.objects.filter(placed, pk=OuterRef("pk")).exclude(
                meeting_place__address_on_request=True
            )
        )
        | Exists(MeetingPlacePage.objects.filter(placed, pk=OuterRef("pk")))
    )


def specific_services(pks: list[int]) -> list:
    """The specific pages for ``pks`` in that order, with what ``service``
    reads prefetched: a fixed number of queries for any number of pages."""
    hours = Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens"))
    by_pk = {
        **{
            p.pk: p
            for p in ActivityPage.objects.filter(pk__in=pks)
            .select_related("meeting_place")
            .prefetch_related("exceptions", "themes")
        },
        **{
            p.pk: p
            for p in MeetingPlacePage.objects.filter(pk__in=pks).prefetch_related(hours, "themes")
        },
    }
    return [by_pk[pk] for pk in pks if pk in by_pk]


def _initiative_pks(pages: Iterable) -> dict[str, int]:
    parents = {p.path[: -p.steplen] for p in pages}
    return dict(Page.objects.filter(path__in=parents).values_list("path", "pk"))


def services_for(pages: list, request=None) -> list[dict[str, Any]]:
    parents = _initiative_pks(pages)
    return [
        service(p, parents[p.path[: -p.steplen]], request)
        for p in pages
        if p.path[: -p.steplen] in parents
    ]


# -- paged endpoints -----------------------------------------------------------------------
class BadPage(ValueError):
    """A page number or size out of range; the message says which (in Dutch)."""


@dataclass(frozen=True)
class Paging:
    number: int
    size: int

    @classmethod
    def from_query(cls, params) -> Paging:
        def number(name: str, default: int, maximum: int | None = None) -> int:
            raw = params.get(name, "")
            if raw == "":
                return default
            try:
                value = int(raw)
            except ValueError:
                raise BadPage(f"{name} moet een geheel getal zijn, niet {raw[:20]!r}.") from None
            if value < 1 or (maximum is not None and value > maximum):
                limit = f" en hoogstens {maximum}" if maximum else ""
                raise BadPage(f"{name} moet minstens 1{limit} zijn.")
            return value

        return cls(
            number=number("page", 1, 1_000_000),
            size=number("per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE),
        )


def _page(kind: str, queryset, paging: Paging, build) -> dict[str, Any]:
    total = count_per_version(f"open-data:{kind}", queryset)
    total_pages = max(1, math.ceil(total / paging.size))
    start = (paging.number - 1) * paging.size
    rows = list(queryset[start : start + paging.size]) if start < total else []
    contents = build(rows)
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": paging.number,
        "size": len(contents),
        "first_page": paging.number == 1,
        "last_page": paging.number >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def services_page(paging: Paging, request=None) -> dict[str, Any]:
    def build(rows):
        return services_for(specific_services([p.pk for p in rows]), request)

    return _page("services", service_pages().only("pk"), paging, build)


def organizations_page(paging: Paging, request=None) -> dict[str, Any]:
    return _page(
        "organizations",
        initiatives(),
        paging,
        lambda rows: [organization(i, request) for i in rows],
    )


def locations_page(paging: Paging, request=None) -> dict[str, Any]:
    def build(rows):
        pages = specific_services([p.pk for p in rows])
        return [loc for p in pages if (loc := location(p, request))]

    return _page("locations", located_pages().only("pk"), paging, build)


def service_by_id(service_id: str, request=None) -> dict[str, Any] | None:
    """One service by its HSDS id. The id is a name-based UUID of the page id;
    PostgreSQL computes the same (uuid-ossp's uuid_generate_v5), indexed."""
    try:
        wanted = uuid.UUID(service_id)
    except ValueError:
        return None
    matches = service_pages().filter(
        Q(pk__in=RawSQL(SERVICE_UUID_SQL.format(table="initiatives_activitypage"), [str(wanted)]))
        | Q(
            pk__in=RawSQL(
                SERVICE_UUID_SQL.format(table="initiatives_meetingplacepage"), [str(wanted)]
            )
        )
    )
    pks = list(matches.values_list("pk", flat=True)[:1])
    found = services_for(specific_services(pks), request)
    return found[0] if found else None


# The same expression as the indexes in migration 0007 (so they are used).
SERVICE_UUID_SQL = (
    "SELECT page_ptr_id FROM {table} WHERE "
    + "uuid_generate_v5('"
    + str(NAMESPACE)
    + "'::uuid, 'service:' || page_ptr_id::text)"
    + " = %s::uuid"
)


# -- everything at once --------------------------------------------------------------------
def _chunks(queryset, size: int) -> Iterator[list]:
    """Keyset paging on path: each chunk an index range, never a deep OFFSET."""
    last = ""
    while True:
        rows = list(queryset.filter(path__gt=last)[:size])
        if not rows:
            return
        yield rows
        last = rows[-1].path


def header() -> dict[str, Any]:
    return {
        "license": license_info(),
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "publisher": {"name": settings.WAGTAIL_SITE_NAME, "url": absolute_url("/")},
    }


def iter_export(request=None, chunk: int = 500) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every row of the export as (kind, row), reading ``chunk`` pages at a time."""
    yield "taxonomies", taxonomy()
    for theme in Theme.objects.order_by("pk"):
        yield "taxonomy_terms", taxonomy_term(theme)
    for rows in _chunks(initiatives(), chunk):
        for initiative in rows:
            yield "organizations", organization(initiative, request)
    for rows in _chunks(service_pages().only("pk", "path"), chunk):
        pages = specific_services([p.pk for p in rows])
        for item in services_for(pages, request):
            yield "services", item
        for page in pages:
            loc = location(page, request)
            if loc is not None:
                yield "locations", loc
                yield "service_at_locations", service_at_location(page, loc["id"])


KINDS = (
    "organizations",
    "services",
    "locations",
    "service_at_locations",
    "taxonomies",
    "taxonomy_terms",
)


def export(request=None) -> dict[str, Any]:
    """All live initiatives, their live activities and meeting places, and
    the places those are at, in memory (small data and tests; the dump
    streams). Only public pages: one behind a view restriction (login, group
    or password) is not open data."""
    data: dict[str, Any] = {**header(), **{kind: [] for kind in KINDS}}
    for kind, row in iter_export(request):
        data[kind].append(row)
    return data


def write_dump(out: IO[str], scratch: dict[str, IO[str]]) -> int:
    """Write the whole export as one JSON object to ``out``, streaming: rows
    of kinds that come interleaved go to the ``scratch`` files (one per kind)
    first and are copied in after. Returns the number of rows."""
    count = 0
    for kind, row in iter_export():
        target = scratch[kind]
        if target.tell():
            target.write(",\n")
        target.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")))
        count += 1
    head = json.dumps(header(), ensure_ascii=False)[:-1]
    out.write(head)
    for kind in KINDS:
        out.write(f', "{kind}": [\n')
        target = scratch[kind]
        target.seek(0)
        while block := target.read(1 << 16):
            out.write(block)
        out.write("]")
    out.write("}\n")
    return count
