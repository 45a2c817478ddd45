"""The index follows the pages: after commit, with failures kept and retried."""

import threading
import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError, transaction
from django.utils import timezone

from search import indexing
from search.backends import get_backend
from search.backends.base import BackendUnavailable, SearchBackend
from search.backends.fallback import FallbackBackend
from search.backends.postgres import PostgresBackend
from search.models import IndexOutbox, SearchDocument
from tests.factories import ActivityPageFactory, InitiativePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a block and then its on-commit callbacks, as a real request would."""

    def run(func):
        with django_capture_on_commit_callbacks(execute=True):
            return func()

    return run


def indexed(page) -> bool:
    return SearchDocument.objects.filter(page_id=page.pk).exists()


def test_new_live_page_is_indexed_after_commit(
    index, committed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        initiative = InitiativePageFactory(parent=index, title="Buurthuis De Brug")
    assert not indexed(initiative)  # nothing before the commit
    assert IndexOutbox.objects.filter(page_id=initiative.pk).exists()
    for callback in callbacks:
        callback()
    assert indexed(initiative)
    assert not IndexOutbox.objects.exists()


def test_publish_a_revision_updates_the_index(index, committed):
    initiative = committed(lambda: InitiativePageFactory(parent=index))
    activity = committed(lambda: ActivityPageFactory(parent=initiative, title="Breicafé"))
    activity.title = "Breicafé De Steek"
    committed(lambda: activity.save_revision().publish())
    assert SearchDocument.objects.get(page_id=activity.pk).title == "Breicafé De Steek"


def test_a_draft_does_not_change_the_index(index, committed):
    initiative = committed(lambda: InitiativePageFactory(parent=index))
    activity = committed(lambda: ActivityPageFactory(parent=initiative, title="Breicafé"))
    activity.title = "Nog niet klaar"
    committed(lambda: activity.save_revision())
    assert SearchDocument.objects.get(page_id=activity.pk).title == "Breicafé"


def test_unpublish_and_delete_remove_from_the_index(index, committed):
    initiative = committed(lambda: InitiativePageFactory(parent=index))
    one = committed(lambda: ActivityPageFactory(parent=initiative))
    two = committed(lambda: ActivityPageFactory(parent=initiative))
    committed(lambda: one.unpublish())
    assert not indexed(one)
    committed(lambda: two.delete())
    assert not indexed(two)


def test_deleting_an_initiative_removes_its_listings(index, committed):
    initiative = committed(lambda: InitiativePageFactory(parent=index))
    child = committed(lambda: ActivityPageFactory(parent=initiative))
    committed(lambda: initiative.delete())
    assert not indexed(initiative) and not indexed(child)


def test_move_updates_urls_below(index, committed):
    first = committed(lambda: InitiativePageFactory(parent=index, title="Eerste"))
    second = committed(lambda: InitiativePageFactory(parent=index, title="Tweede"))
    child = committed(lambda: ActivityPageFactory(parent=first, title="Jeu de boules"))
    assert "/eerste/" in SearchDocument.objects.get(page_id=child.pk).url
    committed(lambda: child.move(second, pos="last-child"))
    assert "/tweede/" in SearchDocument.objects.get(page_id=child.pk).url


def test_renaming_an_initiative_updates_its_listings(index, committed):
    initiative = committed(lambda: InitiativePageFactory(parent=index, title="Oud"))
    child = committed(lambda: ActivityPageFactory(parent=initiative))
    initiative.title = "Nieuw"
    committed(lambda: initiative.save_revision().publish())
    assert SearchDocument.objects.get(page_id=child.pk).initiative_title == "Nieuw"


class BrokenBackend(PostgresBackend):
    """Stands in for an index that is down (connection refused)."""

    def index(self, docs):
        raise ConnectionRefusedError("index is down")


def test_failed_write_is_kept_and_retried(index, committed, monkeypatch):
    monkeypatch.setattr(indexing, "get_backend", lambda: BrokenBackend())
    initiative = committed(lambda: InitiativePageFactory(parent=index, title="De Brug"))
    row = IndexOutbox.objects.get(page_id=initiative.pk)
    assert row.attempts == 1 and "index is down" in row.last_error
    assert InitiativePageFactory._meta.model.objects.filter(pk=initiative.pk).exists()

    monkeypatch.setattr(indexing, "get_backend", get_backend)  # the index is back
    assert indexing.process_outbox() == (1, 0, 0)
    assert indexed(initiative)
    assert not IndexOutbox.objects.exists()


def test_one_bad_page_does_not_hold_back_the_others(index, committed, monkeypatch):
    pages = [committed(lambda: InitiativePageFactory(parent=index)) for _ in range(3)]
    SearchDocument.objects.all().delete()
    bad_id = pages[1].pk

    class PickyBackend(PostgresBackend):
        def index(self, docs):
            if any(d.id == bad_id for d in docs):
                raise ValueError("cannot index this one")
            super().index(docs)

    monkeypatch.setattr(indexing, "get_backend", lambda: PickyBackend())
    indexing.enqueue([p.pk for p in pages], process=False)
    assert indexing.process_outbox() == (2, 1, 0)
    assert [indexed(p) for p in pages] == [True, False, True]
    assert list(IndexOutbox.objects.values_list("page_id", flat=True)) == [bad_id]


# -- a remote index (Elasticsearch) is written by the worker, not the request ------


class Remote(SearchBackend):
    """Stands in for Elasticsearch: keeps titles by page id. ``down`` makes
    every call fail as an unreachable cluster; ``bad`` pages are refused."""

    name = "remote"

    def __init__(self):
        self.docs, self.calls, self.down, self.bad = {}, 0, False, set()

    def _call(self):
        self.calls += 1
        if self.down:
            raise BackendUnavailable("remote is down")

    def search(self, query):
        raise NotImplementedError

    def index(self, docs):
        self._call()
        if any(doc.id in self.bad for doc in docs):
            raise ValueError("cannot index this one")
        self.docs.update({doc.id: doc.title for doc in docs})

    def delete(self, ids):
        self._call()
        for page_id in ids:
            self.docs.pop(page_id, None)

    def indexed_ids(self):
        self._call()
        return set(self.docs)


class CountingPostgres(PostgresBackend):
    def __init__(self):
        self.written = []

    def index(self, docs):
        self.written += [doc.id for doc in docs]
        super().index(docs)


COOLDOWN = 0.2


class Clock:
    """The breaker's clock, moved by the test: on a loaded machine two drains
    can lie further apart than the cool-down, and the breaker would close
    between them."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def cool_down(self) -> None:
        time.sleep(COOLDOWN)  # the outbox's own retry times are wall-clock
        self.now += COOLDOWN


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def remote(monkeypatch, clock):
    backend = FallbackBackend(Remote(), CountingPostgres(), cooldown=COOLDOWN, clock=clock)
    monkeypatch.setattr(indexing, "get_backend", lambda: backend)
    return backend


