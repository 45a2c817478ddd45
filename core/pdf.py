"""HTML to PDF with WeasyPrint, offline (docs/print.md).

The HTML is our own template, but what it names is fetched by WeasyPrint:
``StaticOnlyFetcher`` serves the site's own static files from disk and
refuses everything else (other hosts, ``file:``, ``data:``, even our own
pages), so making a PDF never waits on the network, never reads a file
outside the static files and never asks our own server for a page as the
visitor. Fonts are the system's (fontconfig): no web fonts are fetched.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation

from .site_url import absolute_url

logger = logging.getLogger(__name__)


class PdfUnavailable(RuntimeError):
    """WeasyPrint or its system libraries are not installed."""


def static_file(url: str) -> Path | None:
    """The file on disk behind one of our static URLs (absolute on the base
    URL, as the print template writes them), or None for anything else."""
    static_url = settings.STATIC_URL
    prefix = static_url if "://" in static_url else absolute_url(static_url)
    parts = urlsplit(url)
    if parts.query or parts.fragment or not url.startswith(prefix):
        return None
    name = unquote(url[len(prefix) :])
    if not name or ".." in Path(name).parts:
        return None
    try:
        if settings.STATIC_ROOT and staticfiles_storage.exists(name):
            path = Path(staticfiles_storage.path(name))  # collected (hashed) names
        else:
            found = finders.find(name)
            path = Path(found) if isinstance(found, str) else None
    except (SuspiciousFileOperation, NotImplementedError, ValueError):
        return None
    return path if path is not None and path.is_file() else None


class StaticOnlyFetcher:
    """Serves our static files, refuses every other URL (WeasyPrint then
    leaves the resource out and logs it). ``refused`` lists what was asked.
    WeasyPrint calls it as its ``URLFetcher`` (a callable returning a
    ``URLFetcherResponse``; an exception means "not there")."""

    # WeasyPrint reads this: a refusal leaves the resource out, it does not
    # stop the PDF.
    _fail_on_errors = False

    def __init__(self) -> None:
        self.refused: list[str] = []

    def __call__(self, url: str, headers=None):
        return self.fetch(url, headers)

    def fetch(self, url: str, headers=None):
        from weasyprint.urls import URLFetcherResponse  # loaded with WeasyPrint

        path = static_file(url)
        if path is None:
            self.refused.append(url)
            logger.info("PDF: refused to fetch %s", url[:200])
            raise ValueError(f"Only the site's static files are fetched: {url[:200]}")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": mime})


def html_to_pdf(html: str, *, fetcher: StaticOnlyFetcher | None = None) -> bytes:
    """``html`` (links on the base URL) as a PDF. Raises PdfUnavailable
    without WeasyPrint or its system libraries."""
    # Imported here: WeasyPrint loads Pango and takes a second to import,
    # which every process would pay at start-up for the few that make PDFs.
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as missing:
        raise PdfUnavailable(str(missing)) from missing
    document = HTML(
        string=html, base_url=absolute_url("/"), url_fetcher=fetcher or StaticOnlyFetcher()
    )
    return document.write_pdf()
