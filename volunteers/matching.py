"""Explainable matching: which open vacancies suit a volunteer, and which
volunteers suit a vacancy, each with short Dutch reasons for display
("2,4 km · dinsdagmiddag · mantelzorg").

Candidates come from the database (nearest first with ``<->``, a bounded
number; from home, a bounded pool); the ordering is decided by :func:`score`,
a pure function of a :class:`Fit`, so it can be reasoned about and tested
without a database. A volunteer's candidates are read as plain columns and
scored without loading them; only the slice that is shown becomes models
(:class:`RankedMatches`), so "Voor jou" costs the same at any number of
listings.

Other kinds of things to match plug in by building their own candidate query
and a ``Fit`` per candidate, and returning a ``Match`` of their own kind: the
score and the templates only look at ``Match``. Help requests do so below, and
"Voor jou" ranks them in one list with the vacancies (:func:`for_you_matches`).
"""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.gis.db.models.functions import Distance
from django.contrib.gis.measure import D
from django.contrib.postgres.expressions import ArraySubquery
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, Exists, F, Max, OuterRef, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.languages import language_of
from core.formatting import format_km
from core.mail import render_mail
from core.metrics import mails_counted
from core.site_url import absolute_url, page_full_url
from helprequests.models import HelpKind, HelpOffer, HelpRequest
from initiatives.choices import PartOfDay, Weekday
from initiatives.models import VacancyPage
from initiatives.models.taxonomy import NameList
from initiatives.querysets import knn

from .models import (
    TRAVEL_KM_MAX,
    AvailabilitySlot,
    MatchAlert,
    Response,
    VolunteerProfile,
    slot_code,
)

# Matching scores candidates in Python, so the candidate set is bounded: the
# nearest few hundred within the radius (the KNN index walk stops there) plus
# a few hundred work-from-home ones. Nobody reads past the first pages, and a
# dense city with thousands of vacancies in reach must not cost seconds.
CANDIDATES_NEAR = 500
CANDIDATES_FROM_HOME = 200
# The from-home candidates are chosen from a pool of the newest from-home
# vacancies, read this many at a time up to this many in all, so that choosing
# them does not read all of them (``_from_home``).
FROM_HOME_STEP = 1000
FROM_HOME_POOL = 4000

# Points for what suits someone: a shared theme first, then a time they can
# make, then a shared skill. Distance is no points but the order among equal
# fits (``rank``): with distance as points, a next-door vacancy ranked below
# an equal one 5 km away as soon as it asked for a VOG or the other shared a
# skill, and "equal" never happened.
THEME_POINTS = 3.0  # per shared theme; the first two count
SLOT_POINTS = 2.5  # at least one slot in common
FLEXIBLE_POINTS = 1.5  # the vacancy names no days or parts of day
SKILL_POINTS = 1.0  # per shared skill; the first two count

# Warnings: what to know before responding, shown apart from the reasons.
# A VOG is no reason a vacancy suits someone, and for volunteers working with
# vulnerable people it is often free (the Gratis VOG-regeling, through the
# organisation), so it orders only after the distance.
# Translators: a VOG is a Dutch certificate of conduct; the Gratis VOG-regeling
# is the scheme that makes it free for volunteers.
VOG_WARNING = _("VOG nodig — vaak gratis aan te vragen via de Gratis VOG-regeling")
VOG_WARNING_VOLUNTEER = _("heeft nog geen VOG")
OTHER_TIMES_WARNING = _("op andere dagen of tijden dan je in je profiel opgaf")
OTHER_TIMES_WARNING_VOLUNTEER = _("kan niet op de gevraagde dagen of tijden")

MAX_SLOTS_SHOWN = 2
# A digest lists the best few; the rest are on "Voor jou".
DIGEST_MAX = 10
VACANCY, VOLUNTEER, HELP_REQUEST = "vacancy", "volunteer", "help_request"


def help_kind_themes() -> dict[str, str]:
    """Help kind -> theme slug, from ``settings.HELP_KIND_THEMES``: a help
    request has a kind, not themes, and the kinds that obviously belong to a
    theme count as sharing it. Unknown kinds are left out."""
    return {
        kind: slug for kind, slug in settings.HELP_KIND_THEMES.items() if kind in HelpKind.values
    }


