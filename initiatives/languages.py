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

from django.utils.functional import Promise
from django.utils.translation import (
    gettext,
    gettext_lazy,
    gettext_noop,
    ngettext,
    pgettext,
    pgettext_lazy,
)

DUTCH = "nl"


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47: ISO 639-1, else ISO 639-3
    # In Dutch: "Arabisch". Plain text, the same in every interface language:
    # HSDS and JSON-LD give it as data. People read ``label``.
    name: str
    autonym: str  # in the language itself: "العربية"
    # After "in", in the interface's language: "het Arabisch" (lazy).
    in_name: str | Promise = ""
    rtl: bool = False  # written right to left

    @property
    def dir(self) -> str:
        return "rtl" if self.rtl else "ltr"

    @property
    def label(self) -> str:
        """The name in the interface's language: "Arabisch", "Arabic"."""
        return gettext(self.name)

    @property
    def after_in(self) -> str:
        return str(self.in_name) if self.in_name else f"het {self.name}"


# Dutch first, then by Dutch name: the order of the editor's checkboxes,
# the search filter and every list of names shown.
LANGUAGES: tuple[Language, ...] = (
    Language(
        "nl",
        gettext_noop("Nederlands"),
        "Nederlands",
        in_name=pgettext_lazy("taal na 'in'", "het Nederlands"),
    ),
    Language(
        "ar",
        gettext_noop("Arabisch"),
        "العربية",
        in_name=pgettext_lazy("taal na 'in'", "het Arabisch"),
        rtl=True,
    ),
    Language(
        "rif",
        gettext_noop("Berbers (Tarifit)"),
        "Tarifiyt",
        in_name=pgettext_lazy("taal na 'in'", "het Berbers (Tarifit)"),
    ),
    Language(
        "bg",
        gettext_noop("Bulgaars"),
        "Български",
        in_name=pgettext_lazy("taal na 'in'", "het Bulgaars"),
    ),
    Language(
        "zh",
        gettext_noop("Chinees"),
        "中文",
        in_name=pgettext_lazy("taal na 'in'", "het Chinees"),
    ),
    Language(
        "de",
        gettext_noop("Duits"),
        "Deutsch",
        in_name=pgettext_lazy("taal na 'in'", "het Duits"),
    ),
    Language(
        "en",
        gettext_noop("Engels"),
        "English",
        in_name=pgettext_lazy("taal na 'in'", "het Engels"),
    ),
    Language(
        "fr",
        gettext_noop("Frans"),
        "Français",
        in_name=pgettext_lazy("taal na 'in'", "het Frans"),
    ),
    Language(
        "hu",
        gettext_noop("Hongaars"),
        "Magyar",
        in_name=pgettext_lazy("taal na 'in'", "het Hongaars"),
    ),
    Language(
        "ku",
        gettext_noop("Koerdisch"),
        "Kurdî",
        in_name=pgettext_lazy("taal na 'in'", "het Koerdisch"),
    ),
    Language(
        "lt",
        gettext_noop("Litouws"),
        "Lietuvių",
        in_name=pgettext_lazy("taal na 'in'", "het Litouws"),
    ),
    Language(
        "dse",
        gettext_noop("Nederlandse Gebarentaal"),
        "NGT",
        in_name=pgettext_lazy("taal na 'in'", "Nederlandse Gebarentaal"),
    ),
    Language(
        "uk",
        gettext_noop("Oekraïens"),
        "Українська",
        in_name=pgettext_lazy("taal na 'in'", "het Oekraïens"),
    ),
    Language(
        "pap",
        gettext_noop("Papiaments"),
        "Papiamentu",
        in_name=pgettext_lazy("taal na 'in'", "het Papiaments"),
    ),
    Language(
        "fa",
        gettext_noop("Perzisch (Farsi, Dari)"),
        "فارسی",
        in_name=pgettext_lazy("taal na 'in'", "het Perzisch"),
        rtl=True,
    ),
    Language(
        "pl",
        gettext_noop("Pools"),
        "Polski",
        in_name=pgettext_lazy("taal na 'in'", "het Pools"),
    ),
    Language(
        "pt",
        gettext_noop("Portugees"),
        "Português",
        in_name=pgettext_lazy("taal na 'in'", "het Portugees"),
    ),
    Language(
        "ro",
        gettext_noop("Roemeens"),
        "Română",
        in_name=pgettext_lazy("taal na 'in'", "het Roemeens"),
    ),
    Language(
        "ru",
        gettext_noop("Russisch"),
        "Русский",
        in_name=pgettext_lazy("taal na 'in'", "het Russisch"),
    ),
    Language(
        "so",
        gettext_noop("Somalisch"),
        "Soomaali",
        in_name=pgettext_lazy("taal na 'in'", "het Somalisch"),
    ),
    Language(
        "es",
        gettext_noop("Spaans"),
        "Español",
        in_name=pgettext_lazy("taal na 'in'", "het Spaans"),
    ),
    Language(
        "srn",
        gettext_noop("Sranantongo"),
        "Sranantongo",
        in_name=pgettext_lazy("taal na 'in'", "het Sranantongo"),
    ),
    Language(
        "ti",
        gettext_noop("Tigrinya"),
        "ትግርኛ",
        in_name=pgettext_lazy("taal na 'in'", "het Tigrinya"),
    ),
    Language(
        "tr",
        gettext_noop("Turks"),
        "Türkçe",
        in_name=pgettext_lazy("taal na 'in'", "het Turks"),
    ),
)
BY_CODE: dict[str, Language] = {language.code: language for language in LANGUAGES}
# For a form field: the names in the interface's language (lazy; the
# values are the codes).
CHOICES: list[tuple[str, str]] = [
    (language.code, gettext_lazy(language.name)) for language in LANGUAGES
]
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
    if len(parts) == 1:
        return parts[0]
    # Translators: the separator between the names in a list of languages.
    separator = pgettext("lijst", ", ")
    # Translators: the last two names in a list: "het Arabisch en het Turks".
    return pgettext("lijst", "%(first)s en %(last)s") % {
        "first": separator.join(parts[:-1]),
        "last": parts[-1],
    }


