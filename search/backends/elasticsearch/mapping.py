"""The index definition: Dutch analysis, the fields of a listing, and a
document's ``_source``."""

from __future__ import annotations

from elasticsearch import dsl

from ...documents import Document

dutch_stop = dsl.token_filter("dutch_stop", type="stop", stopwords="_dutch_")
dutch_stemmer = dsl.token_filter("dutch_stemmer", type="stemmer", language="dutch")
prefixes = dsl.token_filter("prefixes", type="edge_ngram", min_gram=2, max_gram=20)

# Stop words before folding (the _dutch_ list is unaccented lower case), folding
# before stemming so "café" and "cafe" meet.
dutch = dsl.analyzer(
    "dutch_text",
    tokenizer="standard",
    filter=["lowercase", dutch_stop, "asciifolding", dutch_stemmer],
)
# Word prefixes at index time only: "koffie" finds "Koffieochtend" (Dutch
# writes compounds as one word; the stemmer does not split them).
prefix_index = dsl.analyzer(
    "prefix_index", tokenizer="standard", filter=["lowercase", "asciifolding", prefixes]
)
prefix_search = dsl.analyzer(
    "prefix_search", tokenizer="standard", filter=["lowercase", "asciifolding"]
)
sortable = dsl.normalizer("sortable", filter=["lowercase", "asciifolding"])


class Listing(dsl.Document):
    """One listing, as ``search.documents.Document``. ``all`` gathers the text
    fields so every query word must occur somewhere, as in PostgreSQL's one
    weighted vector."""

    id = dsl.Integer()
    type = dsl.Keyword()
    title = dsl.Text(
        analyzer=dutch,
        copy_to="all",
        fields={
            "prefix": dsl.Text(analyzer=prefix_index, search_analyzer=prefix_search),
            "sort": dsl.Keyword(normalizer=sortable, ignore_above=256),
        },
    )
    summary = dsl.Text(analyzer=dutch, copy_to="all")
    body = dsl.Text(analyzer=dutch, copy_to="all")
    initiative_title = dsl.Text(analyzer=dutch, copy_to="all")
    all = dsl.Text(analyzer=dutch)
    url = dsl.Keyword(index=False)
    themes = dsl.Keyword()
    target_groups = dsl.Keyword()
    neighbourhood_id = dsl.Integer()
    neighbourhood = dsl.Keyword()
    municipality_id = dsl.Integer()
    municipality = dsl.Keyword()
    location = dsl.GeoPoint()
    wheelchair = dsl.Boolean()
    respite = dsl.Keyword()
    languages = dsl.Keyword()
    place_public = dsl.Boolean(index=False)
    free = dsl.Boolean()
    dates = dsl.Date(format="strict_date")
    open_ranges = dsl.IntegerRange()


def index_settings() -> dict:
    """Settings (with the analyzers) and mappings of a listings index."""
    index = dsl.Index("listings")
    # One shard: a marketplace has thousands to a few hundred thousand
    # listings, and one shard keeps term statistics (scores) exact.
    index.settings(number_of_shards=1, auto_expand_replicas="0-1")
    index.document(Listing)
    return index.to_dict()


def document_body(doc: Document) -> dict:
    """The ``_source`` of a document."""
    return {
        "id": doc.id,
        "type": doc.type,
        "title": doc.title,
        "summary": doc.summary,
        "body": doc.body,
        "url": doc.url,
        "initiative_title": doc.initiative_title,
        "themes": list(doc.themes),
        "target_groups": list(doc.target_groups),
        "neighbourhood_id": doc.neighbourhood_id,
        "neighbourhood": doc.neighbourhood,
        "municipality_id": doc.municipality_id,
        "municipality": doc.municipality,
        "location": (
            {"lat": doc.lat, "lon": doc.lon}
            if doc.lat is not None and doc.lon is not None
            else None
        ),
        "wheelchair": doc.wheelchair,
        "respite": list(doc.respite),
        "languages": list(doc.languages),
        "place_public": doc.place_public,
        "free": doc.free,
        "dates": [d.isoformat() for d in doc.dates],
        "open_ranges": [{"gte": start, "lt": end} for start, end in doc.open_ranges],
    }