@dataclass(frozen=True)
class Fit:
    """What one volunteer and one vacancy have in common."""

    # None: work from home, where distance does not matter.
    distance_km: float | None
    travel_km: float
    themes: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    slots: tuple[str, ...] = ()  # overlapping slot codes ("tue-afternoon"), in week order
    flexible: bool = False  # the vacancy names no days or parts of day
    needs_vog: bool = False  # a VOG is required and the volunteer has none
    # The volunteer named times, the vacancy others: shown as a warning.
    other_times: bool = False


@dataclass(frozen=True)
class Match:
    kind: str  # VACANCY, VOLUNTEER or HELP_REQUEST
    object: Any
    score: float
    reasons: tuple[str, ...]
    distance_km: float | None = None
    # What to know before responding (a VOG, other times): never a reason.
    warnings: tuple[str, ...] = ()
    # The order (``rank``); the lists sort on it.
    rank: tuple = ()

    @property
    def reasons_text(self) -> str:
        return " · ".join(str(reason) for reason in self.reasons)


def score(fit: Fit) -> float:
    """How well it suits, higher is better: themes, then time, then skills
    (see the point constants). Distance orders equal fits (``rank``)."""
    points = THEME_POINTS * min(len(fit.themes), 2)
    points += SKILL_POINTS * min(len(fit.skills), 2)
    if fit.slots:
        points += SLOT_POINTS
    elif fit.flexible:
        points += FLEXIBLE_POINTS
    return round(points, 4)


def rank(fit: Fit, name: str) -> tuple:
    """The order of a list of matches: the best fit first (``score``); among
    equal fits the nearest, work from home counting as halfway the radius;
    then the one that needs no VOG; then by name, so the order is stable."""
    far = fit.travel_km / 2 if fit.distance_km is None else fit.distance_km
    return (-score(fit), far, fit.needs_vog, name)


@dataclass(frozen=True)
class DistanceBand:
    """How far a volunteer is, as an initiative sees it."""

    from_km: float  # the band's near edge: what the score counts with
    to_km: float  # its far edge (not included)
    label: str


# Few and wide on purpose: an initiative sees a volunteer's distance only as
# one of these, measured from the coarse point (see locations.py).
DISTANCE_BANDS = (
    DistanceBand(0, 2, _("binnen 2 km")),
    DistanceBand(2, 5, _("2 tot 5 km")),
    DistanceBand(5, 10, _("5 tot 10 km")),
    DistanceBand(10, math.inf, _("verder dan 10 km")),
)


def distance_band(km: float) -> DistanceBand:
    return next(band for band in DISTANCE_BANDS if km < band.to_km)


_SLOT_LABELS = dict(AvailabilitySlot.choices)
_SLOT_ORDER = {code: i for i, code in enumerate(_SLOT_LABELS)}


def reasons(fit: Fit, *, distance_label: str | None = None) -> tuple[str, ...]:
    """Short Dutch reasons, most concrete first: where, when, what.
    ``distance_label`` replaces the distance (an initiative sees a band)."""
    out = []
    if fit.distance_km is None:
        out.append(gettext("vanuit huis"))
    else:
        out.append(str(distance_label or format_km(fit.distance_km)))
    if fit.slots:
        shown = ", ".join(str(_SLOT_LABELS[s]) for s in fit.slots[:MAX_SLOTS_SHOWN])
        more = len(fit.slots) - MAX_SLOTS_SHOWN
        out.append(f"{shown} +{more}" if more > 0 else shown)
    elif fit.flexible:
        out.append(gettext("tijden in overleg"))
    # Kept as lists of names, so a page marks each name still in Dutch.
    if fit.themes:
        out.append(NameList(fit.themes))
    if fit.skills:
        out.append(NameList(fit.skills))
    return tuple(out)


def warnings(fit: Fit, *, about_volunteer: bool = False) -> tuple[str, ...]:
    """What to know before responding, apart from the reasons: a VOG the
    volunteer does not have yet, times they did not name. ``about_volunteer``:
    worded for the initiative looking at a volunteer."""
    out = []
    if fit.other_times:
        out.append(OTHER_TIMES_WARNING_VOLUNTEER if about_volunteer else OTHER_TIMES_WARNING)
    if fit.needs_vog:
        out.append(VOG_WARNING_VOLUNTEER if about_volunteer else VOG_WARNING)
    # Plain strings in the active language: the match mail joins them with
    # autoescaping off, where ``join`` refuses lazy strings.
    return tuple(str(warning) for warning in out)


