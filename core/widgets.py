"""Widgets that render from plain data.

The search page's and the lists' forms have some 57 wijken in a select, plus
themes and gemeenten (and, on the search page, target groups, days and types
as checkboxes). Django renders every option and every checkbox through its
own template, ~60 ms of Python per page on the 2-core machine; these build
the same HTML with ``format_html`` (and the checkboxes in
search/includes/plain_choices.html) instead (docs/benchmarks.md).
"""

from __future__ import annotations

from django import forms
from django.forms.renderers import DjangoTemplates
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


class PlainSelect(forms.Select):
    """A single select whose options (and option groups) are built in one
    pass from ``choices``: the HTML of ``forms.Select`` without a template
    render per option."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        chosen = set(self.format_value(value))
        parts = [format_html('<select name="{}"{}>', name, flatatt(final))]
        for group, options in self.choices:
            if isinstance(options, (list, tuple)):
                parts.append(format_html('<optgroup label="{}">', group))
                parts.append(self._options(options, chosen))
                parts.append(mark_safe("</optgroup>"))
            else:
                parts.append(self._options([(group, options)], chosen))
        parts.append(mark_safe("</select>"))
        return mark_safe("".join(parts))

    @staticmethod
    def _options(options, chosen: set[str]) -> SafeString:
        # A label in another language than the page's (a theme's Dutch name
        # on an English page: initiatives.models.taxonomy.LocalizedName) says so.
        return format_html_join(
            "",
            '<option value="{}"{}{}>{}</option>',
            (
                (
                    v,
                    " selected" if str(v) in chosen else "",
                    format_html(' lang="{}"', lang) if (lang := getattr(label, "lang", "")) else "",
                    label,
                )
                for v, label in options
            ),
        )


WIDGETS = "django/forms/widgets/"
# Templates that are ``input.html`` alone (one include of it, or it).
_INPUTS = frozenset(
    f"{WIDGETS}{name}.html"
    for name in (
        *("input", "text", "number", "date", "email", "hidden", "checkbox", "search"),
        *("url", "tel", "password", "time", "datetime"),
    )
)
_SELECT = f"{WIDGETS}select.html"
_OPTION = f"{WIDGETS}select_option.html"


def template_attrs(attrs: dict) -> SafeString:
    """``django/forms/widgets/attrs.html`` in one pass: the same order and
    escaping (``True`` as a bare name, ``False`` left out)."""
    return mark_safe(
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )


def _input(widget: dict) -> SafeString:
    value = widget["value"]
    return format_html(
        '<input type="{}" name="{}"{}{}>',
        widget["type"],
        widget["name"],
        format_html(' value="{}"', value) if value is not None else "",
        template_attrs(widget["attrs"]),
    )


def _option(option: dict) -> SafeString:
    return format_html(
        '<option value="{}"{}>{}</option>\n',  # the template's own newline
        option["value"],
        template_attrs(option["attrs"]),
        option["label"],
    )


def _select(widget: dict) -> str | None:
    parts = [format_html('<select name="{}"{}>', widget["name"], template_attrs(widget["attrs"]))]
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(format_html('\n  <optgroup label="{}">', group_name))
        for option in options:
            if option["template_name"] != _OPTION:
                return None
            parts.append("\n  " + _option(option))
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class PlainRenderer(DjangoTemplates):
    """Django's form renderer, except that plain inputs and selects are
    written out directly instead of through a template per widget and per
    option (~1 ms each on the 2-core machine; a page's form has ten or more).
    The HTML is Django's, byte for byte (tests/test_widgets.py); every other
    template is rendered as before."""

    def render(self, template_name, context, request=None):
        if template_name in _INPUTS:
            return _input(context["widget"])
        if template_name == _SELECT:
            html = _select(context["widget"])
            if html is not None:
                return html
        return super().render(template_name, context, request=request)
