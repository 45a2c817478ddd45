"""The sociale kaart as Open Referral HSDS 3.0 data (organisations, services,
locations), so other sociale kaarten and municipal systems can take it over.

Initiatives are organisations; activities and meeting places are services
(what a resident can go to), each at the location of its address; vacancies
are left out (they are asks, not services). Ids are UUIDs, as HSDS 3.0 requires,
derived from the page ids so they stay the same between exports. Optional fields
without a value are left out rather than sent as null or "" (the official schemas
type them as string or number, with formats such as email and uri); tests validate
the export against those schemas (tests/initiatives/hsds_schema/).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import Prefetch
from django.utils.html import strip_tags

from .models import ActivityPage, InitiativePage, MeetingPlacePage, OpeningHours
from .schedule import RFC5545_DAYS

NAMESPACE = uuid.UUID("6f0d9d5e-3c51-4a8e-9a55-6d2b8f3f0a41")  # Meedoen's, fixed


def _id(kind: str, pk: int) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{pk}"))


def _text(value: str) -> str:
    return strip_tags(value or "").strip()


def _filled(item: dict[str, Any], *keep: str) -> dict[str, Any]:
    """``item`` without its empty fields: null is not a string or a number, and ""
    is no e-mail address or URI. The fields in ``keep`` (the required ones) stay."""
    return {k: v for k, v in item.items() if k in keep or v not in (None, "")}


def _location(page, request) -> dict[str, Any] | None:
    if page.location is None and not (page.street or page.town):
        return None
    location_id = _id("location", page.pk)
    location: dict[str, Any] = _filled(
        {
            "id": location_id,
            "location_type": "physical",
            "name": page.title,
            "url": page.get_full_url(request),
            "latitude": round(page.location.y, 6) if page.location else None,
            "longitude": round(page.location.x, 6) if page.location else None,
            "addresses": [],
        },
        "id",
        "location_type",
    )
    if page.street or page.town:
        location["addresses"].append(
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
    return location


def export(request=None) -> dict[str, list[dict[str, Any]]]:
    """All live initiatives, their live activities and meeting places, and
    the places those are at. Only public pages: one behind a view restriction
    (login, group or password) is not open data."""
    initiatives = {i.path: i for i in InitiativePage.objects.live().public().order_by("path")}
    organizations, services, locations, at_locations = [], [], [], []
    for initiative in initiatives.values():
        organizations.append(
            _filled(
                {
                    "id": _id("organization", initiative.pk),
                    "name": initiative.title,
                    "description": _text(initiative.intro) or initiative.title,
                    "email": initiative.email,
                    "website": initiative.get_full_url(request),
                    "phones": [{"id": _id("phone", initiative.pk), "number": initiative.phone}]
                    if initiative.phone
                    else [],
                },
                "id",
                "name",
                "description",
            )
        )
    hours = Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens"))
    pages = [
        *MeetingPlacePage.objects.live().public().prefetch_related(hours).order_by("path"),
        # ``when`` reads the exceptions: one query for all, not one per activity.
        *ActivityPage.objects.live().public().prefetch_related("exceptions").order_by("path"),
    ]
    for page in pages:
        initiative = initiatives.get(page.path[: -page.steplen])
        if initiative is None:
            continue  # under an unpublished initiative
        service_id = _id("service", page.pk)
        service = _filled(
            {
                "id": service_id,
                "organization_id": _id("organization", initiative.pk),
                "name": page.title,
                "description": _text(page.intro),
                "url": page.get_full_url(request),
                "status": "active",
                "schedules": [],
            },
            "id",
            "name",
            "status",
            "description",  # "" rather than absent, as before
        )
        if isinstance(page, MeetingPlacePage):
            service["schedules"] = [
                {
                    "id": _id(f"schedule-{h.pk}", page.pk),
                    "service_id": service_id,
                    "freq": "WEEKLY",
                    "byday": RFC5545_DAYS[h.weekday],
                    "opens_at": h.opens.strftime("%H:%M"),
                    "closes_at": h.closes.strftime("%H:%M"),
                }
                for h in page.opening_hours.all()
            ]
        else:
            service["schedules"] = [
                _filled(
                    {
                        "id": _id("schedule", page.pk),
                        "service_id": service_id,
                        "valid_from": page.starts_on.isoformat() if page.starts_on else None,
                        "opens_at": page.start_time.strftime("%H:%M") if page.start_time else None,
                        "closes_at": page.end_time.strftime("%H:%M") if page.end_time else None,
                        "description": page.when,
                    },
                    "id",
                )
            ]
        services.append(service)
        location = _location(page, request)
        if location is not None:
            locations.append(location)
            at_locations.append(
                {
                    "id": _id("service_at_location", page.pk),
                    "service_id": service_id,
                    "location_id": location["id"],
                }
            )
    return {
        "organizations": organizations,
        "services": services,
        "locations": locations,
        "service_at_locations": at_locations,
    }