def vacancy_slots(days: Iterable[int], parts: Iterable[str]) -> frozenset[str] | None:
    """The slot codes a vacancy asks for, or None when it names neither days
    nor parts of day (flexible). Days without parts means any part of those
    days; parts without days means those parts on any day."""
    return _slots(tuple(days or ()), tuple(parts or ()))


# Vacancies ask for few different combinations, and "Voor jou" asks this for
# hundreds of candidates per request: built once per combination.
@functools.lru_cache(maxsize=1024)
def _slots(days: tuple[int, ...], parts: tuple[str, ...]) -> frozenset[str] | None:
    if not days and not parts:
        return None
    return frozenset(
        slot_code(day, part)
        for day in (days or Weekday.values)
        for part in (parts or PartOfDay.values)
    )


def fit_for(
    *,
    distance_km: float | None,
    travel_km: float,
    availability: Iterable[str],
    days: Iterable[int],
    parts_of_day: Iterable[str],
    themes: Iterable[str] = (),
    skills: Iterable[str] = (),
    vog_required: bool = False,
    has_vog: bool = False,
) -> Fit:
    """A ``Fit`` from plain values; ``themes`` and ``skills`` are the shared names."""
    wanted = vacancy_slots(days, parts_of_day)
    available = set(availability)
    common = () if wanted is None else sorted(wanted & available, key=_SLOT_ORDER.get)
    return Fit(
        distance_km=distance_km,
        travel_km=travel_km,
        themes=tuple(sorted(themes)),
        skills=tuple(sorted(skills)),
        slots=tuple(common),
        flexible=wanted is None,
        needs_vog=vog_required and not has_vog,
        other_times=wanted is not None and bool(available) and not common,
    )


def vacancy_fit(
    vacancy: VacancyPage, profile: VolunteerProfile, *, distance_km, themes, skills
) -> Fit:
    """How ``profile`` fits ``vacancy``, either way round (the shared theme and
    skill names are looked up per batch by the caller)."""
    return fit_for(
        distance_km=distance_km,
        travel_km=profile.travel_km,
        availability=profile.availability,
        days=vacancy.days,
        parts_of_day=vacancy.parts_of_day,
        themes=themes,
        skills=skills,
        vog_required=vacancy.vog_required,
        has_vog=profile.has_vog,
    )


def _names(related, key: str = "pk") -> dict:
    """{key: name in the active language} of a profile's or vacancy's themes
    or skills; uses a prefetch when the caller made one."""
    return {getattr(item, key): item.localized_name for item in related.all()}


def _sort_key(match: Match):
    return match.rank


# -- ranking candidates without loading them ---------------------------------------------
@dataclass(frozen=True)
class Candidate:
    """A vacancy or help request as the candidate queries read it: enough to
    score and order it exactly as its ``Match`` would be, nothing to show.
    Only the candidates on the page that is read are loaded as models (see
    :class:`RankedMatches`)."""

    kind: str  # VACANCY or HELP_REQUEST
    pk: int
    fit: Fit
    score: float
    # str() of the object, the last tie-break of the order (``_sort_key``).
    name: str

    @property
    def distance_km(self) -> float | None:
        return self.fit.distance_km

    def sort_key(self):
        return rank(self.fit, self.name)


def _candidate(kind: str, pk: int, fit: Fit, name: str) -> Candidate:
    return Candidate(kind=kind, pk=pk, fit=fit, score=score(fit), name=name)


class RankedMatches(Sequence):
    """Candidates in their final order that become ``Match``es (object
    loaded, reasons written) only for the slice that is read.

    "Voor jou" shows 20 of up to ``2 * CANDIDATES_NEAR + CANDIDATES_FROM_HOME``
    candidates; loading a Wagtail page costs far more than scoring one (700
    vacancy pages took 150 ms of a 450 ms request at 100,000 listings), so
    the scoring reads plain columns and the page reads 20 models."""

    def __init__(self, candidates: list[Candidate]):
        self.candidates = candidates

    def __len__(self) -> int:
        return len(self.candidates)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return _load(self.candidates[index])
        return _load([self.candidates[index]])[0]

    def __iter__(self):
        # One load for all, not one per item as Sequence's default would.
        return iter(_load(self.candidates))


