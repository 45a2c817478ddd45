"""An Elasticsearch response as hits and facet counts."""

from __future__ import annotations

from datetime import date

from ...geohash import distance_km
from ...highlight import marked_html
from ...query import SearchQuery
from ...results import FacetCounts, Hit


def highlight_html(fragments: dict) -> str:
    """The first two fragments, of the summary then the body, as marked HTML."""
    parts = (fragments.get("summary") or []) + (fragments.get("body") or [])
    return marked_html(" … ".join(parts[:2]))


def hit_from(raw: dict, q: SearchQuery, today: date) -> Hit:
    src = raw["_source"]
    location = src.get("location") or {}
    lat, lon = location.get("lat"), location.get("lon")
    since = q.next_date_from(today)
    upcoming = [d for d in (date.fromisoformat(s) for s in src.get("dates") or []) if d >= since]
    return Hit(
        id=int(src["id"]),
        type=src["type"],
        title=src["title"],
        summary=src.get("summary") or "",
        url=src.get("url") or "",
        initiative_title=src.get("initiative_title") or "",
        neighbourhood=src.get("neighbourhood") or "",
        municipality=src.get("municipality") or "",
        lat=lat,
        lon=lon,
        distance_km=(
            distance_km(q.near.y, q.near.x, lat, lon)
            if q.near is not None and lat is not None
            else None
        ),
        highlight=highlight_html(raw.get("highlight") or {}),
        next_date=min(upcoming) if upcoming else None,
        score=float(raw.get("_score") or 0),
        open_ranges=tuple((r["gte"], r["lt"]) for r in src.get("open_ranges") or ()),
        respite=tuple(src.get("respite") or ()),
        languages=tuple(src.get("languages") or ()),
        place_public=src.get("place_public", True),
    )


def counts_from(aggs: dict) -> FacetCounts:
    typed = aggs["typed"]
    wijken = typed["wijk"]["buckets"]
    return FacetCounts(
        types={b["key"]: b["doc_count"] for b in aggs["type"]["buckets"]},
        themes={b["key"]: b["doc_count"] for b in typed["theme"]["buckets"]},
        # An index built before languages were mapped has no such aggregation.
        languages={b["key"]: b["doc_count"] for b in typed.get("language", {}).get("buckets", [])},
        wijken={str(b["key"]): b["doc_count"] for b in wijken},
        wijk_names={
            str(b["key"]): b["name"]["buckets"][0]["key"] for b in wijken if b["name"]["buckets"]
        },
    )
