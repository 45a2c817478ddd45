"""Numbers as the pages show them, in the interface's language (a decimal
comma in Dutch)."""

from django.utils.formats import get_format
from django.utils.translation import gettext


def format_km(km: float, *, coarse: bool = False) -> str:
    """``2,4 km`` (a Dutch decimal comma; the language's own separator in the
    others). ``coarse`` rounds to whole kilometres: what a volunteer sees of a
    help request, whose public point is itself on a ~500 m grid."""
    if coarse:
        if km < 1:
            return gettext("minder dan 1 km")
        return gettext("ca. %(km)s km") % {"km": round(km)}
    number = f"{km:.1f}".replace(".", get_format("DECIMAL_SEPARATOR"))
    return gettext("%(km)s km") % {"km": number}
