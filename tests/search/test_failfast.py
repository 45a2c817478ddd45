"""Elasticsearch that hangs or is down must not slow the site down, and an
outage must not leave removed pages findable afterwards.

The engine is ``tests/search/fake_es.py``: a local server that answers just
enough of the API, or accepts and never answers (a hung cluster); a closed
port is a cluster that is down. The engine's read timeout is 2 s here, so an
answer well under it proves that nobody waited for the timeout. Times are
generous upper bounds, not performance figures: they only tell "waited for
the timeout" from "did not".
"""

import threading
import time

import pytest
from django.core import mail
from django.core.management import call_command

from search import indexing
from search.backends import get_backend, reset_backend
from search.backends.breaker import CircuitBreaker
from search.models import IndexOutbox, SearchDocument
from tests.factories import (
    ActivityPageFactory,
    InitiativeMemberFactory,
    InitiativePageFactory,
    ResponseFactory,
    VacancyPageFactory,
)
from tests.search.fake_es import FakeElasticsearch, closed_port, unaccepting_port
from volunteers.models import ResponseStatus
from volunteers.services import response_set_status

pytestmark = pytest.mark.django_db

API = "/api/search/"
READ_TIMEOUT = 2.0  # the engine's timeout in these tests (the default is lower)
FAST = 0.3  # a search that did not wait for the engine
PUBLISH = 2.0  # a publish that did not wait for the engine


def timed(func):
    started = time.perf_counter()
    result = func()
    return result, time.perf_counter() - started


def use_engine(settings, url: str, *, cooldown: float = 30.0) -> None:
    """Configure Elasticsearch at ``url`` with PostgreSQL as its fallback, as
    the settings do when ELASTICSEARCH_URL is set."""
    settings.SEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.fallback.FallbackBackend",
            "PRIMARY": {
                "BACKEND": "search.backends.elasticsearch.ElasticsearchBackend",
                "URLS": [url],
                "TIMEOUT": READ_TIMEOUT,
                "WRITE_TIMEOUT": 0.5,  # the worker's, off the request path
            },
            "FALLBACK": {"BACKEND": "search.backends.postgres.PostgresBackend"},
            "COOLDOWN": cooldown,
        }
    }
    reset_backend()


