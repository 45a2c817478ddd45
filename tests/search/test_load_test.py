"""The load test's visitor mix: the shares it promises, URLs that exist, and
enough distinct URLs that a page cache cannot turn it into one request."""

from collections import Counter
from urllib.parse import parse_qs, urlsplit

from django.urls import resolve

from search.management.commands.load_test import LISTS, MIX, mix_paths

POSTCODES = [f"{3300 + i} AB" for i in range(200)]
DETAILS = [f"/initiatieven/i{i}/activiteit-{i}/" for i in range(300)]


def _kind(path: str) -> str:
    parts = urlsplit(path)
    query = parse_qs(parts.query)
    if parts.path == "/":
        return "home_postcode" if "postcode" in query else "home"
    if parts.path == "/zoeken/":
        if "q" in query and "waar" in query:
            return "search_words_place"
        return "search_words" if "q" in query else "search_place"
    if parts.path in LISTS:
        return "list_filtered" if "postcode" in query else "list"
    if parts.path.startswith("/api/"):
        return "api"
    assert path in DETAILS
    return "detail"


def test_mix_keeps_its_shares():
    paths = mix_paths(POSTCODES, DETAILS, count=5000)
    counts = Counter(_kind(p) for p in paths)
    total_share = sum(share for _, share in MIX)
    for kind, share in MIX:
        expected = share / total_share
        assert abs(counts[kind] / len(paths) - expected) < 0.03, kind


def test_mix_is_many_distinct_urls_that_exist():
    paths = mix_paths(POSTCODES, DETAILS)
    # Home and the first list pages repeat, as on a real site; the rest vary.
    assert len(set(paths)) > len(paths) / 3
    for path in {p for p in paths if p not in DETAILS}:
        resolve(urlsplit(path).path)  # raises Resolver404 for a URL the site lacks


def test_mix_is_the_same_every_run():
    assert mix_paths(POSTCODES, DETAILS) == mix_paths(POSTCODES, DETAILS)