def test_the_request_writes_postgres_and_leaves_the_remote_index_to_the_worker(
    index, committed, remote
):
    initiative = committed(lambda: InitiativePageFactory(parent=index, title="De Brug"))
    assert indexed(initiative)  # PostgreSQL at once, in the request
    assert remote.primary.calls == 0  # nothing over the network in the request
    row = IndexOutbox.objects.get(page_id=initiative.pk)
    assert row.local_done and row.retry_at <= timezone.now()  # due for the worker
    assert indexing.process_outbox(due_only=True) == (1, 0, 0)
    assert remote.primary.docs == {initiative.pk: "De Brug"}
    assert remote.fallback.written == [initiative.pk]  # PostgreSQL was not written twice
    assert not IndexOutbox.objects.exists()


def test_while_the_remote_index_is_down_postgres_stays_current_and_rows_wait(
    index, committed, remote, monkeypatch, clock
):
    pages = [committed(lambda: InitiativePageFactory(parent=index)) for _ in range(3)]
    ids = [page.pk for page in pages]
    IndexOutbox.objects.all().delete()
    SearchDocument.objects.all().delete()
    remote.fallback.written.clear()
    remote.primary.down = True
    monkeypatch.setattr(indexing, "BATCH", 1)
    indexing.enqueue(ids, process=False)  # as `update` does: not in PostgreSQL yet

    assert indexing.process_outbox(due_only=True) == (0, 0, 3)
    assert all(indexed(page) for page in pages)  # PostgreSQL, which answers meanwhile
    assert remote.primary.calls == 1  # tried once; the open circuit spared the rest
    attempts = dict(IndexOutbox.objects.values_list("page_id", "attempts"))
    assert attempts == {ids[0]: 1, ids[1]: 0, ids[2]: 0}
    assert IndexOutbox.objects.filter(local_done=True).count() == 3

    # During the cool-down a drain neither asks the remote index nor rewrites PostgreSQL.
    assert indexing.process_outbox(due_only=True) == (0, 0, 0)
    assert remote.primary.calls == 1 and sorted(remote.fallback.written) == ids

    remote.primary.down = False
    clock.cool_down()
    assert indexing.process_outbox(due_only=True) == (3, 0, 0)
    assert set(remote.primary.docs) == set(ids)
    assert sorted(remote.fallback.written) == ids  # still once each
    assert not IndexOutbox.objects.exists()


