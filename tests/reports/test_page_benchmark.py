"""manage.py page_benchmark: every public URL kind is asked and timed, a 404
is skipped, and --compare prints the growth per URL."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from initiatives import calendars
from initiatives.models import ActivityPage
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
                 "privacy", "contact", "colofon", "toegankelijkheid", "home, Arabic",
                 "search, words, English", "activity page, Ukrainian"):  # fmt: skip
        assert kinds[kind]["status"] == 200, kind
        assert kinds[kind]["p95_ms"] >= kinds[kind]["p50_ms"] > 0
    assert kinds["feed, all activities"]["size"] > 0  # the first chunk
    assert kinds["home, Arabic"]["url"] == "/ar/"
    assert kinds["activity page, Ukrainian"]["url"].startswith("/uk/")
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


def test_a_feed_is_timed_to_its_first_events_without_being_read_to_its_end(
    index, tmp_path, monkeypatch
):
    """At a million listings the whole calendar is minutes of output: the
    benchmark closes the stream after what it times, and the database
    connection stays usable for the next URL."""
    monkeypatch.setattr(calendars, "CHUNK", 1)  # one activity per chunk
    initiative = InitiativePageFactory(parent=index)
    for n in range(6):
        ActivityPageFactory(parent=initiative, title=f"Activiteit {n}")
    saved = tmp_path / "feed.json"
    call_command(
        "page_benchmark", runs=2, warmup=1, only="feed, all", json=saved, stdout=io.StringIO()
    )
    kinds = {row["kind"]: row for row in json.loads(saved.read_text())["results"]}
    head, first = kinds["feed, all activities"], kinds["feed, all activities, first events"]
    assert first["size"] > head["size"] > 0
    # The head and one chunk of events: not the six chunks read to the end.
    read_all = len(_queries_to_read_everything())
    assert first["queries"] < read_all
    assert ActivityPage.objects.count() == 6  # the connection still works


def _queries_to_read_everything():
    with CaptureQueriesContext(connection) as captured:
        response = Client().get("/activiteiten/agenda.ics")
        body = b"".join(response.streaming_content)
    assert body.count(b"BEGIN:VEVENT") == 6
    return captured
