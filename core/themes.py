"""The site's house style: NL Design System components styled by a token set.

Every theme loads the NLDS component CSS (@utrecht/component-library-css) and
Meedoen's neutral tokens (themes/meedoen.css); a municipal theme adds its
token package from npm (served from node_modules through staticfiles, see
STATICFILES_DIRS) and a small file mapping its tokens onto ours. The theme's
class goes on <html>, where the token packages scope their custom properties.
``MEEDOEN_THEME`` picks one (docs/theme.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.checks import Error, Tags, register

COMPONENTS = "nlds/utrecht/index.css"
BASE_TOKENS = "themes/meedoen.css"


@dataclass(frozen=True)
class Theme:
    name: str
    label: str
    css_class: str
    # Stylesheets after the components and the base tokens, in this order.
    stylesheets: tuple[str, ...] = ()

    @property
    def all_stylesheets(self) -> tuple[str, ...]:
        return (COMPONENTS, BASE_TOKENS, *self.stylesheets)


THEMES: dict[str, Theme] = {
    theme.name: theme
    for theme in (
        Theme("meedoen", "Meedoen (neutraal)", "meedoen-theme"),
        Theme(
            "denhaag",
            "Gemeente Den Haag",
            "meedoen-theme denhaag-theme",
            ("nlds/denhaag/theme/index.css", "themes/denhaag.css"),
        ),
    )
}


def current() -> Theme:
    # An unknown name falls back to the neutral theme; the check below says so.
    return THEMES.get(settings.MEEDOEN_THEME, THEMES["meedoen"])


@register(Tags.templates)
def check_theme(app_configs, **kwargs):
    if settings.MEEDOEN_THEME not in THEMES:
        return [
            Error(
                f"MEEDOEN_THEME is {settings.MEEDOEN_THEME!r}.",
                hint=f"Choose one of: {', '.join(THEMES)} (docs/theme.md).",
                id="core.E002",
            )
        ]
    return []