def test_a_removal_that_failed_is_retried_by_the_next_drain(index, committed, remote, clock):
    initiative = committed(lambda: InitiativePageFactory(parent=index))
    gone = committed(lambda: ActivityPageFactory(parent=initiative, title="Breicafé"))
    other = committed(lambda: ActivityPageFactory(parent=initiative, title="Jeu de boules"))
    indexing.process_outbox()
    assert {gone.pk, other.pk} <= set(remote.primary.docs)

    remote.primary.down = True
    committed(lambda: gone.unpublish())
    assert not indexed(gone)  # PostgreSQL at once
    assert indexing.process_outbox(due_only=True).waiting == 1  # the worker fails

    remote.primary.down = False
    clock.cool_down()
    other.title = "Jeu de boules op het plein"
    committed(lambda: other.save_revision().publish())  # a later edit of another page
    assert gone.pk in remote.primary.docs  # the request does not retry for others
    call_command("search_index", "drain")
    assert gone.pk not in remote.primary.docs
    assert remote.primary.docs[other.pk] == "Jeu de boules op het plein"
    assert not IndexOutbox.objects.exists()


def test_a_page_that_fails_by_itself_waits_a_growing_back_off(index, committed, remote):
    pages = [committed(lambda: InitiativePageFactory(parent=index)) for _ in range(3)]
    bad = pages[1]
    remote.primary.bad = {bad.pk}
    assert indexing.process_outbox(due_only=True) == (2, 1, 0)
    assert set(remote.primary.docs) == {pages[0].pk, pages[2].pk}

    def waits() -> float:
        row = IndexOutbox.objects.get(page_id=bad.pk)
        return (row.retry_at - timezone.now()).total_seconds()

    assert 25 < waits() <= 30
    assert indexing.process_outbox(due_only=True) == (0, 0, 0)  # not due yet
    IndexOutbox.objects.update(retry_at=timezone.now())
    assert indexing.process_outbox(due_only=True) == (0, 1, 0)
    assert 55 < waits() <= 60
    IndexOutbox.objects.update(attempts=12, retry_at=timezone.now())
    indexing.process_outbox(due_only=True)
    assert 295 < waits() <= 300  # at most five minutes
    assert remote.fallback.written.count(bad.pk) == 1  # PostgreSQL has it since the request
    remote.primary.bad = set()
    assert indexing.process_outbox() == (1, 0, 0)  # update: everything, due or not


def test_a_drain_leaves_the_work_to_a_drain_already_running(index, committed, remote):
    from django.db import connection

    page = committed(lambda: InitiativePageFactory(parent=index, title="De Brug"))
    locked, release = threading.Event(), threading.Event()

    def other_drain():  # another process, say: its own database session
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [indexing.DRAIN_LOCK])
        locked.set()
        release.wait(10)
        with connection.cursor() as cursor:  # at once; a closed session lets go a bit later
            cursor.execute("SELECT pg_advisory_unlock(%s)", [indexing.DRAIN_LOCK])
        connection.close()

    thread = threading.Thread(target=other_drain)
    thread.start()
    try:
        assert locked.wait(10)
        assert indexing.process_outbox(due_only=True) == (0, 0, 0)
        assert remote.primary.docs == {}
    finally:
        release.set()
        thread.join()
    assert indexing.process_outbox(due_only=True) == (1, 0, 0)
    assert remote.primary.docs == {page.pk: "De Brug"}


def test_after_commit_work_still_runs_when_indexing_breaks(index, committed, monkeypatch):
    def broken():
        raise RuntimeError("no index at all")

    monkeypatch.setattr(indexing, "get_backend", broken)

    def publish_and_mail():
        page = InitiativePageFactory(parent=index)
        transaction.on_commit(lambda: mail.send_mail("Gepubliceerd", "", None, ["a@example.org"]))
        return page

    page = committed(publish_and_mail)
    assert len(mail.outbox) == 1
    assert IndexOutbox.objects.filter(page_id=page.pk).exists()  # the worker's, later


def test_update_with_the_remote_index_down_still_updates_postgres(
    index, committed, remote, capsys, monkeypatch
):
    from search.management.commands import search_index

    monkeypatch.setattr(search_index, "get_backend", lambda: remote)  # for the drift check
    initiative = committed(lambda: InitiativePageFactory(parent=index))
    activity = committed(lambda: ActivityPageFactory(parent=initiative))
    SearchDocument.objects.all().delete()
    IndexOutbox.objects.all().delete()
    remote.primary.down = True
    call_command("search_index", "update")  # requeues activities; drift is not checked
    out = capsys.readouterr().out
    assert "niet gecontroleerd" in out and "1 wachten" in out
    assert indexed(activity)
    with pytest.raises(CommandError, match="niet bereikbaar"):
        call_command("search_index", "check")