def _load(candidates: list[Candidate]) -> list[Match]:
    """The ``Match`` of each candidate, in the same order; a query per kind."""
    ids = defaultdict(list)
    for candidate in candidates:
        ids[candidate.kind].append(candidate.pk)
    objects = {}
    if ids[VACANCY]:
        # No order_by: pages sort by tree path, and the order is the ranking's.
        vacancies = VacancyPage.objects.filter(pk__in=ids[VACANCY]).with_initiative().order_by()
        objects |= {(VACANCY, vacancy.pk): vacancy for vacancy in vacancies}
    if ids[HELP_REQUEST]:
        requests = HelpRequest.objects.filter(pk__in=ids[HELP_REQUEST]).for_public_list()
        objects |= {(HELP_REQUEST, request.pk): request for request in requests}
    matches = []
    for candidate in candidates:
        found = objects.get((candidate.kind, candidate.pk))
        if found is None:  # deleted since it was ranked
            continue
        if candidate.kind == VACANCY:
            why = reasons(candidate.fit)
        else:
            why = _help_request_reasons(found, candidate.distance_km)
        matches.append(
            Match(
                candidate.kind,
                found,
                candidate.score,
                why,
                candidate.distance_km,
                warnings=warnings(candidate.fit),
                rank=candidate.sort_key(),
            )
        )
    return matches


# -- vacancies for a volunteer ----------------------------------------------------------
def open_vacancies(vacancies=None):
    """Live, open vacancies with a place left. ``vacancies`` narrows the start
    (e.g. only the ones published since the last digest)."""
    matched = (
        Response.objects.filter(vacancy=OuterRef("pk"))
        .matched()
        .order_by()
        .values("vacancy")
        .annotate(n=Count("pk"))
        .values("n")
    )
    start = VacancyPage.objects.all() if vacancies is None else vacancies
    return (
        start.live()
        .public()
        .open()
        .alias(matched_count=Coalesce(Subquery(matched), 0))
        .filter(volunteers_wanted__gt=F("matched_count"))
    )


def _shared(through, owner: str, target: str, owner_ids, names: dict[int, str]):
    """{owner id: shared names} from a many-to-many table, only for the
    targets in ``names`` (the other side's themes or skills)."""
    shared = defaultdict(set)
    if names and owner_ids:
        rows = through.objects.filter(
            **{f"{owner}_id__in": owner_ids, f"{target}_id__in": list(names)}
        ).values_list(f"{owner}_id", f"{target}_id")
        for owner_id, target_id in rows:
            shared[owner_id].add(names[target_id])
    return shared


def _shared_ids(through, target: str, names: dict[int, str]) -> ArraySubquery:
    """Per vacancy in the candidate query, the ids of its themes or skills
    among ``names`` (the volunteer's)."""
    own = {"vacancypage_id": OuterRef("pk"), f"{target}_id__in": list(names)}
    return ArraySubquery(through.objects.filter(**own).values(f"{target}_id"))


# Plain columns only: a candidate is scored, not shown.
_VACANCY_COLUMNS = ("pk", "title", "days", "parts_of_day", "vog_required")


PUBLISHED = "first_published_at"


