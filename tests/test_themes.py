"""The house style as a setting (core/themes.py, docs/theme.md): the NLDS
component CSS and the theme's token files are served by the project itself,
and an unknown MEEDOEN_THEME is reported by `manage.py check`."""

import pytest
from django.contrib.staticfiles import finders

from core.themes import THEMES, check_theme


@pytest.mark.parametrize("name", sorted(THEMES))
def test_every_theme_stylesheet_is_found_by_staticfiles(name):
    # From node_modules (npm ci in `make setup`) and marketplace/static.
    missing = [path for path in THEMES[name].all_stylesheets if not finders.find(path)]
    assert not missing


@pytest.mark.parametrize("name", sorted(THEMES))
def test_pages_load_the_theme_and_set_its_class(client, home, settings, name):
    settings.MEEDOEN_THEME = name
    html = client.get("/").content.decode()
    theme = THEMES[name]
    assert f'<html lang="nl" dir="ltr" class="{theme.css_class}">' in html
    positions = [html.index(f"/static/{path}") for path in theme.all_stylesheets]
    # Components first, then the tokens, then our layout (which may use both).
    assert positions == sorted(positions)
    assert positions[-1] < html.index("/static/css/site.css")


def test_an_unknown_theme_is_an_error(settings):
    settings.MEEDOEN_THEME = "nergenshuizen"
    [error] = check_theme(None)
    assert error.id == "core.E002"
    settings.MEEDOEN_THEME = "denhaag"
    assert check_theme(None) == []
