"""manage.py page_benchmark: every public URL kind is asked and timed, a 404
is skipped, and --compare prints the growth per URL."""

import io
import json

import pytest
from django.core.management import call_command

from tests.factories import ActivityPageFactory, InitiativePageFactory, VacancyPageFactory

pytestmark = pytest.mark.django_db


def test_times_every_public_kind_and_compares(index, tmp_path):
    initiative = InitiativePageFactory(parent=index)
    ActivityPageFactory(parent=initiative)
    VacancyPageFactory(parent=initiative)
    saved = tmp_path / "demo.json"
    out = io.StringIO()
    call_command("page_benchmark", runs=2, warmup=1, json=saved, stdout=out)
    text = out.getvalue()
    kinds = {row["kind"]: row for row in json.loads(saved.read_text())["results"]}
    for kind in ("home", "home + postcode", "activities list, deep", "search, words",
                 "activity page", "voor jou", "feed, all activities", "api search",
                 "privacy", "contact", "colofon", "toegankelijkheid"):  # fmt: skip
        assert kinds[kind]["status"] == 200, kind
        assert kinds[kind]["p95_ms"] >= kinds[kind]["p50_ms"] > 0
    assert kinds["feed, all activities"]["size"] > 0  # the first chunk
    assert "sitemap" in text  # measured, or skipped as a 404
    out = io.StringIO()
    call_command("page_benchmark", runs=1, warmup=0, only="home", compare=saved, stdout=out)
    assert "| home | " in out.getvalue() and "×" in out.getvalue()


def test_measures_pages_as_made_even_with_the_page_cache_on(index, tmp_path, settings):
    """The figures are what a page costs to make: a cache hit after the
    warm-up would make every anonymous page look free."""
    settings.PAGE_CACHE_SECONDS = 60
    InitiativePageFactory(parent=index)
    saved = tmp_path / "made.json"
    call_command("page_benchmark", runs=2, warmup=1, only="home", json=saved, stdout=io.StringIO())
    rows = json.loads(saved.read_text())["results"]
    assert rows and all(row["queries"] > 0 for row in rows)


def test_cached_measures_a_hit(index, tmp_path):
    InitiativePageFactory(parent=index)
    saved = tmp_path / "hit.json"
    call_command(
        "page_benchmark", runs=2, warmup=1, only="home", cached=True, json=saved,
        stdout=io.StringIO(),
    )  # fmt: skip
    rows = json.loads(saved.read_text())["results"]
    assert rows and all(row["queries"] == 0 and row["status"] == 200 for row in rows)
