"""Choosing a language (issue 20, docs/languages.md): the plain address is
Dutch, the prefixed ones are the other languages; the switcher's cookie and,
on a first visit, the browser's Accept-Language lead to the right one; an
account keeps its choice; search engines get hreflang alternates."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from accounts.models import LanguagePreference
from tests.factories import UserFactory
from tests.search.conftest import corpus  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"


def html_tag(response) -> str:
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


def test_the_plain_address_is_dutch_and_left_to_right(home):
    response = Client().get("/zoeken/")
    assert response.status_code == 200
    assert 'lang="nl"' in html_tag(response)
    assert 'dir="ltr"' in html_tag(response)


@pytest.mark.parametrize(
    ("code", "direction"),
    [("en", "ltr"), ("ar", "rtl"), ("uk", "ltr"), ("tr", "ltr"), ("pl", "ltr")],
)
def test_each_language_has_its_own_address_with_lang_and_direction(home, code, direction):
    response = Client().get(f"/{code}/zoeken/")
    assert response.status_code == 200
    assert f'lang="{code}"' in html_tag(response)
    assert f'dir="{direction}"' in html_tag(response)
    assert response["Content-Language"] == code


def test_a_first_visit_follows_the_browsers_language(home):
    response = Client().get("/zoeken/?q=koffie", HTTP_ACCEPT_LANGUAGE="uk-UA,uk;q=0.9,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == "/uk/zoeken/?q=koffie"
    assert "Accept-Language" in response["Vary"]


def test_a_browser_that_asks_for_dutch_first_stays_on_the_plain_address(home):
    response = Client().get("/zoeken/", HTTP_ACCEPT_LANGUAGE="nl-NL,nl;q=0.9,en;q=0.8")
    assert response.status_code == 200


def test_a_language_the_site_does_not_ship_falls_back_to_dutch(home):
    assert Client().get("/zoeken/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr").status_code == 200


def test_the_chosen_language_wins_over_the_browsers(home):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.cookies[COOKIE] = "nl"
    assert client.get("/zoeken/").status_code == 200
    client.cookies[COOKIE] = "ar"
    assert client.get("/zoeken/")["Location"] == "/ar/zoeken/"


def test_a_prefixed_address_is_shown_in_its_language_whatever_was_chosen(home):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.cookies[COOKIE] = "tr"
    response = client.get("/pl/zoeken/")
    assert response.status_code == 200
    assert 'lang="pl"' in html_tag(response)


def test_posts_and_the_api_are_never_redirected(home):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert client.get("/api/search/?q=koffie").status_code == 200
    assert client.get("/api/search.geojson?q=koffie").status_code == 200
    assert client.get("/embed/activiteiten/").status_code == 200
    assert client.get("/embed/activiteiten.atom").status_code == 200
    assert client.get("/robots.txt").status_code == 200
    # A POST keeps what was typed: it is answered where it was sent.
    response = client.post("/account/login/", {"login": "a@example.org", "password": "x"})
    assert response.status_code == 200


def test_the_switcher_remembers_the_choice_and_shows_the_same_page(home):
    client = Client()
    response = client.get(reverse("choose_language", args=["ar"]), {"next": "/zoeken/?q=koffie"})
    assert response.status_code == 302
    assert response["Location"] == "/ar/zoeken/?q=koffie"
    assert response.cookies[COOKIE].value == "ar"
    assert response.cookies[COOKIE]["httponly"]
    # Back to Dutch from an Arabic page: the plain address, and it stays there.
    response = client.get(reverse("choose_language", args=["nl"]), {"next": "/ar/zoeken/"})
    assert response["Location"] == "/zoeken/"
    assert client.get("/zoeken/", HTTP_ACCEPT_LANGUAGE="ar").status_code == 200


def test_the_switcher_refuses_other_sites_and_unknown_languages(home):
    client = Client()
    response = client.get(
        reverse("choose_language", args=["en"]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == "/en/"
    response = client.get(reverse("choose_language", args=["xx"]), {"next": "/zoeken/"})
    assert response["Location"] == "/zoeken/"
    assert COOKIE not in response.cookies


def test_every_page_offers_every_language_by_its_own_name(home):
    body = Client().get("/zoeken/").content.decode()
    for code, name in settings.LANGUAGES:
        assert f'hreflang="{code}" lang="{code}"' in body
        assert name in body


def test_search_engines_get_an_alternate_per_language_and_a_default(home):
    body = Client().get("/zoeken/").content.decode()
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', body))
    assert set(alternates) == {code for code, _ in settings.LANGUAGES} | {"x-default"}
    assert alternates["en"].endswith("/en/zoeken/")
    assert alternates["x-default"].endswith("/zoeken/")
    assert not alternates["x-default"].endswith("/nl/zoeken/")


def test_other_languages_say_once_that_listings_are_in_dutch(home):
    assert "in het Nederlands geschreven" not in Client().get("/zoeken/").content.decode()
    body = Client().get("/en/zoeken/").content.decode()
    assert body.count('class="language-notice"') == 1


def test_an_account_keeps_its_language_on_a_new_device(home):
    user = UserFactory()
    first_device = Client()
    first_device.force_login(user)
    first_device.get(reverse("choose_language", args=["uk"]), {"next": "/"})
    assert LanguagePreference.objects.get(user=user).language == "uk"

    new_device = Client()
    new_device.force_login(user)
    response = new_device.get("/zoeken/")
    assert response.cookies[COOKIE].value == "uk"
    assert new_device.get("/zoeken/")["Location"] == "/uk/zoeken/"


def test_a_choice_made_on_this_device_is_not_overwritten_by_the_account(home):
    user = UserFactory()
    LanguagePreference.objects.create(user=user, language="tr")
    client = Client()
    client.cookies[COOKIE] = "pl"
    client.force_login(user)
    response = client.get("/pl/zoeken/")
    assert COOKIE not in response.cookies


def test_the_page_cache_never_gives_the_dutch_copy_to_someone_who_asked_for_english(home, settings):
    settings.PAGE_CACHE_SECONDS = 60
    settings.PAGE_CACHE_HEADER = True

    def visitor(**headers):
        return Client(HTTP_USER_AGENT=BROWSER, **headers)

    visitor().get("/zoeken/")
    assert visitor().get("/zoeken/")["X-Cache"] == "hit"
    english = visitor(HTTP_ACCEPT_LANGUAGE="en").get("/zoeken/")
    assert english.status_code == 302
    visitor().get("/en/zoeken/")
    response = visitor().get("/en/zoeken/")
    assert response["X-Cache"] == "hit"
    assert 'lang="en"' in html_tag(response)


def test_an_account_made_in_a_language_keeps_it(home):
    response = Client().post(
        "/tr/account/signup/",
        {
            "email": "ayse@example.org",
            "password1": "een-lang-wachtwoord-2026",
            "password2": "een-lang-wachtwoord-2026",
            "privacy_consent": "on",
        },
    )
    assert response.status_code in (200, 302)
    preference = LanguagePreference.objects.get(user__email="ayse@example.org")
    assert preference.language == "tr"


def test_search_results_link_to_the_listing_in_the_same_language(corpus):  # noqa: F811
    from search.backends import get_backend
    from search.documents import all_documents

    get_backend().rebuild(all_documents())
    body = Client().get("/en/zoeken/?q=wandelen").content.decode()
    results = body[body.index('class="search-results"') :]
    links = re.findall(r'<h3 class="card__title" lang="nl"><a href="([^"]+)"', results)
    assert links, "no results"
    assert all(link.startswith("/en/") for link in links), links
    # The Dutch page keeps the plain addresses.
    body = Client().get("/zoeken/?q=wandelen").content.decode()
    assert not re.findall(r'<h3 class="card__title" lang="nl"><a href="/en/', body)


def test_listing_lists_link_to_pages_in_the_same_language(corpus):  # noqa: F811
    from search.backends import get_backend
    from search.documents import all_documents

    get_backend().rebuild(all_documents())
    body = Client().get("/uk/activiteiten/").content.decode()
    links = re.findall(r'<h3 class="card__title" lang="nl"><a href="([^"]+)"', body)
    assert links and all(link.startswith("/uk/") for link in links), links


def test_the_chosen_language_comes_with_the_user_without_a_query(django_assert_num_queries):
    from django.contrib.auth import get_user_model

    from accounts.languages import language_of

    chosen, none = UserFactory(), UserFactory()
    LanguagePreference.objects.create(user=chosen, language="pl")
    users = get_user_model().objects.select_related("language_preference")
    chosen, none = users.get(pk=chosen.pk), users.get(pk=none.pk)
    with django_assert_num_queries(0):
        assert language_of(chosen) == "pl"
        assert language_of(none) is None


def test_a_stored_path_gets_the_page_languages_prefix_once():
    from django.utils import translation

    from core.i18n import in_page_language

    with translation.override("ar"):
        assert in_page_language("/initiatieven/x/") == "/ar/initiatieven/x/"
        assert in_page_language("/ar/initiatieven/x/") == "/ar/initiatieven/x/"
        assert in_page_language("https://elders.example/") == "https://elders.example/"
    assert in_page_language("/initiatieven/x/") == "/initiatieven/x/"


def test_the_scripts_catalogue_is_per_language_and_kept_by_the_browser(client):
    arabic = client.get("/ar/jsi18n/")
    assert arabic.status_code == 200
    assert "max-age=3600" in arabic["Cache-Control"]
    english = client.get("/en/jsi18n/")
    # One copy per language, not the first one asked for.
    assert english.content != arabic.content
    assert client.get("/ar/jsi18n/").content == arabic.content


@pytest.mark.parametrize(
    ("page", "had", "keeps"),
    [
        ("/ar/account/login/", None, "ar"),  # never chose: the page's language
        ("/ar/account/login/", "en", "en"),  # chose once: kept
        ("/account/login/", None, None),  # the default: still no choice
    ],
)
def test_logging_in_on_a_page_in_a_language_gives_an_account_without_one_that_language(
    home, page, had, keeps
):
    from tests.factories import USER_PASSWORD

    user = UserFactory(email="rania@example.org")
    if had:
        LanguagePreference.objects.create(user=user, language=had)
    response = Client().post(page, {"login": user.email, "password": USER_PASSWORD})
    assert response.status_code == 302
    found = LanguagePreference.objects.filter(user=user).values_list("language", flat=True)
    assert list(found) == ([keeps] if keeps else [])
