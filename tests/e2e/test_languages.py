"""The interface in other languages, walked in Chromium (issue 20,
docs/languages.md).

The browser asks for English or Arabic the way a resident's phone does
(Accept-Language), so every page is first opened at its plain Dutch address
and must arrive in the asked language. On each page of the main journeys —
finding something, a listing, asking for help, signing up and logging in, the
profile, responding to a vacancy, and their error states:

- ``<html lang>`` and ``dir`` (right to left for Arabic) are the language's;
- no Dutch interface text is left: Dutch words outside the parts marked
  ``lang="nl"`` (the initiatives' own content, which stays Dutch and is marked
  so that screen readers pronounce it as Dutch, WCAG 3.1.2) fail the test;
- axe-core finds no serious or critical violation, in every shipped language.
"""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from tests.e2e.conftest import describe, local_context
from tests.e2e.test_accessibility import PAGES, data, log_in, run_axe  # noqa: F401
from tests.search.conftest import corpus  # noqa: F401  (a fixture of data)

# Words that only Dutch has among the shipped languages (no English, Turkish
# or Polish word is spelt like these), frequent enough that a sentence or
# label left in Dutch contains one.
DUTCH_WORDS = {
    "het", "een", "voor", "niet", "naar", "wordt", "zijn", "jouw", "je", "bij",
    "ook", "wat", "waar", "wanneer", "geen", "deze", "dit", "uit", "nog", "alle",
    "kun", "kunt", "heb", "hebt", "heeft", "maar", "van", "en", "zoeken",
    "aanmelden", "inloggen", "bekijk", "vrijwilligers", "activiteiten",
    "hulpvragen", "hulpvraag", "wachtwoord", "opslaan", "verstuur", "versturen",
    "gegevens", "straal", "buurt", "uitloggen", "terug",
}  # fmt: skip
DUTCH = re.compile(r"(?<![\w-])(" + "|".join(sorted(DUTCH_WORDS)) + r")(?![\w-])", re.I)

# The interface text of a page: text nodes and the attributes people read or
# hear, outside the parts marked as Dutch content, outside scripts.
INTERFACE_TEXT = """() => {
  const dutch = el => {
    const marked = el.closest('[lang]');
    return marked && marked.getAttribute('lang').toLowerCase().startsWith('nl');
  };
  const skipped = el => el.closest(
    'script, style, noscript, template, [hidden], [aria-hidden=true], .wagtail-userbar');
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    const text = walker.currentNode.textContent.trim();
    if (text && el && !dutch(el) && !skipped(el)) found.push(text);
  }
  for (const el of document.querySelectorAll(
      '[aria-label], [title], [alt], [placeholder], input[type=submit][value], button[value]')) {
    if (dutch(el) || skipped(el)) continue;
    for (const attr of ['aria-label', 'title', 'alt', 'placeholder']) {
      const value = el.getAttribute(attr);
      if (value && value.trim()) found.push(`${attr}="${value.trim()}"`);
    }
    if (el.matches('input[type=submit]')) found.push(`value="${el.value}"`);
  }
  return found;
}"""

JOURNEY = [
    "home",
    "activities",
    "activities-postcode",
    "activities-postcode-error",
    "meeting-places",
    "vacancies",
    "initiatives-index",
    "initiative",
    "activity",
    "meeting-place",
    "vacancy",
    "search-empty",
    "search-results",
    "search-postcode",
    "search-no-results",
    "even-vrij",
    "help-list",
    "help-detail",
    "help-start",
    "signup",
    "signup-error",
    "login",
    "login-error",
    "password-reset",
    "register",
    "register-error",
    "privacy",
    "contact",
    "accessibility-statement",
    "not-found",
]
JOURNEY_LOGGED_IN = [
    "help-create",
    "help-create-error",
    "my-help-requests",
    "profile",
    "profile-error",
    "for-you",
    "my-responses",
    "vacancy-respond-form",
    "vacancy-respond-error",
    "my-data",
]
# axe in every shipped language on the pages most people see.
AXE_PAGES = ["home", "search-results", "activity", "help-start", "signup-error"]

BROWSER_LOCALE = {"en": "en-GB", "ar": "ar", "uk": "uk-UA", "tr": "tr-TR", "pl": "pl-PL"}


