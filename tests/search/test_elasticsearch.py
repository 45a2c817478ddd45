"""The Elasticsearch backend: its mapping and request bodies (no server needed),
the fall-back to PostgreSQL when the server is down, and the shared contract
against a real server when ELASTICSEARCH_URL is set."""

import datetime as dt
import logging
import os
import socket
import time
import uuid

import pytest
from django.contrib.gis.geos import Point
from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig
from elasticsearch import ApiError

from search.backends import get_backend, reset_backend
from search.backends.elasticsearch import ElasticsearchBackend
from search.backends.elasticsearch.body import build_search_body
from search.backends.elasticsearch.mapping import document_body, index_settings
from search.backends.elasticsearch.responses import distance_km, highlight_html, hit_from
from search.backends.elasticsearch.transport import unavailable_on_errors
from search.backends.fallback import BackendUnavailable, FallbackBackend
from search.backends.postgres import PostgresBackend
from search.documents import Document, all_documents
from search.highlight import START, STOP
from search.query import DECAY_KM, SearchQuery
from tests.factories import ActivityPageFactory, InitiativePageFactory, ThemeFactory
from tests.search.contract import RelevanceContract, SearchBackendContract

ES_URL = os.environ.get("ELASTICSEARCH_URL", "")
needs_server = pytest.mark.skipif(
    not ES_URL, reason="ELASTICSEARCH_URL is not set: no Elasticsearch server to test against"
)
TODAY = dt.date(2026, 1, 5)  # a Monday
DORDRECHT = Point(4.6901, 51.8133, srid=4326)


def find(node, key):
    """Every value under ``key`` anywhere in a nested body."""
    found = []
    if isinstance(node, dict):
        for k, v in node.items():
            if k == key:
                found.append(v)
            found += find(v, key)
    elif isinstance(node, list):
        for item in node:
            found += find(item, key)
    return found


def filters_of(body):
    query = body["query"]
    if "function_score" in query:
        query = query["function_score"]["query"]
    return query["bool"].get("filter", [])


# -- mapping ---------------------------------------------------------------------


def test_dutch_analyzer():
    analysis = index_settings()["settings"]["analysis"]
    dutch = analysis["analyzer"]["dutch_text"]
    assert dutch["tokenizer"] == "standard"
    assert dutch["filter"][0] == "lowercase"
    assert "asciifolding" in dutch["filter"]
    filters = {
        name: analysis["filter"][name] for name in dutch["filter"] if name in analysis["filter"]
    }
    assert {"type": "stop", "stopwords": "_dutch_"} in filters.values()
    assert {"type": "stemmer", "language": "dutch"} in filters.values()


def test_title_prefix_subfield_uses_edge_ngrams_at_index_time_only():
    settings = index_settings()
    prefix = settings["mappings"]["properties"]["title"]["fields"]["prefix"]
    analyzers = settings["settings"]["analysis"]["analyzer"]
    index_filters = analyzers[prefix["analyzer"]]["filter"]
    assert any(
        settings["settings"]["analysis"]["filter"].get(f, {}).get("type") == "edge_ngram"
        for f in index_filters
    )
    search_filters = analyzers[prefix["search_analyzer"]]["filter"]
    assert not any(
        settings["settings"]["analysis"]["filter"].get(f, {}).get("type") == "edge_ngram"
        for f in search_filters
    )


def test_field_types():
    properties = index_settings()["mappings"]["properties"]
    types = {name: spec["type"] for name, spec in properties.items()}
    assert types["location"] == "geo_point"
    assert types["dates"] == "date"
    assert types["open_ranges"] == "integer_range"
    assert types["id"] == types["neighbourhood_id"] == types["municipality_id"] == "integer"
    assert types["type"] == types["themes"] == types["target_groups"] == "keyword"
    assert types["wheelchair"] == types["free"] == "boolean"
    for text in ("title", "summary", "body", "initiative_title"):
        assert properties[text]["analyzer"] == "dutch_text"
        assert properties[text]["copy_to"] == "all"


