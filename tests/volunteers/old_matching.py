"""The ranking "Voor jou" had before it was bounded (volunteers/matching.py at
8cd8f2f): every candidate loaded as a model and scored in Python. The tests
compare the bounded ranking with this one; it is the reference, not code to
run on a site.

Kept as it was, apart from the imports and the two candidate limits, read
from ``volunteers.matching`` so that a test can lower them for both: the
pure functions it shares with the new code (``score``, ``reasons``,
``fit_for`` ...) are imported from there. The order of a list is
``matching.rank`` too since issue 16 (distance orders equal fits instead of
adding points): this oracle checks which candidates the bounded queries
find and that they are ranked as if all were loaded, not the weights."""

from collections import defaultdict

from django.db.models import Count, Exists, F, OuterRef, Subquery
from django.db.models.functions import Coalesce

from core.formatting import format_km
from helprequests.models import HelpOffer, HelpRequest
from initiatives.models import VacancyPage
from volunteers import matching
from volunteers.matching import (
    HELP_REQUEST,
    VACANCY,
    Fit,
    Match,
    _names,
    help_kind_themes,
    rank,
    reasons,
    score,
    vacancy_fit,
    warnings,
)
from volunteers.models import Response, VolunteerProfile


def _sort_key(match: Match):
    return match.rank


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


def matches_for(profile: VolunteerProfile, *, vacancies=None) -> list[Match]:
    """Open vacancies for ``profile``, best first, each with its reasons.

    Within the volunteer's travel radius, or from home; never one they have
    responded to. Without a location (no postcode yet) only from-home work."""
    responded = Response.objects.filter(vacancy=OuterRef("pk"), volunteer_id=profile.user_id)
    base = open_vacancies(vacancies).filter(~Exists(responded)).with_initiative()
    theme_names, skill_names = _names(profile.themes), _names(profile.skills)

    candidates: list[VacancyPage] = []
    if profile.location is not None:
        point = profile.location
        # No dwithin here, unlike elsewhere: with it the planner misjudges
        # how many rows the radius holds (it guesses a handful) and sorts all
        # of them, 16,000 in a dense city; the bare index walk stops after
        # CANDIDATES_NEAR rows (160 ms -> 30 ms on 100,000 vacancies). The
        # radius is cut below, on at most those rows.
        near = (
            base.filter(from_home=False, location__isnull=False)
            .with_distance(point)
            .nearest_first(point)[: matching.CANDIDATES_NEAR]
        )
        candidates += [v for v in near if v.distance.km <= profile.travel_km]
    # Those sharing a theme first: with thousands of from-home vacancies the
    # bounded set should hold the relevant ones.
    order = [F("first_published_at").desc(nulls_last=True), "-pk"]
    if theme_names:  # no themes: Django would order by a constant, which PostgreSQL refuses
        shares_theme = Exists(
            VacancyPage.themes.through.objects.filter(
                vacancypage_id=OuterRef("pk"), theme_id__in=list(theme_names)
            )
        )
        order.insert(0, shares_theme.desc())
    from_home = base.filter(from_home=True).order_by(*order)[: matching.CANDIDATES_FROM_HOME]
    candidates += list(from_home)

    ids = [v.pk for v in candidates]
    themes = _shared(VacancyPage.themes.through, "vacancypage", "theme", ids, theme_names)
    skills = _shared(VacancyPage.skills.through, "vacancypage", "skill", ids, skill_names)
    matches = []
    for vacancy in candidates:
        distance = None if vacancy.from_home else vacancy.distance.km
        fit = vacancy_fit(
            vacancy,
            profile,
            distance_km=distance,
            themes=themes[vacancy.pk],
            skills=skills[vacancy.pk],
        )
        matches.append(
            Match(
                VACANCY,
                vacancy,
                score(fit),
                reasons(fit),
                distance,
                warnings=warnings(fit),
                rank=rank(fit, str(vacancy)),
            )
        )
    return sorted(matches, key=_sort_key)


# -- help requests for a volunteer ------------------------------------------------------
def help_request_matches_for(profile: VolunteerProfile) -> list[Match]:
    """Published help requests near ``profile``, best first: never their own,
    never one they offered help on. Distances are from the public point (a
    ~500 m grid), so the reasons give whole kilometres only. A help request
    says "when" in free text, so it counts as flexible; without a location
    (no postcode yet) there is nothing near."""
    if profile.location is None:
        return []
    point = profile.location
    offered = HelpOffer.objects.filter(help_request=OuterRef("pk"), volunteer_id=profile.user_id)
    # Bounded and unfiltered by radius for the same reason as the vacancies
    # in matches_for: the KNN walk stops after CANDIDATES_NEAR rows.
    near = (
        HelpRequest.objects.published()
        .exclude(requester_id=profile.user_id)
        .filter(~Exists(offered), public_location__isnull=False)
        .for_public_list()
        .with_public_distance(point)
        .nearest_first(point)[: matching.CANDIDATES_NEAR]
    )
    candidates = [r for r in near if r.distance.km <= profile.travel_km]
    theme_names = _names(profile.themes, "slug")
    kind_themes = help_kind_themes()
    matches = []
    for help_request in candidates:
        distance = help_request.distance.km
        theme = theme_names.get(kind_themes.get(help_request.kind))
        fit = Fit(
            distance_km=distance,
            travel_km=profile.travel_km,
            themes=(theme,) if theme else (),
            flexible=True,
        )
        why = [format_km(distance, coarse=True), help_request.get_kind_display()]
        if help_request.neighbourhood is not None:
            why.append(help_request.neighbourhood.name)
        matches.append(
            Match(
                HELP_REQUEST,
                help_request,
                score(fit),
                tuple(why),
                distance,
                rank=rank(fit, str(help_request)),
            )
        )
    return sorted(matches, key=_sort_key)


def for_you_matches(profile: VolunteerProfile) -> list[Match]:
    """Vacancies and help requests for "Voor jou", ranked in one list by the
    same score. (The match digest stays with vacancies only.)"""
    return sorted(matches_for(profile) + help_request_matches_for(profile), key=_sort_key)
