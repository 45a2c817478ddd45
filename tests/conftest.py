import pytest
from wagtail.models import Page, Site

from core.site_url import sync_default_site
from initiatives.models import HomePage, InitiativeIndexPage


def _restore_migrated_basics() -> Page:
    """What Wagtail's and our migrations create and a flush of the database
    (after a live-server test) removes: the default locale, the root page and
    collection, and the moderators' workflow on the root."""
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale

    from initiatives.permissions import ensure_moderation_setup

    root = Page.get_first_root_node()
    if root is None:
        language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        locale = Locale.objects.get_or_create(language_code=language)[0]
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    ensure_moderation_setup()
    return root


@pytest.fixture
def home(db) -> HomePage:
    """The home page the site-structure migration creates (recreated when a
    test that flushes the database has removed it)."""
    home = HomePage.objects.first()
    if home is None:
        root = _restore_migrated_basics()
        home = root.add_child(instance=HomePage(title="Meedoen", slug="home"))
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": home},
        )
        sync_default_site()
    return home


@pytest.fixture
def index(home) -> InitiativeIndexPage:
    index = InitiativeIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=InitiativeIndexPage(title="Initiatieven", slug="initiatieven")
        )
    return index


@pytest.fixture(autouse=True)
def _dutch_to_start_with():
    """Every test starts in the site's default language. A request in another
    language leaves it active in the thread (LocaleMiddleware activates, and
    nothing deactivates), which would make a later test's labels Ukrainian."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits (allauth's and ours) count in the cache: without a fresh
    cache, logins by earlier tests from the same test client address could
    push a later test over a limit, depending on test order and speed."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


class NetworkCalled(AssertionError):
    """Raised (and so failing the test) when code under test opens a socket."""


@pytest.fixture
def no_network(monkeypatch):
    """Any connection made from Python in this test fails it: what a save or a
    service may not do. (PostgreSQL is reached through libpq, not Python
    sockets, so the database keeps working.) Yields the list of attempts, which
    a test can also check is empty after catching everything."""
    import socket

    attempts: list = []

    def refuse(self, address, *args, **kwargs):
        attempts.append(address)
        raise NetworkCalled(f"network call to {address!r} during a test that forbids it")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    yield attempts
    assert attempts == [], f"network calls made: {attempts}"


@pytest.fixture
def no_geocoding(monkeypatch):
    """Fails the test when any geocoder (even the offline table) is asked:
    saving a listing derives wijk and gemeente from its point and nothing else."""
    from initiatives import geocoding

    calls: list = []

    def forbidden(query, **kwargs):
        calls.append(query)
        raise NetworkCalled(f"geocoder asked for {query!r} while saving")

    monkeypatch.setattr(geocoding, "geocode", forbidden)
    yield calls
    assert calls == [], f"geocoder asked: {calls}"
