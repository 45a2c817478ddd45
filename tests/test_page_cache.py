"""The anonymous page cache (core/pagecache.py): what it serves, to whom, and
what it never keeps. Each rule has a test that fails without it.

The cache is off in the other tests (marketplace/settings/test.py); here the
``page_cache`` fixture turns it on with the real middleware stack, the real
client and the locmem cache (cleared around every test by tests/conftest.py).
"""

import datetime as dt
import socket
import threading
import time

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache.backends import locmem
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client
from django.urls import path
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.vary import vary_on_cookie
from wagtail.models import PageViewRestriction

from core import pagecache
from core.versioning import bump_content_version, content_version
from marketplace import urls as site_urls
from search import demand
from search.indexing import enqueue, process_outbox
from search.models import SearchSynonym
from tests.factories import (
    ActivityPageFactory,
    InitiativePageFactory,
    MeetingPlacePageFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
PUBLIC = ["/", "/activiteiten/", "/ontmoetingsplekken/", "/vacatures/", "/zoeken/"]
PERSONAL = ["/profiel/", "/inbox/", "/mijn-reacties/", "/voor-jou/", "/mijn-gegevens/"]


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60
    settings.PAGE_CACHE_HEADER = True
    return settings


@pytest.fixture
def activity(index):
    initiative = InitiativePageFactory(parent=index, title="Buurthuis De Hoek")
    return ActivityPageFactory(parent=initiative, title="Koffieochtend")


def browser(**headers) -> Client:
    """A new visitor with an empty cookie jar."""
    return Client(HTTP_USER_AGENT=BROWSER, **headers)


def get(url: str, client: Client | None = None, **extra):
    response = (client or browser()).get(url, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return response


# -- serving ---------------------------------------------------------------------
@pytest.mark.parametrize("url", PUBLIC + ["DETAIL"])
def test_the_second_anonymous_visitor_gets_the_stored_page_without_a_query(
    page_cache, activity, url, django_assert_num_queries
):
    url = activity.url if url == "DETAIL" else url
    first = get(url)
    assert first["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = get(url)
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    # Whoever carries a session cookie must not get this copy from a proxy.
    assert "cookie" in second["Vary"].lower()


def test_head_is_answered_from_the_same_copy(page_cache, activity):
    get("/")
    assert browser().head("/")["X-Cache"] == "hit"


def test_head_does_not_store(page_cache, activity):
    browser().head("/")
    assert get("/")["X-Cache"] == "miss"


def test_off_when_the_setting_is_zero(settings, activity):
    settings.PAGE_CACHE_SECONDS = 0
    get("/")
    assert "X-Cache" not in get("/")


def test_no_header_unless_asked_for(page_cache, activity):
    page_cache.PAGE_CACHE_HEADER = False
    get("/")
    assert "X-Cache" not in get("/")


# -- who: only anonymous requests without a session ----------------------------
def test_a_request_with_a_session_cookie_neither_reads_nor_writes(page_cache, activity):
    with_session = browser()
    with_session.cookies["sessionid"] = "not-even-a-real-one"
    response = get("/", with_session)  # does not write...
    assert "X-Cache" not in response
    assert get("/")["X-Cache"] == "miss"
    assert "X-Cache" not in get("/", with_session)  # ...and does not read


def test_a_request_with_a_messages_cookie_neither_reads_nor_writes(page_cache, activity):
    get("/")
    with_message = browser()
    with_message.cookies[CookieStorage.cookie_name] = "anything"
    assert "X-Cache" not in get("/", with_message)


def test_a_request_with_credentials_is_not_served_from_the_cache(page_cache, activity):
    get("/")
    assert "X-Cache" not in get("/", HTTP_AUTHORIZATION="Basic dXNlcjpwYXNz")


def test_a_logged_in_user_never_gets_the_anonymous_page(page_cache, activity):
    anonymous = get("/")
    assert "Inloggen" in anonymous.text
    user = UserFactory(email="lid@example.nl")
    member = browser()
    member.force_login(user)
    for _ in range(2):
        response = get("/", member)
        assert "X-Cache" not in response
        assert "Inloggen" not in response.text and "lid@example.nl" in response.text


def test_an_anonymous_visitor_never_gets_a_logged_in_page(page_cache, activity):
    member = browser()
    member.force_login(UserFactory(email="lid@example.nl"))
    for url in PUBLIC + [activity.url]:
        assert "lid@example.nl" in get(url, member).text
        response = get(url)
        assert response["X-Cache"] == "miss", url  # the member's page was not stored
        assert "lid@example.nl" not in response.text and "Uitloggen" not in response.text
        assert "Inloggen" in response.text


def test_a_visitor_who_logs_out_gets_the_anonymous_page(page_cache, activity):
    visitor = browser()
    visitor.force_login(UserFactory(email="lid@example.nl"))
    get("/", visitor)
    visitor.logout()
    response = get("/", visitor)
    assert "lid@example.nl" not in response.text and "Inloggen" in response.text


# -- where: an allow-list of public URL kinds ------------------------------------
@pytest.mark.parametrize(
    "url", ["/hulpvragen/", "/initiatief-aanmelden/", "/account/login/", "/privacy/"]
)
def test_only_listed_url_kinds_are_cached(page_cache, activity, url):
    get(url)
    listed = url == "/privacy/"
    assert (get(url).get("X-Cache") == "hit") is listed


@pytest.mark.parametrize("url", PERSONAL)
def test_personal_pages_never_touch_the_cache(page_cache, url):
    member = browser()
    member.force_login(UserFactory())
    for _ in range(2):
        assert "X-Cache" not in member.get(url)
    assert "X-Cache" not in browser().get(url)  # the anonymous redirect to the login


@pytest.mark.parametrize("kind", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN])
def test_a_restricted_page_is_never_kept(page_cache, activity, kind):
    """Wagtail serves a private page's password form (with a CSRF token) or a
    redirect to the login; once let in, the visitor has a session."""
    PageViewRestriction.objects.create(
        page=activity.get_parent(), restriction_type=kind, password="geheim"
    )
    for _ in range(2):
        response = browser().get(activity.url)
        assert response.get("X-Cache") == "miss"
        if kind == PageViewRestriction.LOGIN:
            assert response.status_code == 302
        else:
            assert "csrftoken" in response.cookies and "Elke week koffie" not in response.text
    visitor = browser()
    visitor.force_login(UserFactory())
    assert "X-Cache" not in visitor.get(activity.url)


def test_the_admin_never_touches_the_cache(page_cache):
    get_admin = browser().get("/admin/")
    assert get_admin.status_code == 302 and "X-Cache" not in get_admin


# -- what: the response rules ------------------------------------------------------
def _sets_a_cookie(request):
    response = HttpResponse("<p>met koekje</p>")
    response.set_cookie("voorkeur", "ja")
    return response


def _renders_a_csrf_token(request):
    return HttpResponse(f"<form><input value='{get_token(request)}'></form>")


@vary_on_cookie
def _varies_on_cookie(request):
    return HttpResponse(f"<p>{request.COOKIES.get('thema', 'licht')}</p>")


def _private(request):
    response = HttpResponse("<p>alleen voor jou</p>")
    response["Cache-Control"] = "private"
    return response


@never_cache
def _never_cache(request):
    return HttpResponse("<p>nooit bewaren</p>")


def _not_found(request):
    return HttpResponse("<p>weg</p>", status=404)


def _redirect(request):
    return HttpResponse(status=302, headers={"Location": "/"})


def _writes_the_session(request):
    request.session["bezocht"] = True
    return HttpResponse("<p>onthouden</p>")


def _adds_a_message(request):
    messages.info(request, "Gelukt")
    return HttpResponse("<p>melding</p>")


def _plain(request):
    response = HttpResponse("<p>openbaar</p>")
    # A header no cached copy may replay: it could name this request's maker.
    response["X-Made-For"] = "deze bezoeker"
    return response


RULES = {
    "cookie": _sets_a_cookie,
    "csrf": _renders_a_csrf_token,
    "vary-cookie": _varies_on_cookie,
    "private": _private,
    "never-cache": _never_cache,
    "404": _not_found,
    "302": _redirect,
    "session": _writes_the_session,
    "message": _adds_a_message,
    "plain": _plain,
}
# The site's own patterns after the rules' (i18n_patterns cannot be included).
urlpatterns = [
    *(path(f"regel/{name}/", view, name=f"rule-{name}") for name, view in RULES.items()),
    *site_urls.urlpatterns,
]


@pytest.fixture
def rules(page_cache):
    page_cache.ROOT_URLCONF = __name__
    page_cache.PAGE_CACHE_VIEWS = {f"rule-{name}" for name in RULES}
    return page_cache


def test_a_plain_public_response_is_stored(rules):
    browser().get("/regel/plain/")
    assert browser().get("/regel/plain/")["X-Cache"] == "hit"


@pytest.mark.parametrize("rule", [name for name in RULES if name != "plain"])
def test_a_response_that_is_personal_or_not_ok_is_never_stored(rules, rule):
    url = f"/regel/{rule}/"
    first = browser().get(url)
    assert first.status_code in (200, 302, 404)
    assert browser().get(url)["X-Cache"] == "miss"


def test_a_csrf_token_is_never_given_to_another_visitor(rules):
    first, second = browser().get("/regel/csrf/"), browser().get("/regel/csrf/")
    assert first.content != second.content


def test_only_known_headers_are_replayed(rules):
    first = browser().get("/regel/plain/")
    assert first["X-Made-For"]
    hit = browser().get("/regel/plain/")
    assert hit["X-Cache"] == "hit" and "X-Made-For" not in hit
    assert hit["Content-Type"] == first["Content-Type"]
    assert not hit.cookies


def test_storable_refuses_an_authenticated_user_whatever_the_cookies(rules, rf):
    request = rf.get("/regel/plain/")
    request.user = UserFactory()
    assert not pagecache.storable(request, HttpResponse("<p>x</p>"))
    request.user = AnonymousUser()
    assert pagecache.storable(request, HttpResponse("<p>x</p>"))


# -- when: changes are visible on the next request --------------------------------
def test_a_publish_is_visible_on_the_next_request(page_cache, activity):
    process_outbox()  # the lists read the search index, written after commit
    for url in ("/", activity.url, "/activiteiten/"):
        get(url)
        assert get(url)["X-Cache"] == "hit"
    activity.title = "Koffieochtend met taart"
    activity.save_revision().publish()
    # The detail page reads the page itself: the publish alone must show.
    response = get(activity.url)
    assert response["X-Cache"] == "miss" and "Koffieochtend met taart" in response.text
    process_outbox()  # as after the real commit
    assert "Koffieochtend met taart" in get("/activiteiten/").text


def test_an_unpublish_and_a_delete_are_visible_on_the_next_request(page_cache, index):
    initiative = InitiativePageFactory(parent=index)
    place = MeetingPlacePageFactory(parent=initiative, title="Huiskamer Oost")
    other = MeetingPlacePageFactory(parent=initiative, title="Huiskamer West")
    url = initiative.url  # it lists its meeting places, read from the pages
    assert "Huiskamer Oost" in get(url).text
    assert get(url)["X-Cache"] == "hit"
    place.unpublish()
    assert "Huiskamer Oost" not in get(url).text
    assert "Huiskamer West" in get(url).text
    other.delete()
    assert "Huiskamer West" not in get(url).text


def test_a_renamed_theme_is_visible_on_the_next_search(page_cache, activity):
    theme = ThemeFactory(name="Bewegen", slug="bewegen")
    assert "Bewegen" in get("/zoeken/").text
    theme.name = "Sport en bewegen"
    theme.save()
    assert "Sport en bewegen" in get("/zoeken/").text


def test_a_new_synonym_is_visible_on_the_next_search(page_cache, activity):
    page_cache.SEARCH_DEMAND_ENABLED = False  # or a search finding nothing is never stored
    get("/zoeken/?q=bakkie")
    assert get("/zoeken/?q=bakkie")["X-Cache"] == "hit"
    SearchSynonym.objects.create(term="bakkie", synonyms="koffie")
    assert get("/zoeken/?q=bakkie")["X-Cache"] == "miss"


def test_a_page_from_yesterday_is_not_served_today(page_cache, activity, monkeypatch):
    get("/")
    assert get("/")["X-Cache"] == "hit"
    tomorrow = timezone.now() + dt.timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)
    assert get("/")["X-Cache"] == "miss"


def test_a_page_expires_after_the_timeout(page_cache, activity, monkeypatch):
    get("/")
    later = locmem.time.time() + page_cache.PAGE_CACHE_SECONDS + 1
    monkeypatch.setattr(locmem.time, "time", lambda: later)
    assert get("/")["X-Cache"] == "miss"


# -- searches that count as demand are made afresh -----------------------------------
def test_a_search_that_may_count_as_demand_is_never_stored(page_cache, activity):
    automated = Client()  # no user agent: not counted, but not stored either
    automated.get("/zoeken/", {"q": "geldproblemen"})
    response = get("/zoeken/", data={"q": "geldproblemen"})
    assert response["X-Cache"] == "miss"
    assert demand.SEEN_COOKIE in response.cookies
    assert "private" in response["Cache-Control"]


# -- the cache being down --------------------------------------------------------------
def test_pages_work_when_the_page_cache_is_down(page_cache, activity):
    # A local port nobody listens on: every call to the pages' cache is refused.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    page_cache.CACHES = {
        **page_cache.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
        },
    }
    page_cache.PAGE_CACHE_ALIAS = "pages"
    detail = activity.url
    for url in ["/", "/zoeken/?q=koffie", "/activiteiten/", detail, "/", detail]:
        response = get(url)
        assert "X-Cache" not in response
        assert "Koffieochtend" in response.text or url.startswith("/zoeken/")