def test_worker_drains_until_stopped(index, committed, remote, monkeypatch, capsys):
    from search.management.commands import search_index

    page = committed(lambda: InitiativePageFactory(parent=index, title="De Brug"))
    waited = []

    class OnePass(threading.Event):
        def wait(self, timeout=None):
            waited.append(timeout)
            self.set()  # as SIGTERM would
            return True

    monkeypatch.setattr(search_index, "Event", OnePass)
    monkeypatch.setattr(search_index, "close_old_connections", lambda: None)
    monkeypatch.setattr(search_index.signal, "signal", lambda *args: None)
    call_command("search_index", "worker", "--interval", "3")
    assert waited == [3.0]
    assert remote.primary.docs == {page.pk: "De Brug"}
    assert "Bijgewerkt: 1 vermeldingen" in capsys.readouterr().out


def test_worker_survives_a_failed_pass_and_waits_longer(index, remote, monkeypatch):
    from search.management.commands import search_index

    passes, waited = [], []

    def drain(**kwargs):
        passes.append(kwargs)
        if len(passes) < 3:
            raise OperationalError("the database went away")
        return indexing.Outcome(0, 0, 0)

    class ThreePasses(threading.Event):
        def wait(self, timeout=None):
            waited.append(timeout)
            if len(waited) == 3:
                self.set()
            return self.is_set()

    monkeypatch.setattr(search_index, "process_outbox", drain)
    monkeypatch.setattr(search_index, "Event", ThreePasses)
    monkeypatch.setattr(search_index, "close_old_connections", lambda: None)
    monkeypatch.setattr(search_index.signal, "signal", lambda *args: None)
    call_command("search_index", "worker", "--interval", "2")
    assert passes == [{"due_only": True}] * 3
    assert waited == [search_index.FAILED_PASS_WAIT, search_index.FAILED_PASS_WAIT, 2.0]


def test_search_index_check_and_update(index, committed, capsys):
    initiative = committed(lambda: InitiativePageFactory(parent=index))
    committed(lambda: ActivityPageFactory(parent=initiative))
    call_command("search_index", "check")
    SearchDocument.objects.filter(page_id=initiative.pk).delete()
    SearchDocument.objects.create(page_id=987654, type="activity", title="Spook", url="/x/")
    with pytest.raises(CommandError, match="niet gelijk"):
        call_command("search_index", "check")
    assert "Ontbreekt in de index: 1; staat er ten onrechte in: 1" in capsys.readouterr().out
    call_command("search_index", "update")
    call_command("search_index", "check")
    assert indexed(initiative)
    assert not SearchDocument.objects.filter(page_id=987654).exists()


def test_rebuild_command(index, committed, capsys):
    initiative = committed(lambda: InitiativePageFactory(parent=index))
    SearchDocument.objects.all().delete()
    call_command("search_index", "rebuild")
    assert indexed(initiative)
    assert "1 vermeldingen" in capsys.readouterr().out


# -- read_ahead: documents built in a background thread during a rebuild ---------
def test_read_ahead_inside_a_transaction_iterates_in_place(db):
    from search.documents import read_ahead

    seen = []

    def make():
        seen.append(threading.current_thread())
        yield from range(5)

    assert list(read_ahead(make)) == [0, 1, 2, 3, 4]
    assert seen == [threading.current_thread()]


@pytest.mark.django_db(transaction=True)
def test_read_ahead_uses_another_thread_and_its_own_connection():
    from initiatives.models import Theme
    from search.documents import read_ahead

    Theme.objects.bulk_create(Theme(name=f"Thema {i}", slug=f"thema-{i}") for i in range(30))
    threads = set()

    def make():
        threads.add(threading.current_thread())
        yield from Theme.objects.order_by("slug").values_list("slug", flat=True)

    slugs = list(read_ahead(make, batch=7, depth=2))
    assert slugs == sorted(f"thema-{i}" for i in range(30))
    assert threading.current_thread() not in threads and len(threads) == 1


@pytest.mark.django_db(transaction=True)
def test_read_ahead_raises_the_producers_error_here():
    from search.documents import read_ahead

    def make():
        yield 1
        raise ValueError("kapot")

    with pytest.raises(ValueError, match="kapot"):
        list(read_ahead(make, batch=1))


@pytest.mark.django_db(transaction=True)
def test_read_ahead_stops_the_producer_when_the_consumer_stops():
    from search.documents import read_ahead

    produced = []

    def make():
        for i in range(100_000):
            produced.append(i)
            yield i

    items = read_ahead(make, batch=10, depth=1)
    assert next(items) == 0
    items.close()  # the consumer gives up (e.g. the index write failed)
    assert len(produced) < 100_000
