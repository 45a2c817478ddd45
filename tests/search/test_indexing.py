"""The index follows the pages: after commit, with failures kept and retried."""

import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from search import indexing
from search.backends import get_backend
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
    assert indexing.process_outbox() == (1, 0)
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
    assert indexing.process_outbox() == (2, 1)
    assert [indexed(p) for p in pages] == [True, False, True]
    assert list(IndexOutbox.objects.values_list("page_id", flat=True)) == [bad_id]


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
