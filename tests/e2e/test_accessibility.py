"""Accessibility (WCAG 2.1 AA) of every public page type and form, in Chromium.

- axe-core on each page and on each form's error state: no serious or critical
  violations. Each page is a subtest of one test (one data set-up for all:
  a browser test's database set-up costs seconds). Moderate and minor ones
  are collected, not asserted, in test-artifacts/axe-minor.txt
  (docs/accessibility.md).
- Keyboard only: the skip link, the search form and the sign-up form work with
  Tab, Shift+Tab, Enter and Space, and focus is always visible.
- Forms: every input has a label; on the error states each error is tied to
  its field (aria-invalid and aria-describedby pointing at the message).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from datetime import date
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client

from initiatives.models import PostcodeCentroid
from organisation.demo import load_demo_settings
from organisation.models import OrganisationSettings
from search.backends import get_backend
from search.documents import all_documents
from tests.e2e.conftest import ARTIFACTS, axe_results, describe
from tests.factories import (
    HelpRequestFactory,
    ResponseFactory,
    SkillFactory,
    UserFactory,
    VolunteerProfileFactory,
)
from tests.search.conftest import WIELWIJK, corpus  # noqa: F401  (a fixture)

MINOR: list[str] = []  # moderate and minor violations, written out at the end
REVIEW: list[str] = []  # what axe could not decide ("incomplete"): for a person


@pytest.fixture(scope="module", autouse=True)
def _write_minor():
    yield
    ARTIFACTS.mkdir(exist_ok=True)
    text = "Moderate and minor violations (not asserted):\n"
    text += "\n".join(MINOR) if MINOR else "none"
    text += "\n\nNeeds review (axe 'incomplete': it could not decide):\n"
    text += "\n".join(sorted(set(REVIEW))) if REVIEW else "none"
    (ARTIFACTS / "axe-minor.txt").write_text(text + "\n")


@pytest.fixture
def data(corpus):  # noqa: F811
    """One shared set of content: the search corpus (indexed), help requests, a
    volunteer with a profile and a response."""
    PostcodeCentroid.objects.create(postcode="3317 AB", point=WIELWIJK, town="Dordrecht")
    PostcodeCentroid.objects.create(postcode="3311", point=WIELWIJK, town="Dordrecht")
    SkillFactory(name="Koken", slug="koken")
    get_backend().rebuild(all_documents())
    help_request = HelpRequestFactory(title="Boodschappen doen op dinsdag")
    HelpRequestFactory(kind="company", title="Samen een wandeling maken")
    volunteer = UserFactory()
    profile = VolunteerProfileFactory(user=volunteer, postcode="3317 AB", location=WIELWIJK)
    # With themes: "Voor jou" for a profile without any failed with a server
    # error when this test was written (volunteers.matching; reported).
    profile.themes.set(corpus["wandelgroep"].themes.all())
    ResponseFactory(volunteer=volunteer, vacancy=corpus["vacature_chauffeur"])
    # "Mijn hulpvragen" with its buttons (edit, pause, close).
    HelpRequestFactory(requester=volunteer, title="Hulp bij de computer")
    return {**corpus, "help_request": help_request, "volunteer": volunteer}


def log_in(page, site, user) -> None:
    """Log ``user`` in through Django's test client and hand the session
    cookie to the browser (the login form itself is tested on its own)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": site}]
    )


def submit_without_browser_checks(page, selector: str = "main form") -> None:
    """Submit a form as it is, so the server's error state shows (the browser
    would otherwise stop at `required`)."""
    form = page.locator(selector).last
    form.evaluate("f => { f.noValidate = true; }")
    with page.expect_navigation():
        form.locator("[type=submit]").last.click()


# -- what to check: name -> (needs login, how to get there) ---------------------
def _goto(path: str | Callable) -> Callable:
    def go(page, site, data):
        page.goto(site + (path(data) if callable(path) else path))

    return go


def _vacancy_respond_error(page, site, data):
    page.goto(site + data["vacature_wandel"].url)
    submit_without_browser_checks(page, "#reageren form")


def _help_create_error(page, site, data):
    page.goto(site + "/hulpvragen/nieuw/")
    page.fill("#id_postcode", "abc")
    submit_without_browser_checks(page)