def test_pages_work_when_the_content_version_cannot_be_read(page_cache, activity, monkeypatch):
    def refused(*args, **kwargs):
        raise ConnectionError("refused")

    monkeypatch.setattr(pagecache, "content_version", refused)
    for url in ["/", "/activiteiten/", "/"]:
        response = get(url)
        assert "X-Cache" not in response and "Koffieochtend" in response.text


def test_the_version_is_bumped_again_after_commit(django_capture_on_commit_callbacks):
    """A request between the first bump and the commit reads the old rows;
    without a second bump it would keep them under the new version."""
    with django_capture_on_commit_callbacks(execute=True):
        bump_content_version()
        during = content_version()
    assert content_version() > during


def test_writing_the_search_index_bumps_the_version(activity):
    """The index can follow an edit later (the Elasticsearch worker): a search
    page cached before it was written must not outlive the write."""
    before = content_version()
    enqueue([activity.pk], process=False)
    assert process_outbox().done >= 1
    assert content_version() > before


@pytest.mark.parametrize(
    ("geocoders", "message"),
    [
        (["table", "pdok"], "We kunnen deze plek nu niet opzoeken"),
        # The offline names did not know it and PDOK could not be asked.
        (["table", "places", "pdok"], "Deze plek kennen we niet"),
    ],
)
def test_a_place_that_could_not_be_looked_up_is_not_kept_for_others(
    page_cache, activity, geocoders, message
):
    """PDOK throttled for one client (or down) is that moment's answer, not the
    page everyone asking the same place should get for a minute."""
    page_cache.GEOCODERS = geocoders  # PDOK: a closed port in tests
    url = "/zoeken/?waar=Nergenshuizen+aan+de+Maas"
    assert message in get(url).text
    assert get(url)["X-Cache"] == "miss"


