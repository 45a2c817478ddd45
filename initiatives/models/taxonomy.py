"""Themes, target groups and skills: the site's own vocabulary, managed by the
municipality in the admin (Indeling). The Dutch ``name`` is the source and
the slug's source; ``name_translations`` holds the name in the other shipped
interface languages, filled in by staff. Data, not gettext: the names change
without a release (docs/languages.md, "Taxonomy names")."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from operator import attrgetter, itemgetter
from typing import TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.text import strip_accents

SOURCE_LANGUAGE = "nl"
NAME_MAX_LENGTH = 80


def translated_languages() -> list[str]:
    """The shipped interface languages a name can be translated into."""
    return [code for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


def translated_language(language: str | None = None) -> str | None:
    """``language`` (default: the active one) as a key of
    ``name_translations``; None for Dutch, whose name is ``name`` itself."""
    language = (language or translation.get_language() or SOURCE_LANGUAGE).split("-")[0]
    return None if language == SOURCE_LANGUAGE else language


Item = TypeVar("Item")


def by_display_name(
    items: Iterable[Item], name: Callable[[Item], str] = attrgetter("localized_name")
) -> list[Item]:
    """``items`` (taxa, or choices with ``name`` to read their label) in the
    order of the names the visitor reads, for rows already read: no query.
    Case and accents do not count (casefold: "Éénouder" among the e's), which
    is close enough to each language's alphabet for a list of names. On Dutch
    pages the order stays as read (the database's, by the Dutch name), so the
    Dutch lists are as they were."""
    items = list(items)
    if translated_language() is None:
        return items
    return sorted(items, key=lambda item: (strip_accents(name(item)).casefold(), name(item)))


def validate_name_translations(value) -> None:
    """{language code: name}: shipped codes other than Dutch, each name a
    trimmed, non-empty string of at most NAME_MAX_LENGTH characters."""
    if not isinstance(value, dict):
        raise ValidationError(_("Geef de vertalingen als taalcode en naam."), code="invalid")
    allowed = translated_languages()
    errors = []
    for code, name in value.items():
        if code not in allowed:
            errors.append(
                ValidationError(
                    _("De taal %(code)s kennen we niet."), code="language", params={"code": code}
                )
            )
        elif not isinstance(name, str) or not name.strip() or name != name.strip():
            errors.append(
                ValidationError(
                    _("De naam in %(code)s is leeg of heeft spaties aan het begin of eind."),
                    code="blank",
                    params={"code": code},
                )
            )
        elif len(name) > NAME_MAX_LENGTH:
            errors.append(
                ValidationError(
                    _("De naam in %(code)s is te lang: hooguit %(max)s tekens."),
                    code="max_length",
                    params={"code": code, "max": NAME_MAX_LENGTH},
                )
            )
    if errors:
        raise ValidationError(errors)


class LocalizedName(str):
    """A taxon's name as shown: a plain string (joins, sorts, ``lower``,
    form choice labels), with ``lang`` "nl" when it is the Dutch name on a page
    in another language, so the page can mark it (``{% taxon_name %}``), and
    "" when it is in the page's own language (a translation, or Dutch on a
    Dutch page: nothing to mark, so the Dutch pages stay as they were)."""

    lang: str

    def __new__(cls, value: str, lang: str = ""):
        obj = super().__new__(cls, value)
        obj.lang = lang
        return obj

    def __reduce__(self):
        return (LocalizedName, (str(self), self.lang))


class NameList(str):
    """Names joined with ", " as one piece of text (a match's reasons), that
    keeps the names so a page can mark each Dutch one (``{% taxon_name %}``)."""

    names: tuple[str, ...]

    def __new__(cls, names):
        names = tuple(names)
        obj = super().__new__(cls, ", ".join(names))
        obj.names = names
        return obj

    def __reduce__(self):
        return (NameList, (self.names,))


def localized(name: str, translations: dict | None, language: str | None = None) -> LocalizedName:
    """``name`` in ``language`` (default: the active one) from
    ``translations``, else the Dutch ``name``. For rows read with
    ``values_list("name", "name_translations")``."""
    language = translated_language(language)
    if language is None:
        return LocalizedName(name)
    translated = (translations or {}).get(language)
    if translated:
        return LocalizedName(translated)
    return LocalizedName(name, SOURCE_LANGUAGE)


def localized_choices(rows: Iterable[tuple[str, str, dict]]) -> list[tuple[str, LocalizedName]]:
    """Form choices from rows read with ``values_list("slug", "name",
    "name_translations")`` (cached per content version): (slug, name in the
    active language), in the order of those names. The slug stays the Dutch
    one in every language (?thema=mantelzorg), so shared links keep working."""
    return by_display_name(
        [(slug, localized(name, translations)) for slug, name, translations in rows],
        name=itemgetter(1),
    )


class Taxon(models.Model):
    name = models.CharField("naam", max_length=NAME_MAX_LENGTH, unique=True)
    slug = models.SlugField(unique=True, blank=True)
    description = models.TextField("omschrijving", blank=True)
    # {"en": "Informal care", "ar": ...}; a missing language shows the Dutch name.
    name_translations = models.JSONField(
        _("naam in andere talen"),
        default=dict,
        blank=True,
        validators=[validate_name_translations],
    )

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if not self.slug:
            self.slug = slugify(self.name)

    def display_name(self, language: str | None = None) -> LocalizedName:
        """The name in ``language`` (default: the active one), else Dutch."""
        return localized(self.name, self.name_translations, language)

    @property
    def localized_name(self) -> LocalizedName:
        return self.display_name()


class Theme(Taxon):
    class Meta(Taxon.Meta):
        verbose_name = "thema"
        verbose_name_plural = "thema's"


class TargetGroup(Taxon):
    class Meta(Taxon.Meta):
        verbose_name = "doelgroep"
        verbose_name_plural = "doelgroepen"


class Skill(Taxon):
    class Meta(Taxon.Meta):
        verbose_name = "vaardigheid"
        verbose_name_plural = "vaardigheden"
