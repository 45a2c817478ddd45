"""The municipality's overview per wijk or per theme: what is on offer and
what happens (listings, responses, matches, open and answered help requests).
Counted with one grouped query per figure, not per wijk or theme."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from helprequests.models import HelpKind, HelpRequest, HelpRequestStatus
from initiatives.models import (
    ActivityPage,
    InitiativePage,
    MeetingPlacePage,
    Neighbourhood,
    Theme,
    VacancyPage,
)
from volunteers.matching import help_kind_themes
from volunteers.models import Response

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

VIEW_OVERVIEW = "reports.view_overview"

PER_WIJK, PER_THEME = "wijk", "thema"
GROUPINGS = {PER_WIJK: "Per wijk", PER_THEME: "Per thema"}
NO_WIJK, NO_THEME = "(geen wijk)", "(geen thema)"


def can_view_overview(user) -> bool:
    """Moderators (the permission, through the Moderatoren group), staff and
    superusers. Not an initiative's editors: admin access for their own pages
    gives no figures about every wijk and initiative."""
    return bool(
        user.is_authenticated and user.is_active and (user.is_staff or user.has_perm(VIEW_OVERVIEW))
    )


def _listed(words: list[str]) -> str:
    return " en ".join([", ".join(words[:-1]), words[-1]] if len(words) > 1 else words)


def theme_note() -> str:
    themed = help_kind_themes()
    return (
        "Een vermelding met meer thema's telt bij elk van die thema's mee; de totaalregel "
        "telt haar één keer. Reacties en koppelingen tellen bij de thema's van de vacature. "
        "Hulpvragen hebben geen thema maar een soort hulp: "
        f"{_listed([k.label for k in HelpKind if k in themed])} tellen bij het thema dat "
        "daarbij hoort (net als bij ‘Voor jou’); "
        f"{_listed([k.label for k in HelpKind if k not in themed])} staan onder {NO_THEME}."
    )


@dataclass
class Row:
    key: int | None
    name: str
    municipality: str = ""
    counts: dict[str, int] = field(default_factory=dict)

    def values(self) -> list[int]:
        return [self.counts.get(key, 0) for key, _ in COLUMNS]

    @property
    def listings(self) -> int:
        return sum(self.counts.get(k, 0) for k in ("activities", "meeting_places", "vacancies"))


@dataclass
class Overview:
    """The rows of one grouping, ready for the admin page and the CSV."""

    per: str
    rows: list[Row]
    totals: list[int]
    note: str = ""

    @property
    def label(self) -> str:
        return self.per  # "wijk" or "thema", as in "Aanbod per thema"

    def header(self) -> list[str]:
        names = ["Gemeente", "Wijk"] if self.per == PER_WIJK else ["Thema"]
        return [*names, *(label for _, label in COLUMNS)]

    def cells(self, row: Row) -> list:
        names = [row.municipality, row.name] if self.per == PER_WIJK else [row.name]
        return [*names, *row.values()]


def _figures() -> dict[str, tuple[QuerySet, str | None]]:
    """Per column: what it counts, and the prefix from there to the listing whose
    wijk, gemeente and themes count ('' for listings themselves, 'vacancy__' for
    responses, None for help requests, which are no listing)."""
    return {
        "initiatives": (InitiativePage.objects.live(), ""),
        "activities": (ActivityPage.objects.live(), ""),
        "meeting_places": (MeetingPlacePage.objects.live(), ""),
        "vacancies": (VacancyPage.objects.live(), ""),
        "responses": (Response.objects.all(), "vacancy__"),
        "matches": (Response.objects.matched(), "vacancy__"),
        "help_open": (HelpRequest.objects.published(), None),
        "help_answered": (HelpRequest.objects.filter(status=HelpRequestStatus.MATCHED), None),
    }


def _grouped(queryset, path: str) -> Counter:
    """How many per value of ``path`` (None: no value). Over a many-to-many path
    an object counts once under each of its values."""
    # order_by(): a default ordering (pages: path) would split the groups.
    grouped = queryset.order_by().values(path).annotate(n=Count("pk")).values_list(path, "n")
    return Counter(dict(grouped))


def _fill(rows: list[Row], figures: dict[str, Counter]) -> list[Row]:
    for row in rows:
        row.counts = {key: counter.get(row.key, 0) for key, counter in figures.items()}
    rows = [r for r in rows if any(r.values())]
    return sorted(rows, key=lambda r: (-r.listings, r.municipality, r.name))


def _sum(rows: list[Row]) -> list[int]:
    return [sum(col) for col in zip(*(r.values() for r in rows), strict=True)] or [0] * len(COLUMNS)


def overview_by_wijk(municipality_id: int | None = None) -> list[Row]:
    """One row per wijk (and one for what has no wijk), busiest first."""
    figures = {
        key: _grouped(queryset, f"{prefix or ''}neighbourhood")
        for key, (queryset, prefix) in _figures().items()
    }
    wijken = Neighbourhood.objects.select_related("municipality").order_by(
        "municipality__name", "name"
    )
    if municipality_id:
        wijken = wijken.filter(municipality_id=municipality_id)
    rows = [Row(w.pk, w.name, w.municipality.name) for w in wijken]
    if not municipality_id:
        rows.append(Row(None, NO_WIJK))
    return _fill(rows, figures)


def _theme_querysets(municipality_id: int | None) -> dict[str, tuple[QuerySet, str | None]]:
    figures = _figures()
    if municipality_id:
        for key, (queryset, prefix) in figures.items():
            # A help request has no gemeente of its own, only through its wijk.
            path = f"{prefix}municipality" if prefix is not None else "neighbourhood__municipality"
            figures[key] = (queryset.filter(**{path: municipality_id}), prefix)
    return figures


def overview_by_theme(municipality_id: int | None = None) -> list[Row]:
    """One row per theme (and one for what has no theme), busiest first. A
    listing with several themes counts under each; help requests count under the
    theme their kind belongs to (``settings.HELP_KIND_THEMES``), the other kinds under
    "(geen thema)"."""
    themes = list(Theme.objects.order_by("name"))
    theme_ids = {theme.slug: theme.pk for theme in themes}
    kind_theme = {kind: theme_ids.get(slug) for kind, slug in help_kind_themes().items()}
    figures = {}
    for key, (queryset, prefix) in _theme_querysets(municipality_id).items():
        if prefix is None:
            counter = Counter()
            for kind, n in _grouped(queryset, "kind").items():
                counter[kind_theme.get(kind)] += n
            figures[key] = counter
        else:
            figures[key] = _grouped(queryset, f"{prefix}themes")
    rows = [Row(theme.pk, theme.name) for theme in themes] + [Row(None, NO_THEME)]
    return _fill(rows, figures)


def theme_totals(municipality_id: int | None = None) -> list[int]:
    """Every listing, response and help request once, however many themes it
    has (the sum of the theme rows counts it under each)."""
    figures = _theme_querysets(municipality_id)
    return [figures[key][0].count() for key, _ in COLUMNS]


def build_overview(per: str, municipality_id: int | None = None) -> Overview:
    if per == PER_THEME:
        return Overview(
            PER_THEME,
            overview_by_theme(municipality_id),
            theme_totals(municipality_id),
            theme_note(),
        )
    rows = overview_by_wijk(municipality_id)
    return Overview(PER_WIJK, rows, _sum(rows))