@pytest.fixture
def page_in(browser, site):
    contexts = []

    def open_page(code: str):
        context = local_context(
            browser, locale=BROWSER_LOCALE[code], viewport={"width": 1280, "height": 900}
        )
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


# Not interface text: a Dutch name kept in brackets after its explanation
# ("informal carer (mantelzorger)", as the glossary asks) and addresses.
BRACKETED = re.compile(r"\([^()]*\)")
ADDRESS = re.compile(r"\S+/\S*")


def left_in_dutch(page) -> list[str]:
    # Theme, target-group and skill names are no exception any more: they are
    # shown translated, or as the Dutch name marked lang="nl" (docs/languages.md).
    left = []
    for text in page.evaluate(INTERFACE_TEXT):
        rest = ADDRESS.sub(" ", BRACKETED.sub(" ", text))
        if DUTCH.search(rest):
            left.append(text)
    return left


def check_language(page, code: str) -> list[str]:
    problems = []
    path = page.url.split("://", 1)[1].split("/", 1)[1]
    if not path.startswith(f"{code}/"):
        problems.append(f"not at the {code} address: /{path}")
    html = page.locator("html")
    if html.get_attribute("lang") != code:
        problems.append(f'<html lang="{html.get_attribute("lang")}">')
    direction = "rtl" if code == "ar" else "ltr"
    if html.get_attribute("dir") != direction:
        problems.append(f'<html dir="{html.get_attribute("dir")}">, expected {direction}')
    return problems


def walk(page, site, data, subtests, code: str, names: list[str]) -> None:  # noqa: F811
    server_errors: list[str] = []
    page.on(
        "response",
        lambda r: server_errors.append(f"{r.status} {r.url}") if r.status >= 500 else None,
    )
    for name in names:
        with subtests.test(msg=f"{code} {name}"):
            server_errors.clear()
            # The plain (Dutch) address, as a link elsewhere would give it.
            with translation.override("nl"):
                PAGES[name][1](page, site, data)
            problems = check_language(page, code) + server_errors
            dutch = left_in_dutch(page)
            if dutch:
                problems.append(f"Dutch interface text: {dutch[:8]}")
            assert not problems, f"{name} ({page.url}):\n" + "\n".join(problems)


@pytest.mark.parametrize("code", ["en", "ar"])
def test_the_main_journeys_have_no_dutch_interface_text_left(page_in, site, data, subtests, code):  # noqa: F811
    page = page_in(code)
    walk(page, site, data, subtests, code, JOURNEY)


@pytest.mark.parametrize("code", ["en", "ar"])
def test_the_logged_in_journeys_have_no_dutch_interface_text_left(
    page_in,
    site,
    data,  # noqa: F811
    subtests,
    code,
):
    page = page_in(code)
    log_in(page, site, data["volunteer"])
    walk(page, site, data, subtests, code, JOURNEY_LOGGED_IN)


@pytest.mark.parametrize("code", ["en", "ar", "uk", "tr", "pl"])
def test_axe_finds_no_serious_problem_in_any_language(page_in, site, data, subtests, code):  # noqa: F811
    page = page_in(code)
    for name in AXE_PAGES:
        with subtests.test(msg=f"{code} {name}"):
            with translation.override("nl"):
                PAGES[name][1](page, site, data)
            problems = check_language(page, code)
            serious = [
                v for v in run_axe(page, f"{code} {name}") if v["impact"] in ("serious", "critical")
            ]
            problems += describe(serious).splitlines()
            assert not problems, f"{name} ({page.url}):\n" + "\n".join(problems)


def test_the_switcher_works_without_javascript_and_keeps_the_page(browser, site, data):  # noqa: F811
    context = local_context(browser, locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/zoeken/?q=wandelen")
    page.locator(".language-menu summary").click()
    page.locator('.language-menu a[hreflang="ar"]').click()
    assert page.url.endswith("/ar/zoeken/?q=wandelen")
    assert page.locator("html").get_attribute("dir") == "rtl"
    # Remembered: the plain address now opens in Arabic too.
    page.goto(site + "/zoeken/")
    assert page.url.endswith("/ar/zoeken/")
    page.locator(".language-menu summary").click()
    page.locator('.language-menu a[hreflang="nl"]').click()
    assert page.url.endswith("/zoeken/") and "/ar/" not in page.url
    assert page.locator("html").get_attribute("lang") == "nl"
    context.close()
