"""A theme keeps the place the visitor searched with (issue 16): on the home
page a theme is a button of the search form, so what was typed goes along,
also without JavaScript; on a detail page the theme link gets the place the
visitor last searched with (js/place.js)."""

from tests.e2e.test_accessibility import data  # noqa: F401  (a fixture)
from tests.search.conftest import corpus  # noqa: F401  (a fixture)


def test_home_theme_button_sends_the_place(page, site, data):  # noqa: F811
    theme = data["wandelgroep"].themes.first()
    page.goto(site + "/")
    page.get_by_label("Waar?").fill("3317 AB")
    with page.expect_navigation():
        page.get_by_role("button", name=theme.name).click()
    assert "/zoeken/" in page.url
    assert "waar=3317+AB" in page.url and f"thema={theme.slug}" in page.url


def test_detail_page_theme_link_keeps_the_last_place(page, site, data):  # noqa: F811
    activity = data["wandelgroep"]
    theme = activity.themes.first()
    page.goto(site + activity.url)
    link = page.get_by_role("link", name=theme.name, exact=True)
    assert "postcode" not in link.get_attribute("href")
    page.goto(site + "/zoeken/?waar=3317+AB")
    page.goto(site + activity.url)
    link = page.get_by_role("link", name=theme.name, exact=True)
    assert link.get_attribute("href").endswith(f"thema={theme.slug}&postcode=3317+AB")
    with page.expect_navigation():
        link.click()
    assert page.get_by_label("Postcode of woonplaats").input_value() == "3317 AB"