def _from_home(base, columns: list[str], shared: dict) -> list[dict]:
    """The from-home candidates, as rows of ``columns``: ``CANDIDATES_FROM_HOME``
    of a pool, those sharing one of the volunteer's themes first (with
    thousands of from-home vacancies the bounded set should hold the relevant
    ones), then newest published first, then highest id.

    The pool is the from-home vacancies in ``base`` newest (highest id)
    first, read ``FROM_HOME_STEP`` at a time until it holds
    ``CANDIDATES_FROM_HOME`` that share a theme (without themes: any), or
    ``FROM_HOME_POOL`` in all, or all of them. Ordering every from-home
    vacancy by the key read all of them (3,000 at 100,000 listings: 330 ms,
    and ten times more at 1M); each step is the next rows of an index walk
    (the partial index of volunteers migration 0014), so the cost does not
    grow with the table. The set is the one the key gives over all from-home
    vacancies when the walk reached the end, and when it stopped early as
    long as they were published in the order they were made (a draft
    published long after it was made can be missed). The pool is ordered
    here rather than in SQL: there the planner answered "shares a theme" by
    reading every vacancy of those themes, and joined the pool to every
    page."""
    # The pool carries only what orders it; the chosen ones are read in full.
    walk = base.filter(from_home=True).order_by("-pk")
    if "shared_themes" in shared:
        walk = walk.annotate(shares=shared["shared_themes"])
    else:
        walk = walk.annotate(shares=Value(True))
    pool: list[tuple] = []
    while len(pool) < FROM_HOME_POOL:
        step = walk.filter(pk__lt=pool[-1][0]) if pool else walk
        size = min(FROM_HOME_STEP, FROM_HOME_POOL - len(pool))
        rows = list(step.values_list("pk", PUBLISHED, "shares")[:size])
        pool += rows
        if len(rows) < size or sum(1 for row in pool if row[2]) >= CANDIDATES_FROM_HOME:
            break
    # Stable sorts, last key first: highest id (the walk's order), newest
    # published first with the unpublished last, those sharing a theme first.
    pool.sort(key=lambda row: (row[1] is not None, row[1]), reverse=True)
    pool.sort(key=lambda row: not row[2])
    chosen = [pk for pk, _, _ in pool[:CANDIDATES_FROM_HOME]]
    rows = VacancyPage.objects.filter(pk__in=chosen).annotate(**shared).order_by().values(*columns)
    position = {pk: i for i, pk in enumerate(chosen)}
    return sorted(rows, key=lambda row: position[row["pk"]])


def _vacancy_candidates(profile: VolunteerProfile, vacancies=None) -> list[Candidate]:
    """Open vacancies for ``profile``, unordered: within the travel radius
    among the ``CANDIDATES_NEAR`` nearest, and ``CANDIDATES_FROM_HOME`` from
    home (see ``_from_home``). Never one they have responded to; without a
    location (no postcode yet) only from home."""
    responded = Response.objects.filter(vacancy=OuterRef("pk"), volunteer_id=profile.user_id)
    base = open_vacancies(vacancies).filter(~Exists(responded))
    theme_names, skill_names = _names(profile.themes), _names(profile.skills)
    columns = list(_VACANCY_COLUMNS)
    shared = {}
    if theme_names:
        shared["shared_themes"] = _shared_ids(VacancyPage.themes.through, "theme", theme_names)
    if skill_names:
        shared["shared_skills"] = _shared_ids(VacancyPage.skills.through, "skill", skill_names)
    columns += shared

    rows: list[tuple[dict, float | None]] = []
    if profile.location is not None:
        point = profile.location
        # No dwithin here, unlike elsewhere: with it the planner misjudges
        # how many rows the radius holds (it guesses a handful) and sorts all
        # of them, 16,000 in a dense city; the bare index walk stops after
        # CANDIDATES_NEAR rows (160 ms -> 30 ms on 100,000 vacancies). The
        # radius is cut below, on at most those rows.
        near = (
            base.filter(from_home=False, location__isnull=False)
            .annotate(**shared)
            .with_distance(point)
            .nearest_first(point)
            .values(*columns, "distance")[:CANDIDATES_NEAR]
        )
        for row in near:
            if row["distance"].km <= profile.travel_km:
                rows.append((row, row["distance"].km))
    rows += [(row, None) for row in _from_home(base, columns, shared)]

    candidates = []
    for row, distance in rows:
        fit = fit_for(
            distance_km=distance,
            travel_km=profile.travel_km,
            availability=profile.availability,
            days=row["days"],
            parts_of_day=row["parts_of_day"],
            themes={theme_names[pk] for pk in row.get("shared_themes") or ()},
            skills={skill_names[pk] for pk in row.get("shared_skills") or ()},
            vog_required=row["vog_required"],
            has_vog=profile.has_vog,
        )
        candidates.append(_candidate(VACANCY, row["pk"], fit, row["title"]))
    return candidates


def matches_for(profile: VolunteerProfile, *, vacancies=None) -> RankedMatches:
    """Open vacancies for ``profile``, best first, each with its reasons
    (written when read). Which vacancies: see ``_vacancy_candidates``."""
    candidates = _vacancy_candidates(profile, vacancies)
    return RankedMatches(sorted(candidates, key=Candidate.sort_key))


