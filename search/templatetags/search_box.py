"""``{% search_box %}``: the search page's box wherever a page offers a search
(the home page), so every search form has the same fields and goes to the
same place, where ``SearchForm`` checks it."""

from django import template

from ..forms import SearchBoxForm

register = template.Library()


@register.inclusion_tag("search/includes/search_box.html")
def search_box(form=None, id_prefix: str = "", waar: str | None = ""):
    """``form``: the search page's bound form (its values and errors); else
    an empty box (with ``waar`` filled in, if known), its ids prefixed so
    they stay unique on the page."""
    if form is None:
        form = SearchBoxForm(
            auto_id=f"{id_prefix}%s" if id_prefix else "id_%s", initial={"waar": waar or ""}
        )
    return {"form": form}