def _profile_error(page, site, data):
    page.goto(site + "/profiel/")
    page.fill("#id_display_name", "")
    page.fill("#id_travel_km", "500")
    submit_without_browser_checks(page)


def _register_error(page, site, data):
    page.goto(site + "/initiatief-aanmelden/")
    page.fill("#id_postcode", "abc")
    submit_without_browser_checks(page)


def _signup_error(page, site, data):
    page.goto(site + "/account/signup/")
    page.fill("input[name=email]", "geen-adres")
    submit_without_browser_checks(page)


def _register_confirm(page, site, data):
    """The page behind the mailed link: fill in the form, then follow the link."""
    page.goto(site + "/initiatief-aanmelden/")
    page.fill("#id_title", "Repair Café Wielwijk")
    page.fill("#id_intro", "Samen spullen repareren.")
    page.fill("#id_postcode", "3317 AB")
    page.fill("#id_contact_name", "Fatima el Amrani")
    page.fill("#id_email", "fatima@example.nl")
    page.check("#id_agree")
    mail.outbox.clear()
    submit_without_browser_checks(page)
    (link,) = re.findall(r"https?://\S+/initiatief-aanmelden/bevestigen/\S+/", mail.outbox[-1].body)
    page.goto(site + urlsplit(link).path)


def _login_locked(page, site, data):
    """Five wrong passwords lock the address: the sixth try answers 429."""
    for _ in range(6):
        page.goto(site + "/account/login/")
        page.fill("input[name=login]", "vergrendeld@example.nl")
        page.fill("input[name=password]", "fout")
        submit_without_browser_checks(page)


def _organisation(path: str, *, filled: bool) -> Callable:
    """A public-service page with the organisation settings empty (a new
    site: "nog niet ingevuld") or filled in with the demo's values."""

    def go(page, site, data):
        OrganisationSettings.objects.all().delete()
        if filled:
            assert load_demo_settings(today=date.today())
        page.goto(site + path)

    return go


def _login_error(page, site, data):
    page.goto(site + "/account/login/")
    page.fill("input[name=login]", "iemand@example.nl")
    page.fill("input[name=password]", "fout")
    submit_without_browser_checks(page)


