"""Browser tests: Debian's Chromium driven by Playwright against a live server
on the test database (docs/testing.md).

- Live-server tests commit, and the database is emptied after each one; the
  ``home`` fixture (tests/conftest.py) puts back the page tree, the moderators
  group and the workflow. Tests add their own data with the factories.
- Nothing leaves the machine: requests to other hosts (map tiles) are aborted.
- A failing test leaves a screenshot and the page's HTML in test-artifacts/.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LOCAL = re.compile(r"^https?://(127\.0\.0\.1|localhost)(:\d+)?/")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module. While it runs, Playwright's event loop
    runs in this thread, and Django would refuse the tests' plain ORM calls;
    the variable allowing them is set only for that time (a deployment must
    never have it, and `check --deploy` says so)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
            yield browser
            browser.close()
    finally:
        if before is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture
def site(live_server, home, index, settings):
    """The live server's address, with the site's absolute links pointing at it."""
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    return live_server.url


def local_context(browser, **options):
    """A browser context that reaches only the live server (requests to other
    hosts, such as map tiles, are aborted), with a 10 s default timeout.
    ``options`` go to ``new_context`` (locale, viewport, JavaScript)."""
    context = browser.new_context(**options)
    context.route(
        "**/*",
        lambda route: route.continue_() if LOCAL.match(route.request.url) else route.abort(),
    )
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def page(browser, site, request):
    context = local_context(browser, locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        (ARTIFACTS / f"{name}.html").write_text(page.content())
    context.close()


def axe_results(page) -> dict:
    """axe-core's full result (violations, incomplete, …) for the WCAG 2.0/2.1
    A and AA rules on the current page. axe is evaluated through the DevTools
    protocol, not added as an inline <script>: the site's Content-Security-
    Policy (script-src 'self') rightly refuses inline scripts."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text())
    # For a moderator, Wagtail's userbar runs its own axe (the same global)
    # when the page loads; a second run meanwhile is refused. Wait for it.
    for attempt in range(40):
        try:
            return page.evaluate(
                """async () => await axe.run(document, {
                    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
                })"""
            )
        except PlaywrightError as exc:
            if "Axe is already running" not in str(exc) or attempt == 39:
                raise
            page.wait_for_timeout(250)
    raise AssertionError("unreachable")


def axe_violations(page, *, impacts=("serious", "critical")) -> list[dict]:
    """The violations of the given impacts (all impacts with ``impacts=None``)."""
    violations = axe_results(page)["violations"]
    return [v for v in violations if impacts is None or v["impact"] in impacts]


def describe(violations: list[dict]) -> str:
    """Readable failure text: rule, impact and the first offending elements."""
    lines = []
    for v in violations:
        targets = ", ".join(str(n["target"]) for n in v["nodes"][:3])
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {targets}")
    return "\n".join(lines)
