"""The municipality's overview per wijk or per theme: what is on offer and
what happens (listings, responses, matches, open and answered help requests).
Counted with one grouped query per figure, not per wijk or theme.

Optionally over a period (``Period``): then it counts what was new in it,
listings first published, responses and help requests that came in (with
their status now). Moderators tied to gemeenten see only theirs
(``overview_municipalities``)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from helprequests.models import HelpKind, HelpRequest, HelpRequestStatus
from initiatives.freshness_rules import thresholds
from initiatives.models import (
    ActivityPage,
    InitiativePage,
    MeetingPlacePage,
    Municipality,
    Neighbourhood,
    Theme,
    VacancyPage,
)
from initiatives.querysets import moderated_municipality_ids
from volunteers.matching import help_kind_themes
from volunteers.models import Response

# Lazy: the page shows them in the reader's language, the CSV in Dutch.
COLUMNS = [
    ("initiatives", _("Initiatieven")),
    ("activities", _("Activiteiten")),
    ("meeting_places", _("Ontmoetingsplekken")),
    ("vacancies", _("Vacatures")),
    ("responses", _("Reacties")),
    # Translators: the number of responses to a vacancy that led to a match.
    ("matches", _("Gekoppeld")),
    ("help_open", _("Open hulpvragen")),
    ("help_answered", _("Beantwoorde hulpvragen")),
]

VIEW_OVERVIEW = "reports.view_overview"

PER_WIJK, PER_THEME = "wijk", "thema"
GROUPINGS = {PER_WIJK: _("Per wijk"), PER_THEME: _("Per thema")}
# Translators: a wijk is a neighbourhood (district) of a town.
NO_WIJK, NO_THEME = _("(geen wijk)"), _("(geen thema)")
# Vacancies done from home have no address, so no wijk and no gemeente: by
# design, not a missing assignment. They were most of "(geen wijk)" (3,358 of
# 3,358 listings without a wijk in the 100,000-listing benchmark database), the
# largest bar, unexplained (issue 16): now a row of their own.
FROM_HOME = "vanuit-huis"
FROM_HOME_NAME = _("Vanuit huis (geen plek)")
# Columns counted through a vacancy: these can be "from home".
THROUGH_VACANCY = ("vacancies", "responses", "matches")


@dataclass(frozen=True)
class Period:
    """From ``start`` to ``end``, both days included (Europe/Amsterdam)."""

    start: dt.date
    end: dt.date
    label: str

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """From midnight at the start to midnight after the end."""
        tz = timezone.get_current_timezone()
        start = dt.datetime.combine(self.start, dt.time.min, tzinfo=tz)
        end = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        return start, end


def no_wijk_note(municipality: Municipality | None) -> str:
    """What the rows without a wijk hold, for the page."""
    if municipality:
        text = gettext(
            "%(no_wijk)s: vermeldingen en hulpvragen in %(municipality)s waarvan de plek in "
            "geen enkele bekende wijk ligt. Die liggen bijvoorbeeld aan de rand van de "
            "gemeente, of in een wijk die nog niet is ingelezen met import_areas. Ook "
            "hulpvragen waarvan we de postcode nog niet konden opzoeken, staan hier."
        ) % {"no_wijk": NO_WIJK, "municipality": municipality.name}
        return " ".join(
            [
                text,
                gettext(
                    "Vacatures vanuit huis hebben geen plek en dus geen gemeente: die tel je "
                    "alleen bij ‘Alle gemeenten’."
                ),
            ]
        )
    text = gettext(
        "%(no_wijk)s: vermeldingen en hulpvragen waarvan de plek in geen enkele bekende wijk "
        "ligt. Die liggen bijvoorbeeld aan de rand van de gemeente, of in een wijk die nog "
        "niet is ingelezen met import_areas. Ook hulpvragen waarvan we de postcode nog niet "
        "konden opzoeken, staan hier."
    ) % {"no_wijk": NO_WIJK}
    from_home = gettext(
        "%(from_home)s: vacatures die je vanuit huis doet, en de reacties daarop. Ze hebben "
        "geen adres, dus geen wijk of gemeente."
    ) % {"from_home": FROM_HOME_NAME}
    return f"{from_home} {text}"


def can_view_overview(user) -> bool:
    """Moderators (the permission, through the Moderatoren group), staff and
    superusers. Not an initiative's editors: admin access for their own pages
    gives no figures about every wijk and initiative."""
    return bool(
        user.is_authenticated and user.is_active and (user.is_staff or user.has_perm(VIEW_OVERVIEW))
    )


def _listed(words: list[str]) -> str:
    words = [str(word) for word in words]  # choice labels are lazy translations
    if len(words) < 2:
        return "".join(words)
    return gettext("%(items)s en %(last)s") % {"items": ", ".join(words[:-1]), "last": words[-1]}


def theme_note() -> str:
    themed = help_kind_themes()
    return gettext(
        "Een vermelding met meer thema's telt bij elk van die thema's mee; de totaalregel "
        "telt haar één keer. Reacties en koppelingen tellen bij de thema's van de vacature. "
        "Hulpvragen hebben geen thema maar een soort hulp: %(themed)s tellen bij het thema "
        "dat daarbij hoort (net als bij ‘Voor jou’); %(other)s staan onder %(no_theme)s."
    ) % {
        "themed": _listed([k.label for k in HelpKind if k in themed]),
        "other": _listed([k.label for k in HelpKind if k not in themed]),
        "no_theme": NO_THEME,
    }


def overview_municipalities(user) -> QuerySet:
    """The gemeenten ``user`` may see figures of: all of them, or only those
    they moderate (``Municipality.moderators``)."""
    ids = moderated_municipality_ids(user)
    municipalities = Municipality.objects.order_by("name")
    return municipalities if ids is None else municipalities.filter(pk__in=ids)


def overview_municipality(user, requested: int | None) -> tuple[int | None, bool]:
    """The gemeente to show and whether "all gemeenten" may be chosen. A
    moderator tied to gemeenten always sees one of theirs: what they ask for
    if it is theirs, else the first. The unmet-demand section is per gemeente
    too, so "all of mine" would not work there."""
    if moderated_municipality_ids(user) is None:
        return requested, True
    allowed = list(overview_municipalities(user).values_list("pk", flat=True))
    return (requested if requested in allowed else allowed[0]), False


@dataclass
class Row:
    key: int | str | None
    name: str
    municipality: str = ""
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def is_wijk(self) -> bool:
        return isinstance(self.key, int)

    def values(self) -> list[int]:
        return [self.counts.get(key, 0) for key, _ in COLUMNS]

    @property
    def listings(self) -> int:
        return sum(self.counts.get(k, 0) for k in ("activities", "meeting_places", "vacancies"))


# The grouping as a word in a sentence ("Aanbod per wijk").
GROUPED_BY = {
    PER_WIJK: pgettext_lazy("aanbod per", "wijk"),
    PER_THEME: pgettext_lazy("aanbod per", "thema"),
}


@dataclass
class Overview:
    """The rows of one grouping, ready for the admin page and the CSV."""

    per: str
    rows: list[Row]
    totals: list[int]
    note: str = ""
    period: Period | None = None

    @property
    def label(self) -> str:
        """ "wijk" or "thema", as in "Aanbod per thema"."""
        return GROUPED_BY[self.per]

    def header(self) -> list[str]:
        names = [_("Gemeente"), _("Wijk")] if self.per == PER_WIJK else [_("Thema")]
        return [str(name) for name in [*names, *(label for _key, label in COLUMNS)]]

    def cells(self, row: Row) -> list:
        names = [row.municipality, row.name] if self.per == PER_WIJK else [row.name]
        return [*names, *row.values()]


def _figures(
    period: Period | None = None, municipality_id: int | None = None
) -> dict[str, tuple[QuerySet, str | None]]:
    """Per column: what it counts, and the prefix from there to the listing whose
    wijk, gemeente and themes count ('' for listings themselves, 'vacancy__' for
    responses, None for help requests, which are no listing). Within
    ``period``: listings first published in it, responses and requests made in
    it. Within gemeente ``municipality_id``: a help request has its own."""
    figures = {
        "initiatives": (InitiativePage.objects.live(), ""),
        "activities": (ActivityPage.objects.live(), ""),
        "meeting_places": (MeetingPlacePage.objects.live(), ""),
        "vacancies": (VacancyPage.objects.live(), ""),
        "responses": (Response.objects.all(), "vacancy__"),
        "matches": (Response.objects.matched(), "vacancy__"),
        "help_open": (HelpRequest.objects.published(), None),
        "help_answered": (HelpRequest.objects.filter(status=HelpRequestStatus.MATCHED), None),
    }
    for key, (queryset, prefix) in figures.items():
        if period is not None:
            moment = "first_published_at" if prefix == "" else "created_at"
            start, end = period.bounds()
            queryset = queryset.filter(**{f"{moment}__gte": start, f"{moment}__lt": end})
        if municipality_id:
            path = f"{prefix}municipality" if prefix is not None else "municipality"
            queryset = queryset.filter(**{path: municipality_id})
        figures[key] = (queryset, prefix)
    return figures


def _grouped(queryset, path: str) -> Counter:
    """How many per value of ``path`` (None: no value). Over a many-to-many path
    an object counts once under each of its values."""
    # order_by(): a default ordering (pages: path) would split the groups.
    grouped = queryset.order_by().values(path).annotate(n=Count("pk")).values_list(path, "n")
    return Counter(dict(grouped))


def _fill(rows: list[Row], figures: dict[str, Counter]) -> list[Row]:
    """Busiest first; the rows that are no wijk or theme last."""
    for row in rows:
        row.counts = {key: counter.get(row.key, 0) for key, counter in figures.items()}
    rows = [r for r in rows if any(r.values())]
    last = {FROM_HOME: 1, None: 2}
    return sorted(rows, key=lambda r: (last.get(r.key, 0), -r.listings, r.municipality, r.name))


def _sum(rows: list[Row]) -> list[int]:
    return [sum(col) for col in zip(*(r.values() for r in rows), strict=True)] or [0] * len(COLUMNS)


def overview_by_wijk(municipality_id: int | None = None, period: Period | None = None) -> list[Row]:
    """One row per wijk, busiest first, then what has no wijk: vacancies from
    home (no place at all) and the rest (see ``no_wijk_note``)."""
    figures = {}
    for key, (queryset, prefix) in _figures(period, municipality_id).items():
        counter = _grouped(queryset, f"{prefix or ''}neighbourhood")
        if key in THROUGH_VACANCY:
            from_home = queryset.filter(
                **{f"{prefix}neighbourhood__isnull": True, f"{prefix}from_home": True}
            ).count()
            counter[FROM_HOME], counter[None] = from_home, counter[None] - from_home
        figures[key] = counter
    wijken = Neighbourhood.objects.select_related("municipality").order_by(
        "municipality__name", "name"
    )
    if municipality_id:
        wijken = wijken.filter(municipality_id=municipality_id)
    rows = [Row(w.pk, w.name, w.municipality.name) for w in wijken]
    rows += [Row(FROM_HOME, FROM_HOME_NAME), Row(None, NO_WIJK)]
    return _fill(rows, figures)


def overview_by_theme(
    municipality_id: int | None = None, period: Period | None = None
) -> list[Row]:
    """One row per theme (and one for what has no theme), busiest first. A
    listing with several themes counts under each; help requests count under the
    theme their kind belongs to (``settings.HELP_KIND_THEMES``), the other kinds under
    "(geen thema)"."""
    themes = list(Theme.objects.order_by("name"))
    theme_ids = {theme.slug: theme.pk for theme in themes}
    kind_theme = {kind: theme_ids.get(slug) for kind, slug in help_kind_themes().items()}
    figures = {}
    for key, (queryset, prefix) in _figures(period, municipality_id).items():
        if prefix is None:
            counter = Counter()
            for kind, n in _grouped(queryset, "kind").items():
                counter[kind_theme.get(kind)] += n
            figures[key] = counter
        else:
            figures[key] = _grouped(queryset, f"{prefix}themes")
    rows = [Row(theme.pk, theme.name) for theme in themes] + [Row(None, NO_THEME)]
    return _fill(rows, figures)


def theme_totals(municipality_id: int | None = None, period: Period | None = None) -> list[int]:
    """Every listing, response and help request once, however many themes it
    has (the sum of the theme rows counts it under each)."""
    figures = _figures(period, municipality_id)
    return [figures[key][0].count() for key, _ in COLUMNS]


def build_overview(
    per: str, municipality_id: int | None = None, period: Period | None = None
) -> Overview:
    if per == PER_THEME:
        return Overview(
            PER_THEME,
            overview_by_theme(municipality_id, period),
            theme_totals(municipality_id, period),
            theme_note(),
            period,
        )
    rows = overview_by_wijk(municipality_id, period)
    municipality = Municipality.objects.filter(pk=municipality_id).first()
    return Overview(PER_WIJK, rows, _sum(rows), no_wijk_note(municipality), period)


# -- freshness (docs/freshness.md) ---------------------------------------------
FRESHNESS_COLUMNS = [
    ("fresh", _("Actueel")),
    ("asked", _("Gevraagd: klopt dit nog?")),
    ("stale", _("Niet recent bijgewerkt")),
    ("offline", _("Offline gehaald")),
]
FRESHNESS_MODELS = (InitiativePage, ActivityPage, MeetingPlacePage, VacancyPage)


@dataclass
class FreshnessRow:
    key: int | None
    name: str
    municipality: str = ""
    counts: dict[str, int] = field(default_factory=dict)

    def values(self) -> list[int]:
        return [self.counts.get(key, 0) for key, _ in FRESHNESS_COLUMNS]


def _freshness_counts(model, now: dt.datetime, municipality_id: int | None):
    """One grouped query: per wijk, the listings of ``model`` in each state.
    The states do not overlap: offline (taken offline and not published
    since), stale, asked (and not stale yet), fresh (the rest of the live)."""
    t = thresholds(model.freshness_kind(), now)
    recent = Q(live=True, last_confirmed_at__gte=t.stale_before)
    asked = Q(confirm_requested_at__gte=F("last_confirmed_at"))
    queryset = model.objects.all()
    if municipality_id:
        queryset = queryset.filter(municipality=municipality_id)
    return (
        queryset.with_last_confirmed()
        .order_by()
        .values("neighbourhood")
        .annotate(
            fresh=Count("pk", filter=recent & ~asked),
            asked=Count("pk", filter=recent & asked),
            stale=Count("pk", filter=Q(live=True, last_confirmed_at__lt=t.stale_before)),
            offline=Count("pk", filter=Q(live=False, taken_offline_at__gte=F("last_published_at"))),
        )
    )


def freshness_by_wijk(
    municipality_id: int | None = None, now: dt.datetime | None = None
) -> tuple[list[FreshnessRow], list[int]]:
    """Rows per wijk (most listings first, "(geen wijk)" last) and totals:
    one grouped query per kind of listing, not per wijk."""
    now = now or timezone.now()
    counts: dict[int | None, Counter] = {}
    for model in FRESHNESS_MODELS:
        for line in _freshness_counts(model, now, municipality_id):
            counter = counts.setdefault(line["neighbourhood"], Counter())
            for key, _label in FRESHNESS_COLUMNS:
                counter[key] += line[key]
    wijken = Neighbourhood.objects.filter(pk__in=[k for k in counts if k is not None])
    names = {w.pk: (w.name, w.municipality.name) for w in wijken.select_related("municipality")}
    rows = [
        FreshnessRow(key, *names.get(key, (NO_WIJK, "")), counts=dict(counter))
        for key, counter in counts.items()
    ]
    rows = [r for r in rows if any(r.values())]
    rows.sort(key=lambda r: (r.key is None, -sum(r.values()), r.municipality, r.name))
    totals = [sum(col) for col in zip(*(r.values() for r in rows), strict=True)] or [0] * len(
        FRESHNESS_COLUMNS
    )
    return rows, totals
