"""The municipality's overview per wijk: what is on offer and what happens
(listings, responses, matches, open and answered help requests). Counted with
one grouped query per figure, not per wijk."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count

from initiatives.models import (
    ActivityPage,
    InitiativePage,
    MeetingPlacePage,
    Neighbourhood,
    VacancyPage,
)

from .models import HelpRequest, HelpRequestStatus, Response, ResponseStatus

COLUMNS = [
    ("initiatives", "Initiatieven"),
    ("activities", "Activiteiten"),
    ("meeting_places", "Ontmoetingsplekken"),
    ("vacancies", "Vacatures"),
    ("responses", "Reacties"),
    ("matches", "Gekoppeld"),
    ("help_open", "Open hulpvragen"),
    ("help_answered", "Beantwoorde hulpvragen"),
]


@dataclass
class Row:
    key: int | None
    name: str
    municipality: str
    counts: dict[str, int] = field(default_factory=dict)

    def values(self) -> list[int]:
        return [self.counts.get(key, 0) for key, _ in COLUMNS]

    @property
    def listings(self) -> int:
        return sum(self.counts.get(k, 0) for k in ("activities", "meeting_places", "vacancies"))


def _by_wijk(queryset, path: str = "neighbourhood") -> Counter:
    # order_by(): a default ordering (pages: path) would split the groups.
    grouped = queryset.order_by().values(path).annotate(n=Count("pk")).values_list(path, "n")
    return Counter(dict(grouped))


def overview_by_wijk(municipality_id: int | None = None) -> list[Row]:
    """One row per wijk (and one for listings without a wijk), busiest first."""
    figures = {
        "initiatives": _by_wijk(InitiativePage.objects.live()),
        "activities": _by_wijk(ActivityPage.objects.live()),
        "meeting_places": _by_wijk(MeetingPlacePage.objects.live()),
        "vacancies": _by_wijk(VacancyPage.objects.live()),
        "responses": _by_wijk(Response.objects.all(), "vacancy__neighbourhood"),
        "matches": _by_wijk(
            Response.objects.filter(status=ResponseStatus.MATCHED), "vacancy__neighbourhood"
        ),
        "help_open": _by_wijk(HelpRequest.objects.filter(status=HelpRequestStatus.PUBLISHED)),
        "help_answered": _by_wijk(HelpRequest.objects.filter(status=HelpRequestStatus.MATCHED)),
    }
    wijken = Neighbourhood.objects.select_related("municipality").order_by(
        "municipality__name", "name"
    )
    if municipality_id:
        wijken = wijken.filter(municipality_id=municipality_id)
    rows = [Row(w.pk, w.name, w.municipality.name) for w in wijken]
    if not municipality_id:
        rows.append(Row(None, "(geen wijk)", ""))
    for row in rows:
        row.counts = {key: counter.get(row.key, 0) for key, counter in figures.items()}
    rows = [r for r in rows if any(r.values())]
    return sorted(rows, key=lambda r: (-r.listings, r.municipality, r.name))
