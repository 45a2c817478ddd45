"""Template helpers for the public pages: labels for choice arrays, map points,
links to a listing's initiative and accessible form fields."""

from django import template
from django.forms import BoundField
from wagtail.models import Page

from ..choices import Accessibility, Facility, PartOfDay, Weekday
from ..languages import LANGUAGES, Language

register = template.Library()

CHOICES: dict[str, type] = {
    "accessibility": Accessibility,
    "facility": Facility,
    "part_of_day": PartOfDay,
    "weekday": Weekday,
}


@register.filter
def labels(values, kind: str) -> list[str]:
    """``page.accessibility|labels:"accessibility"`` -> ['rolstoeltoegankelijk', ...]."""
    names = dict(CHOICES[kind].choices)
    return [str(names.get(value, value)) for value in values or ()]


@register.simple_tag
def language_list() -> tuple[Language, ...]:
    """The languages a listing can say are spoken (initiatives.languages)."""
    return LANGUAGES


@register.filter
def verbose_name(page) -> str:
    return str(type(page)._meta.verbose_name)


@register.filter
def next_occurrence(activity):
    """The next (or current) occurrence of an activity, or None."""
    found = activity.next_occurrences(count=1)
    return found[0] if found else None


@register.filter
def page_range(page_obj):
    """Page numbers around the current one, with '…' for the gaps."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)


@register.simple_tag(takes_context=True)
def initiative_url(context, item) -> str:
    """The initiative's URL from the ``initiative_url_path`` annotation that
    ``with_initiative()`` adds, without loading the parent page."""
    url_path = getattr(item, "initiative_url_path", None)
    if not url_path:
        return ""
    for root in item._get_site_root_paths(context.get("request")):
        if url_path.startswith(root.root_path):
            return "/" + url_path[len(root.root_path) :]
    return ""


@register.simple_tag(takes_context=True)
def map_points(context, items, with_links=True) -> list[dict]:
    """Markers for ``data-map``: one page or an iterable of pages. Listings
    done from home have no place to show."""
    if isinstance(items, Page):
        items = [items]
    request = context.get("request")
    points = []
    for item in items or ():
        location = getattr(item, "location", None)
        if (
            location is None
            or getattr(item, "from_home", False)
            or not getattr(item, "place_is_public", True)
        ):
            continue
        points.append(
            {
                "lat": round(location.y, 6),
                "lon": round(location.x, 6),
                "title": item.title,
                "url": item.get_url(request) if with_links else "",
                "address": getattr(item, "address_line", ""),
            }
        )
    return points


@register.simple_tag
def field_input(field: BoundField, extra_class: str = ""):
    """The field's widget with its help text and errors tied to it by
    ``aria-describedby`` (ids made by includes/form_field.html)."""
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_hulp")
    if field.errors:
        described.append(f"{field.auto_id}_fout")
    attrs = {}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.errors:
        attrs["aria-invalid"] = "true"
    classes = [nlds_input_class(field, invalid=bool(field.errors))]
    if extra_class:
        classes.append(extra_class)
    attrs["class"] = " ".join(c for c in classes if c)
    return field.as_widget(attrs=attrs)


# NL Design System's form control per kind of widget (@utrecht/component-library-css).
NLDS_CONTROLS = {
    "select": "utrecht-select utrecht-select--html-select",
    "selectmultiple": "utrecht-select utrecht-select--html-select",
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input",
    "radio": "utrecht-radio-button utrecht-radio-button--html-input",
}
TEXT_INPUTS = {"text", "email", "password", "number", "tel", "url", "search", "date", "time"}


def nlds_input_class(field: BoundField, *, invalid: bool = False) -> str:
    """The NLDS classes for a field's widget ('' for widgets with their own
    markup, such as checkbox lists)."""
    widget = field.field.widget
    kind = getattr(widget, "input_type", None) or type(widget).__name__.lower()
    if kind in TEXT_INPUTS:
        return "utrecht-textbox utrecht-textbox--html-input" + (
            " utrecht-textbox--invalid" if invalid else ""
        )
    if getattr(widget, "allow_multiple_selected", False) and kind != "selectmultiple":
        return ""  # checkbox lists: their inputs are styled as .choice
    css = NLDS_CONTROLS.get(kind, "")
    if invalid and kind in ("select", "textarea"):
        css += f" utrecht-{kind}--invalid"
    return css


@register.simple_tag(takes_context=True)
def page_meta(context, page) -> str:
    """Open Graph tags and schema.org JSON-LD for a listing's detail page."""
    import json

    from django.utils.html import format_html, format_html_join
    from django.utils.safestring import mark_safe

    from ..structured_data import json_ld, open_graph

    request = context.get("request")
    tags = format_html_join(
        "\n", '<meta property="{}" content="{}">', open_graph(page, request).items()
    )
    # The detail page's context has the initiative (InitiativeChild.get_context).
    data = json_ld(page, request, context.get("initiative"))
    if data is None:
        return tags
    # json.dumps does not escape '<', '>' and '&': a title with '</script>'
    # must not end the script element early.
    body = (
        json.dumps(data, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
    script = format_html('<script type="application/ld+json">{}</script>', mark_safe(body))  # noqa: S308
    return format_html("{}\n{}", tags, script)