# -- many identical misses at once -----------------------------------------------------
class _SlowView:
    """A view that takes a while and counts how often it is made; ``gate``
    holds it until the test lets it finish."""

    def __init__(self, body: str = "<p>openbaar</p>", *, private: bool = False):
        self.made = 0
        self.body = body
        self.private = private
        self.gate = threading.Event()
        self.started = threading.Event()
        self.lock = threading.Lock()

    def __call__(self, request):
        with self.lock:
            self.made += 1
        self.started.set()
        self.gate.wait(timeout=10)
        response = HttpResponse(self.body)
        if self.private:
            response["Cache-Control"] = "private"
        return response


def _at_once(middleware, url: str, n: int, rf) -> list[HttpResponse]:
    """``n`` requests for ``url`` through ``middleware``, each on its own thread."""
    responses: list[HttpResponse] = [None] * n
    start = threading.Barrier(n)

    def ask(i):
        start.wait()
        responses[i] = middleware(rf.get(url))

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    return threads, responses


def test_many_identical_misses_at_once_make_the_page_once(rules, rf):
    view = _SlowView()
    middleware = pagecache.PageCacheMiddleware(view)
    threads, responses = _at_once(middleware, "/regel/plain/", 8, rf)
    assert view.started.wait(timeout=5)
    time.sleep(0.2)  # the others have found the lock taken and wait
    view.gate.set()
    for t in threads:
        t.join(timeout=10)
    assert view.made == 1
    assert all(r.content == b"<p>openbaar</p>" for r in responses)
    assert sorted(r["X-Cache"] for r in responses) == ["hit"] * 7 + ["miss"]


