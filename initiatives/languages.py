"""The languages a listing can say are spoken there (issue 20, "talen").

A fixed, curated list rather than every language in the world: the languages
the residents of Dutch municipalities speak (newcomers, labour migrants and
the older migrant generations), plus Dutch Sign Language. An editor ticks
boxes; search filters on the codes; cards, JSON-LD and HSDS show them.

Codes are BCP 47 language tags, which is what the HTML ``lang`` attribute,
schema.org's ``inLanguage``/``availableLanguage`` and HSDS's ``language.code``
("ISO 639-1 or ISO 639-3") all take: the two-letter ISO 639-1 code where the
language has one, else the three-letter ISO 639-3 code (Papiaments ``pap``,
Sranantongo ``srn``, Tarifit ``rif``, Nederlandse Gebarentaal ``dse``). Dari
has no code of its own in ISO 639-1 (``prs`` in 639-3); Farsi and Dari are
one entry, Persian ``fa``, labelled with both names, so an Afghan and an
Iranian visitor both find it.

Dutch is in the list too. An empty field means "Dutch only" (the default);
an editor who ticks languages ticks every language spoken there, Dutch
included when it is. So an English-only parents' coffee says so, and a Dutch
resident can tell it apart from one that is also in English. The search
index holds the spoken languages with the default filled in
(``spoken_codes``): "taal=nl" then finds the listings without a choice too.
See docs/languages.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

DUTCH = "nl"


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47: ISO 639-1, else ISO 639-3
    name: str  # in Dutch: "Arabisch"
    autonym: str  # in the language itself: "العربية"
    in_name: str = ""  # after "in": "het Arabisch" (default: "het " + name)
    rtl: bool = False  # written right to left

    @property
    def dir(self) -> str:
        return "rtl" if self.rtl else "ltr"

    @property
    def after_in(self) -> str:
        return self.in_name or f"het {self.name}"


# Dutch first, then by Dutch name: the order of the editor's checkboxes,
# the search filter and every list of names shown.
LANGUAGES: tuple[Language, ...] = (
    Language("nl", "Nederlands", "Nederlands"),
    Language("ar", "Arabisch", "العربية", rtl=True),
    Language("rif", "Berbers (Tarifit)", "Tarifiyt"),
    Language("bg", "Bulgaars", "Български"),
    Language("zh", "Chinees", "中文"),
    Language("de", "Duits", "Deutsch"),
    Language("en", "Engels", "English"),
    Language("fr", "Frans", "Français"),
    Language("hu", "Hongaars", "Magyar"),
    Language("ku", "Koerdisch", "Kurdî"),
    Language("lt", "Litouws", "Lietuvių"),
    Language("dse", "Nederlandse Gebarentaal", "NGT", in_name="Nederlandse Gebarentaal"),
    Language("uk", "Oekraïens", "Українська"),
    Language("pap", "Papiaments", "Papiamentu"),
    Language("fa", "Perzisch (Farsi, Dari)", "فارسی", in_name="het Perzisch", rtl=True),
    Language("pl", "Pools", "Polski"),
    Language("pt", "Portugees", "Português"),
    Language("ro", "Roemeens", "Română"),
    Language("ru", "Russisch", "Русский"),
    Language("so", "Somalisch", "Soomaali"),
    Language("es", "Spaans", "Español"),
    Language("srn", "Sranantongo", "Sranantongo"),
    Language("ti", "Tigrinya", "ትግርኛ"),
    Language("tr", "Turks", "Türkçe"),
)
BY_CODE: dict[str, Language] = {language.code: language for language in LANGUAGES}
# For a model or form field: Dutch names.
CHOICES: list[tuple[str, str]] = [(language.code, language.name) for language in LANGUAGES]
_ORDER = {language.code: i for i, language in enumerate(LANGUAGES)}


def ordered_codes(codes: Iterable[str]) -> list[str]:
    """Known codes once each, in the list's order; unknown codes dropped."""
    return sorted({c for c in codes if c in BY_CODE}, key=_ORDER.__getitem__)


def spoken_codes(codes: Iterable[str]) -> list[str]:
    """The languages spoken, with the default filled in: none chosen is Dutch."""
    return ordered_codes(codes) or [DUTCH]


def languages_for(codes: Iterable[str]) -> list[Language]:
    return [BY_CODE[c] for c in ordered_codes(codes)]


def only_dutch(codes: Iterable[str]) -> bool:
    return spoken_codes(codes) == [DUTCH]


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]


def summary(codes: Iterable[str]) -> str:
    """One short line for a card: "Ook in het Arabisch" when Dutch is spoken
    too, "In het Engels" when it is not; "" for Dutch only."""
    spoken = spoken_codes(codes)
    if spoken == [DUTCH]:
        return ""
    others = [BY_CODE[c].after_in for c in spoken if c != DUTCH]
    return ("Ook in " if DUTCH in spoken else "In ") + _and(others)
