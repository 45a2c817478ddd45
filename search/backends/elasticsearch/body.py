"""A ``SearchQuery`` as an Elasticsearch search request body."""

from __future__ import annotations

from datetime import UTC, date, datetime

from django.utils import timezone
from elasticsearch import dsl

from initiatives.languages import LANGUAGES

from ...highlight import START, STOP
from ...query import DECAY_KM, LISTING_TYPES, SearchQuery
from ...results import WIJK_FACET_SIZE
from ...synonyms import SynonymMap

# The gauss decay halves the score at DECAY_KM, as in PostgreSQL, but never
# below this share, so far matches still rank by text.
DECAY_FLOOR = 0.1
THEME_FACET_SIZE = 100
LANGUAGE_FACET_SIZE = len(LANGUAGES)  # every language of the fixed list
MAX_RESULT_WINDOW = 10_000  # Elasticsearch's index.max_result_window default


def _point(q: SearchQuery) -> dict:
    return {"lat": q.near.y, "lon": q.near.x}


def _filters(q: SearchQuery, today: date) -> list[dsl.Query]:
    """Every filter except the type filter (a post filter, see build_search_body)."""
    filters = []
    if q.near is not None and q.radius_km:
        filters.append(dsl.Q("geo_distance", distance=f"{q.radius_km:g}km", location=_point(q)))
    if q.themes:
        filters.append(dsl.Q("terms", themes=list(q.themes)))
    if q.target_groups:
        filters.append(dsl.Q("terms", target_groups=list(q.target_groups)))
    if q.neighbourhood_id:
        filters.append(dsl.Q("term", neighbourhood_id=q.neighbourhood_id))
    if q.municipality_id:
        filters.append(dsl.Q("term", municipality_id=q.municipality_id))
    if q.wheelchair:
        filters.append(dsl.Q("term", wheelchair=True))
    if q.respite:
        filters.append(dsl.Q("terms", respite=list(q.respite)))
    if q.languages:
        filters.append(dsl.Q("terms", languages=list(q.languages)))
    # Filters that only mean something for one type keep only that type.
    typed = []
    days = q.window_days(today)
    if days is not None or q.free_only:
        parts = [dsl.Q("term", type="activity")]
        if days is not None:
            if q.weekdays:
                parts.append(dsl.Q("terms", dates=[d.isoformat() for d in days]))
            elif days:  # an unbroken window: one range does it
                parts.append(
                    dsl.Q("range", dates={"gte": days[0].isoformat(), "lte": days[-1].isoformat()})
                )
            else:  # date_to before date_from
                parts.append(dsl.Q("terms", dates=[]))
        if q.free_only:
            parts.append(dsl.Q("term", free=True))
        typed.append(dsl.Q("bool", filter=parts))
    if q.open_at_minute is not None or q.open_on is not None:
        parts = [dsl.Q("term", type="meeting_place")]
        if q.open_at_minute is not None:
            # A term query on a range field matches ranges containing the value.
            parts.append(dsl.Q("term", open_ranges=q.open_at_minute))
        if q.open_on is not None:
            parts.append(
                dsl.Q(
                    "range",
                    open_ranges={
                        "gte": q.open_on * 1440,
                        "lt": (q.open_on + 1) * 1440,
                        "relation": "intersects",
                    },
                )
            )
        typed.append(dsl.Q("bool", filter=parts))
    if typed:
        filters.append(dsl.Q("bool", should=typed, minimum_should_match=1))
    return filters


def _typed_word(word: str) -> list[dsl.Query]:
    return [
        dsl.Q(
            "match",
            all={
                "query": word,
                "fuzziness": "AUTO",
                "prefix_length": 1,
                "zero_terms_query": "all",
            },
        ),
        dsl.Q("match", **{"title.prefix": {"query": word}}),
    ]


def _synonym(text: str) -> list[dsl.Query]:
    """A synonym as PostgreSQL matches it: a word stemmed or as a title word's
    prefix, a phrase as a phrase. Never fuzzy: a synonym is no typo."""
    if " " in text:
        return [dsl.Q("match_phrase", all={"query": text})]
    return [
        dsl.Q("match", all={"query": text}),
        dsl.Q("match", **{"title.prefix": {"query": text}}),
    ]


def _position(group: list[str]) -> dsl.Query:
    """One position of the query: the typed word (or each word of a typed
    phrase) or any of its synonyms."""
    typed, *also = group
    words = typed.split()
    if len(words) == 1:
        clauses = _typed_word(typed)
    else:
        clauses = [dsl.Q("bool", must=[dsl.Q("bool", should=_typed_word(w)) for w in words])]
    for alternative in also:
        clauses += _synonym(alternative)
    return dsl.Q("bool", should=clauses, minimum_should_match=1)


