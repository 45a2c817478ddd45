"""schema.org JSON-LD and Open Graph for the detail pages, so search engines
and other agendas understand an activity as an Event, a meeting place as a
Place, an initiative as an Organization and a vacancy as a JobPosting with
employmentType VOLUNTEER (schema.org's closest type for volunteer work)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.html import strip_tags

from core.site_url import page_full_url

from .models import ActivityPage, InitiativePage, MeetingPlacePage, VacancyPage

DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _address(page) -> dict[str, Any] | None:
    if not page.place_is_public:
        # A safe address: the wijk and gemeente only, never the street,
        # postcode or town typed with it.
        if not page.public_area:
            return None
        return {
            "@type": "PostalAddress",
            "addressLocality": page.public_area,
            "addressCountry": "NL",
        }
    if not (page.street or page.postcode or page.town):
        return None
    street = f"{page.street} {page.house_number}".strip()
    return {
        "@type": "PostalAddress",
        "streetAddress": street or None,
        "postalCode": page.postcode or None,
        "addressLocality": page.town or None,
        "addressCountry": "NL",
    }


def _place(page, name: str | None = None) -> dict[str, Any] | None:
    address = _address(page)
    if address is None and (page.location is None or not page.place_is_public):
        return None
    place: dict[str, Any] = {"@type": "Place", "name": name or page.title}
    if address:
        place["address"] = address
    if page.location is not None and page.place_is_public:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": round(page.location.y, 6),
            "longitude": round(page.location.x, 6),
        }
    return place


def _organization(initiative: InitiativePage, request) -> dict[str, Any]:
    return {
        "@type": "Organization",
        "name": initiative.title,
        "url": page_full_url(initiative, request),
    }


def _in_language(page) -> str | list[str]:
    """The languages spoken as BCP 47 codes, for ``inLanguage`` (one code
    on its own, as most consumers expect; Dutch when none were chosen)."""
    codes = [language.code for language in page.spoken_languages]
    return codes[0] if len(codes) == 1 else codes


def _languages(page) -> list[dict[str, str]]:
    """The languages spoken as schema.org ``Language`` items, with the BCP 47
    code as ``alternateName`` (schema.org's advice for a Language)."""
    return [
        {"@type": "Language", "name": language.name, "alternateName": language.code}
        for language in page.spoken_languages
    ]


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """Drop empty values: a missing property says more than an empty one."""
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def json_ld(page, request, initiative: InitiativePage | None = None) -> dict[str, Any] | None:
    """``initiative``: the page's initiative when the caller has it already."""
    page = page.specific
    url = page_full_url(page, request)
    description = strip_tags(getattr(page, "intro", "") or "")
    base = {"@context": "https://schema.org", "name": page.title, "url": url}
    # Only activities and vacancies name their initiative: other pages (home,
    # index, meeting place) need not look up their parent on every view.
    if not isinstance(page, ActivityPage | VacancyPage):
        initiative = None
    elif initiative is None:
        initiative = page.get_initiative()

    if isinstance(page, ActivityPage):
        upcoming = page.next_occurrences(count=1)
        data = {
            **base,
            "@type": "Event",
            "description": description,
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "eventStatus": "https://schema.org/EventScheduled",
            "isAccessibleForFree": page.is_free,
            "location": _place(page),
            "organizer": initiative and _organization(initiative, request),
            "inLanguage": _in_language(page),
        }
        if upcoming:
            data["startDate"] = timezone.localtime(upcoming[0].start).isoformat()
            data["endDate"] = timezone.localtime(upcoming[0].end).isoformat()
        if not page.is_free and page.cost is not None:
            data["offers"] = {"@type": "Offer", "price": str(page.cost), "priceCurrency": "EUR"}
        return _clean(data)
    if isinstance(page, MeetingPlacePage):
        place = _place(page) or {"@type": "Place", "name": page.title}
        hours = [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": f"https://schema.org/{DAY_NAMES[h.weekday]}",
                "opens": h.opens.strftime("%H:%M"),
                "closes": h.closes.strftime("%H:%M"),
            }
            for h in page.opening_hours.all()
        ]
        return _clean(
            {
                **base,
                **place,
                "description": description,
                "openingHoursSpecification": hours,
                "availableLanguage": _languages(page),
            }
        )
    if isinstance(page, InitiativePage):
        return _clean(
            {
                **base,
                "@type": "Organization",
                "description": description,
                "email": page.email,
                "telephone": getattr(page, "phone", ""),
                "address": _address(page),
                "knowsLanguage": _languages(page),
            }
        )
    if isinstance(page, VacancyPage):
        data = {
            **base,
            "@type": "JobPosting",
            "title": page.title,
            "description": description or page.title,
            "employmentType": "VOLUNTEER",
            "datePosted": page.first_published_at and page.first_published_at.date().isoformat(),
            "validThrough": page.ends_on and page.ends_on.isoformat(),
            "hiringOrganization": initiative and _organization(initiative, request),
        }
        if page.from_home:
            data["jobLocationType"] = "TELECOMMUTE"
        else:
            data["jobLocation"] = _place(page)
        return _clean(data)
    return None


def open_graph(page, request) -> dict[str, str]:
    page = page.specific
    description = strip_tags(getattr(page, "search_description", "") or getattr(page, "intro", ""))
    return _clean(
        {
            "og:title": page.seo_title or page.title,
            "og:description": description[:300],
            "og:url": page_full_url(page, request),
            "og:type": "website",
            "og:locale": "nl_NL",
        }
    )
