"""The browser set-up itself: the home page loads from the live server."""

from tests.e2e.conftest import axe_violations


def test_home_page_in_chromium(page, site):
    page.goto(site + "/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("h1").first.is_visible()
    assert isinstance(axe_violations(page, impacts=None), list)