def test_a_stale_copy_is_served_while_one_request_makes_the_page_anew(rules, rf, monkeypatch):
    old = pagecache.PageCacheMiddleware(lambda request: HttpResponse("<p>oud</p>"))
    assert old(rf.get("/regel/plain/"))["X-Cache"] == "miss"
    later = time.time() + rules.PAGE_CACHE_SECONDS + 1
    monkeypatch.setattr(pagecache.time, "time", lambda: later)

    view = _SlowView("<p>nieuw</p>")
    middleware = pagecache.PageCacheMiddleware(view)
    threads, responses = _at_once(middleware, "/regel/plain/", 1, rf)
    assert view.started.wait(timeout=5)
    waiting = middleware(rf.get("/regel/plain/"))
    assert (waiting["X-Cache"], waiting.content) == ("stale", b"<p>oud</p>")
    view.gate.set()
    threads[0].join(timeout=10)
    assert (responses[0]["X-Cache"], responses[0].content) == ("miss", b"<p>nieuw</p>")
    fresh = middleware(rf.get("/regel/plain/"))
    assert (fresh["X-Cache"], fresh.content) == ("hit", b"<p>nieuw</p>")
    assert view.made == 1


def test_a_stale_copy_is_never_served_after_a_publish(rules, rf):
    """A new content version has no copy yet: the others wait for the page
    being made instead of getting the one from before the publish."""
    old = pagecache.PageCacheMiddleware(lambda request: HttpResponse("<p>oud</p>"))
    old(rf.get("/regel/plain/"))
    bump_content_version()
    view = _SlowView("<p>nieuw</p>")
    threads, responses = _at_once(pagecache.PageCacheMiddleware(view), "/regel/plain/", 4, rf)
    assert view.started.wait(timeout=5)
    view.gate.set()
    for t in threads:
        t.join(timeout=10)
    assert view.made == 1
    assert {r.content for r in responses} == {b"<p>nieuw</p>"}


def test_waiting_ends_when_the_page_made_is_not_stored(rules, rf):
    """A page that may not be shared (here: private) is made for each
    request; the others stop waiting as soon as the lock is given up."""
    rules.PAGE_CACHE_WAIT_SECONDS = 30
    view = _SlowView(private=True)
    threads, responses = _at_once(pagecache.PageCacheMiddleware(view), "/regel/plain/", 4, rf)
    assert view.started.wait(timeout=5)
    time.sleep(0.2)
    started = time.monotonic()
    view.gate.set()
    for t in threads:
        t.join(timeout=10)
    assert time.monotonic() - started < 5
    assert view.made == 4
    assert all(r["X-Cache"] == "miss" for r in responses)