def _text_query(groups: list[list[str]]) -> tuple[dsl.Query, dsl.Query]:
    """(what must match, what scores). As in PostgreSQL every position must
    occur, in any field: stemmed and within AUTO edits (typos), or as a word
    prefix in the title (compounds), or as one of its synonyms
    (search.synonyms). Fuzziness stays off the prefix field: fuzzy edge
    n-grams match nearly anything. A stop word ("de") matches everything
    rather than nothing, as PostgreSQL drops stop words from a query."""
    must = dsl.Q("bool", must=[_position(group) for group in groups])
    text = " ".join(group[0] for group in groups)
    also = [a for group in groups for a in group[1:]]
    score = dsl.Q(
        "bool",
        should=[
            dsl.Q(
                "multi_match",
                query=text,
                fields=["title^3", "summary^2", "initiative_title", "body"],
                type="best_fields",
                tie_breaker=0.3,
                fuzziness="AUTO",
                prefix_length=1,
            ),
            dsl.Q("match", **{"title.prefix": {"query": text}}),
            *(dsl.Q("multi_match", query=a, fields=["title^3", "summary^2", "body"]) for a in also),
        ],
    )
    return must, score


def _date_sort_script(since: date) -> dict:
    """The first indexed date on or after ``since`` (next_date in PostgreSQL).
    A plain array sort with mode min would take past dates too, and a nested
    sort filter needs nested documents: a short script is exact."""
    since_ms = int(datetime(since.year, since.month, since.day, tzinfo=UTC).timestamp() * 1000)
    return {
        "_script": {
            "type": "number",
            "order": "asc",
            "script": {
                "lang": "painless",
                "source": (
                    "long best = Long.MAX_VALUE; "
                    "for (def d : doc['dates']) { "
                    "long t = d.toInstant().toEpochMilli(); "
                    "if (t >= params.since && t < best) { best = t; } } "
                    "return best;"
                ),
                "params": {"since": since_ms},
            },
        }
    }


def build_search_body(
    q: SearchQuery, today: date | None = None, synonyms: SynonymMap | None = None
) -> dict:
    """The request body for ``q``; ``today`` is the local date (for tests),
    ``synonyms`` the words searched along (none when not given)."""
    today = today or timezone.localdate()
    sort = q.effective_sort

    filters = _filters(q, today)
    base = dsl.Q("bool", filter=filters)
    if q.words:
        must, score = _text_query((synonyms or SynonymMap()).expand(q.words).groups)
        base = dsl.Q("bool", filter=filters, must=[must], should=[score])
    if q.words and q.near is not None and sort == "relevance":
        # Relevance blended with distance: x(gauss + floor), half at DECAY_KM.
        base = dsl.Q(
            "function_score",
            query=base,
            functions=[
                dsl.SF(
                    "gauss",
                    location={"origin": _point(q), "scale": f"{DECAY_KM:g}km", "decay": 0.5},
                ),
                dsl.SF({"weight": DECAY_FLOOR}),
            ],
            score_mode="sum",
            boost_mode="multiply",
        )

    s = dsl.Search().query(base)
    if q.types:
        # A post filter: the hits (and total) respect it, the type facet not.
        s = s.post_filter("terms", type=list(q.types))

    if sort == "distance" and q.near is not None:
        s = s.sort(
            {
                "_geo_distance": {
                    "location": _point(q),
                    "order": "asc",
                    "unit": "km",
                    "distance_type": "arc",
                }
            },
            {"id": {"order": "asc"}},
        )
    elif sort == "date":
        s = s.sort(
            _date_sort_script(q.next_date_from(today)),
            {"title.sort": {"order": "asc"}},
            {"id": {"order": "asc"}},
        )
    else:
        s = s.sort({"_score": {"order": "desc"}}, {"id": {"order": "asc"}})

    s.aggs.bucket("type", "terms", field="type", size=len(LISTING_TYPES))
    # Themes and wijken count within the chosen types, as in PostgreSQL.
    typed = s.aggs.bucket(
        "typed",
        "filter",
        filter=dsl.Q("terms", type=list(q.types)) if q.types else dsl.Q("match_all"),
    )
    typed.bucket("theme", "terms", field="themes", size=THEME_FACET_SIZE)
    typed.bucket("language", "terms", field="languages", size=LANGUAGE_FACET_SIZE)
    typed.bucket(
        "wijk",
        "terms",
        field="neighbourhood_id",
        size=WIJK_FACET_SIZE,
        order=[{"_count": "desc"}, {"_key": "asc"}],
    ).bucket("name", "terms", field="neighbourhood", size=1)

    if q.words:
        s = s.highlight("summary", "body").highlight_options(
            pre_tags=[START],
            post_tags=[STOP],
            fragment_size=150,
            number_of_fragments=2,
            max_analyzed_offset=2000,  # PostgreSQL highlights left(body, 2000) too
        )

    start, size = q.offset, q.per_page
    if start + size > MAX_RESULT_WINDOW:
        start, size = 0, 0  # past the window: counts and facets, no hits
    # The opening hours come along: the cards say whether a place is open now.
    s = s.source(excludes=["body"])
    s = s.extra(from_=start, size=size, track_total_hits=True)
    return s.to_dict()