# -- help requests for a volunteer ------------------------------------------------------
def _help_request_candidates(profile: VolunteerProfile) -> list[Candidate]:
    """Published help requests near ``profile``: never their own, never one
    they offered help on. Distances are from the public point (a ~500 m
    grid). A help request says "when" in free text, so it counts as
    flexible; without a location (no postcode yet) there is nothing near."""
    if profile.location is None:
        return []
    point = profile.location
    offered = HelpOffer.objects.filter(help_request=OuterRef("pk"), volunteer_id=profile.user_id)
    # Bounded and unfiltered by radius for the same reason as the vacancies
    # in _vacancy_candidates: the KNN walk stops after CANDIDATES_NEAR rows.
    near = (
        HelpRequest.objects.published()
        .exclude(requester_id=profile.user_id)
        .filter(~Exists(offered), public_location__isnull=False)
        .with_public_distance(point)
        .nearest_first(point)
        .values("pk", "title", "status", "kind", "distance")[:CANDIDATES_NEAR]
    )
    theme_names = _names(profile.themes, "slug")
    kind_themes = help_kind_themes()
    candidates = []
    for row in near:
        distance = row["distance"].km
        if distance > profile.travel_km:
            continue
        theme = theme_names.get(kind_themes.get(row["kind"]))
        fit = Fit(
            distance_km=distance,
            travel_km=profile.travel_km,
            themes=(theme,) if theme else (),
            flexible=True,
        )
        name = HelpRequest.label(title=row["title"], status=row["status"])
        candidates.append(_candidate(HELP_REQUEST, row["pk"], fit, name))
    return candidates


def _help_request_reasons(help_request: HelpRequest, distance_km: float) -> tuple[str, ...]:
    """Whole kilometres only: the distance is from the public point."""
    why = [format_km(distance_km, coarse=True), help_request.get_kind_display()]
    if help_request.neighbourhood is not None:
        why.append(help_request.neighbourhood.name)
    return tuple(why)


def help_request_matches_for(profile: VolunteerProfile) -> RankedMatches:
    """Published help requests near ``profile``, best first, each with its
    reasons (written when read)."""
    candidates = _help_request_candidates(profile)
    return RankedMatches(sorted(candidates, key=Candidate.sort_key))


def for_you_matches(profile: VolunteerProfile) -> RankedMatches:
    """Vacancies and help requests for "Voor jou", ranked in one list by the
    same score. (The match digest stays with vacancies only.)

    The cost is bounded whatever the number of listings: at most
    ``2 * CANDIDATES_NEAR + CANDIDATES_FROM_HOME`` candidates are read as
    plain columns and scored (and at most ``FROM_HOME_POOL`` narrow rows to
    choose the from-home ones), and only the page that is shown is loaded.
    The order is the one ``rank`` gives the loaded matches (score,
    distance, VOG, name), over the same candidates
    (tests/volunteers/test_for_you_ranking.py)."""
    candidates = _vacancy_candidates(profile) + _help_request_candidates(profile)
    return RankedMatches(sorted(candidates, key=Candidate.sort_key))