@pytest.fixture
def engine(settings):
    fake = FakeElasticsearch().start()
    use_engine(settings, fake.url)
    yield fake
    fake.stop()
    reset_backend()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a block, then its on-commit callbacks, as a request that commits."""

    def run(func):
        with django_capture_on_commit_callbacks(execute=True):
            return func()

    return run


@pytest.fixture
def listings(index, engine, committed):
    """An initiative with an activity and a one-place vacancy, in PostgreSQL
    and in the (answering) engine."""
    initiative = committed(
        lambda: InitiativePageFactory(
            parent=index, title="Buurthuis De Sleutel", email="info@desleutel.nl"
        )
    )
    activity = committed(
        lambda: ActivityPageFactory(parent=initiative, title="Koffieochtend in de buurtkamer")
    )
    vacancy = committed(
        lambda: VacancyPageFactory(
            parent=initiative, title="Gastvrouw koffieochtend", volunteers_wanted=1
        )
    )
    indexing.process_outbox()  # whatever the request left for the engine
    assert {str(p.pk) for p in (initiative, activity, vacancy)} <= set(engine.docs)
    return initiative, activity, vacancy


def api_titles(response) -> list[str]:
    assert response.status_code == 200
    return [r["title"] for r in response.json()["results"]]


# -- finding 3: a hung engine ----------------------------------------------------------


def test_searches_after_the_first_failure_do_not_wait_for_a_hung_engine(engine, listings, client):
    engine.mode = "hung"
    first, first_s = timed(lambda: client.get(API, {"q": "koffie"}))
    assert "Koffieochtend in de buurtkamer" in api_titles(first)  # PostgreSQL answered
    assert first_s < READ_TIMEOUT + 1.0  # bounded by the read timeout

    seconds = []
    for _ in range(5):
        response, took = timed(lambda: client.get(API, {"q": "koffie"}))
        assert "Koffieochtend in de buurtkamer" in api_titles(response)
        seconds.append(took)
    print(f"\nhung engine: first search {first_s:.3f} s, then max {max(seconds):.3f} s")
    assert max(seconds) <= FAST


def test_publishing_does_not_wait_for_a_hung_engine(engine, listings, committed):
    _, activity, _ = listings
    engine.mode = "hung"
    activity.title = "Koffieochtend De Sleutel"
    _, took = timed(lambda: committed(lambda: activity.save_revision().publish()))
    print(f"\nhung engine: publish {took:.3f} s")
    assert took <= PUBLISH
    # PostgreSQL, which answers while the engine is away, is current at once...
    assert SearchDocument.objects.get(page_id=activity.pk).title == "Koffieochtend De Sleutel"
    # ...and the engine's write waits in the outbox for the worker.
    row = IndexOutbox.objects.get(page_id=activity.pk)
    assert row.local_done


def test_matching_the_last_place_does_not_wait_for_a_hung_engine(engine, listings, committed):
    initiative, _, vacancy = listings
    member = InitiativeMemberFactory(initiative=initiative).user
    response = ResponseFactory(vacancy=vacancy)
    engine.mode = "hung"
    _, took = timed(
        lambda: committed(
            lambda: response_set_status(response=response, status=ResponseStatus.MATCHED, by=member)
        )
    )
    print(f"\nhung engine: matching the last place {took:.3f} s")
    assert took <= PUBLISH
    assert [m.to for m in mail.outbox] == [[response.volunteer.email]]  # mailed after commit
    assert not SearchDocument.objects.filter(page_id=vacancy.pk).exists()  # filled: not listed
    assert IndexOutbox.objects.filter(page_id=vacancy.pk).exists()  # the engine's turn


def test_a_host_that_does_not_accept_connections_is_given_up_on_within_a_second(
    settings, index, client
):
    with unaccepting_port() as port:
        use_engine(settings, f"http://127.0.0.1:{port}")
        response, took = timed(lambda: client.get(API, {"q": "koffie"}))
    reset_backend()
    print(f"\nunaccepting host: first search {took:.3f} s")
    assert response.status_code == 200
    assert took < 1.0  # the connect timeout, not the 2 s read timeout


def test_a_down_engine_is_still_handled_at_once(settings, index, committed, client):
    use_engine(settings, f"http://127.0.0.1:{closed_port()}")
    initiative = committed(lambda: InitiativePageFactory(parent=index, title="Buurthuis De Brug"))
    activity = committed(lambda: ActivityPageFactory(parent=initiative, title="Breicafé"))
    activity.title = "Breicafé De Steek"
    _, publish_s = timed(lambda: committed(lambda: activity.save_revision().publish()))
    seconds = []
    for _ in range(3):
        response, took = timed(lambda: client.get(API, {"q": "breicafé"}))
        assert api_titles(response) == ["Breicafé De Steek"]
        seconds.append(took)
    reset_backend()
    print(f"\nclosed port: publish {publish_s:.3f} s, searches max {max(seconds):.3f} s")
    assert publish_s <= PUBLISH and max(seconds) <= FAST
    assert IndexOutbox.objects.filter(page_id=activity.pk).exists()


# -- finding 4: what changed during an outage is caught up ----------------------------


def test_a_page_unpublished_during_an_outage_leaves_the_engine_once_it_is_back(
    engine, listings, committed, settings
):
    use_engine(settings, engine.url, cooldown=0.5)
    _, activity, vacancy = listings
    engine.mode = "hung"
    _, unpublish_s = timed(lambda: committed(lambda: activity.unpublish()))
    vacancy.title = "Gastvrouw of gastheer koffieochtend"
    committed(lambda: vacancy.save_revision().publish())
    assert unpublish_s <= PUBLISH
    assert str(activity.pk) in engine.docs  # still findable in the engine

    # The worker tries, fails within its own timeout and keeps everything.
    call_command("search_index", "drain")
    assert set(IndexOutbox.objects.values_list("page_id", flat=True)) == {
        activity.pk,
        vacancy.pk,
    }
    assert IndexOutbox.objects.get(page_id=activity.pk).attempts == 1

    engine.mode = "up"
    time.sleep(0.6)  # the cool-down after the failure
    call_command("search_index", "drain")
    assert str(activity.pk) not in engine.docs
    assert engine.docs[str(vacancy.pk)]["title"] == "Gastvrouw of gastheer koffieochtend"
    assert not IndexOutbox.objects.exists()


def test_the_engine_never_shows_a_page_it_has_not_removed_yet(engine, listings, committed, client):
    _, activity, _ = listings
    engine.mode = "hung"
    committed(lambda: activity.unpublish())
    engine.mode = "up"
    reset_backend()  # another process, whose breaker is closed: the engine answers
    assert str(activity.pk) in engine.docs  # not removed there yet
    titles = api_titles(client.get(API, {"q": "koffie"}))
    assert "Gastvrouw koffieochtend" in titles  # the engine answered...
    assert "Koffieochtend in de buurtkamer" not in titles  # ...without the stale page


# -- the circuit breaker ------------------------------------------------------------------


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_breaker_opens_on_failure_and_lets_one_probe_through_after_the_cool_down():
    clock = Clock()
    breaker = CircuitBreaker(cooldown=30, clock=clock)
    assert breaker.allow()
    breaker.success()
    assert breaker.allow()
    breaker.failure()
    assert not breaker.allow() and not breaker.available
    clock.now += 29
    assert not breaker.allow()
    clock.now += 1
    assert breaker.available
    assert breaker.allow()  # the probe
    assert not breaker.allow() and not breaker.available  # only one at a time
    breaker.failure()  # still down: another cool-down
    assert not breaker.allow()
    clock.now += 30
    assert breaker.allow()
    breaker.success()  # back
    assert breaker.allow() and breaker.allow()


def test_a_probe_that_never_reports_back_does_not_keep_the_breaker_shut():
    clock = Clock()
    breaker = CircuitBreaker(cooldown=30, clock=clock)
    breaker.failure()
    clock.now += 30
    assert breaker.allow()  # a probe that dies without success() or failure()
    clock.now += 30
    assert breaker.allow()


def test_breaker_lets_exactly_one_of_many_threads_probe():
    clock = Clock()
    breaker = CircuitBreaker(cooldown=30, clock=clock)
    breaker.failure()
    clock.now += 30
    start = threading.Barrier(16)
    allowed = []

    def probe():
        start.wait()
        allowed.append(breaker.allow())

    threads = [threading.Thread(target=probe) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert allowed.count(True) == 1


def test_the_backend_is_cached_per_process_with_one_breaker(engine):
    assert get_backend() is get_backend()
