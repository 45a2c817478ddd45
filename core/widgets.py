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
        return format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((v, " selected" if str(v) in chosen else "", label) for v, label in options),
        )