# -- volunteers for a vacancy -----------------------------------------------------------
def volunteers_for(vacancy: VacancyPage) -> list[Match]:
    """Volunteers who let initiatives see their profile and would fit
    ``vacancy``, best first.

    The initiative can move its vacancy at will and look again, so everything
    here (who is in reach, the distance band, the order, how many) comes from
    the volunteers' coarse points only, never their homes (see
    ``locations.py``); the score and the order know the band, not the
    distance."""
    responded = Response.objects.filter(vacancy=vacancy, volunteer_id=OuterRef("user_id"))
    profiles = VolunteerProfile.objects.filter(visible_to_initiatives=True).filter(
        ~Exists(responded)
    )
    if vacancy.from_home:
        profiles = profiles.order_by("-updated_at", "-pk")
    elif vacancy.location is not None:
        point = vacancy.location
        profiles = (
            # The fixed radius lets the index find candidates; each
            # volunteer's own travel distance is then checked per row.
            profiles.filter(coarse_location__dwithin=(point, D(km=TRAVEL_KM_MAX)))
            .alias(
                in_reach=RawSQL(
                    '"volunteers_volunteerprofile"."travel_km" * 1000 >= '
                    'ST_Distance("volunteers_volunteerprofile"."coarse_location", %s::geography)',
                    [point.ewkt],
                )
            )
            .filter(in_reach=True)
            .annotate(distance=Distance("coarse_location", point))
            .order_by(knn(VolunteerProfile, point, "coarse_location"))
        )
    else:
        return []
    # The exact point is not even loaded: nothing here may depend on it.
    profiles = list(profiles.defer("location")[:CANDIDATES_NEAR])

    theme_names, skill_names = _names(vacancy.themes), _names(vacancy.skills)
    ids = [p.pk for p in profiles]
    Profile = VolunteerProfile
    themes = _shared(Profile.themes.through, "volunteerprofile", "theme", ids, theme_names)
    skills = _shared(Profile.skills.through, "volunteerprofile", "skill", ids, skill_names)
    matches = []
    for profile in profiles:
        band = None if vacancy.from_home else distance_band(profile.distance.km)
        distance = None if band is None else band.from_km
        fit = vacancy_fit(
            vacancy,
            profile,
            distance_km=distance,
            themes=themes[profile.pk],
            skills=skills[profile.pk],
        )
        why = reasons(fit, distance_label=band and band.label)
        # Nearer bands first among equal fits; for work from home all are equal.
        order = (-score(fit), distance or 0, fit.needs_vog, str(profile))
        matches.append(
            Match(
                VOLUNTEER,
                profile,
                score(fit),
                why,
                distance,
                warnings=warnings(fit, about_volunteer=True),
                rank=order,
            )
        )
    return sorted(matches, key=_sort_key)


# -- digests ----------------------------------------------------------------------------
def digest_matches(profile: VolunteerProfile) -> list[Match]:
    """The best new matches for ``profile``'s next digest: never a vacancy
    mailed before, and after the first digest only vacancies published since
    the last one (older ones stay on "Voor jou" rather than trickling in)."""
    alerted = MatchAlert.objects.filter(volunteer_id=profile.user_id)
    last_sent = alerted.aggregate(last=Max("sent_at"))["last"]
    vacancies = VacancyPage.objects.exclude(pk__in=alerted.values("vacancy_id"))
    if last_sent is not None:
        vacancies = vacancies.filter(first_published_at__gt=last_sent)
    return matches_for(profile, vacancies=vacancies)[:DIGEST_MAX]


def match_alert_send(*, profile: VolunteerProfile, now, dry_run: bool = False) -> list[Match]:
    """Mail ``profile``'s volunteer one digest of new matches and record them.

    ``now`` (the start of the run) is stored as ``sent_at``: a vacancy
    published while the run is busy is newer than that and comes next time.
    The mail is sent inside the transaction, as its last step: a failed send
    rolls the records back, so nothing is marked as sent that was not. (A
    crash between sending and the commit sends it again next run: better
    twice than never.)

    Reasons, warnings, links and the mail are in the volunteer's own language
    (docs/languages.md), Dutch when they chose none."""
    with (
        translation.override(language_of(profile.user) or settings.LANGUAGE_CODE),
        transaction.atomic(),
    ):
        # Two overlapping runs wait for each other here instead of both mailing.
        VolunteerProfile.objects.select_for_update().filter(pk=profile.pk).first()
        matches = digest_matches(profile)
        if not matches or dry_run:
            return matches
        MatchAlert.objects.bulk_create(
            [
                MatchAlert(volunteer_id=profile.user_id, vacancy=m.object, sent_at=now)
                for m in matches
            ]
        )
        context = {
            "volunteer_name": profile.display_name,
            "items": [
                {
                    "title": m.object.title,
                    "reasons": m.reasons_text,
                    "warnings": m.warnings,
                    "url": page_full_url(m.object),
                }
                for m in matches
            ],
            "for_you_url": absolute_url(reverse("volunteers:for_you")),
            "profile_url": absolute_url(reverse("volunteers:profile")),
        }
        # Sent inside the transaction on purpose: a failed send rolls the
        # MatchAlert rows back, so the next run tries again.
        subject, body = render_mail("volunteers/email/match_alert", context)
        try:
            send_mail(subject, body, None, [profile.user.email])
        except Exception:
            mails_counted(failed=1)
            raise
        mails_counted(sent=1)
    return matches