def test_document_body_fits_the_mapping():
    doc = Document(
        id=7, type="meeting_place", title="Huiskamer", summary="Koffie", body="", url="/h/",
        themes=["eenzaamheid"], lat=51.8, lon=4.6, wheelchair=True,
        dates=[dt.date(2026, 1, 6)], open_ranges=[(540, 1020)],
    )  # fmt: skip
    body = document_body(doc)
    assert set(body) <= set(index_settings()["mappings"]["properties"])
    assert body["location"] == {"lat": 51.8, "lon": 4.6}
    assert body["dates"] == ["2026-01-06"]
    assert body["open_ranges"] == [{"gte": 540, "lt": 1020}]
    assert (
        document_body(Document(id=1, type="vacancy", title="t", summary="", body="", url="/"))[
            "location"
        ]
        is None
    )


# -- request bodies -----------------------------------------------------------------


def test_text_only():
    body = build_search_body(SearchQuery(text="vrijwiliger koffie"), TODAY)
    [multi] = find(body, "multi_match")
    assert multi["fuzziness"] == "AUTO"
    assert multi["fields"][:2] == ["title^3", "summary^2"]
    assert {"initiative_title", "body"} <= set(multi["fields"])
    # Each word must match: in any field (fuzzy) or as a title prefix.
    words = body["query"]["bool"]["must"][0]["bool"]["must"]
    assert len(words) == 2
    assert words[0]["bool"]["should"][0]["match"]["all"]["fuzziness"] == "AUTO"
    assert words[1]["bool"]["should"][1]["match"]["title.prefix"]["query"] == "koffie"
    assert not find(body, "geo_distance") and not find(body, "function_score")
    assert body["sort"] == [{"_score": {"order": "desc"}}, {"id": {"order": "asc"}}]
    assert body["highlight"]["pre_tags"] == [START]
    assert set(body["highlight"]["fields"]) == {"summary", "body"}
    assert body["track_total_hits"] is True
    assert (body["from"], body["size"]) == (0, 20)
    assert body["aggs"]["type"]["terms"]["field"] == "type"
    assert body["aggs"]["typed"]["aggs"]["theme"]["terms"]["field"] == "themes"
    assert body["aggs"]["typed"]["aggs"]["wijk"]["terms"]["field"] == "neighbourhood_id"
    assert "body" in body["_source"]["excludes"]
    # The opening hours come back: the cards say whether a place is open now.
    assert "open_ranges" not in body["_source"]["excludes"]


def test_place_only_sorted_by_distance():
    body = build_search_body(SearchQuery(near=DORDRECHT, radius_km=10, sort="distance"), TODAY)
    origin = {"lat": DORDRECHT.y, "lon": DORDRECHT.x}
    assert {"geo_distance": {"distance": "10km", "location": origin}} in filters_of(body)
    assert body["sort"][0] == {
        "_geo_distance": {"location": origin, "order": "asc", "unit": "km", "distance_type": "arc"}
    }
    assert "highlight" not in body and not find(body, "multi_match")


def test_text_place_themes_free_weekdays():
    q = SearchQuery(text="wandelen", near=DORDRECHT, radius_km=10, themes=("eenzaamheid",),
                    free_only=True, weekdays=(0, 2), date_from=TODAY,
                    date_to=TODAY + dt.timedelta(days=13))  # fmt: skip
    body = build_search_body(q, TODAY)
    score = body["query"]["function_score"]
    gauss = score["functions"][0]["gauss"]["location"]
    assert gauss["origin"] == {"lat": DORDRECHT.y, "lon": DORDRECHT.x}
    assert gauss["scale"] == f"{DECAY_KM:g}km"
    assert score["boost_mode"] == "multiply"
    filters = filters_of(body)
    assert {"terms": {"themes": ["eenzaamheid"]}} in filters
    assert find(filters, "geo_distance")[0]["distance"] == "10km"
    [activity] = filters[-1]["bool"]["should"]
    parts = activity["bool"]["filter"]
    assert {"term": {"type": "activity"}} in parts
    assert {"term": {"free": True}} in parts
    # Mondays and Wednesdays in two weeks from Monday 5 January.
    assert {"terms": {"dates": ["2026-01-05", "2026-01-07", "2026-01-12", "2026-01-14"]}} in parts
    assert body["sort"][0] == {"_score": {"order": "desc"}}