def summary(codes: Iterable[str]) -> str:
    """One short line for a card, in the interface's language: "Ook in het
    Arabisch" when Dutch is spoken too, "In het Engels" when it is not; ""
    for Dutch only."""
    spoken = spoken_codes(codes)
    if spoken == [DUTCH]:
        return ""
    others = [BY_CODE[c].after_in for c in spoken if c != DUTCH]
    values = {"languages": _and(others)}
    if DUTCH in spoken:
        # Translators: on a card: the activity is in Dutch and also in these
        # languages ("Ook in het Arabisch en het Turks").
        return ngettext("Ook in %(languages)s", "Ook in %(languages)s", len(others)) % values
    # Translators: on a card: the activity is not in Dutch, only in these
    # languages ("In het Engels").
    return ngettext("In %(languages)s", "In %(languages)s", len(others)) % values


def written_in_choices() -> list[tuple[str, str]]:
    """For "in which language do you write": each language by its name in the
    interface's language and, beside it, its own name, so someone who cannot
    read the interface still finds theirs ("Arabisch (العربية)")."""
    return [
        (language.code, language.label)
        if language.code == DUTCH
        else (language.code, f"{language.label} ({language.autonym})")
        for language in LANGUAGES
    ]


def written_in(code: str) -> str:
    """A line under a text written in another language than Dutch ("In het
    Engels geschreven"), in the interface's language; '' for Dutch."""
    language = BY_CODE.get(code)
    if language is None or language.code == DUTCH:
        return ""
    # Translators: under a help request written in another language: "In het
    # Engels geschreven" (written in English).
    return gettext("In %(language)s geschreven") % {"language": language.after_in}
