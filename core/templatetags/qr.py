"""``{% qr_code url %}``: a QR code as inline SVG (core/qr.py)."""

from __future__ import annotations

from django import template

from core.qr import qr_svg
from core.site_url import absolute_url

register = template.Library()


@register.simple_tag
def qr_code(url: str, label: str = ""):
    return qr_svg(url, label=label) if url else ""


@register.inclusion_tag("includes/print_qr.html")
def print_qr(path: str):
    """The page's QR code and address, shown only on paper (site.css,
    ``@media print``). ``path``: the page's (short) path on the base URL."""
    url = absolute_url(path) if path else ""
    return {"url": url, "text": url.split("://", 1)[-1]}