def test_date_window_without_weekdays_is_one_range():
    q = SearchQuery(date_from=TODAY, date_to=TODAY + dt.timedelta(days=6))
    body = build_search_body(q, TODAY)
    parts = filters_of(body)[-1]["bool"]["should"][0]["bool"]["filter"]
    assert {"range": {"dates": {"gte": "2026-01-05", "lte": "2026-01-11"}}} in parts
    # No text, no place: the first date from the window's start, then title.
    script = body["sort"][0]["_script"]
    assert script["order"] == "asc"
    assert script["script"]["params"]["since"] == 1767571200000  # 2026-01-05 UTC
    assert body["sort"][1] == {"title.sort": {"order": "asc"}}


def test_open_at_minute_and_open_on():
    body = build_search_body(SearchQuery(open_at_minute=600), TODAY)
    [place] = filters_of(body)[-1]["bool"]["should"]
    assert place["bool"]["filter"] == [
        {"term": {"type": "meeting_place"}},
        {"term": {"open_ranges": 600}},
    ]
    body = build_search_body(SearchQuery(open_on=4), TODAY)
    [place] = filters_of(body)[-1]["bool"]["should"]
    assert {"range": {"open_ranges": {"gte": 5760, "lt": 7200, "relation": "intersects"}}} in (
        place["bool"]["filter"]
    )


def test_wheelchair():
    body = build_search_body(SearchQuery(text="koffie", wheelchair=True), TODAY)
    assert {"term": {"wheelchair": True}} in filters_of(body)


def test_page_3():
    body = build_search_body(SearchQuery(text="koffie", page=3, per_page=20), TODAY)
    assert (body["from"], body["size"]) == (40, 20)
    # Past Elasticsearch's result window: counts and facets, no hits, no error.
    body = build_search_body(SearchQuery(text="koffie", page=600, per_page=20), TODAY)
    assert (body["from"], body["size"]) == (0, 0)


def test_type_filter_is_a_post_filter():
    body = build_search_body(SearchQuery(text="koffie", types=("vacancy",)), TODAY)
    assert body["post_filter"] == {"terms": {"type": ["vacancy"]}}
    # Not in the query, so the aggregations see every type.
    assert not [t for t in find(body["query"], "terms") if "type" in t]
    # The type facet sees every type; themes and wijken only the chosen ones.
    assert "filter" not in body["aggs"]["type"]
    assert body["aggs"]["typed"]["filter"] == {"terms": {"type": ["vacancy"]}}


def test_query_syntax_is_just_text():
    body = build_search_body(SearchQuery(text='"koffie" AND (thee)'), TODAY)
    assert find(body, "multi_match")[0]["query"] == "koffie and thee"
    assert SearchQuery(text="!!! &|<>").words == ()
    body = build_search_body(SearchQuery(text="!!!"), TODAY)
    assert not find(body, "multi_match")  # no words: no text query, as PostgreSQL


# -- responses ---------------------------------------------------------------------


def test_highlight_is_escaped():
    html = highlight_html({"summary": [f"<script>x</script> {START}koffie{STOP} & thee"]})
    assert html == "&lt;script&gt;x&lt;/script&gt; <mark>koffie</mark> &amp; thee"
    assert highlight_html({"summary": ["no markers"]}) == ""


def test_distance_km():
    assert distance_km(51.8133, 4.6901, 51.8133, 4.6901) == 0
    assert distance_km(51.8133, 4.6901, 52.2580, 4.5570) == pytest.approx(50.3, abs=0.5)


class FakeClient:
    """Answers one canned search response, recording the request."""

    def __init__(self, response=None, error=None):
        self.response, self.error, self.requests = response, error, []

    def search(self, index, body):
        self.requests.append((index, body))
        if self.error:
            raise self.error
        return type("Response", (), {"body": self.response})()