PAGES: dict[str, tuple[bool, Callable]] = {
    "home": (False, _goto("/")),
    "activities": (False, _goto("/activiteiten/")),
    "activities-postcode": (False, _goto("/activiteiten/?postcode=3317+AB&km=5")),
    "activities-postcode-error": (False, _goto("/activiteiten/?postcode=abc")),
    "meeting-places": (False, _goto("/ontmoetingsplekken/")),
    "meeting-places-postcode-error": (False, _goto("/ontmoetingsplekken/?postcode=9999+ZZ")),
    "vacancies": (False, _goto("/vacatures/")),
    "vacancies-postcode-error": (False, _goto("/vacatures/?postcode=abc")),
    "initiatives-index": (False, _goto("/initiatieven/")),
    "initiative": (False, _goto(lambda d: d["dordt"].url)),
    "activity": (False, _goto(lambda d: d["wandelgroep"].url)),
    "meeting-place": (False, _goto(lambda d: d["huiskamer"].url)),
    "vacancy": (False, _goto(lambda d: d["vacature_wandel"].url)),
    "search-empty": (False, _goto("/zoeken/")),
    "search-results": (False, _goto("/zoeken/?q=wandelen")),
    "search-postcode": (False, _goto("/zoeken/?waar=3317&straal=5")),
    "search-no-results": (False, _goto("/zoeken/?q=zzxxqqjj")),
    "search-typo": (False, _goto("/zoeken/?q=wandelgroepp")),
    "even-vrij": (False, _goto("/even-vrij/")),
    "even-vrij-postcode": (False, _goto("/even-vrij/?waar=3317")),
    "even-vrij-error": (False, _goto("/even-vrij/?respijt=sauna")),
    # Languages spoken (issue 20): own names with lang and dir, a refused code.
    "search-languages": (False, _goto("/zoeken/?taal=ar&taal=uk")),
    "search-language-error": (False, _goto("/zoeken/?taal=xx")),
    "activities-languages": (False, _goto("/activiteiten/?taal=ar")),
    "help-list": (False, _goto("/hulpvragen/")),
    "help-list-postcode-error": (False, _goto("/hulpvragen/?postcode=abc")),
    "help-detail": (False, _goto(lambda d: f"/hulpvragen/{d['help_request'].pk}/")),
    "help-detail-logged-in": (True, _goto(lambda d: f"/hulpvragen/{d['help_request'].pk}/")),
    "help-start": (False, _goto("/hulpvragen/nieuw/")),
    "help-create": (True, _goto("/hulpvragen/nieuw/")),
    "login-for-help": (False, _goto("/account/login/?next=/hulpvragen/nieuw/")),
    "my-help-requests": (True, _goto("/mijn-hulpvragen/")),
    "help-create-error": (True, _help_create_error),
    "signup": (False, _goto("/account/signup/")),
    "signup-error": (False, _signup_error),
    "login": (False, _goto("/account/login/")),
    "login-error": (False, _login_error),
    "login-locked-error": (False, _login_locked),
    "password-reset": (False, _goto("/account/password/reset/")),
    "profile": (True, _goto("/profiel/")),
    "profile-error": (True, _profile_error),
    "for-you": (True, _goto("/voor-jou/")),
    "my-responses": (True, _goto("/mijn-reacties/")),
    "vacancy-respond-form": (True, _goto(lambda d: d["vacature_wandel"].url)),
    "vacancy-respond-error": (True, _vacancy_respond_error),
    "register": (False, _goto("/initiatief-aanmelden/")),
    "register-error": (False, _register_error),
    "register-thanks": (False, _goto("/initiatief-aanmelden/bedankt/")),
    "register-confirm": (False, _register_confirm),
    "privacy": (False, _organisation("/privacy/", filled=True)),
    "privacy-empty-settings": (False, _organisation("/privacy/", filled=False)),
    "contact": (False, _organisation("/contact/", filled=True)),
    "contact-empty-settings": (False, _organisation("/contact/", filled=False)),
    "colofon": (False, _organisation("/colofon/", filled=True)),
    "colofon-empty-settings": (False, _organisation("/colofon/", filled=False)),
    "accessibility-statement": (False, _organisation("/toegankelijkheid/", filled=True)),
    "accessibility-statement-empty-settings": (
        False,
        _organisation("/toegankelijkheid/", filled=False),
    ),
    "my-data": (True, _goto("/mijn-gegevens/")),
    "my-data-page": (True, _goto("/mijn-gegevens/bekijken/")),
    # Two-factor login: the overview, and setting up an app (allauth first asks
    # for the password again).
    "two-factor": (True, _goto("/account/2fa/")),
    "two-factor-activate": (True, _goto("/account/2fa/totp/activate/")),
    "not-found": (False, _goto("/bestaat-niet/")),
}


def run_axe(page, name: str = "") -> list[dict]:
    """All of axe's violations; what axe could not decide goes to REVIEW."""
    result = axe_results(page)
    REVIEW.extend(f"{name}: {line}" for line in describe(result["incomplete"]).splitlines())
    return result["violations"]


# -- forms: labels and errors tied to their fields ------------------------------
UNLABELLED = """() => [...document.querySelectorAll(
    'main input:not([type=hidden]):not([type=submit]):not([type=button]),'
    + 'main select, main textarea'
  )].filter(el => {
    if (el.closest('[aria-hidden=true]') || el.closest('[hidden]')
        || getComputedStyle(el).display === 'none' && el.type !== 'checkbox') {
      return false;  // honeypots and hidden inputs
    }
    const labelled = (el.labels && el.labels.length) || el.getAttribute('aria-label')
      || el.getAttribute('aria-labelledby');
    return !labelled;
  }).map(el => el.outerHTML.slice(0, 120))"""

ERRORS_UNTIED = """() => [...document.querySelectorAll('main .field__error')].map(error => {
    const described = el => (el.getAttribute('aria-describedby') || '').split(/\\s+/)
      .includes(error.id);
    const field = error.closest('.field, .choice-field, fieldset') || error.parentElement;
    const inputs = [...field.querySelectorAll('input, select, textarea')]
      .filter(el => el.type !== 'hidden');
    const tied = inputs.some(el => el.getAttribute('aria-invalid') === 'true' && described(el))
      || (field.tagName === 'FIELDSET' && described(field));
    return tied ? null : (error.id || '(no id)') + ': ' + error.textContent.trim();
  }).filter(Boolean)"""


