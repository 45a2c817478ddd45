"""``{% qr_code url %}``: a QR code as inline SVG (core/qr.py)."""

from __future__ import annotations

from django import template

from core.qr import qr_svg

register = template.Library()


@register.simple_tag
def qr_code(url: str, label: str = ""):
    return qr_svg(url, label=label) if url else ""