def api_error(status: int) -> ApiError:
    meta = ApiResponseMeta(
        status=status,
        http_version="1.1",
        headers=HttpHeaders(),
        duration=0.0,
        node=NodeConfig("http", "localhost", 9200),
    )
    return ApiError(message="boom", meta=meta, body={})


@pytest.mark.django_db
def test_response_maps_to_hits_and_facets():
    ThemeFactory(slug="eenzaamheid", name="Eenzaamheid")
    response = {
        "hits": {
            "total": {"value": 3, "relation": "eq"},
            "hits": [{
                "_id": "12", "_score": 2.5,
                "_source": {
                    "id": 12, "type": "activity", "title": "Koffieochtend", "summary": "Koffie",
                    "url": "/k/", "initiative_title": "Buurthuis", "neighbourhood": "Wielwijk",
                    "municipality": "Dordrecht", "location": {"lat": 51.8070, "lon": 4.6560},
                    "dates": ["2026-01-01", "2026-01-08", "2026-01-15"],
                },
                "highlight": {"summary": [f"{START}Koffie{STOP} <b>"]},
            }],
        },
        "aggregations": {
            "type": {"buckets": [{"key": "activity", "doc_count": 2},
                                 {"key": "vacancy", "doc_count": 1}]},
            "typed": {
                "doc_count": 3,
                "theme": {"buckets": [{"key": "eenzaamheid", "doc_count": 2},
                                      {"key": "onbekend", "doc_count": 1}]},
                "wijk": {"buckets": [{"key": 4, "doc_count": 2,
                                      "name": {"buckets": [{"key": "Wielwijk"}]}}]},
            },
        },
    }  # fmt: skip
    backend = ElasticsearchBackend(urls="http://es.invalid:9200")
    backend._client = FakeClient(response)
    q = SearchQuery(text="koffie", near=DORDRECHT, radius_km=10, date_from=dt.date(2026, 1, 2))
    results = backend.search(q)
    [hit] = results.hits
    assert (hit.id, hit.type, hit.title, hit.score) == (12, "activity", "Koffieochtend", 2.5)
    assert hit.distance_km == pytest.approx(2.46, abs=0.05)
    assert hit.next_date == dt.date(2026, 1, 8)  # the first on or after date_from
    assert hit.highlight == "<mark>Koffie</mark> &lt;b&gt;"
    assert results.total == 3 and results.backend == "elasticsearch"
    assert not results.fallback and not results.capped
    by_type = [(f.key, f.label, f.count) for f in results.facets["type"]]
    assert by_type == [
        ("activity", "Activiteiten", 2),
        ("meeting_place", "Ontmoetingsplekken", 0),
        ("vacancy", "Vrijwilligerswerk", 1),
        ("initiative", "Initiatieven", 0),
    ]
    assert [(f.key, f.label, f.count) for f in results.facets["theme"]] == [
        ("eenzaamheid", "Eenzaamheid", 2),
        ("onbekend", "onbekend", 1),
    ]
    assert [(f.key, f.label, f.count) for f in results.facets["wijk"]] == [("4", "Wielwijk", 2)]


@pytest.mark.django_db  # the synonym table is read before the request
@pytest.mark.parametrize("status", [404, 500, 503, 429])
def test_unavailable_and_missing_index_fall_back(status):
    backend = ElasticsearchBackend(urls="http://es.invalid:9200")
    backend._client = FakeClient(error=api_error(status))
    with pytest.raises(BackendUnavailable):
        backend.search(SearchQuery(text="koffie"))


def test_a_bad_request_is_a_bug_not_an_outage():
    with pytest.raises(ApiError), unavailable_on_errors():
        raise api_error(400)


def test_client_is_created_lazily_with_the_timeout(settings):
    settings.SEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.elasticsearch.ElasticsearchBackend",
            "URLS": ["http://es.invalid:9200"],
            "TIMEOUT": 1.5,
        }
    }
    reset_backend()
    backend = get_backend()
    reset_backend()
    assert backend._client is None
    assert backend.client.transport  # built on first use, without connecting
    assert backend.timeout == 1.5