DANGLING = """() => [...document.querySelectorAll('[aria-describedby], [aria-labelledby]')]
  .flatMap(el => ['aria-describedby', 'aria-labelledby'].flatMap(attr =>
    (el.getAttribute(attr) || '').split(/\\s+/).filter(id => id && !document.getElementById(id))
      .map(id => `${el.id || el.tagName.toLowerCase()} ${attr}=${id}`)))"""


def check_page(page, name: str) -> list[str]:
    """The problems on the current page: serious or critical axe violations,
    inputs without a label, errors not tied to their field. Moderate and minor
    violations go to MINOR."""
    problems = []
    if page.locator("html").get_attribute("lang") != "nl":
        problems.append('<html lang="nl"> missing')
    if not page.title():
        problems.append("no <title>")
    violations = run_axe(page, name)
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    problems += describe(serious).splitlines()
    MINOR.extend(
        f"{name}: {line}"
        for line in describe([v for v in violations if v not in serious]).splitlines()
    )
    zoom = page.locator(".leaflet-control-zoom-in")
    if zoom.count() and zoom.get_attribute("aria-label") != "Inzoomen":
        problems.append(f"map zoom button not named in Dutch: {zoom.get_attribute('aria-label')}")
    dangling = page.evaluate(DANGLING)
    if dangling:
        problems.append(f"references to ids that do not exist: {dangling}")
    unlabelled = page.evaluate(UNLABELLED)
    if unlabelled:
        problems.append(f"inputs without a label: {unlabelled}")
    if name.endswith("-error"):
        if not page.locator("main [role=alert], main .field__error").count():
            problems.append("no error shown")
        untied = page.evaluate(ERRORS_UNTIED)
        if untied:
            problems.append(f"errors not tied to their field: {untied}")
    return problems


def check_all(page, site, data, subtests, names) -> None:
    server_errors = []
    page.on(
        "response",
        lambda r: server_errors.append(f"{r.status} {r.url}") if r.status >= 500 else None,
    )
    for name in names:
        with subtests.test(msg=name):
            server_errors.clear()
            PAGES[name][1](page, site, data)
            problems = check_page(page, name) + server_errors
            assert not problems, f"{name} ({page.url}):\n" + "\n".join(problems)


@pytest.fixture(params=["meedoen", "denhaag"])
def theme(request, settings):
    """Each house style (core/themes.py): the neutral one and a municipality's
    token set, whose colours must keep the contrast too."""
    settings.MEEDOEN_THEME = request.param
    return request.param


def check_theme(page, theme: str) -> None:
    """The page is in the theme under test (its class on <html>)."""
    classes = (page.locator("html").get_attribute("class") or "").split()
    assert f"{theme}-theme" in classes, classes


def test_public_pages_and_forms(page, site, data, subtests, theme):
    """Every page type and form a visitor sees without logging in."""
    page.goto(site + "/")
    check_theme(page, theme)
    check_all(page, site, data, subtests, [n for n, (login, _) in PAGES.items() if not login])


def test_logged_in_pages_and_forms(page, site, data, subtests, theme):
    log_in(page, site, data["volunteer"])
    page.goto(site + "/")
    check_theme(page, theme)
    check_all(page, site, data, subtests, [n for n, (login, _) in PAGES.items() if login])


def test_too_many_requests_page(page, site, data, settings):
    # A limit of 0 per hour: the first registration already gets "Even wachten".
    settings.VOLUNTEER_RATE_LIMITS = {
        **settings.VOLUNTEER_RATE_LIMITS,
        "register_initiative": "0/h",
    }
    page.goto(site + "/initiatief-aanmelden/")
    submit_without_browser_checks(page)
    assert page.locator("h1").inner_text() == "Even wachten"
    problems = check_page(page, "too-many-requests")
    assert not problems, "\n".join(problems)


