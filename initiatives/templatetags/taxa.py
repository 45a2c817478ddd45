"""Taxonomy names (themes, target groups, skills) on a page, rendered the
same way everywhere: in the interface's language when staff translated the
name, else the Dutch name marked ``lang="nl"`` (docs/languages.md)."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from ..models.taxonomy import NameList, by_display_name

register = template.Library()


def _name(value):
    """A taxon's ``localized_name``, or ``value`` itself (a ``LocalizedName``
    from a form choice or a facet, or any other label)."""
    return getattr(value, "localized_name", value)


def render_name(value, *, lower: bool = False) -> SafeString:
    name = _name(value)
    if isinstance(name, NameList):
        return render_names(name.names, lower=lower)
    lang = getattr(name, "lang", "")
    text = str(name)
    if lower:
        text = text.lower()
    if lang:
        return format_html('<span lang="{}">{}</span>', lang, text)
    return conditional_escape(text)


@register.simple_tag
def taxon_name(value, lower: bool = False) -> SafeString:
    """``{% taxon_name theme %}``: one name (a taxon or a ``LocalizedName``;
    a ``NameList`` name by name; other labels are escaped as they are).
    ``lower=True`` for a name inside a sentence ("Voor: ouderen")."""
    return render_name(value, lower=lower)


def render_names(values: Iterable, *, lower: bool = False, sep: str = ", ") -> SafeString:
    return mark_safe(  # noqa: S308 - the separator and every name are escaped
        conditional_escape(sep).join(render_name(value, lower=lower) for value in values)
    )


@register.simple_tag
def taxon_names(values: Iterable, lower: bool = False, sep: str = ", ") -> SafeString:
    """``{% taxon_names page.themes.all %}``: the names joined, each marked
    on its own (some may be translated and others not)."""
    return render_names(values, lower=lower, sep=sep)


@register.filter
def by_name(taxa: Iterable) -> list:
    """``{% for theme in page.themes.all|by_name %}``: in the order of the
    names the visitor reads (by_display_name: no query; Dutch pages as read)."""
    return by_display_name(taxa)