# -- falling back to PostgreSQL --------------------------------------------------------


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def fallback_warnings():
    logger = logging.getLogger("search.backends.fallback")
    handler = Records()
    logger.addHandler(handler)
    yield handler.records
    logger.removeHandler(handler)


@pytest.mark.django_db
def test_down_server_falls_back_to_postgres(index, fallback_warnings):
    initiative = InitiativePageFactory(parent=index, title="Buurthuis De Sleutel")
    ActivityPageFactory(parent=initiative, title="Koffieochtend in de buurtkamer")
    PostgresBackend().rebuild(all_documents())
    primary = ElasticsearchBackend(urls=f"http://127.0.0.1:{closed_port()}", timeout=2.0)
    backend = FallbackBackend(primary, PostgresBackend())

    started = time.perf_counter()
    results = backend.search(SearchQuery(text="koffie"))
    elapsed = time.perf_counter() - started

    assert results.fallback is True
    assert results.backend == "postgres"
    assert [h.title for h in results.hits] == ["Koffieochtend in de buurtkamer"]
    assert elapsed < 2.0
    assert any("unavailable" in r.getMessage() for r in fallback_warnings)


def test_writes_to_a_down_server_raise_backend_unavailable():
    backend = ElasticsearchBackend(urls=f"http://127.0.0.1:{closed_port()}")
    doc = Document(id=1, type="vacancy", title="t", summary="", body="", url="/")
    for call in (
        lambda: backend.index([doc]),
        lambda: backend.delete([1]),
        backend.indexed_ids,
        backend.start_rebuild,
    ):
        with pytest.raises(BackendUnavailable):
            call()


# -- against a real server (ELASTICSEARCH_URL) ------------------------------------------


@pytest.fixture
def es_backend(db):
    backend = ElasticsearchBackend(
        urls=ES_URL, index=f"test-meedoen-{uuid.uuid4().hex[:8]}", refresh=True
    )
    yield backend
    backend.drop()


@needs_server
class TestElasticsearchBackend(SearchBackendContract, RelevanceContract):
    @pytest.fixture
    def backend(self, es_backend):
        return es_backend

    def test_typo_and_compound(self, loaded):
        titles = [h.title for h in loaded.search(SearchQuery(text="vrijwiliger")).hits]
        assert "Vrijwilliger voor de wandelgroep" in titles
        titles = [h.title for h in loaded.search(SearchQuery(text="koffie")).hits]
        assert titles[0] == "Koffieochtend in de buurtkamer"

    def test_rebuild_swaps_the_alias_and_drops_the_old_index(self, loaded, corpus):
        client = loaded.writer
        [before] = client.indices.get_alias(name=loaded.alias).body
        loaded.rebuild(all_documents())
        [after] = client.indices.get_alias(name=loaded.alias).body
        assert after != before
        assert not client.indices.exists(index=before)
        assert loaded.indexed_ids() == {p.pk for p in corpus.values()}

    def test_index_before_any_rebuild_creates_the_mapped_index(self, es_backend, corpus):
        from search.documents import documents_for_ids

        docs, _ = documents_for_ids([corpus["huiskamer"].pk])
        es_backend.index(docs)
        assert es_backend.indexed_ids() == {corpus["huiskamer"].pk}
        mapping = es_backend.writer.indices.get_mapping(index=es_backend.alias).body
        [index] = mapping.values()
        assert index["mappings"]["properties"]["location"]["type"] == "geo_point"


def test_a_hit_carries_the_opening_hours_it_was_indexed_with():
    doc = Document(
        id=7, type="meeting_place", title="Huiskamer", summary="", body="", url="/h/",
        open_ranges=[(540, 1020), (1980, 2460)],
    )  # fmt: skip
    raw = {"_source": document_body(doc), "_score": 1.0}
    hit = hit_from(raw, SearchQuery(), dt.date(2026, 1, 5))
    assert hit.open_ranges == ((540, 1020), (1980, 2460))
