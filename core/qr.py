"""QR codes as inline SVG (the ``qrcode`` package, drawn on the server): for
the printed agenda and the printed detail pages (docs/print.md). Nothing is
fetched; the SVG is a single path, so it prints sharp at any size."""

from __future__ import annotations

import re
from functools import lru_cache

import qrcode
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from qrcode.image.svg import SvgPathImage

# The SVG's own size (mm) is replaced by the stylesheet's.
_SIZE = re.compile(r'\s(width|height)="[^"]*"')


def qr_svg(url: str, *, label: str = "") -> SafeString:
    """``url`` as a QR code: an ``<svg>`` without a fixed size, labelled for
    screen readers (by default in the interface's language). Medium error
    correction: a sheet on a notice board gets pinned, folded and scribbled on."""
    text = escape(str(label) or gettext("QR-code naar %(url)s") % {"url": url})
    return mark_safe(  # noqa: S308 - our own SVG; the label is escaped
        _drawing(url).replace("<svg ", f'<svg role="img" aria-label="{text}" class="qr__code" ', 1)
    )


@lru_cache(maxsize=512)
def _drawing(url: str) -> str:
    """The SVG, kept per address; the label (in the visitor's language) is
    added per call."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    code.add_data(url)
    svg = code.make_image(image_factory=SvgPathImage).to_string(encoding="unicode")
    svg = _SIZE.sub("", svg.split("?>", 1)[-1].strip(), count=2)
    # Several codes can share a page: no ids.
    return svg.replace(' id="qr-path"', "")