def test_help_request_moderation_with_marked_words(page, site, data):
    """The moderators' screen, with a request whose text has health and
    identity words marked (the "Let op" box and the marks in the text)."""
    HelpRequestFactory(
        status="pending",
        published_at=None,
        title="Gezelschap voor mijn vader",
        description="Mijn vader (84) heeft beginnende dementie. Bel 06-12345678.",
    )
    # A live-server test starts from a flushed database: put back the first
    # list of words that the migration gave.
    # The migration ran in volunteers; the model lives in helprequests now.
    moved = SimpleNamespace(get_model=lambda app, model: apps.get_model("helprequests", model))
    importlib.import_module("volunteers.migrations.0007_sensitive_terms").first_list(moved, None)
    moderator = UserFactory()
    moderator.user_permissions.add(Permission.objects.get(codename="moderate_helprequest"))
    log_in(page, site, moderator)
    page.goto(site + "/hulpvragen/moderatie/")
    assert page.locator("mark").count() >= 2, page.locator("main").inner_text()
    problems = check_page(page, "help-moderation")
    assert not problems, "\n".join(problems)


# -- keyboard only ----------------------------------------------------------------
FOCUSED = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow && style.boxShadow !== 'none';
    return {
      tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute('name'),
      type: el.getAttribute('type'), href: el.getAttribute('href'),
      text: (el.innerText || el.value || '').trim().slice(0, 60),
      visible: Boolean(outline || shadow),
    };
  }"""


def tab_to(page, predicate: Callable[[dict], bool], *, limit: int = 80, key: str = "Tab"):
    """Press Tab until the focused element matches, checking on the way that
    every focused element shows a focus indicator."""
    for _ in range(limit):
        page.keyboard.press(key)
        focused = page.evaluate(FOCUSED)
        assert focused["visible"], f"focus not visible on {focused}"
        if predicate(focused):
            return focused
    raise AssertionError(f"not reached with {key} within {limit} presses")


def test_keyboard_skip_link_search_and_first_result(page, site, data):
    page.goto(site + "/")
    # The first Tab lands on the skip link, which moves focus to the content.
    first = tab_to(page, lambda f: True, limit=1)
    assert first["href"] == "#inhoud" and first["text"] == "Direct naar de inhoud"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"
    # From the content on, the next stop is the home page's search field.
    search = tab_to(page, lambda f: f["name"] == "q", limit=3)
    assert search["id"] == "home-q"
    page.keyboard.type("wandelen")
    # Shift+Tab goes back out of the form and Tab returns to the field.
    tab_to(page, lambda f: f["name"] != "q", limit=1, key="Shift+Tab")
    tab_to(page, lambda f: f["name"] == "q", limit=1)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "q=wandelen" in page.url
    # The skip link again, then on to the first result.
    tab_to(page, lambda f: f["href"] == "#inhoud", limit=1)
    page.keyboard.press("Enter")
    first_result = page.locator(".search-result a, .card a").first.get_attribute("href")
    result = tab_to(page, lambda f: f["tag"] == "a" and f["href"] == first_result)
    assert result["text"]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == result["text"]


def test_keyboard_sign_up(page, site, data):
    page.goto(site + "/account/signup/")
    tab_to(page, lambda f: f["href"] == "#inhoud", limit=1)
    page.keyboard.press("Enter")
    tab_to(page, lambda f: f["name"] == "email")
    page.keyboard.type("nieuw@example.nl")
    tab_to(page, lambda f: f["name"] == "password1")
    page.keyboard.type("een-lang-wachtwoord-91")
    tab_to(page, lambda f: f["name"] == "password2")
    page.keyboard.type("een-lang-wachtwoord-91")
    # Checkboxes (consent) are ticked with Space; then on to the button.
    for _ in range(10):
        focused = tab_to(page, lambda f: True, limit=1)
        if focused["type"] == "checkbox":
            page.keyboard.press("Space")
            assert page.evaluate("document.activeElement.checked")
        if focused["tag"] == "button" and focused["type"] == "submit":
            break
    else:
        raise AssertionError("submit button not reached")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/account/signup/" not in page.url, page.locator("main").inner_text()
    from django.contrib.auth import get_user_model

    assert get_user_model().objects.filter(email="nieuw@example.nl").exists()
